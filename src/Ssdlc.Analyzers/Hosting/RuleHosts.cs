using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ssdlc.Analyzers.Hosting
{
    // The analyzers the compiler loads: every rule runs in one of them, grouped by how it treats generated code (an analyzer
    // has one setting for that). A test checks that every rule analyzer of the assembly is hosted exactly once.

    /// <summary>The rules that skip generated code.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SsdlcAnalyzer : RuleHost
    {
        public SsdlcAnalyzer()
            : base(
                GeneratedCodeAnalysisFlags.None,
                new Sessions.AntiforgeryValidationAnalyzer(),
                new Cryptography.CertificateValidationAnalyzer(),
                new Transport.CleartextTransportAnalyzer(),
                new Files.ClientFileNameInStoragePathAnalyzer(),
                new Injection.CodeEvaluationAnalyzer(),
                new Injection.CommandInjectionAnalyzer(),
                new Files.ContentDispositionAnalyzer(),
                new Sessions.CookieSecurityAnalyzer(),
                new Cryptography.DeprecatedTlsAnalyzer(),
                new Cryptography.EcbModeAnalyzer(),
                new Errors.ErrorDetailsExposedAnalyzer(),
                new Errors.ExceptionDetailsInResponseAnalyzer(),
                new Injection.FilterExpressionInjectionAnalyzer(),
                new Cryptography.HardcodedKeyAnalyzer(),
                new Secrets.HardcodedSecretAnalyzer(),
                new Input.InsecureDeserializerAnalyzer(),
                new Cryptography.InsecureRandomAnalyzer(),
                new Api.JwtValidationAnalyzer(),
                new Injection.LdapInjectionAnalyzer(),
                new Authentication.LockoutDisabledAnalyzer(),
                new Authorization.MissingAuthorizationAnalyzer(),
                new Input.ModelValidationSuppressedAnalyzer(),
                new Api.OAuthFlowAnalyzer(),
                new Input.OpenRedirectAnalyzer(),
                new Input.PathTraversalAnalyzer(),
                new Api.PermissiveCorsAnalyzer(),
                new Input.RegexDenialOfServiceAnalyzer(),
                new Cryptography.RsaPkcs1EncryptionAnalyzer(),
                new Passwords.SecretInUrlAnalyzer(),
                new Errors.SensitiveDataLoggedAnalyzer(),
                new Input.ServerSideRequestForgeryAnalyzer(),
                new Sessions.SessionTimeoutAnalyzer(),
                new Cryptography.ShortTokenAnalyzer(),
                new Injection.SqlInjectionAnalyzer(),
                new Sessions.StateChangeOnGetAnalyzer(),
                new Input.UncheckedModelStateAnalyzer(),
                new Meta.UnjustifiedSuppressionAnalyzer(),
                new Api.UnvalidatedJwtReadAnalyzer(),
                new Files.UploadLimitAnalyzer(),
                new Cryptography.WeakAsymmetricKeyAnalyzer(),
                new Cryptography.WeakHashAlgorithmAnalyzer(),
                new Headers.WeakHeaderValueAnalyzer(),
                new Passwords.WeakPasswordHashingAnalyzer(),
                new Passwords.WeakPasswordPolicyAnalyzer(),
                new Cryptography.WeakSymmetricCipherAnalyzer(),
                new Cryptography.WeakTokenSigningAnalyzer(),
                new Api.WebSocketOriginAnalyzer(),
                new Injection.XPathInjectionAnalyzer(),
                new Input.XmlExternalEntityAnalyzer())
        {
        }
    }

    /// <summary>
    /// The rules that read generated code for facts (the host's pipeline, written by a source generator or a template) but
    /// report only in code the user wrote.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SsdlcGeneratedCodeAnalyzer : RuleHost
    {
        public SsdlcGeneratedCodeAnalyzer()
            : base(
                GeneratedCodeAnalysisFlags.Analyze,
                new Headers.HstsPolicyAnalyzer(),
                new Headers.HttpsEnforcementAnalyzer(),
                new Headers.SecurityHeadersMissingAnalyzer())
        {
        }
    }

    /// <summary>The rules that also report in generated code (Razor views and pages compile to generated C#).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SsdlcGeneratedCodeReportingAnalyzer : RuleHost
    {
        public SsdlcGeneratedCodeReportingAnalyzer()
            : base(
                GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics,
                new Injection.CrossSiteScriptingAnalyzer(),
                new ClientSide.JavaScriptEvalAnalyzer(),
                new Authentication.LoginFailureMessageAnalyzer(),
                new ClientSide.TokenInLocalStorageAnalyzer())
        {
        }
    }
}

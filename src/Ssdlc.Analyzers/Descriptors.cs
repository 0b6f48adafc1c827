using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Analyzers
{
    /// <summary>All diagnostic descriptors, built from <see cref="RuleCatalog"/>.</summary>
    internal static class Descriptors
    {
        public static readonly DiagnosticDescriptor UnjustifiedSuppression = Create(RuleIds.UnjustifiedSuppression);
        public static readonly DiagnosticDescriptor XmlExternalEntities = Create(RuleIds.XmlExternalEntities);
        public static readonly DiagnosticDescriptor InsecureDeserializer = Create(RuleIds.InsecureDeserializer);
        public static readonly DiagnosticDescriptor PathTraversal = Create(RuleIds.PathTraversal);
        public static readonly DiagnosticDescriptor OpenRedirect = Create(RuleIds.OpenRedirect);
        public static readonly DiagnosticDescriptor RegexDenialOfService = Create(RuleIds.RegexDenialOfService);
        public static readonly DiagnosticDescriptor ModelValidationSuppressed = Create(RuleIds.ModelValidationSuppressed);
        public static readonly DiagnosticDescriptor ClientFileNameInStoragePath = Create(RuleIds.ClientFileNameInStoragePath);
        public static readonly DiagnosticDescriptor ContentDispositionByConcatenation = Create(RuleIds.ContentDispositionByConcatenation);
        public static readonly DiagnosticDescriptor SqlInjection = Create(RuleIds.SqlInjection);
        public static readonly DiagnosticDescriptor WeakHash = Create(RuleIds.WeakHash);
        public static readonly DiagnosticDescriptor WeakSymmetricCipher = Create(RuleIds.WeakSymmetricCipher);
        public static readonly DiagnosticDescriptor EcbMode = Create(RuleIds.EcbMode);
        public static readonly DiagnosticDescriptor WeakAsymmetricKey = Create(RuleIds.WeakAsymmetricKey);
        public static readonly DiagnosticDescriptor DeprecatedTls = Create(RuleIds.DeprecatedTls);
        public static readonly DiagnosticDescriptor RsaPkcs1Encryption = Create(RuleIds.RsaPkcs1Encryption);
        public static readonly DiagnosticDescriptor LdapInjection = Create(RuleIds.LdapInjection);
        public static readonly DiagnosticDescriptor CommandInjection = Create(RuleIds.CommandInjection);
        public static readonly DiagnosticDescriptor XPathInjection = Create(RuleIds.XPathInjection);
        public static readonly DiagnosticDescriptor CrossSiteScripting = Create(RuleIds.CrossSiteScripting);
        public static readonly DiagnosticDescriptor CodeEvaluation = Create(RuleIds.CodeEvaluation);
        public static readonly DiagnosticDescriptor FilterExpressionInjection = Create(RuleIds.FilterExpressionInjection);
        public static readonly DiagnosticDescriptor ServerSideRequestForgery = Create(RuleIds.ServerSideRequestForgery);
        public static readonly DiagnosticDescriptor UploadLimitRemoved = Create(RuleIds.UploadLimitRemoved);
        public static readonly DiagnosticDescriptor HardcodedKey = Create(RuleIds.HardcodedKey);
        public static readonly DiagnosticDescriptor HardcodedKeyDefinedElsewhere = CreateCompilationEnd(RuleIds.HardcodedKey);
        public static readonly DiagnosticDescriptor CertificateValidationDisabled = Create(RuleIds.CertificateValidationDisabled);
        public static readonly DiagnosticDescriptor InsecureRandom = Create(RuleIds.InsecureRandom);
        public static readonly DiagnosticDescriptor ShortToken = Create(RuleIds.ShortToken);
        public static readonly DiagnosticDescriptor CleartextTransport = Create(RuleIds.CleartextTransport);
        public static readonly DiagnosticDescriptor CleartextTransportDefinedElsewhere = CreateCompilationEnd(RuleIds.CleartextTransport);
        public static readonly DiagnosticDescriptor WeakTokenSigning = Create(RuleIds.WeakTokenSigning);
        public static readonly DiagnosticDescriptor HardcodedSecret = Create(RuleIds.HardcodedSecret);
        public static readonly DiagnosticDescriptor ErrorDetailsExposed = Create(RuleIds.ErrorDetailsExposed);
        public static readonly DiagnosticDescriptor CookieWithoutSecure = Create(RuleIds.CookieWithoutSecure);
        public static readonly DiagnosticDescriptor CookieWithoutHttpOnly = Create(RuleIds.CookieWithoutHttpOnly);
        public static readonly DiagnosticDescriptor CookieSameSiteNone = Create(RuleIds.CookieSameSiteNone);
        public static readonly DiagnosticDescriptor ExceptionDetailsInResponse = Create(RuleIds.ExceptionDetailsInResponse);
        public static readonly DiagnosticDescriptor SensitiveDataLogged = Create(RuleIds.SensitiveDataLogged);
        public static readonly DiagnosticDescriptor WeakPasswordPolicy = Create(RuleIds.WeakPasswordPolicy);
        public static readonly DiagnosticDescriptor WeakPasswordHashing = Create(RuleIds.WeakPasswordHashing);
        public static readonly DiagnosticDescriptor SecretInUrl = Create(RuleIds.SecretInUrl);
        public static readonly DiagnosticDescriptor LockoutDisabled = Create(RuleIds.LockoutDisabled);
        public static readonly DiagnosticDescriptor SessionTimeoutTooLong = Create(RuleIds.SessionTimeoutTooLong);
        public static readonly DiagnosticDescriptor StateChangeOnGet = Create(RuleIds.StateChangeOnGet);
        public static readonly DiagnosticDescriptor JavaScriptEval = Create(RuleIds.JavaScriptEval);
        public static readonly DiagnosticDescriptor TokenInLocalStorage = Create(RuleIds.TokenInLocalStorage);
        public static readonly DiagnosticDescriptor WeakHeaderValue = Create(RuleIds.WeakHeaderValue);
        public static readonly DiagnosticDescriptor LoginFailureMessageRevealsAccount = Create(RuleIds.LoginFailureMessageRevealsAccount);
        public static readonly DiagnosticDescriptor HttpsNotEnforced = CreateCompilationEnd(RuleIds.HttpsNotEnforced);
        public static readonly DiagnosticDescriptor WeakHsts = CreateCompilationEnd(RuleIds.WeakHsts);
        public static readonly DiagnosticDescriptor SecurityHeadersMissing = CreateCompilationEnd(RuleIds.SecurityHeadersMissing);
        public static readonly DiagnosticDescriptor JwtValidationWeakened = Create(RuleIds.JwtValidationWeakened);
        public static readonly DiagnosticDescriptor PermissiveCors = Create(RuleIds.PermissiveCors);
        public static readonly DiagnosticDescriptor OAuthFlowWeakened = Create(RuleIds.OAuthFlowWeakened);
        public static readonly DiagnosticDescriptor WebSocketOriginNotChecked = CreateCompilationEnd(RuleIds.WebSocketOriginNotChecked);
        public static readonly DiagnosticDescriptor MissingAntiforgeryValidation = CreateCompilationEnd(RuleIds.MissingAntiforgeryValidation);
        public static readonly DiagnosticDescriptor MissingAuthorization = CreateCompilationEnd(RuleIds.MissingAuthorization);
        public static readonly DiagnosticDescriptor UnvalidatedJwtRead = Create(RuleIds.UnvalidatedJwtRead);
        public static readonly DiagnosticDescriptor UncheckedModelState = CreateCompilationEnd(RuleIds.UncheckedModelState);

        /// <summary>
        /// The default severity is the Standard risk class's verdict (High and Critical fail the build);
        /// the Ssdlc.Sdk package's per-risk-class global config raises Medium to error at High and above.
        /// </summary>
        public static DiagnosticSeverity DefaultSeverity(RuleInfo rule)
            => RiskClasses.Fails(rule.Criticality, RiskClass.Standard) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;

        private static DiagnosticDescriptor Create(string id) => Create(id, compilationEnd: false);

        /// <summary>
        /// For a rule reported from a compilation end action (it needs the whole program): the descriptor carries the
        /// <see cref="WellKnownDiagnosticTags.CompilationEnd"/> tag, which Roslyn requires for such diagnostics; the IDE
        /// shows them with full-solution analysis and the build always does, but not live while typing.
        /// </summary>
        /// <remarks>
        /// A rule that reports most findings live and some at the end (<see cref="Analysis.DefinitionSiteReports"/>) has
        /// both: the same ID, one descriptor with the tag and one without.
        /// </remarks>
        internal static DiagnosticDescriptor CreateCompilationEnd(string id) => Create(id, compilationEnd: true);

        private static DiagnosticDescriptor Create(string id, bool compilationEnd)
        {
            RuleInfo rule = RuleCatalog.Get(id);
            var tags = new List<string> { "Security", "control:" + rule.Control };
            if (!string.IsNullOrEmpty(rule.Cwe))
            {
                tags.Add(rule.Cwe);
            }

            tags.Add("criticality:" + rule.Criticality);
            if (compilationEnd)
            {
                tags.Add(WellKnownDiagnosticTags.CompilationEnd);
            }

            return new DiagnosticDescriptor(
                rule.Id,
                rule.Title,
                rule.MessageFormat,
                RuleCatalog.Category,
                DefaultSeverity(rule),
                isEnabledByDefault: true,
                description: rule.Description,
                helpLinkUri: HelpLinks.For(rule),
                customTags: tags.ToArray());
        }
    }
}

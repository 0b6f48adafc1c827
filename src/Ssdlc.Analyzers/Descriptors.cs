using System.Linq;
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
        public static readonly DiagnosticDescriptor UploadLimitRemoved = Create(RuleIds.UploadLimitRemoved);
        public static readonly DiagnosticDescriptor HardcodedKey = Create(RuleIds.HardcodedKey);
        public static readonly DiagnosticDescriptor CertificateValidationDisabled = Create(RuleIds.CertificateValidationDisabled);
        public static readonly DiagnosticDescriptor InsecureRandom = Create(RuleIds.InsecureRandom);
        public static readonly DiagnosticDescriptor ShortToken = Create(RuleIds.ShortToken);
        public static readonly DiagnosticDescriptor CleartextTransport = Create(RuleIds.CleartextTransport);
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
        public static readonly DiagnosticDescriptor MissingAntiforgeryValidation = Create(RuleIds.MissingAntiforgeryValidation, compilationEnd: true);
        public static readonly DiagnosticDescriptor MissingAuthorization = Create(RuleIds.MissingAuthorization, compilationEnd: true);

        /// <summary>
        /// The default severity is the Standard risk class's verdict (High and Critical fail the build);
        /// the Ssdlc.Sdk package's per-risk-class global config raises Medium to error at High and above.
        /// </summary>
        public static DiagnosticSeverity DefaultSeverity(RuleInfo rule)
            => RiskClasses.Fails(rule.Criticality, RiskClass.Standard) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;

        /// <param name="id">The rule's ID in the catalog.</param>
        /// <param name="compilationEnd">
        /// True for rules reported from a compilation-end action (application-wide facts): the descriptor then carries
        /// <see cref="WellKnownDiagnosticTags.CompilationEnd"/>, which Roslyn requires for such diagnostics (the IDE shows
        /// them with full solution analysis only).
        /// </param>
        private static DiagnosticDescriptor Create(string id, bool compilationEnd = false)
        {
            RuleInfo rule = RuleCatalog.Get(id);
            var tags = string.IsNullOrEmpty(rule.Cwe)
                ? new[] { "Security", "control:" + rule.Control, "criticality:" + rule.Criticality }
                : new[] { "Security", "control:" + rule.Control, rule.Cwe, "criticality:" + rule.Criticality };
            if (compilationEnd)
            {
                tags = tags.Concat(new[] { WellKnownDiagnosticTags.CompilationEnd }).ToArray();
            }

            return new DiagnosticDescriptor(
                rule.Id,
                rule.Title,
                rule.MessageFormat,
                RuleCatalog.Category,
                DefaultSeverity(rule),
                isEnabledByDefault: true,
                description: rule.Description,
                helpLinkUri: rule.HelpLink,
                customTags: tags);
        }
    }
}

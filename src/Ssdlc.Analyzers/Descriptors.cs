using Microsoft.CodeAnalysis;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Analyzers
{
    /// <summary>All diagnostic descriptors, built from <see cref="RuleCatalog"/>.</summary>
    internal static class Descriptors
    {
        public static readonly DiagnosticDescriptor UnjustifiedSuppression = Create(RuleIds.UnjustifiedSuppression);
        public static readonly DiagnosticDescriptor SqlInjection = Create(RuleIds.SqlInjection);
        public static readonly DiagnosticDescriptor WeakHash = Create(RuleIds.WeakHash);
        public static readonly DiagnosticDescriptor HardcodedSecret = Create(RuleIds.HardcodedSecret);

        /// <summary>
        /// The default severity is the Standard risk class's verdict (High and Critical fail the build);
        /// the Ssdlc.Sdk package's per-risk-class global config raises Medium to error at High and above.
        /// </summary>
        public static DiagnosticSeverity DefaultSeverity(RuleInfo rule)
            => RiskClasses.Fails(rule.Criticality, RiskClass.Standard) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;

        private static DiagnosticDescriptor Create(string id)
        {
            RuleInfo rule = RuleCatalog.Get(id);
            var tags = string.IsNullOrEmpty(rule.Cwe)
                ? new[] { "Security", "control:" + rule.Control, "criticality:" + rule.Criticality }
                : new[] { "Security", "control:" + rule.Control, rule.Cwe, "criticality:" + rule.Criticality };
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

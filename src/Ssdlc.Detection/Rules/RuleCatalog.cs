using System;
using System.Collections.Generic;
using System.Linq;

namespace Ssdlc.Detection.Rules
{
    /// <summary>
    /// The single source of rule metadata. Analyzer descriptors, build-check findings, the per-risk-class
    /// severity presets, the README rule table and the docs tests are all derived from this list.
    /// </summary>
    internal static class RuleCatalog
    {
        public const string HelpLinkBase = "https://github.com/ssdlc-dotnet/ssdlc/blob/main/docs/rules/";

        public const string Category = "Security";

        public static readonly IReadOnlyList<RuleInfo> All = new[]
        {
            new RuleInfo(
                RuleIds.UnjustifiedSuppression,
                "Security finding suppressed without a justification",
                "{0} suppresses security rule {1} without a justification; say why the finding does not apply (a comment after the pragma, or a real Justification)",
                "A security finding may only be suppressed when the reason is written down next to the suppression, so that a reviewer and an auditor can check it.",
                "A.3.2",
                "",
                Criticality.Medium,
                RuleKind.Analyzer,
                "Meta"),
            new RuleInfo(
                RuleIds.InvalidConfiguration,
                "Ssdlc configuration or build input is invalid",
                "{0}",
                "An Ssdlc setting has a value the tool does not understand, or an input the checks read (restore result, project file) cannot be read. The checks cannot vouch for the build until it is fixed.",
                "A.3.2",
                "",
                Criticality.High,
                RuleKind.BuildCheck,
                "Meta"),
            new RuleInfo(
                RuleIds.InvalidAcceptedRisk,
                "Accepted risk without justification or past its expiry date",
                "{0}",
                "An exception to a rule must say why the risk is accepted and until when; an expired exception no longer applies.",
                "A.3.2",
                "",
                Criticality.High,
                RuleKind.BuildCheck,
                "Meta"),
            new RuleInfo(
                RuleIds.SqlInjection,
                "SQL command text is not constant",
                "SQL text passed to {0} is built from non-constant values; use a constant command with parameters{1}",
                "SQL assembled from variables lets an attacker change the statement (SQL injection). Keep the SQL text constant and pass values as parameters, or use EF Core's interpolated FromSql/ExecuteSql, which parameterise the holes.",
                "B.4.1, B.4.2",
                "CWE-89",
                Criticality.Critical,
                RuleKind.Analyzer,
                "B.4 Injection"),
            new RuleInfo(
                RuleIds.WeakHash,
                "Broken or weak hash algorithm",
                "{0} uses the broken hash algorithm {1}; use SHA-256 or stronger",
                "MD5 and SHA-1 are broken for collision resistance and must not be used for signatures, integrity or any other security purpose.",
                "B.10.1",
                "CWE-328",
                Criticality.High,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
            new RuleInfo(
                RuleIds.HardcodedSecret,
                "Secret in source code",
                "Secret in source code: {0} ({1}, fingerprint {2}); load it from configuration, the environment or a secret store instead",
                "Credentials written into source code end up in every clone, build log and package of the repository and cannot be rotated without a release. Known credential formats (private keys, cloud and SaaS tokens, connection strings with a password) and values assigned to members named like a secret are reported; the message shows only a masked prefix and a fingerprint.",
                "B.11.1",
                "CWE-798",
                Criticality.High,
                RuleKind.Analyzer,
                "B.11 Secrets"),
            new RuleInfo(
                RuleIds.UnpinnedDependency,
                "Dependency version is not pinned",
                "{0}",
                "Floating and open-ended versions let a restore pick a different package than the one that was reviewed and tested. Declare exact versions; at risk class High and above keep a lock file with content hashes and restore in locked mode in CI.",
                "A.2.6.6",
                "CWE-1357",
                Criticality.Medium,
                RuleKind.BuildCheck,
                "A.2.6 Dependencies"),
        };

        private static readonly Dictionary<string, RuleInfo> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

        public static RuleInfo Get(string id) => ById[id];

        public static bool TryGet(string id, out RuleInfo? rule) => ById.TryGetValue(id, out rule);
    }
}

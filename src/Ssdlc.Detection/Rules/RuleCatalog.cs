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
                RuleIds.UnpinnedDependency,
                "Dependency version is not pinned",
                "{0}",
                "Floating and open-ended versions let a restore pick a different package than the one that was reviewed and tested. Declare exact versions; at risk class High and above keep a lock file with content hashes and restore in locked mode in CI.",
                "A.2.6.6",
                "CWE-1357",
                Criticality.Medium,
                RuleKind.BuildCheck,
                "A.2.6 Dependencies"),
            new RuleInfo(
                RuleIds.LdapInjection,
                "LDAP filter or distinguished name is not constant",
                "LDAP {0} passed to {1} is built from non-constant values without LDAP encoding; escape each value for its place (RFC 4515 for filters, RFC 4514 for DNs) or use constants",
                "An LDAP search filter or distinguished name assembled from variables lets an attacker widen the search or address other directory objects (LDAP injection). Escape every non-constant part for the filter or DN syntax before building the string.",
                "B.4.3",
                "CWE-90",
                Criticality.High,
                RuleKind.Analyzer,
                "B.4 Injection"),
            new RuleInfo(
                RuleIds.CommandInjection,
                "Process started with a non-constant program or command line",
                "{0} passed to {1} is built from non-constant values{2}; start a constant program and pass each value as its own ProcessStartInfo.ArgumentList item",
                "A program name or a single argument string assembled from variables lets an attacker run other programs or inject extra arguments; through a shell (cmd /c, sh -c) the value is executed as a command line (OS command injection). Start a constant program and pass values as separate ArgumentList items, which are never re-parsed by a shell.",
                "B.4.3",
                "CWE-78",
                Criticality.Critical,
                RuleKind.Analyzer,
                "B.4 Injection"),
            new RuleInfo(
                RuleIds.XPathInjection,
                "XPath expression is not constant",
                "XPath expression passed to {0} is built from non-constant values; use a constant expression and bind values as XPath variables (XsltContext/XsltArgumentList), or check the value against an allow-list",
                "An XPath expression assembled from variables lets an attacker change the query and read other parts of the document (XPath injection). Keep the expression constant and supply values as variables.",
                "B.4.3",
                "CWE-643",
                Criticality.High,
                RuleKind.Analyzer,
                "B.4 Injection"),
            new RuleInfo(
                RuleIds.CrossSiteScripting,
                "Non-constant HTML emitted without encoding",
                "{0} emits non-constant HTML without encoding; HTML-encode the value (Razor @value, HtmlEncoder.Default.Encode) or sanitise it with an HTML sanitiser first",
                "Markup built from variables and sent to the browser unencoded lets an attacker inject script into the page (cross-site scripting). Let Razor encode values, encode explicitly with HtmlEncoder, or sanitise rich text with an allow-list sanitiser.",
                "B.4.4",
                "CWE-79",
                Criticality.High,
                RuleKind.Analyzer,
                "B.4 Injection"),
            new RuleInfo(
                RuleIds.UploadLimitRemoved,
                "Request or upload size limit removed",
                "{0} removes the request or upload size limit; set an explicit finite limit sized for the largest expected upload",
                "Without a size limit a single request can exhaust memory, disk or bandwidth (denial of service). Keep Kestrel's and the form reader's defaults or set an explicit, finite limit where larger uploads are needed.",
                "B.3.3",
                "CWE-770",
                Criticality.Medium,
                RuleKind.Analyzer,
                "B.3 Files"),
        };

        private static readonly Dictionary<string, RuleInfo> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

        public static RuleInfo Get(string id) => ById[id];

        public static bool TryGet(string id, out RuleInfo? rule) => ById.TryGetValue(id, out rule);
    }
}

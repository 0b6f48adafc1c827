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
                RuleIds.XmlExternalEntities,
                "XML parser open to external entities",
                "{0}; prohibit DTDs (DtdProcessing.Prohibit) and leave XmlResolver null",
                "An XML parser that processes DTDs or resolves external resources lets a document read local files, reach internal hosts or exhaust memory (XXE). Keep the .NET defaults: DtdProcessing.Prohibit and no XmlResolver; do not enable document() or scripts in XSLT.",
                "B.2.8",
                "CWE-611",
                Criticality.High,
                RuleKind.Analyzer,
                "B.2 Input validation"),
            new RuleInfo(
                RuleIds.InsecureDeserializer,
                "Insecure deserializer",
                "{0} lets the serialized data choose the types to create; use System.Text.Json or a serializer restricted to known types",
                "Deserializers that take type names from the data (BinaryFormatter and relatives, Json.NET with TypeNameHandling, JavaScriptSerializer with SimpleTypeResolver) let an attacker instantiate gadget types and run code.",
                "B.2.5, B.2.9",
                "CWE-502",
                Criticality.Critical,
                RuleKind.Analyzer,
                "B.2 Input validation"),
            new RuleInfo(
                RuleIds.PathTraversal,
                "Request-derived path reaches a file API",
                "A request-derived path reaches {0}; keep only the file name (Path.GetFileName) or resolve it with Path.GetFullPath and check that it starts with the allowed root",
                "A path built from request data can climb out of the intended folder (../) or name an absolute path, and read or overwrite any file the process can reach (path traversal).",
                "B.2.2.5",
                "CWE-22",
                Criticality.High,
                RuleKind.Analyzer,
                "B.2 Input validation"),
            new RuleInfo(
                RuleIds.OpenRedirect,
                "Open redirect",
                "A request-derived URL is passed to {0}; use LocalRedirect or check the URL with Url.IsLocalUrl first",
                "Redirecting to a URL taken from the request lets an attacker send users from a trusted address to a phishing site (open redirect).",
                "B.2.2.7",
                "CWE-601",
                Criticality.Medium,
                RuleKind.Analyzer,
                "B.2 Input validation"),
            new RuleInfo(
                RuleIds.RegexDenialOfService,
                "Regular expression on request data without a timeout",
                "{0}; pass a match timeout or use RegexOptions.NonBacktracking",
                "A backtracking regular expression can take exponential time on crafted input and block a thread (ReDoS). Give every regular expression that sees request data a match timeout, use RegexOptions.NonBacktracking, and never take the pattern from the request.",
                "B.2.1",
                "CWE-1333",
                Criticality.Medium,
                RuleKind.Analyzer,
                "B.2 Input validation"),
            new RuleInfo(
                RuleIds.ModelValidationSuppressed,
                "Automatic model validation switched off",
                "SuppressModelStateInvalidFilter = true switches off the automatic 400 response for invalid models; keep it on, or check ModelState.IsValid in every action",
                "With the filter suppressed, [ApiController] actions run on input that failed validation unless every action checks ModelState itself.",
                "B.2.1.7, B.12.1",
                "CWE-20",
                Criticality.Medium,
                RuleKind.Analyzer,
                "B.2 Input validation"),
            new RuleInfo(
                RuleIds.ClientFileNameInStoragePath,
                "Client file name used in a storage path",
                "The file name sent by the client reaches {0}; store the file under a generated name (Path.GetRandomFileName or a Guid) and keep the original name only as data",
                "The client chooses the uploaded file's name: used in a storage path it can overwrite other files, collide with existing ones or carry traversal sequences and device names. Store uploads under names the server generates.",
                "B.3.2",
                "CWE-73",
                Criticality.High,
                RuleKind.Analyzer,
                "B.3 Files"),
            new RuleInfo(
                RuleIds.ContentDispositionByConcatenation,
                "Content-Disposition header built by string concatenation",
                "The Content-Disposition header is built from a non-constant file name by {0}; use ContentDispositionHeaderValue or File(..., fileDownloadName), which quote and encode the name",
                "A file name pasted into the header can break out of the quoted value and inject header parameters or, with line breaks, headers (CWE-113); non-ASCII names also need RFC 6266 encoding.",
                "B.3.6",
                "CWE-113",
                Criticality.Medium,
                RuleKind.Analyzer,
                "B.3 Files"),
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
        };

        private static readonly Dictionary<string, RuleInfo> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

        public static RuleInfo Get(string id) => ById[id];

        public static bool TryGet(string id, out RuleInfo? rule) => ById.TryGetValue(id, out rule);
    }
}

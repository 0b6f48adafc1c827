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
                RuleIds.UnapprovedFeed,
                "Package source not approved, not encrypted or not mapped",
                "{0}",
                "Packages must come only from approved feeds, over HTTPS, with every package id mapped to one source, and without clear-text credentials in nuget.config; otherwise a compromised or look-alike feed can supply code to the build.",
                "A.2.6.1",
                "CWE-829",
                Criticality.High,
                RuleKind.BuildCheck,
                "A.2.6 Dependencies"),
            new RuleInfo(
                RuleIds.UnapprovedPackage,
                "Package not approved or denied",
                "{0}",
                "When the organisation keeps a list of approved packages, every package in the restore graph, direct or transitive, must be on it; packages on the denied list must not be used at all.",
                "A.2.6.2",
                "CWE-1357",
                Criticality.High,
                RuleKind.BuildCheck,
                "A.2.6 Dependencies"),
            new RuleInfo(
                RuleIds.VulnerableDependency,
                "Package with a known vulnerability",
                "{0}",
                "Known-vulnerable packages must be upgraded or their risk formally accepted. NuGet's own audit (NU1901-NU1904) is the scanner; the gate grades its results by the advisory's severity, and at risk class High and above the audit itself must be on for all packages.",
                "A.2.6.3, A.2.6.4",
                "CWE-1395",
                Criticality.High,
                RuleKind.BuildCheck,
                "A.2.6 Dependencies"),
            new RuleInfo(
                RuleIds.UnsupportedFramework,
                "Framework or SDK past or near its end of support",
                "{0}",
                "A framework past its end of support gets no security fixes; plan the move before the date arrives.",
                "A.2.6.5",
                "CWE-1104",
                Criticality.Medium,
                RuleKind.BuildCheck,
                "A.2.6 Dependencies"),
            new RuleInfo(
                RuleIds.SbomNotGenerated,
                "No SBOM for the build output",
                "{0}",
                "Every build output and package needs a complete, exact CycloneDX SBOM (every package of the restore graph with version, hash, purl and license, project and framework references, every dependency edge) so that a vulnerable or unlicensed component can be found in what shipped. Reported when the SBOM cannot be generated, and when it is switched off at risk class High and above.",
                "A.2.5.7",
                "CWE-1104",
                Criticality.High,
                RuleKind.BuildCheck,
                "A.2.5 Build and release"),
            new RuleInfo(
                RuleIds.WeakSymmetricCipher,
                "Weak symmetric cipher",
                "{0} uses the weak cipher {1}; use AES (AesGcm for authenticated encryption) or ChaCha20-Poly1305",
                "DES, Triple DES and RC2 have small keys or blocks and are no longer approved; Rijndael with a block size other than 128 bits is not AES. Use AES-GCM, AES-CCM or ChaCha20-Poly1305.",
                "B.10.1",
                "CWE-327",
                Criticality.High,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
            new RuleInfo(
                RuleIds.EcbMode,
                "ECB cipher mode",
                "{0} encrypts in ECB mode, which leaks patterns of the plaintext; use AES-GCM, or CBC with a random IV and a MAC",
                "ECB encrypts equal plaintext blocks to equal ciphertext blocks, so the structure of the data shows through the encryption. Use an authenticated mode (GCM, CCM) or CBC with a random IV and a MAC.",
                "B.10.1",
                "CWE-327",
                Criticality.High,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
            new RuleInfo(
                RuleIds.WeakAsymmetricKey,
                "Asymmetric key below the policy size",
                "{0} {1}; use RSA with at least 3072 bits or ECDSA/ECDH on P-256 or larger",
                "The standard requires RSA keys of at least 3072 bits and elliptic curves of at least 256 bits; DSA is not approved. Short keys can be factored or broken within the lifetime of the data they protect.",
                "B.10.4.2",
                "CWE-326",
                Criticality.High,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
            new RuleInfo(
                RuleIds.DeprecatedTls,
                "Deprecated TLS or SSL protocol version",
                "{0} enables the deprecated protocol version {1}; use TLS 1.2 or 1.3, or leave the choice to the operating system (None/SystemDefault)",
                "SSL 2.0, SSL 3.0, TLS 1.0 and TLS 1.1 have known attacks and are deprecated (RFC 8996). Allow only TLS 1.2 and 1.3, or let the operating system choose.",
                "B.10.2.3",
                "CWE-327",
                Criticality.High,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
            new RuleInfo(
                RuleIds.RsaPkcs1Encryption,
                "RSA encryption with PKCS#1 v1.5 padding",
                "{0} uses PKCS#1 v1.5 encryption padding, which is open to padding-oracle attacks; use OAEP (RSAEncryptionPadding.OaepSHA256)",
                "RSA encryption with PKCS#1 v1.5 padding is vulnerable to padding-oracle attacks (Bleichenbacher). Use OAEP with SHA-256 or stronger. PKCS#1 v1.5 signature padding is not affected.",
                "B.10.1",
                "CWE-780",
                Criticality.Medium,
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

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
                RuleIds.HardcodedKey,
                "Hard-coded cryptographic key or IV",
                "{0} comes from constant data in the source; load keys from a key store or configuration, and generate IVs and nonces with RandomNumberGenerator for every message",
                "A key written in the source is known to everyone who can read the code, the repository history or the binary, and cannot be rotated without a release. A constant IV or nonce makes equal plaintexts produce equal ciphertexts and, with GCM or ChaCha20-Poly1305, breaks the cipher outright.",
                "B.10.1, B.11.1",
                "CWE-321",
                Criticality.High,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
            new RuleInfo(
                RuleIds.CertificateValidationDisabled,
                "TLS certificate validation disabled",
                "{0} turns off certificate validation; keep the platform's validation, or check sslPolicyErrors == SslPolicyErrors.None (and pin the expected certificate) in a custom callback",
                "A TLS connection that accepts any certificate can be intercepted by anyone on the network path: the encryption then protects the conversation with the attacker. Revocation checks left off accept certificates that their owner has withdrawn.",
                "B.10.3.1",
                "CWE-295",
                Criticality.Critical,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
            new RuleInfo(
                RuleIds.InsecureRandom,
                "Non-cryptographic random number generator used for a security value",
                "{0} produces {1} with System.Random, which is predictable; use RandomNumberGenerator",
                "System.Random is a fast pseudo-random generator whose output can be predicted from a few observed values. Tokens, passwords, keys, salts, nonces, one-time codes and session IDs must come from a cryptographically secure generator.",
                "B.10.6.1, B.7.1.2",
                "CWE-338",
                Criticality.High,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
            new RuleInfo(
                RuleIds.ShortToken,
                "Security token shorter than 256 bits",
                "{0} has only {1} bits of randomness; use at least 32 random bytes (256 bits) for tokens, keys and secrets",
                "A token or key with fewer than 256 random bits gives less margin against guessing than the standard requires. IVs, nonces and salts have the size their algorithm defines and are not reported.",
                "B.10.6.1",
                "CWE-331",
                Criticality.Medium,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
            new RuleInfo(
                RuleIds.CleartextTransport,
                "Clear-text transport to a non-local host",
                "{0} connects to a non-local host over clear-text {1}; use https:// (wss://, ftps://)",
                "Data sent over http://, ftp:// or ws:// can be read and changed by anyone on the network path, credentials and tokens included.",
                "B.10.2.1, B.12.6",
                "CWE-319",
                Criticality.Medium,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
            new RuleInfo(
                RuleIds.WeakTokenSigning,
                "Unsigned or weakly signed security token",
                "{0}; sign tokens with RS256/ES256, or with HS256 and a random key of at least 32 bytes kept out of the source",
                "A token that is not signed, or signed with an HMAC key of fewer than 256 bits, can be forged: alg=none tokens are accepted as they are, and short HMAC keys can be brute-forced offline from a single token.",
                "B.12.3.2",
                "CWE-347",
                Criticality.Critical,
                RuleKind.Analyzer,
                "B.10 Cryptography"),
        };

        private static readonly Dictionary<string, RuleInfo> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

        public static RuleInfo Get(string id) => ById[id];

        public static bool TryGet(string id, out RuleInfo? rule) => ById.TryGetValue(id, out rule);
    }
}

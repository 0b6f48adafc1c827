using System;
using System.Collections.Generic;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Which diagnostic IDs are security rules (ours and other analyzers'), and what counts as a written reason
    /// for suppressing one. The single place to extend either list.
    /// </summary>
    internal static class SecurityRules
    {
        private static readonly string[] SecurityPrefixes = { "SSDLC", "SCS" };

        // Sonar's C# security rules (hard-coded credentials, SQL, regex DoS, weak TLS/ciphers/keys, hashing, CORS, ...).
        private static readonly HashSet<string> SonarSecurityRules = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "S2068", "S2077", "S2631", "S3649", "S4423", "S4426", "S4790", "S5042", "S5122", "S5131",
            "S5144", "S5145", "S5146", "S5147", "S5334", "S5659", "S6096",
        };

        private static readonly string[] PlaceholderJustifications = { "todo", "<pending>", "pending", "tbd", "fixme", "xxx", "n/a", "na", "none", "-" };

        /// <summary>SSDLC*, SCS*, CA2100, CA23xx, CA3xxx, CA5xxx and Sonar's security rules.</summary>
        public static bool IsSecurityRule(string? id)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                return false;
            }

            string trimmed = id!.Trim();
            foreach (string prefix in SecurityPrefixes)
            {
                if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            if (SonarSecurityRules.Contains(trimmed))
            {
                return true;
            }

            if (trimmed.Length == 6
                && trimmed.StartsWith("CA", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(trimmed.Substring(2), out int number))
            {
                return number == 2100
                    || (number >= 2300 && number <= 2399)
                    || (number >= 3000 && number <= 3999)
                    || (number >= 5000 && number <= 5999);
            }

            return false;
        }

        /// <summary>
        /// The rule ID in a <c>SuppressMessage</c> check ID such as <c>"CA2100:Review SQL queries"</c>.
        /// </summary>
        public static string RuleIdOfCheckId(string checkId)
        {
            int colon = checkId.IndexOf(':');
            return (colon >= 0 ? checkId.Substring(0, colon) : checkId).Trim();
        }

        /// <summary>
        /// True when <paramref name="text"/> (a justification string or a comment, markers included) gives a reason:
        /// not empty and not a placeholder such as "TODO", "&lt;Pending&gt;" or "tbd".
        /// </summary>
        public static bool IsRealJustification(string? text)
        {
            if (text is null)
            {
                return false;
            }

            string reason = text.Trim();
            if (reason.StartsWith("//", StringComparison.Ordinal))
            {
                reason = reason.TrimStart('/');
            }
            else if (reason.StartsWith("/*", StringComparison.Ordinal))
            {
                reason = reason.Substring(2);
            }

            if (reason.EndsWith("*/", StringComparison.Ordinal))
            {
                reason = reason.Substring(0, reason.Length - 2);
            }

            reason = reason.Trim().TrimStart('*').Trim();
            if (reason.Length == 0)
            {
                return false;
            }

            foreach (string placeholder in PlaceholderJustifications)
            {
                if (reason.Equals(placeholder, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                // "TODO: explain", "TBD - later"
                if (placeholder.Length > 2
                    && reason.StartsWith(placeholder, StringComparison.OrdinalIgnoreCase)
                    && !char.IsLetterOrDigit(reason[placeholder.Length]))
                {
                    return false;
                }
            }

            foreach (char c in reason)
            {
                if (char.IsLetter(c))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Ssdlc.Detection.Secrets
{
    /// <summary>How a secret is shown: never whole.</summary>
    internal static class SecretMasking
    {
        /// <summary>Longest prefix ever shown.</summary>
        public const int MaxPrefix = 4;

        /// <summary>
        /// A prefix of at most <see cref="MaxPrefix"/> characters and never more than a quarter of the value,
        /// then <c>…</c> and the length: <c>ghp_… (40 chars)</c>, <c>Wi… (11 chars)</c>, <c>… (3 chars)</c>.
        /// </summary>
        public static string Mask(string value)
        {
            int prefix = System.Math.Min(MaxPrefix, value.Length / 4);
            return value.Substring(0, prefix) + "\u2026 (" + value.Length + " chars)";
        }

        /// <summary><c>sha256:</c> followed by the first 16 lowercase hex digits of SHA-256(UTF-8 value).</summary>
        public static string Fingerprint(string value)
        {
            byte[] hash;
            using (SHA256 sha = SHA256.Create())
            {
                hash = sha.ComputeHash(Encoding.UTF8.GetBytes(value));
            }

            var builder = new StringBuilder("sha256:", 23);
            for (int i = 0; i < 8; i++)
            {
                builder.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }
}

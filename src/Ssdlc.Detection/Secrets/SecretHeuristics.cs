using System;
using System.Collections.Generic;
using System.Text;

namespace Ssdlc.Detection.Secrets
{
    /// <summary>What a name says about the value assigned to it.</summary>
    internal enum SecretNameKind
    {
        None,
        Password,
        Token,
        ApiKey,
        Secret,
        PrivateKey,
        Credentials,

        /// <summary>A connection string: only a password inside it is a secret (judged by the known formats).</summary>
        ConnectionString,
    }

    /// <summary>Name-plus-value heuristics: is a name secret-like, is a value a placeholder or a plausible real secret.</summary>
    internal static class SecretHeuristics
    {
        // Vendor and well-known default passwords: forbidden even though short (changeit is the JDK keystore default).
        private static readonly HashSet<string> DefaultPasswords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "admin", "administrator", "admin123", "changeme", "changeit", "password", "password1", "password123",
            "passw0rd", "p@ssw0rd", "p@ssword", "pass", "pass123", "123456", "1234567", "12345678", "123456789",
            "1234567890", "root", "toor", "guest", "letmein", "qwerty", "welcome", "default", "secret", "master",
        };

        // A name ending in a secret noun but starting with one of these words names something else.
        private static readonly string[] NotSecretPrefixes =
        {
            "cancellation", "continuation", "nextpage", "page", "paging", "csrf", "xsrf", "antiforgery", "forgot",
            "lexer", "syntax", "parser", "lookup", "show", "has", "is", "require", "use", "enable", "allow", "publickey",
        };

        private static readonly string[] FakeMarkers =
        {
            "example", "placeholder", "dummy", "your", "redacted", "replace", "insert", "fixme", "todo", "sample",
            "notreal", "not-real", "fake", "xxxx", "****", "....", "\u2026",
        };

        private static readonly string[] ReferencePrefixes =
        {
            "@microsoft.keyvault(", "env:", "vault:", "keyvault:", "secretref:", "ref+", "op://", "aws-secretsmanager:",
            "sha1-", "sha256-", "sha384-", "sha512-", "sha256:", "sha512:", "md5-", "http://", "https://", "file:",
        };

        private static readonly string[] FileExtensions =
        {
            ".pem", ".key", ".pfx", ".p12", ".crt", ".cer", ".json", ".txt", ".xml", ".config", ".yaml", ".yml", ".env", ".jks",
        };

        /// <summary>Classifies a key or member name; <c>Smtp:Password</c> and <c>spring.datasource.password</c> use their last segment.</summary>
        public static SecretNameKind ClassifyName(string? name)
        {
            if (name is null || name.Length == 0 || name.Length > 200)
            {
                return SecretNameKind.None;
            }

            string lower = name.ToLowerInvariant();
            if (lower.IndexOf("connectionstring", StringComparison.Ordinal) >= 0)
            {
                return SecretNameKind.ConnectionString;
            }

            int lastSeparator = Math.Max(lower.LastIndexOf(':'), Math.Max(lower.LastIndexOf('.'), lower.LastIndexOf('/')));
            string last = lastSeparator >= 0 ? lower.Substring(lastSeparator + 1) : lower;
            var compact = new StringBuilder(last.Length);
            foreach (char c in last)
            {
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                {
                    compact.Append(c);
                }
            }

            string n = compact.ToString().TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
            if (n.Length == 0)
            {
                return SecretNameKind.None;
            }

            foreach (string prefix in NotSecretPrefixes)
            {
                if (n.StartsWith(prefix, StringComparison.Ordinal) && n.Length > prefix.Length)
                {
                    return SecretNameKind.None;
                }
            }

            if (EndsWithAny(n, "password", "passwd", "pwd", "passphrase") || n == "pass"
                || (n.EndsWith("pass", StringComparison.Ordinal) && last.Length > 4 && !char.IsLetter(last[last.Length - 5])))
            {
                return SecretNameKind.Password;
            }

            if (EndsWithAny(n, "apikey", "apisecret", "subscriptionkey"))
            {
                return SecretNameKind.ApiKey;
            }

            if (EndsWithAny(n, "privatekey"))
            {
                return SecretNameKind.PrivateKey;
            }

            if (EndsWithAny(n, "token", "bearertoken", "githubpat"))
            {
                return SecretNameKind.Token;
            }

            if (EndsWithAny(n, "secret", "secretkey", "secretaccesskey", "accountkey", "sharedaccesskey", "masterkey", "signingsecret", "webhooksecret"))
            {
                return SecretNameKind.Secret;
            }

            if (EndsWithAny(n, "credentials", "credential"))
            {
                return SecretNameKind.Credentials;
            }

            return SecretNameKind.None;
        }

        /// <summary>
        /// The kind to report for <paramref name="value"/> assigned to a name of kind <paramref name="nameKind"/>,
        /// or null when the value is empty, a placeholder, a reference, or does not look like a real secret.
        /// </summary>
        public static string? JudgeValue(SecretNameKind nameKind, string? name, string value, bool allowDefaults = true)
        {
            if (nameKind == SecretNameKind.None || nameKind == SecretNameKind.ConnectionString)
            {
                return null;
            }

            string v = value.Trim();
            if (v.Length == 0 || IsPlaceholder(v))
            {
                return null;
            }

            if (allowDefaults && nameKind == SecretNameKind.Password && DefaultPasswords.Contains(v))
            {
                return "vendor default password";
            }

            if (v.Length < 8 || v.Length > 4096 || HasWhitespace(v) || IsObviouslyFake(v) || IsReference(v) || IsPathLike(v)
                || IsGuid(v) || IsIdentifierLike(v) || IsSettingName(v, name) || IsEnvironmentVariableName(v) || IsVersion(v))
            {
                return null;
            }

            // Real secrets mix character classes or are long and random; identifiers such as "SSDLC1101" are neither.
            int classes = CharacterClasses(v);
            if (!(classes >= 3 || (classes == 2 && v.Length >= 12 && Entropy(v) >= 3.0) || (v.Length >= 16 && Entropy(v) >= 3.5)))
            {
                return null;
            }

            string lowerName = (name ?? string.Empty).ToLowerInvariant();
            if (IsAzureAdClientSecret(v) && (lowerName.IndexOf("secret", StringComparison.Ordinal) >= 0 || lowerName.IndexOf("client", StringComparison.Ordinal) >= 0))
            {
                return "Azure AD client secret";
            }

            if (v.Length == 40 && CharClass.Run(v, 0, 40, CharClass.Base64) == 40
                && (lowerName.IndexOf("aws", StringComparison.Ordinal) >= 0 || lowerName.Replace("_", string.Empty).IndexOf("secretaccesskey", StringComparison.Ordinal) >= 0))
            {
                return "AWS secret access key";
            }

            if (v.Length == 32 && CharClass.Run(v, 0, 32, CharClass.LowerHex) == 32
                && (lowerName.IndexOf("twilio", StringComparison.Ordinal) >= 0 || lowerName.Replace("_", string.Empty).IndexOf("authtoken", StringComparison.Ordinal) >= 0))
            {
                return "Twilio auth token";
            }

            return nameKind switch
            {
                SecretNameKind.Password => "password",
                SecretNameKind.Token => "token",
                SecretNameKind.ApiKey => "API key",
                SecretNameKind.PrivateKey => "private key",
                SecretNameKind.Credentials => "credentials",
                _ => "secret",
            };
        }

        /// <summary>A password inside a connection string or URI: any non-placeholder value counts.</summary>
        public static bool IsRealPassword(string value)
        {
            string v = value.Trim();
            return v.Length > 0 && !NamesItself(v) && !IsPlaceholder(v) && !IsObviouslyFake(v) && !IsAllSameChar(v) && !IsEnvironmentVariableName(v)
                   && !(v.Length >= 2 && v[0] == '$');
        }

        /// <summary>Documentation stand-ins such as <c>pass</c>, <c>old_password</c>, <c>clientSecret</c>: letters only, naming a secret.</summary>
        private static bool NamesItself(string v)
        {
            foreach (char c in v)
            {
                if (!char.IsLetter(c) && c != '_' && c != '-')
                {
                    return false;
                }
            }

            string lower = v.ToLowerInvariant();
            return lower.IndexOf("pass", StringComparison.Ordinal) >= 0 || lower.IndexOf("pwd", StringComparison.Ordinal) >= 0
                   || lower.IndexOf("secret", StringComparison.Ordinal) >= 0 || lower.IndexOf("token", StringComparison.Ordinal) >= 0
                   || lower.IndexOf("key", StringComparison.Ordinal) >= 0;
        }

        /// <summary><c>${…}</c>, <c>#{…}#</c>, <c>%…%</c>, <c>__…__</c>, <c>&lt;…&gt;</c>, <c>{{…}}</c>, <c>{…}</c>, <c>$(…)</c>, <c>[…]</c>, <c>$VAR</c>, key-vault references.</summary>
        public static bool IsPlaceholder(string v)
        {
            if (v.Length == 0)
            {
                return true;
            }

            char first = v[0];
            char last = v[v.Length - 1];
            if ((v.StartsWith("${", StringComparison.Ordinal) && last == '}')
                || (v.StartsWith("#{", StringComparison.Ordinal) && v.EndsWith("}#", StringComparison.Ordinal))
                || (v.Length >= 3 && first == '%' && last == '%')
                || (v.Length >= 5 && v.StartsWith("__", StringComparison.Ordinal) && v.EndsWith("__", StringComparison.Ordinal))
                || (first == '<' && last == '>')
                || (first == '{' && last == '}')
                || (first == '[' && last == ']')
                || (v.StartsWith("$(", StringComparison.Ordinal) && last == ')')
                || v.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase)
                || v.StartsWith("$(", StringComparison.Ordinal)
                || v.IndexOf("${", StringComparison.Ordinal) >= 0
                || v.IndexOf("{{", StringComparison.Ordinal) >= 0)
            {
                return true;
            }

            // $VARIABLE / $env:VARIABLE
            return first == '$' && v.Length > 1 && CharClass.Run(v, 1, v.Length, CharClass.Word | CharClass.Dot) + 1 >= v.Length - (v.StartsWith("$env:", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
                   && (v.Length < 2 || char.IsLetter(v[1]) || v[1] == '_');
        }

        public static bool IsObviouslyFake(string v)
        {
            string lower = v.ToLowerInvariant();
            foreach (string marker in FakeMarkers)
            {
                if (lower.IndexOf(marker, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return IsAllSameChar(v) || HasRunOfSameChar(v, 8);
        }

        public static bool IsDefaultPassword(string value) => DefaultPasswords.Contains(value.Trim());

        public static bool IsGuid(string v)
        {
            string s = v.Length == 38 && v[0] == '{' && v[37] == '}' ? v.Substring(1, 36) : v;
            if (s.Length != 36)
            {
                return false;
            }

            for (int i = 0; i < 36; i++)
            {
                bool dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? s[i] != '-' : !CharClass.Is(s[i], CharClass.Hex))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Azure AD client secret: three characters, a digit, <c>Q~</c>, then 31–34 of <c>[A-Za-z0-9_~.-]</c>.</summary>
        public static bool IsAzureAdClientSecret(string v)
        {
            if (v.Length < 37 || v.Length > 40 || !char.IsDigit(v[3]) || v[4] != 'Q' || v[5] != '~')
            {
                return false;
            }

            foreach (char c in v)
            {
                if (!CharClass.Is(c, CharClass.Alnum | CharClass.Underscore | CharClass.Dash | CharClass.Dot) && c != '~')
                {
                    return false;
                }
            }

            return true;
        }

        public static int CharacterClasses(string v)
        {
            bool upper = false, lower = false, digit = false, other = false;
            foreach (char c in v)
            {
                if (c >= 'A' && c <= 'Z')
                {
                    upper = true;
                }
                else if (c >= 'a' && c <= 'z')
                {
                    lower = true;
                }
                else if (c >= '0' && c <= '9')
                {
                    digit = true;
                }
                else
                {
                    other = true;
                }
            }

            return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        }

        /// <summary>Shannon entropy in bits per character.</summary>
        public static double Entropy(string v)
        {
            var counts = new Dictionary<char, int>();
            foreach (char c in v)
            {
                counts.TryGetValue(c, out int count);
                counts[c] = count + 1;
            }

            double entropy = 0;
            foreach (int count in counts.Values)
            {
                double p = (double)count / v.Length;
                entropy -= p * Math.Log(p, 2);
            }

            return entropy;
        }

        private static bool EndsWithAny(string n, params string[] suffixes)
        {
            foreach (string suffix in suffixes)
            {
                if (n.EndsWith(suffix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasWhitespace(string v)
        {
            foreach (char c in v)
            {
                if (char.IsWhiteSpace(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAllSameChar(string v)
        {
            for (int i = 1; i < v.Length; i++)
            {
                if (v[i] != v[0])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasRunOfSameChar(string v, int run)
        {
            int length = 1;
            for (int i = 1; i < v.Length; i++)
            {
                length = v[i] == v[i - 1] ? length + 1 : 1;
                if (length >= run)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsReference(string v)
        {
            foreach (string prefix in ReferencePrefixes)
            {
                if (v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsPathLike(string v)
        {
            if (v[0] == '/' || v[0] == '\\' || v.StartsWith("./", StringComparison.Ordinal) || v.StartsWith("../", StringComparison.Ordinal)
                || v.StartsWith("~/", StringComparison.Ordinal) || (v.Length > 2 && char.IsLetter(v[0]) && v[1] == ':' && (v[2] == '\\' || v[2] == '/')))
            {
                return true;
            }

            foreach (string extension in FileExtensions)
            {
                if (v.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Words, configuration keys and route names (<c>forgot-password</c>, <c>Smtp:Password</c>): letters and separators only.</summary>
        private static bool IsIdentifierLike(string v)
        {
            bool upper = false, lower = false;
            foreach (char c in v)
            {
                if (c >= 'A' && c <= 'Z')
                {
                    upper = true;
                }
                else if (c >= 'a' && c <= 'z')
                {
                    lower = true;
                }
                else if (c != '-' && c != '_' && c != '.' && c != ':' && c != '/')
                {
                    return false;
                }
            }

            // A long mixed-case random-looking string without digits is still a candidate.
            return !(v.Length >= 24 && upper && lower && Entropy(v) >= 4.0);
        }

        /// <summary>
        /// A dotted name of a setting, type or resource (<c>Org.BouncyCastle.Pkcs12.IgnoreUselessPassword</c>,
        /// <c>MyApp.Resources.ApiKeyLabel</c>): segments that are identifiers made of words, three or more of them, or
        /// two when the value ends with the name it is assigned to (<c>Pkcs12IgnoreUselessPassword = "….Pkcs12.IgnoreUselessPassword"</c>).
        /// A name is not a secret, however security-sounding; random text has no word structure.
        /// </summary>
        private static bool IsSettingName(string v, string? name)
        {
            string[] segments = v.Split('.', ':', '/');
            if (segments.Length < 2)
            {
                return false;
            }

            foreach (string segment in segments)
            {
                if (!IsWordIdentifier(segment))
                {
                    return false;
                }
            }

            if (segments.Length >= 3)
            {
                return true;
            }

            string compactName = Compact(name);
            return compactName.Length >= 6 && Compact(v).EndsWith(compactName, StringComparison.Ordinal);
        }

        /// <summary>An identifier whose letters form words: a case or letter/digit change at most every third character.</summary>
        private static bool IsWordIdentifier(string segment)
        {
            if (segment.Length == 0 || !(char.IsLetter(segment[0]) || segment[0] == '_'))
            {
                return false;
            }

            int changes = 0;
            for (int i = 0; i < segment.Length; i++)
            {
                char c = segment[i];
                if (!(CharClass.Is(c, CharClass.Alnum) || c == '_' || c == '-'))
                {
                    return false;
                }

                if (i > 0)
                {
                    char p = segment[i - 1];
                    if ((char.IsLower(p) && char.IsUpper(c)) || (char.IsLetter(p) && char.IsDigit(c)) || (char.IsDigit(p) && char.IsLetter(c)))
                    {
                        changes++;
                    }
                }
            }

            return segment.Length >= 3 * (changes + 1) || (segment.Length <= 3 && changes == 0);
        }

        private static string Compact(string? text)
        {
            var compact = new StringBuilder(text?.Length ?? 0);
            foreach (char c in text ?? string.Empty)
            {
                if (char.IsLetterOrDigit(c))
                {
                    compact.Append(char.ToLowerInvariant(c));
                }
            }

            return compact.ToString();
        }

        /// <summary>Package versions (<c>7.9.0-rc.42413</c>, <c>[2.1.35, )</c> is already excluded by whitespace).</summary>
        private static bool IsVersion(string v)
        {
            int dash = v.IndexOf('-');
            string core = dash < 0 ? v : v.Substring(0, dash);
            if (core.Length == 0 || !char.IsDigit(core[0]) || core.IndexOf('.') < 0)
            {
                return false;
            }

            foreach (char c in core)
            {
                if (!char.IsDigit(c) && c != '.')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsEnvironmentVariableName(string v)
        {
            if (v.IndexOf('_') < 0 || !(v[0] >= 'A' && v[0] <= 'Z'))
            {
                return false;
            }

            foreach (char c in v)
            {
                if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

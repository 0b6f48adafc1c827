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

        /// <summary>An HTTP <c>Authorization</c> header: the credentials after the scheme (<c>Bearer …</c>, <c>Basic …</c>) are the secret.</summary>
        Authorization,

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
            "lexer", "syntax", "parser", "lookup", "show", "has", "is", "require", "use", "enable", "allow", "public",
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

        // SecretMasking.Fingerprint of the Azurite/Storage Emulator key (devstoreaccount1) and of the Cosmos DB Emulator key.
        private static readonly string[] WellKnownPublicKeys = { "sha256:0011cc25eb432071", "sha256:aa6547439583c3a2" };

        // Endings of compact lowercase names, by kind.
        private static readonly string[] PasswordNames = { "password", "passwd", "pwd", "passphrase" };
        private static readonly string[] ApiKeyNames = { "apikey", "apisecret", "subscriptionkey" };
        private static readonly string[] TokenNames = { "token", "githubpat" };
        private static readonly string[] SecretNames =
        {
            "secret", "secretkey", "secretaccesskey", "accountkey", "sharedaccesskey", "masterkey",
            "signingkey", "signingkeys", "securitykey", "encryptionkey", "jwtkey", "hmackey", "symmetrickey", "tokenkey", "aeskey",
        };

        private static readonly string[] CredentialNames = { "credentials", "credential", "authident" };

        // A parent section whose generic Key/Value child holds a signing or encryption key (Jwt:Key, Encryption:Key).
        private static readonly string[] SecretParentContexts = { "jwt", "signing", "encryption", "hmac", "symmetric" };

        private static readonly string[] FileExtensions =
        {
            ".pem", ".key", ".pfx", ".p12", ".crt", ".cer", ".json", ".txt", ".xml", ".config", ".yaml", ".yml", ".env", ".jks",
        };

        /// <summary>
        /// Classifies a key or member name; <c>Smtp:Password</c> and <c>spring.datasource.password</c> use their last
        /// segment. A generic last segment (<c>Key</c>, <c>Value</c>) takes its meaning from the segment before it:
        /// <c>Jwt:Key</c>, <c>AdminPassword.value</c>, <c>SigningKeys:0:Value</c> are secrets, <c>Cache:Key</c> is not.
        /// </summary>
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

            int end = lower.Length;
            int lastSeparator = LastSeparator(lower, end);
            string last = lower.Substring(lastSeparator + 1);
            SecretNameKind kind = ClassifySegment(last);
            if (kind != SecretNameKind.None || lastSeparator < 0 || !IsGenericChild(Compact(last)))
            {
                return kind;
            }

            // The parent segment, skipping array indexes (Authentication:Schemes:Bearer:SigningKeys:0:Value).
            for (int depth = 0; depth < 4 && lastSeparator > 0; depth++)
            {
                end = lastSeparator;
                lastSeparator = LastSeparator(lower, end);
                string parent = lower.Substring(lastSeparator + 1, end - lastSeparator - 1);
                string compactParent = Compact(parent);
                if (compactParent.Length == 0 || CharClass.Run(compactParent, 0, compactParent.Length, CharClass.Digit) == compactParent.Length)
                {
                    continue;
                }

                return IsSecretParent(parent) ? SecretNameKind.Secret : SecretNameKind.None;
            }

            return SecretNameKind.None;
        }

        /// <summary>A child key that says nothing by itself: its parent names what it holds.</summary>
        public static bool IsGenericChild(string compactName) => compactName == "key" || compactName == "value";

        /// <summary>
        /// A parent object or section whose generic <c>Key</c>/<c>Value</c> child is a secret: a secret-like name
        /// (<c>AdminPassword</c>, <c>ApiKey</c>, <c>SigningKeys</c>) or a token-signing or encryption context (<c>Jwt</c>, <c>Encryption</c>).
        /// </summary>
        public static bool IsSecretParent(string? parent)
        {
            if (parent is null || parent.Length == 0 || parent.Length > 200)
            {
                return false;
            }

            string lower = parent.ToLowerInvariant();
            string last = lower.Substring(LastSeparator(lower, lower.Length) + 1);
            SecretNameKind kind = ClassifySegment(last);
            if (kind != SecretNameKind.None)
            {
                return kind != SecretNameKind.ConnectionString;
            }

            string n = Compact(last);
            foreach (string context in SecretParentContexts)
            {
                if (n.IndexOf(context, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static int LastSeparator(string lower, int end)
        {
            for (int i = end - 1; i >= 0; i--)
            {
                char c = lower[i];
                if (c == ':' || c == '.' || c == '/')
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Classifies one lowercase name segment (no separators).</summary>
        private static SecretNameKind ClassifySegment(string last)
        {
            string n = Compact(last).TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
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

            // Ciphertext and hashes (EncryptedPassword in a .cscfg or .pubxml.user, HashedPassword in seed data) are not the secret itself.
            if (n.IndexOf("encrypted", StringComparison.Ordinal) >= 0 || n.IndexOf("hashed", StringComparison.Ordinal) >= 0)
            {
                return SecretNameKind.None;
            }

            if (n == "authorization" || n == "proxyauthorization")
            {
                return SecretNameKind.Authorization;
            }

            if (EndsWithAny(n, PasswordNames) || n == "pass"
                || (n.EndsWith("pass", StringComparison.Ordinal) && last.Length > 4 && !char.IsLetter(last[last.Length - 5])))
            {
                return SecretNameKind.Password;
            }

            if (EndsWithAny(n, ApiKeyNames))
            {
                return SecretNameKind.ApiKey;
            }

            if (n.EndsWith("privatekey", StringComparison.Ordinal))
            {
                return SecretNameKind.PrivateKey;
            }

            if (EndsWithAny(n, TokenNames))
            {
                return SecretNameKind.Token;
            }

            if (EndsWithAny(n, SecretNames))
            {
                return SecretNameKind.Secret;
            }

            // npm: _auth (base64 user:password) in .npmrc, npmAuthIdent in .yarnrc.yml.
            if (EndsWithAny(n, CredentialNames) || last == "_auth")
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

            if (nameKind == SecretNameKind.Authorization)
            {
                return JudgeAuthorization(v, out _, out _);
            }

            if (allowDefaults && nameKind == SecretNameKind.Password && DefaultPasswords.Contains(v))
            {
                return "vendor default password";
            }

            // npm's legacy access tokens are GUIDs (_authToken=… in .npmrc); elsewhere a GUID is an identifier.
            string lowerName = (name ?? string.Empty).ToLowerInvariant();
            bool guidToken = lowerName.EndsWith("_authtoken", StringComparison.Ordinal) || lowerName.EndsWith("npmauthtoken", StringComparison.Ordinal);
            if (v.Length < 8 || v.Length > 4096 || HasWhitespace(v) || IsObviouslyFake(v) || IsReference(v) || IsPathLike(v)
                || (IsGuid(v) && !guidToken) || IsIdentifierLike(v) || IsSettingName(v, name) || IsEnvironmentVariableName(v) || IsVersion(v)
                || IsWellKnownPublicKey(v))
            {
                return null;
            }

            // Real secrets mix character classes or are long and random; identifiers such as "SSDLC1101" are neither.
            int classes = CharacterClasses(v);
            if (!(classes >= 3 || (classes == 2 && v.Length >= 12 && Entropy(v) >= 3.0) || (v.Length >= 16 && Entropy(v) >= 3.5)))
            {
                return null;
            }

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

        /// <summary>
        /// The credentials of an HTTP <c>Authorization</c> header value (<c>Bearer …</c>, <c>Token …</c>, <c>Basic …</c>
        /// base64 or, as REST client files allow, <c>user:password</c> / <c>user password</c>): the kind to report and
        /// where the secret part starts in <paramref name="value"/>, or null for a placeholder, a variable or a syntax example.
        /// </summary>
        public static string? JudgeAuthorization(string value, out int offset, out int length)
        {
            offset = 0;
            length = 0;
            int lead = 0;
            while (lead < value.Length && char.IsWhiteSpace(value[lead]))
            {
                lead++;
            }

            int scheme = lead;
            while (scheme < value.Length && char.IsLetter(value[scheme]))
            {
                scheme++;
            }

            int start = scheme;
            while (start < value.Length && (value[start] == ' ' || value[start] == '\t'))
            {
                start++;
            }

            if (start == scheme || start >= value.Length)
            {
                return null;
            }

            int end = start;
            while (end < value.Length && value[end] != '"' && value[end] != '\'' && value[end] != '\r' && value[end] != '\n' && value[end] != '<')
            {
                end++;
            }

            while (end > start && char.IsWhiteSpace(value[end - 1]))
            {
                end--;
            }

            string credentials = value.Substring(start, end - start);
            if (credentials.Length == 0 || IsPlaceholder(credentials) || IsObviouslyFake(credentials))
            {
                return null;
            }

            string kind;
            int secretStart = start;
            string secret = credentials;
            switch (value.Substring(lead, scheme - lead).ToLowerInvariant())
            {
                case "bearer":
                case "token":
                    kind = "bearer token in an Authorization header";
                    if (JudgeValue(SecretNameKind.Token, "token", credentials, allowDefaults: false) is null)
                    {
                        return null;
                    }

                    break;
                case "basic":
                    int separator = credentials.IndexOfAny(new[] { ':', ' ' });
                    if (separator > 0)
                    {
                        // REST client files accept "Basic user:password" and "Basic user password" and encode them.
                        secret = credentials.Substring(separator + 1).Trim();
                        secretStart = start + credentials.IndexOf(secret, separator + 1, StringComparison.Ordinal);
                        kind = "password in an Authorization header";
                        if (secret.Length < 4 || secret.IndexOf(' ') >= 0 || !IsRealPassword(secret))
                        {
                            return null;
                        }

                        break;
                    }

                    string? decoded = DecodeBase64Text(credentials);
                    int colon = decoded is null ? -1 : decoded.IndexOf(':');
                    if (colon <= 0 || decoded!.Length - colon - 1 < 4 || !IsRealPassword(decoded.Substring(colon + 1)))
                    {
                        return null;
                    }

                    kind = "basic authentication credentials";
                    break;
                default:
                    return null;
            }

            offset = secretStart;
            length = secret.Length;
            return kind;
        }

        /// <summary>Printable ASCII text encoded as base64, or null.</summary>
        private static string? DecodeBase64Text(string value)
        {
            if (value.Length < 8 || value.Length > 1024 || value.Length % 4 != 0 || CharClass.Run(value, 0, value.Length, CharClass.Base64 | CharClass.EqualsSign) != value.Length)
            {
                return null;
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(value);
            }
            catch (FormatException)
            {
                return null;
            }

            var text = new StringBuilder(bytes.Length);
            foreach (byte b in bytes)
            {
                if (b < 0x20 || b > 0x7E)
                {
                    return null;
                }

                text.Append((char)b);
            }

            return text.ToString();
        }

        /// <summary>
        /// Keys published on purpose: the Azurite/Storage Emulator account key and the Cosmos DB Emulator key, known
        /// to every developer, grant nothing outside a local emulator. Compared by SHA-256, so they are not repeated here.
        /// </summary>
        public static bool IsWellKnownPublicKey(string value)
        {
            if (value.IndexOf('%') >= 0 && value.Length <= 3 * 88)
            {
                value = PercentDecode(value); // the Cosmos DB Emulator key as a MongoDB URI password
            }

            if (value.Length != 88 || value[86] != '=' || value[87] != '=')
            {
                return false;
            }

            string fingerprint = SecretMasking.Fingerprint(value);
            foreach (string known in WellKnownPublicKeys)
            {
                if (fingerprint == known)
                {
                    return true;
                }
            }

            return false;
        }

        private static string PercentDecode(string value)
        {
            var decoded = new StringBuilder(value.Length);
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == '%' && i + 2 < value.Length && CharClass.Is(value[i + 1], CharClass.Hex) && CharClass.Is(value[i + 2], CharClass.Hex))
                {
                    decoded.Append((char)Convert.ToInt32(value.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    decoded.Append(value[i]);
                }
            }

            return decoded.ToString();
        }

        /// <summary>A password inside a connection string or URI: any non-placeholder value counts.</summary>
        public static bool IsRealPassword(string value)
        {
            string v = value.Trim();
            return v.Length > 0 && !NamesItself(v) && !IsPlaceholder(v) && !IsObviouslyFake(v) && !IsAllSameChar(v) && !IsEnvironmentVariableName(v)
                   && !(v.Length >= 2 && v[0] == '$') && !IsWellKnownPublicKey(v);
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
                || (v.StartsWith("#{", StringComparison.Ordinal) && last == '}')
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

        private static bool EndsWithAny(string n, string[] suffixes)
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

            // A trailing number is a version or an index (Db2, Smtp2), not a change inside a word.
            segment = segment.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
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

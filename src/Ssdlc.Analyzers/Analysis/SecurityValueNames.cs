using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>What an identifier says about the value it holds.</summary>
    internal enum SecurityValueKind
    {
        /// <summary>Nothing security-related (or a name such as <c>cacheKey</c>, <c>passwordPolicy</c>).</summary>
        None,

        /// <summary>A secret that must be unguessable: token, password, key, secret, session ID, one-time or reset code.</summary>
        Secret,

        /// <summary>A value that must be unpredictable or unique but is not secret and has its algorithm's size: IV, nonce, salt.</summary>
        IvNonceOrSalt,
    }

    /// <summary>
    /// Classifies identifiers (variables, fields, properties, parameters, methods) by the security value they name, word by
    /// word (<c>resetToken</c>, <c>API_KEY</c>, <c>GenerateOtp</c>). Shared by the random-number rules (SSDLC1008, SSDLC1009).
    /// </summary>
    internal static class SecurityValueNames
    {
        private static readonly HashSet<string> SecretWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "token", "tokens", "password", "passwords", "passwd", "pwd", "passphrase", "secret", "secrets", "otp", "totp", "hotp",
            "apikey", "sessionid", "sid", "csrf", "xsrf", "antiforgery", "pin", "credential", "credentials", "verifier",
        };

        private static readonly HashSet<string> IvWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "iv", "ivs", "nonce", "nonces", "salt", "salts",
        };

        // "code" is a secret only together with one of these: resetCode, verificationCode, GenerateOtpCode, ...
        private static readonly HashSet<string> CodeQualifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "reset", "verification", "verify", "confirmation", "confirm", "activation", "auth", "authentication", "login",
            "signin", "recovery", "mfa", "2fa", "twofactor", "invite", "invitation", "magic", "access", "security", "one", "time",
        };

        // "key" is a cryptographic or API key unless qualified as a lookup key.
        private static readonly HashSet<string> KeyDisqualifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "cache", "partition", "sort", "lookup", "row", "shard", "bucket", "primary", "foreign", "composite", "dictionary",
            "map", "idempotency", "route", "resource", "localization", "translation", "group", "hot", "press", "pressed",
            "keyboard", "state", "storage", "setting", "settings", "config", "configuration", "section", "header", "query",
            "entity", "order", "index", "react", "component", "item", "element", "node",
        };

        // "session" is a secret together with "id"/"key"/"token"; "session" alone (a UI session, a game session) is not.
        private static readonly HashSet<string> SessionQualifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "id", "identifier", "key" };

        // Names that contain a secret word in another sense: passwordPolicy, tokenizer, keyboardLayout.
        private static readonly HashSet<string> NonValueWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "policy", "policies", "length", "len", "size", "count", "hint", "strength", "rules", "options", "expiry", "expiration",
            "lifetime", "ttl", "timeout", "delay", "attempts", "retries", "validator", "provider", "label", "type", "kind", "name",
            "format", "regex", "pattern", "prefix", "position", "index", "field", "column", "hash", "hashed", "url", "uri", "path",
        };

        /// <summary>Classifies one identifier.</summary>
        public static SecurityValueKind Classify(string? identifier)
        {
            if (string.IsNullOrEmpty(identifier))
            {
                return SecurityValueKind.None;
            }

            List<string> words = SplitWords(identifier!);
            if (words.Count == 0)
            {
                return SecurityValueKind.None;
            }

            // The last word is what the name is: "tokenLength" is a length, "passwordHash" a hash.
            if (NonValueWords.Contains(words[words.Count - 1]))
            {
                return SecurityValueKind.None;
            }

            bool iv = false;
            bool secret = false;
            for (int i = 0; i < words.Count; i++)
            {
                string word = words[i];
                if (IvWords.Contains(word))
                {
                    iv = true;
                }
                else if (SecretWords.Contains(word))
                {
                    secret = true;
                }
                else if (word.Equals("key", StringComparison.OrdinalIgnoreCase) || word.Equals("keys", StringComparison.OrdinalIgnoreCase))
                {
                    if (!words.Exists(w => KeyDisqualifiers.Contains(w)))
                    {
                        secret = true;
                    }
                }
                else if (word.Equals("code", StringComparison.OrdinalIgnoreCase) || word.Equals("codes", StringComparison.OrdinalIgnoreCase))
                {
                    if (words.Exists(w => CodeQualifiers.Contains(w)))
                    {
                        secret = true;
                    }
                }
                else if (word.Equals("session", StringComparison.OrdinalIgnoreCase)
                         && i + 1 < words.Count
                         && SessionQualifiers.Contains(words[i + 1]))
                {
                    secret = true;
                }
            }

            // "tokenSalt", "keyIv": the IV/nonce/salt word describes the value more precisely.
            if (iv)
            {
                return SecurityValueKind.IvNonceOrSalt;
            }

            return secret ? SecurityValueKind.Secret : SecurityValueKind.None;
        }

        /// <summary>
        /// True when the identifier names personal data that must not be logged: a credit card number (<c>creditCard</c>,
        /// <c>cardNumber</c>, <c>Pan</c>, <c>cvv</c>) or a social security number (<c>ssn</c>, <c>socialSecurityNumber</c>).
        /// Names that end in a word such as <c>length</c>, <c>type</c>, <c>format</c> (<c>creditCardType</c>) are not.
        /// </summary>
        public static bool IsPersonalData(string? identifier)
        {
            if (string.IsNullOrEmpty(identifier))
            {
                return false;
            }

            List<string> words = SplitWords(identifier!);
            if (words.Count == 0 || NonValueWords.Contains(words[words.Count - 1]))
            {
                return false;
            }

            bool Has(string word) => words.Exists(w => w.Equals(word, StringComparison.OrdinalIgnoreCase));
            return Has("ssn") || Has("creditcard") || Has("cardnumber") || Has("cvv") || Has("cvc")
                || (Has("credit") && Has("card"))
                || (Has("card") && Has("number"))
                || (Has("social") && Has("security"));
        }

        /// <summary>
        /// True when a value of this type can hold a secret as text or bytes: strings, characters and bytes (arrays, spans,
        /// memory), <c>SecureString</c>, <c>StringBuilder</c>, <c>StringValues</c>, <c>object</c>/<c>dynamic</c> (unknown), and
        /// sequences of those. A name judges the value only then: <c>writer.Token</c> (a JSON token),
        /// <c>cancellationToken</c>, <c>SyntaxToken</c> or a settings object named <c>ApiKeyOptions</c> hold no secret text
        /// themselves (objects with secret members are judged by their members, see <see cref="SecretMember"/>).
        /// </summary>
        public static bool CanHoldSecretText(ITypeSymbol? type, int depth = 0)
        {
            if (type is null || depth > 3)
            {
                return false;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                case SpecialType.System_Char:
                case SpecialType.System_Object:
                    return true;
            }

            switch (type)
            {
                case IDynamicTypeSymbol:
                    return true;
                case IArrayTypeSymbol array:
                    return array.ElementType.SpecialType == SpecialType.System_Byte || CanHoldSecretText(array.ElementType, depth + 1);
                case INamedTypeSymbol { IsGenericType: true } generic when generic.TypeArguments.Length == 1:
                    ITypeSymbol element = generic.TypeArguments[0];
                    return generic.Name is "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory" or "ArraySegment"
                        ? element.SpecialType is SpecialType.System_Char or SpecialType.System_Byte
                        : generic.Name is "IEnumerable" or "List" or "IList" or "IReadOnlyList" or "ICollection" or "IReadOnlyCollection" or "Nullable"
                          && CanHoldSecretText(element, depth + 1);
            }

            return SymbolNames.IsType(type, "System.Security", "SecureString")
                || SymbolNames.IsType(type, "System.Text", "StringBuilder")
                || (type.Name is "StringValues" or "StringSegment" && SymbolNames.IsNamespace(type.ContainingNamespace, "Microsoft.Extensions.Primitives"));
        }

        /// <summary>
        /// The first member of an object that is printed whole when formatted, which holds a secret or personal data by its
        /// name and type: the properties of an anonymous type or of a record (whose compiler-written <c>ToString</c> prints
        /// them), or, when <paramref name="destructured"/> (a structured-logging <c>{@Value}</c> hole), the public
        /// properties of any type declared in source. Nested records and anonymous types are followed one level.
        /// </summary>
        public static IPropertySymbol? SecretMember(ITypeSymbol? type, bool destructured, int depth = 0)
        {
            if (!(type is INamedTypeSymbol named) || depth > 1 || !named.Locations.Any(l => l.IsInSource))
            {
                return null;
            }

            bool printsMembers = named.IsAnonymousType
                || (named.IsRecord && named.GetMembers("ToString").All(m => m.IsImplicitlyDeclared))
                || destructured;
            if (!printsMembers)
            {
                return null;
            }

            foreach (ISymbol member in named.GetMembers())
            {
                if (!(member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property)
                    || property.GetAttributes().Any(a => a.AttributeClass?.Name is "JsonIgnoreAttribute" or "NotLoggedAttribute" or "LogPropertyIgnoreAttribute" or "SensitiveDataAttribute"))
                {
                    continue;
                }

                if (CanHoldSecretText(property.Type)
                    && ((Classify(property.Name) == SecurityValueKind.Secret && !IsNonSecretToken(property.Name)) || IsPersonalData(property.Name)))
                {
                    return property;
                }

                if (SecretMember(property.Type, destructured, depth + 1) is { } nested)
                {
                    return nested;
                }
            }

            return null;
        }

        /// <summary>Tokens that are not credentials: <c>cancellationToken</c>, <c>continuationToken</c>, <c>nextPageToken</c>, <c>syntaxToken</c>.</summary>
        public static bool IsNonSecretToken(string name)
        {
            foreach (string word in SplitWords(name))
            {
                switch (word)
                {
                    case "cancellation":
                    case "continuation":
                    case "page":
                    case "paging":
                    case "pagination":
                    case "syntax":
                    case "lexer":
                    case "parser":
                    case "json":
                    case "xml":
                        return true;
                }
            }

            return false;
        }

        /// <summary>Splits <c>resetToken</c>, <c>API_KEY</c>, <c>_sessionId</c>, <c>GenerateOTP</c> into lower-case words.</summary>
        public static List<string> SplitWords(string identifier)
        {
            var words = new List<string>();
            var current = new StringBuilder();
            for (int i = 0; i < identifier.Length; i++)
            {
                char c = identifier[i];
                if (!char.IsLetterOrDigit(c))
                {
                    Flush(words, current);
                    continue;
                }

                if (char.IsUpper(c) && current.Length > 0)
                {
                    char previous = identifier[i - 1];
                    bool nextIsLower = i + 1 < identifier.Length && char.IsLower(identifier[i + 1]);
                    if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                    {
                        Flush(words, current);
                    }
                }

                current.Append(char.ToLowerInvariant(c));
            }

            Flush(words, current);
            return words;
        }

        private static void Flush(List<string> words, StringBuilder current)
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}

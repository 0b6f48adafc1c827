using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>The input cannot be canonicalized (RFC 8785 accepts I-JSON only).</summary>
    internal sealed class JsonCanonicalizationException : Exception
    {
        public JsonCanonicalizationException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// RFC 8785 JSON Canonicalization Scheme: no whitespace, object members sorted by their names' UTF-16 code units,
    /// strings with the minimal escaping of ECMAScript's JSON.stringify, numbers as ECMAScript's Number.prototype.toString
    /// prints the IEEE 754 double. Rejects what I-JSON forbids: duplicate member names, lone surrogates, numbers outside
    /// the double range.
    /// </summary>
    internal static class JsonCanonicalizer
    {
        public static byte[] Canonicalize(JsonElement element)
        {
            var sb = new StringBuilder();
            Write(sb, element);
            return new UTF8Encoding(false, true).GetBytes(sb.ToString());
        }

        public static byte[] Canonicalize(string json)
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            return Canonicalize(doc.RootElement);
        }

        /// <summary>ECMAScript's Number.prototype.toString(10) for a finite double (RFC 8785, section 3.2.2.3).</summary>
        public static string FormatNumber(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new JsonCanonicalizationException("NaN and Infinity are not JSON numbers.");
            }

            if (value == 0)
            {
                return "0";
            }

            // .NET Core 3.0+ prints the shortest digits that round-trip, like ECMAScript; only the layout differs.
            (string digits, int exponent) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));

            // value = 0.digits x 10^n, digits without leading or trailing zeros.
            int k = digits.Length;
            int n = exponent;
            var sb = new StringBuilder();
            if (value < 0)
            {
                sb.Append('-');
            }

            if (k <= n && n <= 21)
            {
                sb.Append(digits).Append('0', n - k);
            }
            else if (0 < n && n <= 21)
            {
                sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
            }
            else if (-6 < n && n <= 0)
            {
                sb.Append("0.").Append('0', -n).Append(digits);
            }
            else
            {
                sb.Append(digits[0]);
                if (k > 1)
                {
                    sb.Append('.').Append(digits, 1, k - 1);
                }

                int e = n - 1;
                sb.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }

        /// <summary>"1.2345E+05" or "123.45" to ("12345", 3): value = 0.d1d2... x 10^n.</summary>
        private static (string Digits, int Exponent) Decompose(string text)
        {
            int e = text.IndexOfAny(new[] { 'E', 'e' });
            string mantissa = e >= 0 ? text.Substring(0, e) : text;
            int exponent = e >= 0 ? int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
            int dot = mantissa.IndexOf('.');
            string intPart = dot >= 0 ? mantissa.Substring(0, dot) : mantissa;
            string fracPart = dot >= 0 ? mantissa.Substring(dot + 1) : string.Empty;
            string all = intPart + fracPart;
            int pointPosition = intPart.Length + exponent;
            int lead = 0;
            while (lead < all.Length && all[lead] == '0')
            {
                lead++;
            }

            string digits = all.Substring(lead).TrimEnd('0');
            return (digits, pointPosition - lead);
        }

        private static void Write(StringBuilder sb, JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var members = new List<KeyValuePair<string, JsonElement>>();
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        string name = CheckedString(() => property.Name);
                        if (!names.Add(name))
                        {
                            throw new JsonCanonicalizationException($"The object has the member '{name}' twice.");
                        }

                        members.Add(new KeyValuePair<string, JsonElement>(name, property.Value));
                    }

                    // UTF-16 code unit order, which is what string.CompareOrdinal compares.
                    members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                    sb.Append('{');
                    for (int i = 0; i < members.Count; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(',');
                        }

                        WriteString(sb, members[i].Key);
                        sb.Append(':');
                        Write(sb, members[i].Value);
                    }

                    sb.Append('}');
                    break;
                case JsonValueKind.Array:
                    sb.Append('[');
                    bool first = true;
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        if (!first)
                        {
                            sb.Append(',');
                        }

                        first = false;
                        Write(sb, item);
                    }

                    sb.Append(']');
                    break;
                case JsonValueKind.String:
                    WriteString(sb, CheckedString(() => element.GetString()!));
                    break;
                case JsonValueKind.Number:
                    if (!element.TryGetDouble(out double number) || double.IsInfinity(number))
                    {
                        throw new JsonCanonicalizationException($"The number {element.GetRawText()} is outside the range of an IEEE 754 double.");
                    }

                    sb.Append(FormatNumber(number));
                    break;
                case JsonValueKind.True:
                    sb.Append("true");
                    break;
                case JsonValueKind.False:
                    sb.Append("false");
                    break;
                case JsonValueKind.Null:
                    sb.Append("null");
                    break;
                default:
                    throw new JsonCanonicalizationException($"Unexpected JSON value kind {element.ValueKind}.");
            }
        }

        private static string CheckedString(Func<string> read)
        {
            string text;
            try
            {
                text = read();
            }
            catch (InvalidOperationException ex)
            {
                throw new JsonCanonicalizationException("A string is not valid Unicode (" + ex.Message + ").");
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(text[i]))
                {
                    throw new JsonCanonicalizationException("A string holds a lone surrogate, which I-JSON forbids.");
                }
            }

            return text;
        }

        private static void WriteString(StringBuilder sb, string text)
        {
            sb.Append('"');
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"':
                        sb.Append("\\\"");
                        break;
                    case '\\':
                        sb.Append("\\\\");
                        break;
                    case '\b':
                        sb.Append("\\b");
                        break;
                    case '\f':
                        sb.Append("\\f");
                        break;
                    case '\n':
                        sb.Append("\\n");
                        break;
                    case '\r':
                        sb.Append("\\r");
                        break;
                    case '\t':
                        sb.Append("\\t");
                        break;
                    default:
                        if (c < 0x20)
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }

            sb.Append('"');
        }
    }
}

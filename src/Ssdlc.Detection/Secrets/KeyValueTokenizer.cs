using System;
using System.Collections.Generic;

namespace Ssdlc.Detection.Secrets
{
    /// <summary>
    /// A lightweight key/value tokenizer for configuration text, not a parser: JSON <c>"key": "value"</c>, YAML
    /// <c>key: value</c>, .env/INI <c>KEY=value</c>, XML attributes <c>key="value"</c>, <c>&lt;add key="Password" value="…"/&gt;</c>
    /// and elements <c>&lt;Password&gt;…&lt;/Password&gt;</c>. Values are only read for keys named like a secret, so the
    /// bounded look-aheads run rarely and the whole scan stays linear.
    /// </summary>
    internal static class KeyValueTokenizer
    {
        private const int MaxKey = 128;
        private const int MaxValue = 4096;

        // Every secret-like name (and the indirect "key"/"name" attributes) contains one of these.
        private static readonly string[] NameHints = { "pass", "pwd", "secret", "key", "token", "credential", "name", "pat" };

        public static void Scan(string t, bool lineOriented, List<Candidate> found)
        {
            int n = t.Length;
            for (int i = 0; i < n; i++)
            {
                char c = t[i];
                if (c == ':' || c == '=')
                {
                    Separator(t, i, lineOriented, found);
                }
                else if (c == '>' && i > 0 && t[i - 1] != '/' && t[i - 1] != '-')
                {
                    Element(t, i, found);
                }
            }
        }

        private static void Separator(string t, int i, bool lineOriented, List<Candidate> found)
        {
            char c = t[i];
            if (c == ':' && i + 2 < t.Length && t[i + 1] == '/' && t[i + 2] == '/')
            {
                return;
            }

            if (c == '=' && ((i > 0 && "=!<>+-*/".IndexOf(t[i - 1]) >= 0) || (i + 1 < t.Length && (t[i + 1] == '=' || t[i + 1] == '>'))))
            {
                return;
            }

            string? key = KeyBefore(t, i);
            if (key is null || !MightBeSecretName(key))
            {
                return;
            }

            SecretNameKind kind = SecretHeuristics.ClassifyName(key);
            bool indirect = kind == SecretNameKind.None && (key.Equals("key", StringComparison.OrdinalIgnoreCase) || key.Equals("name", StringComparison.OrdinalIgnoreCase));
            if (kind == SecretNameKind.None && !indirect)
            {
                return;
            }

            if (!ValueAfter(t, i + 1, lineOriented, out int start, out int length, out bool quoted)
                || (!quoted && !PlausibleUnquotedValue(t, start, length, lineOriented)))
            {
                return;
            }

            if (indirect)
            {
                // <add key="Password" value="..."/>: the secret-like name is the key attribute's value.
                string name = t.Substring(start, length);
                SecretNameKind nameKind = SecretHeuristics.ClassifyName(name);
                if (nameKind == SecretNameKind.None || nameKind == SecretNameKind.ConnectionString)
                {
                    return;
                }

                int tagEnd = t.IndexOf('>', start, Math.Min(512, t.Length - start));
                int limit = tagEnd < 0 ? Math.Min(t.Length, start + 512) : tagEnd;
                int value = t.IndexOf("value=", start + length, limit - (start + length), StringComparison.OrdinalIgnoreCase);
                if (value >= 0 && ValueAfter(t, value + 6, false, out int valueStart, out int valueLength, out bool valueQuoted) && valueQuoted)
                {
                    Judge(t, nameKind, name, valueStart, valueLength, true, found);
                }

                return;
            }

            // Unquoted words in free text (code, prose) are variables more often than defaults: defaults only when quoted or line-oriented.
            Judge(t, kind, key, start, length, quoted || lineOriented, found);
        }

        private static void Element(string t, int i, List<Candidate> found)
        {
            int j = i;
            int limit = Math.Max(0, i - MaxKey);
            while (j > limit && (CharClass.Is(t[j - 1], CharClass.Word | CharClass.Dash | CharClass.Dot) || t[j - 1] == ':'))
            {
                j--;
            }

            if (j == i || j == 0 || t[j - 1] != '<')
            {
                return;
            }

            string name = t.Substring(j, i - j);
            SecretNameKind kind = MightBeSecretName(name) ? SecretHeuristics.ClassifyName(name) : SecretNameKind.None;
            if (kind == SecretNameKind.None || kind == SecretNameKind.ConnectionString)
            {
                return;
            }

            int end = t.IndexOf('<', i + 1, Math.Min(MaxValue, t.Length - i - 1));
            if (end > i + 1)
            {
                Judge(t, kind, name, i + 1, end - i - 1, true, found);
            }
        }

        private static bool MightBeSecretName(string key)
        {
            foreach (string hint in NameHints)
            {
                if (key.IndexOf(hint, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An unquoted value is data, not code or markup: no YAML tags, anchors, aliases or block indicators, no
        /// template or markdown syntax, and (outside line-oriented files) no calls or indexers.
        /// </summary>
        private static bool PlausibleUnquotedValue(string t, int start, int length, bool lineOriented)
        {
            if ("{[|>`@&*!(".IndexOf(t[start]) >= 0)
            {
                return false;
            }

            if (!lineOriented)
            {
                for (int k = start; k < start + length; k++)
                {
                    if (t[k] == '(' || t[k] == '[' || t[k] == '\\')
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static void Judge(string t, SecretNameKind kind, string name, int start, int length, bool allowDefaults, List<Candidate> found)
        {
            if (kind == SecretNameKind.ConnectionString || length == 0)
            {
                return;
            }

            string value = t.Substring(start, length);
            string? verdict = SecretHeuristics.JudgeValue(kind, name, value, allowDefaults);
            if (verdict is null)
            {
                return;
            }

            int lead = 0;
            while (lead < value.Length && char.IsWhiteSpace(value[lead]))
            {
                lead++;
            }

            found.Add(new Candidate(verdict, start + lead, value.Trim().Length));
        }

        private static string? KeyBefore(string t, int i)
        {
            int j = i - 1;
            int spaces = 0;
            while (j >= 0 && (t[j] == ' ' || t[j] == '\t') && spaces++ < 8)
            {
                j--;
            }

            if (j < 0)
            {
                return null;
            }

            if (t[j] == '"' || t[j] == '\'')
            {
                char quote = t[j];
                int end = j;
                int limit = Math.Max(0, j - MaxKey);
                j--;
                while (j >= limit && t[j] != quote && t[j] != '\n')
                {
                    j--;
                }

                return j >= limit && j >= 0 && t[j] == quote && end - j - 1 > 0 ? t.Substring(j + 1, end - j - 1) : null;
            }

            int last = j;
            int stop = Math.Max(0, j - MaxKey);
            while (j >= stop && CharClass.Is(t[j], CharClass.Word | CharClass.Dash | CharClass.Dot))
            {
                j--;
            }

            return last - j > 0 ? t.Substring(j + 1, last - j) : null;
        }

        private static bool ValueAfter(string t, int from, bool lineOriented, out int start, out int length, out bool quoted)
        {
            start = from;
            length = 0;
            quoted = false;
            int spaces = 0;
            while (start < t.Length && (t[start] == ' ' || t[start] == '\t') && spaces++ < 8)
            {
                start++;
            }

            if (start >= t.Length)
            {
                return false;
            }

            char first = t[start];
            if (first == '"' || first == '\'')
            {
                int j = start + 1;
                int limit = Math.Min(t.Length, j + MaxValue);
                while (j < limit && t[j] != first && t[j] != '\n')
                {
                    j += t[j] == '\\' && first == '"' ? 2 : 1;
                }

                if (j >= limit || j >= t.Length || t[j] != first)
                {
                    return false;
                }

                start++;
                length = j - start;
                quoted = true;
                return true;
            }

            int end = start;
            int max = Math.Min(t.Length, start + MaxValue);
            if (lineOriented)
            {
                while (end < max && t[end] != '\n' && t[end] != '\r' && !(t[end] == '#' && end > start && char.IsWhiteSpace(t[end - 1])))
                {
                    end++;
                }

                while (end > start && char.IsWhiteSpace(t[end - 1]))
                {
                    end--;
                }
            }
            else
            {
                while (end < max && !char.IsWhiteSpace(t[end]) && ";,&<\"'}])#".IndexOf(t[end]) < 0)
                {
                    end++;
                }
            }

            length = end - start;
            return length > 0;
        }
    }
}

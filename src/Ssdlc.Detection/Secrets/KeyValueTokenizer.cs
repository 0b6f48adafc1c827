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
        private static readonly string[] NameHints = { "pass", "pwd", "secret", "key", "token", "credential", "name", "pat", "auth", "value" };

        // Look-back for the parent of a generic Key/Value child; bounded so that the scan stays linear.
        private const int MaxParentLookBack = 1024;

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

        /// <summary>
        /// Lines of the form <c>key value</c> or <c>"key" "value"</c> (a Yarn 1 <c>.yarnrc</c>): the first token is the
        /// key, the rest of the line the value.
        /// </summary>
        public static void ScanSpaceSeparatedLines(string t, List<Candidate> found)
        {
            int n = t.Length;
            int lineStart = 0;
            while (lineStart < n)
            {
                int lineEnd = t.IndexOf('\n', lineStart);
                lineEnd = lineEnd < 0 ? n : lineEnd;
                int k = lineStart;
                while (k < lineEnd && (t[k] == ' ' || t[k] == '\t'))
                {
                    k++;
                }

                if (k < lineEnd && t[k] != '#')
                {
                    int keyStart = k;
                    int keyEnd;
                    if (t[k] == '"')
                    {
                        int close = t.IndexOf('"', k + 1, lineEnd - k - 1);
                        keyStart = k + 1;
                        keyEnd = close < 0 ? lineEnd : close;
                        k = close < 0 ? lineEnd : close + 1;
                    }
                    else
                    {
                        while (k < lineEnd && !char.IsWhiteSpace(t[k]))
                        {
                            k++;
                        }

                        keyEnd = k;
                    }

                    string key = t.Substring(keyStart, keyEnd - keyStart);
                    int valueStart = k;
                    while (valueStart < lineEnd && (t[valueStart] == ' ' || t[valueStart] == '\t'))
                    {
                        valueStart++;
                    }

                    if (valueStart > k && valueStart < lineEnd && key.Length <= MaxKey && MightBeSecretName(key))
                    {
                        SecretNameKind kind = SecretHeuristics.ClassifyName(key);
                        int valueEnd = lineEnd;
                        while (valueEnd > valueStart && char.IsWhiteSpace(t[valueEnd - 1]))
                        {
                            valueEnd--;
                        }

                        if (valueEnd - valueStart >= 2 && t[valueStart] == '"' && t[valueEnd - 1] == '"')
                        {
                            valueStart++;
                            valueEnd--;
                        }

                        if (kind != SecretNameKind.None && valueEnd > valueStart)
                        {
                            Judge(t, kind, key, valueStart, valueEnd - valueStart, true, found);
                        }
                    }
                }

                lineStart = lineEnd + 1;
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

            // Most keys name nothing secret: the hint check runs on the text, the key string is made only after it.
            if (!KeyBounds(t, i, out int keyStart, out int keyLength) || !MightBeSecretName(t, keyStart, keyLength))
            {
                return;
            }

            string key = t.Substring(keyStart, keyLength);
            bool genericValue = key.Equals("value", StringComparison.OrdinalIgnoreCase);
            if (genericValue && c == '=' && !lineOriented)
            {
                return; // value="…" of an XML element: read through its key/name attribute (IndirectValue)
            }

            SecretNameKind kind = genericValue ? SecretNameKind.None : SecretHeuristics.ClassifyName(key);
            if (kind == SecretNameKind.None && (genericValue || key.Equals("key", StringComparison.OrdinalIgnoreCase)))
            {
                // "Jwt": { "Key": "…" }, [Jwt] Key=…, "AdminPassword": { "value": "…" }: the parent names the value.
                string? parent = ParentName(t, keyStart, c, lineOriented);
                if (parent != null && SecretHeuristics.IsSecretParent(parent))
                {
                    kind = SecretNameKind.Secret;
                    key = parent + ":" + key;
                }
            }

            bool indirect = kind == SecretNameKind.None && (key.Equals("key", StringComparison.OrdinalIgnoreCase) || key.Equals("name", StringComparison.OrdinalIgnoreCase));
            if (kind == SecretNameKind.None && !indirect)
            {
                return;
            }

            // A query parameter (?api_key=…&) or a key inside a connection string or quoted text ("…;Password=…;…")
            // ends at its delimiter even in a line-oriented file.
            char before = keyStart > 0 ? t[keyStart - 1] : '\n';
            bool delimited = before == '?' || before == '&' || before == ';' || (c == '=' && (before == '"' || before == '\''));
            if (!ValueAfter(t, i + 1, lineOriented && !delimited, out int start, out int length, out bool quoted)
                || (!quoted && !PlausibleUnquotedValue(t, start, length, lineOriented)))
            {
                return;
            }

            if (indirect)
            {
                IndirectValue(t, start, length, found);
                return;
            }

            if (kind == SecretNameKind.Authorization && !quoted)
            {
                // "Authorization: Bearer …" unquoted (a curl -H argument, a header line): the value runs to the end of the line or quote.
                int end = start;
                int limit = Math.Min(t.Length, start + MaxValue);
                while (end < limit && t[end] != '\n' && t[end] != '\r' && t[end] != '"' && t[end] != '\'')
                {
                    end++;
                }

                length = end - start;
            }

            // Unquoted words in free text (code, prose) are variables more often than defaults: defaults only when quoted or line-oriented.
            Judge(t, kind, key, start, length, quoted || lineOriented, found);
        }

        /// <summary>
        /// <c>&lt;add key="Password" value="…"/&gt;</c>, <c>&lt;setting name="ApiKey"&gt;&lt;value&gt;…&lt;/value&gt;</c>
        /// (Settings.settings, applicationSettings), <c>{ "key": "token", "value": "…" }</c> (REST client and Postman
        /// environments), <c>- name: DB_PASSWORD / value: …</c> (container environments): the secret-like name is the
        /// value of a key/name member, the secret the value member or element that follows it.
        /// </summary>
        private static void IndirectValue(string t, int nameStart, int nameLength, List<Candidate> found)
        {
            string name = t.Substring(nameStart, nameLength);
            SecretNameKind nameKind = SecretHeuristics.ClassifyName(name);
            if (nameKind == SecretNameKind.None || nameKind == SecretNameKind.ConnectionString)
            {
                return;
            }

            int from = nameStart + nameLength;
            int limit = Math.Min(t.Length, from + 256);
            int tagEnd = -1;
            for (int k = from; k < limit; k++)
            {
                char c = t[k];
                if (c == '>' || c == '}' || c == '<')
                {
                    tagEnd = c == '>' ? k : -1;
                    limit = k;
                    break;
                }
            }

            // A value member in the same tag or object: value="…", "value": "…", value: … (after "- name: …").
            for (int k = from; k + 5 < limit; k++)
            {
                if (t[k] == '\n')
                {
                    // The next item of a YAML list (- name: …) belongs to another name.
                    int next = k + 1;
                    while (next < limit && (t[next] == ' ' || t[next] == '\t'))
                    {
                        next++;
                    }

                    if (next < limit && t[next] == '-')
                    {
                        return;
                    }
                }

                if ((t[k] == 'v' || t[k] == 'V') && string.Compare(t, k, "value", 0, 5, StringComparison.OrdinalIgnoreCase) == 0
                    && (k == 0 || !CharClass.Is(t[k - 1], CharClass.Word)))
                {
                    int separator = k + 5;
                    if (separator < t.Length && (t[separator] == '"' || t[separator] == '\''))
                    {
                        separator++;
                    }

                    while (separator < t.Length && (t[separator] == ' ' || t[separator] == '\t'))
                    {
                        separator++;
                    }

                    if (separator < t.Length && (t[separator] == '=' || t[separator] == ':'))
                    {
                        bool lineValue = t[separator] == ':';
                        if (ValueAfter(t, separator + 1, lineValue, out int valueStart, out int valueLength, out bool valueQuoted)
                            && (valueQuoted || (lineValue && PlausibleUnquotedValue(t, valueStart, valueLength, true))))
                        {
                            Judge(t, nameKind, name, valueStart, valueLength, true, found);
                        }

                        return;
                    }
                }
            }

            // <setting name="ApiKey" serializeAs="String"><value>…</value>: the value element right after the tag.
            if (tagEnd > 0 && t[tagEnd - 1] != '/')
            {
                int k = tagEnd + 1;
                while (k < t.Length && k - tagEnd < 64 && char.IsWhiteSpace(t[k]))
                {
                    k++;
                }

                if (k + 6 < t.Length && t[k] == '<' && string.Compare(t, k + 1, "value", 0, 5, StringComparison.OrdinalIgnoreCase) == 0
                    && (t[k + 6] == '>' || t[k + 6] == ' '))
                {
                    int open = t.IndexOf('>', k, Math.Min(256, t.Length - k));
                    int close = open < 0 ? -1 : t.IndexOf('<', open + 1, Math.Min(MaxValue, t.Length - open - 1));
                    if (close > open + 1)
                    {
                        Judge(t, nameKind, name, open + 1, close - open - 1, true, found);
                    }
                }
            }
        }

        /// <summary>
        /// The name of the object or section that holds the key at <paramref name="keyStart"/>: the member name before the
        /// enclosing JSON object or array, the YAML key of the enclosing block, or the INI section. Bounded look-back.
        /// </summary>
        private static string? ParentName(string t, int keyStart, char separator, bool lineOriented)
        {
            bool quoted = keyStart > 0 && (t[keyStart - 1] == '"' || t[keyStart - 1] == '\'');
            if (quoted)
            {
                return JsonParent(t, keyStart - 1);
            }

            if (!lineOriented)
            {
                return null;
            }

            return separator == ':' ? IndentParent(t, keyStart) : IniSection(t, keyStart);
        }

        private static string? JsonParent(string t, int from)
        {
            int limit = Math.Max(0, from - MaxParentLookBack);
            int depth = 0;
            for (int j = from - 1; j >= limit; j--)
            {
                char c = t[j];
                if (c == '}' || c == ']')
                {
                    depth++;
                }
                else if (c == '{' || c == '[')
                {
                    if (depth > 0)
                    {
                        depth--;
                        continue;
                    }

                    int k = j - 1;
                    while (k >= limit && char.IsWhiteSpace(t[k]))
                    {
                        k--;
                    }

                    if (k >= limit && t[k] == ':')
                    {
                        return KeyBefore(t, k, out _);
                    }

                    // An element of an array: the array's member name is the parent.
                    if (!(k >= limit && (t[k] == '[' || t[k] == ',')))
                    {
                        return null;
                    }
                }
            }

            return null;
        }

        private static string? IndentParent(string t, int keyStart)
        {
            int lineStart = keyStart == 0 ? 0 : t.LastIndexOf('\n', keyStart - 1) + 1;
            int indent = keyStart - lineStart;
            int limit = Math.Max(0, keyStart - MaxParentLookBack);
            int end = lineStart - 1;
            while (indent > 0 && end > limit)
            {
                int start = t.LastIndexOf('\n', end - 1, end - limit) + 1;
                int first = start;
                while (first < end && (t[first] == ' ' || t[first] == '\t' || t[first] == '-'))
                {
                    first++;
                }

                int last = end;
                while (last > first && char.IsWhiteSpace(t[last - 1]))
                {
                    last--;
                }

                if (last > first && t[first] != '#' && first - start < indent)
                {
                    return t[last - 1] == ':' ? KeyBefore(t, last - 1, out _) : null;
                }

                end = start - 1;
            }

            return null;
        }

        private static string? IniSection(string t, int keyStart)
        {
            int limit = Math.Max(0, keyStart - MaxParentLookBack);
            int end = keyStart;
            while (end > limit)
            {
                int start = t.LastIndexOf('\n', end - 1, end - limit) + 1;
                if (t[start] == '[')
                {
                    int close = t.IndexOf(']', start, end - start);
                    return close > start + 1 ? t.Substring(start + 1, close - start - 1) : null;
                }

                end = start - 1;
            }

            return null;
        }

        /// <summary>The enclosing element of the element whose '&lt;' is at <paramref name="tagOpen"/>, skipping complete siblings.</summary>
        private static string? XmlParent(string t, int tagOpen)
        {
            int limit = Math.Max(0, tagOpen - MaxParentLookBack);
            int depth = 0;
            int j = tagOpen - 1;
            while (j >= limit)
            {
                int lt = t.LastIndexOf('<', j, j - limit + 1);
                if (lt < 0 || lt + 1 >= t.Length)
                {
                    return null;
                }

                int gt = t.IndexOf('>', lt, j - lt + 1);
                char first = t[lt + 1];
                if (first == '/')
                {
                    depth++;
                }
                else if (first != '?' && first != '!' && gt > lt && t[gt - 1] != '/')
                {
                    if (depth == 0)
                    {
                        int nameEnd = lt + 1;
                        while (nameEnd < gt && (CharClass.Is(t[nameEnd], CharClass.Word | CharClass.Dash | CharClass.Dot) || t[nameEnd] == ':'))
                        {
                            nameEnd++;
                        }

                        return nameEnd > lt + 1 ? t.Substring(lt + 1, nameEnd - lt - 1) : null;
                    }

                    depth--;
                }

                j = lt - 1;
            }

            return null;
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

            if (!MightBeSecretName(t, j, i - j))
            {
                return;
            }

            string name = t.Substring(j, i - j);
            SecretNameKind kind = SecretHeuristics.ClassifyName(name);
            if (kind == SecretNameKind.None && (name.Equals("key", StringComparison.OrdinalIgnoreCase) || name.Equals("value", StringComparison.OrdinalIgnoreCase)))
            {
                // <Jwt><Key>…</Key></Jwt>, <AdminPassword><Value>…</Value></AdminPassword>
                string? parent = XmlParent(t, j - 1);
                if (parent != null && SecretHeuristics.IsSecretParent(parent))
                {
                    kind = SecretNameKind.Secret;
                    name = parent + ":" + name;
                }
            }

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

        private static bool MightBeSecretName(string key) => MightBeSecretName(key, 0, key.Length);

        /// <summary>Whether <paramref name="t"/>[start, start + length) contains a hint, ASCII case-insensitively, without allocating.</summary>
        private static bool MightBeSecretName(string t, int start, int length)
        {
            int end = start + length;
            for (int p = start; p < end; p++)
            {
                char c = (char)(t[p] | 0x20);
                if (c != 'p' && c != 's' && c != 'k' && c != 't' && c != 'c' && c != 'n' && c != 'a' && c != 'v')
                {
                    continue;
                }

                foreach (string hint in NameHints)
                {
                    if (hint[0] == c && p + hint.Length <= end && MatchesLower(t, p, hint))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool MatchesLower(string t, int at, string lower)
        {
            for (int k = 1; k < lower.Length; k++)
            {
                char c = t[at + k];
                if (c != lower[k] && (c < 'A' || c > 'Z' || (char)(c | 0x20) != lower[k]))
                {
                    return false;
                }
            }

            return true;
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
            if (kind == SecretNameKind.Authorization)
            {
                int offset = 0;
                int secretLength = 0;
                string? scheme = SecretHeuristics.IsPlaceholder(value.Trim()) ? null : SecretHeuristics.JudgeAuthorization(value, out offset, out secretLength);
                if (scheme != null)
                {
                    found.Add(new Candidate(scheme, start + offset, secretLength));
                }

                return;
            }

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

        private static string? KeyBefore(string t, int i, out int keyStart)
            => KeyBounds(t, i, out keyStart, out int length) ? t.Substring(keyStart, length) : null;

        /// <summary>Where the key before the separator at <paramref name="i"/> is: quoted, or a run of name characters.</summary>
        private static bool KeyBounds(string t, int i, out int keyStart, out int length)
        {
            keyStart = i;
            length = 0;
            int j = i - 1;
            int spaces = 0;
            while (j >= 0 && (t[j] == ' ' || t[j] == '\t') && spaces++ < 8)
            {
                j--;
            }

            if (j < 0)
            {
                return false;
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

                keyStart = j + 1;
                length = end - j - 1;
                return j >= limit && j >= 0 && t[j] == quote && length > 0;
            }

            int last = j;
            int stop = Math.Max(0, j - MaxKey);
            while (j >= stop && CharClass.Is(t[j], CharClass.Word | CharClass.Dash | CharClass.Dot))
            {
                j--;
            }

            keyStart = j + 1;
            length = last - j;
            return length > 0;
        }

        /// <summary><c>name=</c> at <paramref name="at"/>: the next field of a form body or query string.</summary>
        private static bool IsFormField(string t, int at)
        {
            int run = CharClass.Run(t, at, 64, CharClass.Word | CharClass.Dash | CharClass.Dot);
            return run > 0 && run <= 64 && at + run < t.Length && t[at + run] == '=';
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
                while (end < max && t[end] != '\n' && t[end] != '\r' && !(t[end] == '#' && end > start && char.IsWhiteSpace(t[end - 1]))
                       && !(t[end] == '&' && IsFormField(t, end + 1)))
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

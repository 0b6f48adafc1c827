using System;
using System.Collections.Generic;

namespace Ssdlc.Detection.Secrets
{
    /// <summary>
    /// The shared secret detector: known credential formats anywhere, plus name-plus-value (a value assigned to a key
    /// or member named like a secret). Used by SSDLC1101 (code literals, <see cref="CheckValue"/>) and the configuration
    /// scan (whole files, <see cref="ScanText"/>).
    /// </summary>
    /// <remarks>
    /// Linear in the input: one pass with a switch on the current character as prefilter, every token matched by
    /// bounded hand-written runs (no regular expressions), look-backs and look-aheads bounded by constants, the
    /// search for a PEM end marker cached so that it is done once per marker. No file, network or environment access.
    /// </remarks>
    internal static class SecretScanner
    {
        /// <summary>Scans a whole file's text. <paramref name="fileName"/> selects line-oriented values for .env, INI, properties and YAML files.</summary>
        public static IReadOnlyList<SecretMatch> ScanText(string text, string? fileName)
        {
            if (text is null || text.Length == 0)
            {
                return Array.Empty<SecretMatch>();
            }

            var candidates = new List<Candidate>();
            KnownFormats.Scan(text, candidates);
            KeyValueTokenizer.Scan(text, IsLineOrientedFile(fileName), candidates);
            if (IsSpaceSeparatedFile(fileName))
            {
                KeyValueTokenizer.ScanSpaceSeparatedLines(text, candidates);
            }

            // Known formats were added first; the stable sort keeps them ahead of a name-plus-value finding at the same offset.
            candidates = StableSortByStart(candidates);

            var matches = new List<SecretMatch>(candidates.Count);
            int lastEnd = -1;
            int line = 1;
            int lineStart = 0;
            int scanned = 0;
            foreach (Candidate candidate in candidates)
            {
                if (candidate.Start < lastEnd)
                {
                    continue; // overlaps a finding already reported
                }

                for (; scanned < candidate.Start; scanned++)
                {
                    if (text[scanned] == '\n')
                    {
                        line++;
                        lineStart = scanned + 1;
                    }
                }

                matches.Add(Create(candidate, text.Substring(candidate.Start, candidate.Length), line, candidate.Start - lineStart + 1));
                lastEnd = candidate.Start + candidate.Length;
            }

            return matches;
        }

        /// <summary>
        /// Checks one value (a code literal) with the name it is assigned to (member, parameter, dictionary key; null when none).
        /// Returns the first secret found, or null.
        /// </summary>
        public static SecretMatch? CheckValue(string? name, string value)
        {
            if (value is null || value.Length == 0)
            {
                return null;
            }

            var candidates = new List<Candidate>(1);
            KnownFormats.Scan(value, candidates);
            if (candidates.Count == 0)
            {
                SecretNameKind nameKind = SecretHeuristics.ClassifyName(name);
                string? kind = SecretHeuristics.JudgeValue(nameKind, name, value);
                if (kind is null)
                {
                    return null;
                }

                int start = 0;
                int end = value.Length;
                while (start < end && char.IsWhiteSpace(value[start]))
                {
                    start++;
                }

                while (end > start && char.IsWhiteSpace(value[end - 1]))
                {
                    end--;
                }

                candidates.Add(new Candidate(kind, start, end - start));
            }

            Candidate first = candidates[0];
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < first.Start; i++)
            {
                if (value[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return Create(first, value.Substring(first.Start, first.Length), line, first.Start - lineStart + 1);
        }

        private static SecretMatch Create(Candidate candidate, string secret, int line, int column)
            => new SecretMatch(candidate.Kind, candidate.Start, candidate.Length, line, column, SecretMasking.Mask(secret), SecretMasking.Fingerprint(secret));

        /// <summary>.env, INI, properties, YAML, REST client (.http/.rest) and package-manager rc files: a value runs to the end of its line.</summary>
        private static bool IsLineOrientedFile(string? fileName)
        {
            string name = FileName(fileName);
            return name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal) || name.EndsWith(".env", StringComparison.Ordinal)
                   || name.EndsWith(".ini", StringComparison.Ordinal) || name.EndsWith(".properties", StringComparison.Ordinal)
                   || name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal)
                   || name.EndsWith(".cfg", StringComparison.Ordinal) || name.EndsWith(".conf", StringComparison.Ordinal)
                   || name.EndsWith(".http", StringComparison.Ordinal) || name.EndsWith(".rest", StringComparison.Ordinal)
                   || name == ".npmrc" || name == ".yarnrc" || name == ".pypirc";
        }

        /// <summary>A Yarn 1 <c>.yarnrc</c>: <c>key value</c> lines.</summary>
        private static bool IsSpaceSeparatedFile(string? fileName) => FileName(fileName) == ".yarnrc";

        private static string FileName(string? fileName)
        {
            if (string.IsNullOrEmpty(fileName))
            {
                return string.Empty;
            }

            string name = fileName!.Replace('\\', '/');
            return name.Substring(name.LastIndexOf('/') + 1).ToLowerInvariant();
        }

        private static List<Candidate> StableSortByStart(List<Candidate> candidates)
        {
            var indexed = new List<KeyValuePair<int, Candidate>>(candidates.Count);
            for (int i = 0; i < candidates.Count; i++)
            {
                indexed.Add(new KeyValuePair<int, Candidate>(i, candidates[i]));
            }

            indexed.Sort((a, b) =>
            {
                int byStart = a.Value.Start.CompareTo(b.Value.Start);
                return byStart != 0 ? byStart : a.Key.CompareTo(b.Key);
            });
            var sorted = new List<Candidate>(indexed.Count);
            foreach (KeyValuePair<int, Candidate> pair in indexed)
            {
                sorted.Add(pair.Value);
            }

            return sorted;
        }
    }

    /// <summary>A finding before masking: kind and the secret's span.</summary>
    internal readonly struct Candidate
    {
        public Candidate(string kind, int start, int length)
        {
            Kind = kind;
            Start = start;
            Length = length;
        }

        public string Kind { get; }

        public int Start { get; }

        public int Length { get; }
    }
}

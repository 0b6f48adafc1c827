using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NuGet.Versioning;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>
    /// Grades one package's metadata (SSDLC2604): deprecated as legacy or for critical bugs High, deprecated for other
    /// reasons or unlisted Medium, too many major versions behind Low. One finding per package, at its highest grade,
    /// naming everything that applies; vulnerabilities the registration lists are named in it (SSDLC2603 grades them).
    /// </summary>
    internal static class PackageMetadataRules
    {
        private const int MaxFeedTextLength = 200;

        public static Finding? Grade(PackageMetadata answer, string via, int majorVersionsBehind, (string? File, int Line, int Column) where)
        {
            var sentences = new List<string>();
            Criticality? criticality = null;
            string package = $"Package {answer.Id} {answer.Version}{via}";

            if (answer.IsDeprecated)
            {
                bool severe = answer.DeprecationReasons.Any(r => IsReason(r, "Legacy") || IsReason(r, "CriticalBugs"));
                criticality = severe ? Criticality.High : Criticality.Medium;
                string message = FeedText(answer.DeprecationMessage);
                sentences.Add($"{package} is deprecated on '{answer.Source}' ({string.Join(", ", answer.DeprecationReasons.Select(Describe))}){(message.Length > 0 ? ": \"" + message + "\"" : string.Empty)}.");
                sentences.Add(answer.AlternatePackageId != null
                    ? $"Its owner recommends {FeedText(answer.AlternatePackageId)}{(answer.AlternatePackageRange != null ? " " + FeedText(answer.AlternatePackageRange) : string.Empty)} instead."
                    : "Move to a maintained package or version.");
            }

            if (!answer.Listed)
            {
                criticality = Max(criticality, Criticality.Medium);
                sentences.Add(answer.IsDeprecated
                    ? "This version is also unlisted."
                    : $"{package} is unlisted on '{answer.Source}': its owner withdrew this version. Move to a listed version{(answer.NewestStable != null ? $" (newest stable: {answer.NewestStable})" : string.Empty)}.");
            }

            int behind = MajorsBehind(answer);
            if (majorVersionsBehind > 0 && behind >= majorVersionsBehind)
            {
                criticality = Max(criticality, Criticality.Low);
                sentences.Add(sentences.Count == 0
                    ? $"{package} is {behind} major versions behind the newest stable version {answer.NewestStable} on '{answer.Source}' (SsdlcMajorVersionsBehind={majorVersionsBehind}); plan the upgrade, old major versions rarely get fixes."
                    : $"It is also {behind} major versions behind the newest stable version {answer.NewestStable}.");
            }

            if (criticality == null)
            {
                return null;
            }

            if (answer.Vulnerabilities.Count > 0)
            {
                int highest = answer.Vulnerabilities.Max(v => v.Severity);
                IEnumerable<string> urls = answer.Vulnerabilities.Select(v => FeedText(v.AdvisoryUrl)).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).Take(3);
                sentences.Add($"The feed lists {answer.Vulnerabilities.Count} known {(answer.Vulnerabilities.Count == 1 ? "vulnerability" : "vulnerabilities")} for it (highest severity: {Severity(highest)}): {string.Join(", ", urls)}.");
            }

            return new Finding(RuleIds.OutdatedDependency, criticality.Value, string.Join(" ", sentences), where.File, where.Line, where.Column, answer.Id);
        }

        /// <summary>Major versions between the resolved version and the newest stable one; 0 when not behind or unknown.</summary>
        internal static int MajorsBehind(PackageMetadata answer)
            => NuGetVersion.TryParse(answer.Version, out NuGetVersion? resolved) && NuGetVersion.TryParse(answer.NewestStable, out NuGetVersion? newest)
                ? Math.Max(0, newest.Major - resolved.Major)
                : 0;

        private static bool IsReason(string reason, string name) => string.Equals(reason, name, StringComparison.OrdinalIgnoreCase);

        private static string Describe(string reason)
            => IsReason(reason, "Legacy") ? "legacy: no longer maintained"
                : IsReason(reason, "CriticalBugs") ? "critical bugs"
                : IsReason(reason, "Other") ? "other reasons"
                : FeedText(reason);

        private static string Severity(int severity) => severity switch
        {
            0 => "low",
            1 => "moderate",
            2 => "high",
            3 => "critical",
            _ => severity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        private static Criticality Max(Criticality? a, Criticality b) => a == null || b > a.Value ? b : a.Value;

        /// <summary>Text from a feed, on one line and of bounded length.</summary>
        private static string FeedText(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return string.Empty;
            }

            string line = Regex.Replace(text!, @"\s+", " ").Trim();
            if (line.Length <= MaxFeedTextLength)
            {
                return line;
            }

            var shortened = new StringBuilder(line, 0, MaxFeedTextLength, MaxFeedTextLength + 1);
            return shortened.Append('…').ToString();
        }
    }
}

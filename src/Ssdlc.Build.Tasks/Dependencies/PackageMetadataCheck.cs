using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>
    /// SSDLC2604 (A.2.6.3, A.2.6.5): every package of the restore graph against what its feed says now: deprecated
    /// (legacy or critical bugs High, other reasons Medium), unlisted (Medium), and for direct references, too many major
    /// versions behind the newest stable version (Low, from <c>SsdlcMajorVersionsBehind</c>). The only check that
    /// contacts a feed: it runs when the restore result or a setting changes (and daily), reuses answers younger than a
    /// day from <see cref="CacheFile"/>, is bounded by <see cref="Timeout"/>, and says once, at Low, when it could not
    /// read the metadata. It never fails the build for a feed's sake.
    /// </summary>
    public sealed class PackageMetadataCheck : SsdlcCheckTask
    {
        public const int DefaultTimeoutSeconds = 5;

        /// <summary>The default of <c>SsdlcMajorVersionsBehind</c> at risk class High and above (off at Standard).</summary>
        public const int DefaultMajorVersionsBehindAtHigh = 2;

        public string? ProjectAssetsFile { get; set; }

        /// <summary>The TargetFramework of this (inner) build; selects the restore graph.</summary>
        public string? TargetFramework { get; set; }

        /// <summary><c>PackageReference</c> items: where a direct reference is declared.</summary>
        public ITaskItem[] PackageReferences { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The answers of earlier lookups (in <c>obj/</c>).</summary>
        [Required]
        public string CacheFile { get; set; } = string.Empty;

        /// <summary><c>SsdlcMajorVersionsBehind</c>: a direct reference this many major versions behind is reported; 0 is off; empty is the risk class's default.</summary>
        public string? MajorVersionsBehind { get; set; }

        /// <summary><c>SsdlcPackageMetadataTimeout</c>: seconds for the whole lookup.</summary>
        public string? Timeout { get; set; }

        /// <summary>The clock (tests set it to age the cache).</summary>
        internal Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

        internal override void Check(List<Finding> findings)
        {
            if (string.IsNullOrEmpty(ProjectAssetsFile) || !File.Exists(ProjectAssetsFile))
            {
                return;
            }

            ProjectAssets assets;
            try
            {
                assets = ProjectAssets.Load(ProjectAssetsFile!);
            }
            catch (AssetsFormatException)
            {
                // SsdlcCheckDependencies reports the unreadable restore result (SSDLC0002).
                return;
            }

            int majorsBehind = ParseSetting(MajorVersionsBehind, "SsdlcMajorVersionsBehind", ResolvedRiskClass >= Detection.Rules.RiskClass.High ? DefaultMajorVersionsBehindAtHigh : 0, 0, 1000, findings);
            int timeoutSeconds = ParseSetting(Timeout, "SsdlcPackageMetadataTimeout", DefaultTimeoutSeconds, 1, 120, findings);

            (Dictionary<string, GraphNode> nodes, List<string> direct) = assets.GraphFor(TargetFramework);
            List<GraphNode> packages = nodes.Values.Where(n => n.Type == "package").OrderBy(n => n.Id, StringComparer.OrdinalIgnoreCase).ToList();
            DateTime now = UtcNow();
            string sourcesKey = string.Join("\n", assets.Sources);
            Dictionary<string, PackageMetadata> cached = PackageMetadataCache.Read(CacheFile, sourcesKey, now);
            var missing = packages.Where(p => !cached.ContainsKey(p.Id + "/" + p.Version)).Select(p => (p.Id, p.Version)).ToList();

            var answers = new Dictionary<string, PackageMetadata>(StringComparer.OrdinalIgnoreCase);
            foreach (GraphNode package in packages)
            {
                if (cached.TryGetValue(package.Id + "/" + package.Version, out PackageMetadata? answer))
                {
                    answers[answer.Key] = answer;
                }
            }

            FeedLookup lookup = LookUp(assets, missing, TimeSpan.FromSeconds(timeoutSeconds), now, findings);
            foreach (PackageMetadata answer in lookup.Answers)
            {
                answers[answer.Key] = answer;
            }

            PackageMetadataCache.Write(CacheFile, sourcesKey, answers.Values);

            var paths = new GraphPaths(nodes, direct, ProjectFile);
            var directIds = new HashSet<string>(direct, StringComparer.OrdinalIgnoreCase);
            foreach (GraphNode package in packages)
            {
                if (answers.TryGetValue(package.Id + "/" + package.Version, out PackageMetadata? answer))
                {
                    bool isDirect = directIds.Contains(package.Id);
                    Finding? finding = PackageMetadataRules.Grade(answer, isDirect ? string.Empty : paths.Via(package), isDirect ? majorsBehind : 0, Where(package.Id, isDirect));
                    if (finding != null)
                    {
                        findings.Add(finding);
                    }
                }
            }

            if (lookup.Unanswered.Count > 0)
            {
                string reasons = string.Join("; ", lookup.Problems.Take(3)) + (lookup.Problems.Count > 3 ? $"; and {lookup.Problems.Count - 3} more" : string.Empty);
                findings.Add(new Finding(
                    RuleIds.OutdatedDependency,
                    Criticality.Low,
                    $"Package metadata could not be read for {lookup.Unanswered.Count} of {packages.Count} packages ({reasons}), so they were not checked for deprecation, unlisting and newer versions. The build goes on; the check asks again when the restore result changes, and each day.",
                    ProjectFile,
                    0,
                    0,
                    "package-metadata"));
            }
        }

        private FeedLookup LookUp(ProjectAssets assets, List<(string Id, string Version)> missing, TimeSpan timeout, DateTime now, List<Finding> findings)
        {
            if (missing.Count == 0)
            {
                return new FeedLookup();
            }
#if NET10_0_OR_GREATER
            return FeedMetadataReader.Read(assets.Sources, assets.ConfigFilePaths, missing, timeout, now);
#else
            findings.Add(new Finding(
                RuleIds.OutdatedDependency,
                Criticality.Low,
                $"Package metadata (deprecation, unlisting, newer versions) is read by the build checks of the .NET 10 SDK's MSBuild; this MSBuild runs on .NET {Environment.Version.ToString(2)}, so {missing.Count} packages were not checked. Build with the .NET 10 SDK, or set SsdlcPackageMetadata=false.",
                ProjectFile,
                0,
                0,
                "package-metadata"));
            return new FeedLookup();
#endif
        }

        private (string? File, int Line, int Column) Where(string id, bool isDirect)
        {
            if (isDirect)
            {
                ITaskItem? reference = PackageReferences.FirstOrDefault(r => string.Equals(r.ItemSpec.Trim(), id, StringComparison.OrdinalIgnoreCase));
                string file = reference?.GetMetadata("DefiningProjectFullPath") ?? string.Empty;
                if (file.Length > 0)
                {
                    (int line, int column) = Locator.Locate(file, "PackageReference", id);
                    return (file, line, column);
                }
            }

            return (ProjectFile, 0, 0);
        }

        private int ParseSetting(string? text, string name, int fallback, int min, int max, List<Finding> findings)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (int.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
            {
                return value;
            }

            findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.High, $"{name} is '{text}', which is not a whole number from {min} to {max}; the check uses {fallback}.", ProjectFile, 0, 0, name));
            return fallback;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using NuGet.Versioning;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>
    /// SSDLC2606 (A.2.6.6): every dependency version is pinned. Flags floating versions (<c>*</c>, <c>1.*</c>),
    /// explicit ranges without an upper bound (<c>[1.0,)</c>), restore resolving another version than the one
    /// requested (NuGet's NU1603), and at risk class High and above a missing lock file or a CI restore that
    /// does not enforce it.
    /// </summary>
    public sealed class PackagePinningCheck : SsdlcCheckTask
    {
        public ITaskItem[] PackageReferences { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] PackageVersions { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] GlobalPackageReferences { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] PackageDownloads { get; set; } = Array.Empty<ITaskItem>();

        public string? ProjectAssetsFile { get; set; }

        /// <summary>The lock file path NuGet uses (<c>NuGetLockFilePath</c> or the project's <c>packages.lock.json</c>).</summary>
        public string? LockFile { get; set; }

        public bool RestorePackagesWithLockFile { get; set; }

        public bool RestoreLockedMode { get; set; }

        /// <summary>True when the build runs in CI (<c>ContinuousIntegrationBuild</c> or the <c>CI</c> variable).</summary>
        public bool IsContinuousIntegration { get; set; }

        internal override void Check(List<Finding> findings)
        {
            bool strict = ResolvedRiskClass >= Detection.Rules.RiskClass.High;
            Criticality criticality = strict ? Criticality.High : Criticality.Medium;
            ProjectAssets? assets = LoadAssets(findings);

            foreach (ITaskItem item in PackageReferences)
            {
                if (IsImplicit(item))
                {
                    continue;
                }

                CheckVersion(findings, item, "PackageReference", "Version", criticality, assets);
                CheckVersion(findings, item, "PackageReference", "VersionOverride", criticality, assets);
            }

            foreach (ITaskItem item in PackageVersions)
            {
                CheckVersion(findings, item, "PackageVersion", "Version", criticality, assets);
            }

            foreach (ITaskItem item in GlobalPackageReferences)
            {
                CheckVersion(findings, item, "GlobalPackageReference", "Version", criticality, assets);
            }

            foreach (ITaskItem item in PackageDownloads)
            {
                CheckVersion(findings, item, "PackageDownload", "Version", criticality, assets);
            }

            if (assets != null)
            {
                foreach ((string code, string? libraryId, string message) in assets.Logs)
                {
                    if (code == "NU1603")
                    {
                        findings.Add(new Finding(
                            RuleIds.UnpinnedDependency,
                            criticality,
                            $"Restore resolved a different version than requested (NU1603): {message} Request a version the feed has, exactly.",
                            ProjectFile,
                            0,
                            0,
                            libraryId));
                    }
                }
            }

            if (strict)
            {
                CheckLockFile(findings);
            }
        }

        private void CheckLockFile(List<Finding> findings)
        {
            bool hasPackages = PackageReferences.Any(i => !IsImplicit(i)) || GlobalPackageReferences.Length > 0;
            if (!hasPackages)
            {
                return;
            }

            if (string.IsNullOrEmpty(LockFile) || !File.Exists(LockFile))
            {
                findings.Add(new Finding(
                    RuleIds.UnpinnedDependency,
                    Criticality.High,
                    "The project has no packages.lock.json: at risk class High and above the exact dependency graph, with content hashes, must be committed. Set <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>, restore, and commit the lock file.",
                    ProjectFile,
                    0,
                    0,
                    "packages.lock.json"));
            }
            else if (IsContinuousIntegration && !RestoreLockedMode)
            {
                findings.Add(new Finding(
                    RuleIds.UnpinnedDependency,
                    Criticality.High,
                    "This CI build does not enforce the lock file: set <RestoreLockedMode>true</RestoreLockedMode> when ContinuousIntegrationBuild or CI is set, so that restore fails instead of silently changing the dependency graph.",
                    ProjectFile,
                    0,
                    0,
                    "RestoreLockedMode"));
            }
        }

        private void CheckVersion(List<Finding> findings, ITaskItem item, string itemType, string metadata, Criticality criticality, ProjectAssets? assets)
        {
            string text = item.GetMetadata(metadata).Trim();
            if (text.Length == 0)
            {
                return;
            }

            string id = item.ItemSpec;
            string file = item.GetMetadata("DefiningProjectFullPath");
            (int line, int column) = Locator.Locate(file, itemType, id);
            string where = metadata == "Version" ? itemType : $"{itemType} {metadata}";

            if (!VersionRange.TryParse(text, allowFloating: true, out VersionRange? range) || range == null)
            {
                findings.Add(new Finding(
                    RuleIds.InvalidConfiguration,
                    Criticality.High,
                    $"{where} '{id}' has version '{text}', which is not a NuGet version or range; declare an exact version such as 1.2.3.",
                    file,
                    line,
                    column,
                    id));
                return;
            }

            string? problem = null;
            if (range.IsFloating)
            {
                problem = "a floating version";
            }
            else if (text.StartsWith("[", StringComparison.Ordinal) || text.StartsWith("(", StringComparison.Ordinal))
            {
                if (!range.HasUpperBound)
                {
                    problem = "a range without an upper bound";
                }
            }

            if (problem == null)
            {
                return;
            }

            string? resolved = assets != null && assets.ResolvedVersions.TryGetValue(id, out SortedSet<string>? versions)
                ? string.Join(", ", versions)
                : null;
            string declared = resolved == null ? $"'{text}', not restored by this project" : $"'{text}'; restore resolved {resolved}";
            string example = resolved == null ? string.Empty : $", e.g. Version=\"{resolved.Split(',')[0]}\"";
            findings.Add(new Finding(
                RuleIds.UnpinnedDependency,
                criticality,
                $"{where} '{id}' declares {problem} ({declared}); declare the exact version that was reviewed{example}.",
                file,
                line,
                column,
                id));
        }

        private ProjectAssets? LoadAssets(List<Finding> findings)
        {
            if (string.IsNullOrEmpty(ProjectAssetsFile) || !File.Exists(ProjectAssetsFile))
            {
                return null;
            }

            try
            {
                return ProjectAssets.Load(ProjectAssetsFile!);
            }
            catch (AssetsFormatException ex)
            {
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.High, ex.Message, ex.File, ex.Line, 0, "project.assets.json"));
                return null;
            }
        }

        private static bool IsImplicit(ITaskItem item)
            => string.Equals(item.GetMetadata("IsImplicitlyDefined"), "true", StringComparison.OrdinalIgnoreCase);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using NuGet.Versioning;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using RiskClass = Ssdlc.Detection.Rules.RiskClass;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>
    /// SSDLC2606 (A.2.6.6): every dependency version is pinned. Flags floating versions (<c>*</c>, <c>1.*</c>),
    /// explicit ranges without an upper bound (<c>[1.0,)</c>), restore resolving another version than the one
    /// requested (NuGet's NU1603), and at risk class High and above a missing lock file or a CI restore that
    /// does not enforce it.
    /// </summary>
    internal static class PinningRules
    {
        public static void Check(DependencyPolicyCheck task, ProjectAssets? assets, List<Finding> findings)
        {
            bool strict = task.ResolvedRiskClass >= RiskClass.High;
            Criticality criticality = strict ? Criticality.High : Criticality.Medium;

            foreach (ITaskItem item in task.PackageReferences)
            {
                if (IsImplicit(item))
                {
                    continue;
                }

                CheckVersion(task, findings, item, "PackageReference", "Version", criticality, assets);
                CheckVersion(task, findings, item, "PackageReference", "VersionOverride", criticality, assets);
            }

            foreach (ITaskItem item in task.PackageVersions)
            {
                CheckVersion(task, findings, item, "PackageVersion", "Version", criticality, assets);
            }

            foreach (ITaskItem item in task.GlobalPackageReferences)
            {
                CheckVersion(task, findings, item, "GlobalPackageReference", "Version", criticality, assets);
            }

            foreach (ITaskItem item in task.PackageDownloads)
            {
                CheckVersion(task, findings, item, "PackageDownload", "Version", criticality, assets);
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
                            task.ProjectFile,
                            0,
                            0,
                            libraryId));
                    }
                }
            }

            if (strict)
            {
                CheckLockFile(task, findings);
            }
        }

        private static void CheckLockFile(DependencyPolicyCheck task, List<Finding> findings)
        {
            bool hasPackages = task.PackageReferences.Any(i => !IsImplicit(i)) || task.GlobalPackageReferences.Length > 0;
            if (!hasPackages)
            {
                return;
            }

            if (string.IsNullOrEmpty(task.LockFile) || !File.Exists(task.LockFile))
            {
                findings.Add(new Finding(
                    RuleIds.UnpinnedDependency,
                    Criticality.High,
                    "The project has no packages.lock.json: at risk class High and above the exact dependency graph, with content hashes, must be committed. Set <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>, restore, and commit the lock file.",
                    task.ProjectFile,
                    0,
                    0,
                    "packages.lock.json"));
            }
            else if (task.IsContinuousIntegration && !task.RestoreLockedMode)
            {
                findings.Add(new Finding(
                    RuleIds.UnpinnedDependency,
                    Criticality.High,
                    "This CI build does not enforce the lock file: set <RestoreLockedMode>true</RestoreLockedMode> when ContinuousIntegrationBuild or CI is set, so that restore fails instead of silently changing the dependency graph.",
                    task.ProjectFile,
                    0,
                    0,
                    "RestoreLockedMode"));
            }
        }

        private static void CheckVersion(DependencyPolicyCheck task, List<Finding> findings, ITaskItem item, string itemType, string metadata, Criticality criticality, ProjectAssets? assets)
        {
            string text = item.GetMetadata(metadata).Trim();
            if (text.Length == 0)
            {
                return;
            }

            string id = item.ItemSpec;
            string file = item.GetMetadata("DefiningProjectFullPath");
            (int line, int column) = task.Locator.Locate(file, itemType, id);
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

        private static bool IsImplicit(ITaskItem item)
            => string.Equals(item.GetMetadata("IsImplicitlyDefined"), "true", StringComparison.OrdinalIgnoreCase);
    }
}

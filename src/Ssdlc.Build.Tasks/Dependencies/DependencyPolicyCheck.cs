using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>
    /// The dependency checks of A.2.6, on NuGet's own resolved view (restore result, lock file, nuget.config files):
    /// pinning (SSDLC2606), feeds (SSDLC2601), approved and denied packages (SSDLC2602), known vulnerabilities
    /// (SSDLC2603) and supported frameworks (SSDLC2605). The restore result is read once for all of them.
    /// </summary>
    public sealed class DependencyPolicyCheck : SsdlcCheckTask
    {
        public ITaskItem[] PackageReferences { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] PackageVersions { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] GlobalPackageReferences { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] PackageDownloads { get; set; } = Array.Empty<ITaskItem>();

        public string? ProjectAssetsFile { get; set; }

        /// <summary>The lock file path NuGet uses (<c>NuGetLockFilePath</c> or the project's <c>packages.lock.json</c>).</summary>
        public string? LockFile { get; set; }

        public bool RestoreLockedMode { get; set; }

        /// <summary>True when the build runs in CI (<c>ContinuousIntegrationBuild</c> or the <c>CI</c> variable).</summary>
        public bool IsContinuousIntegration { get; set; }

        /// <summary><c>SsdlcApprovedFeed</c> items: source URLs, folders or nuget.config keys.</summary>
        public ITaskItem[] ApprovedFeeds { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>SsdlcApprovedPackage</c> items: id (a trailing <c>*</c> matches a prefix), optional <c>Version</c> range.</summary>
        public ITaskItem[] ApprovedPackages { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>SsdlcDeniedPackage</c> items: id (a trailing <c>*</c> matches a prefix), optional <c>Version</c> range and <c>Reason</c>.</summary>
        public ITaskItem[] DeniedPackages { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The TargetFramework of this (inner) build; selects the restore graph.</summary>
        public string? TargetFramework { get; set; }

        public string? TargetFrameworkIdentifier { get; set; }

        public string? TargetFrameworkVersion { get; set; }

        public string? RuntimeFrameworkVersion { get; set; }

        /// <summary>The .NET SDK running the build (<c>NETCoreSdkVersion</c>).</summary>
        public string? SdkVersion { get; set; }

        /// <summary><c>SsdlcFrameworkSupport</c> items: moniker (net8.0, net48…) with <c>EndOfSupport</c> (yyyy-MM-dd); the last item for a moniker wins.</summary>
        public ITaskItem[] FrameworkSupport { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The day the build is judged on (yyyy-MM-dd); today (UTC) when empty.</summary>
        public string? BuildDate { get; set; }

        /// <summary>
        /// Where to list the files the checks read besides the restore result (the nuget.config files restore used), so
        /// that the next build runs the checks again when one of them changes.
        /// </summary>
        public string? InputsListFile { get; set; }

        internal DateTime Today
            => IsoDate.TryParse(BuildDate, out DateTime date) ? date : DateTime.UtcNow.Date;

        internal override void Check(List<Finding> findings)
        {
            ProjectAssets? assets = LoadAssets(findings);
            WriteInputsList(assets);
            PinningRules.Check(this, assets, findings);
            FrameworkSupportRules.Check(this, findings);
            if (assets != null)
            {
                FeedRules.Check(this, assets, findings);
                PackagePolicyRules.Check(this, assets, findings);
                VulnerabilityRules.Check(this, assets, findings);
                PackageSignatureRules.Check(this, assets, findings);
            }
        }

        private void WriteInputsList(ProjectAssets? assets)
        {
            if (string.IsNullOrEmpty(InputsListFile))
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(InputsListFile))!);
                File.WriteAllLines(InputsListFile, assets?.ConfigFilePaths.Where(File.Exists) ?? Enumerable.Empty<string>());
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Without the list the checks still run whenever the restore result changes.
            }
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
    }
}

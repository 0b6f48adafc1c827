using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Configuration
{
    /// <summary>
    /// B.11 and A.3.3.5: no secrets in the configuration and content files a project ships or keeps (SSDLC3305), and
    /// A.5.2: no hardening switched off in them (SSDLC5201). The file list comes from the targets (globs relative to the
    /// project directory, so that it is an Input of the target) plus the project's Content, None, EmbeddedResource and
    /// AdditionalFiles items that look like configuration.
    /// </summary>
    public sealed class ConfigurationScanCheck : SsdlcCheckTask
    {
        /// <summary>Files matched by the include globs minus the exclude globs; scanned whatever their name.</summary>
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Content, None, EmbeddedResource and AdditionalFiles items; only those named like configuration are scanned.</summary>
        public ITaskItem[] ProjectItems { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>
        /// Files in folders named like keys, ssh, certs or secrets: scanned only when they are small and start with a
        /// private-key block (an extensionless <c>ssh/id_ed25519</c>), unless their name already makes them configuration.
        /// </summary>
        public ITaskItem[] KeyFolderFiles { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Files matched by the exclude globs (<c>SsdlcConfigScanExclude</c>); removed from <see cref="ProjectItems"/> too.</summary>
        public ITaskItem[] ExcludedFiles { get; set; } = Array.Empty<ITaskItem>();

        public string? ProjectDirectory { get; set; }

        internal override void Check(List<Finding> findings)
        {
            var excluded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (ITaskItem item in ExcludedFiles)
            {
                excluded.Add(FullPath(item.ItemSpec));
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var files = new List<string>();
            var sniffed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (ITaskItem item in Files)
            {
                Add(item.ItemSpec, requireConfigName: false, sniff: false);
            }

            foreach (ITaskItem item in ProjectItems)
            {
                Add(item.ItemSpec, requireConfigName: true, sniff: false);
            }

            foreach (ITaskItem item in KeyFolderFiles)
            {
                Add(item.ItemSpec, requireConfigName: false, sniff: true);
            }

            files.Sort(StringComparer.Ordinal);
            foreach (string file in files)
            {
                bool sniff = sniffed.Contains(file);
                try
                {
                    ConfigurationScanner.ScanFile(file, findings, sniff);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    // A locked or unreadable file: said once, the rest of the project is still scanned.
                    if (!sniff)
                    {
                        string name = Path.GetFileName(file);
                        findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.Low, $"{name} could not be read ({ex.GetType().Name}); it was not scanned for secrets.", file, 0, 0, name));
                    }
                }
            }

            void Add(string spec, bool requireConfigName, bool sniff)
            {
                if (string.IsNullOrWhiteSpace(spec))
                {
                    return;
                }

                string path = FullPath(spec);
                if (excluded.Contains(path) || ConfigurationScanner.IsInSkippedFolder(path, ProjectDirectory)
                    || (requireConfigName && !ConfigurationScanner.IsConfigurationFileName(path))
                    || (sniff && !ConfigurationScanner.IsInKeyFolder(path, ProjectDirectory))
                    || !seen.Add(path) || !File.Exists(path))
                {
                    return;
                }

                if (sniff && !ConfigurationScanner.IsConfigurationFileName(path))
                {
                    sniffed.Add(path);
                }

                files.Add(path);
            }
        }

        private string FullPath(string spec)
        {
            string baseDirectory = string.IsNullOrEmpty(ProjectDirectory) ? Directory.GetCurrentDirectory() : ProjectDirectory!;
            return Path.GetFullPath(Path.IsPathRooted(spec) ? spec : Path.Combine(baseDirectory, spec));
        }
    }
}

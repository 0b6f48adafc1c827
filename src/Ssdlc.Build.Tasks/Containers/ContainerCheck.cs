using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Containers
{
    /// <summary>
    /// A.5.3 (SSDLC5301-SSDLC5305): the Dockerfiles in the project folder and the SDK's container publishing settings:
    /// base images pinned by digest and from approved registries, a non-root user, no remote shell servers, labels for the
    /// application and the team, and OS packages updated in the build or a minimal base image.
    /// </summary>
    public sealed class ContainerCheck : SsdlcCheckTask
    {
        /// <summary>The label keys that name the application (a key matches exactly or by its last segment after '.' or '/').</summary>
        public const string DefaultApplicationLabels = "org.opencontainers.image.title;app;application;name;service";

        /// <summary>The label keys that name the responsible team.</summary>
        public const string DefaultTeamLabels = "team;owner;owners;maintainer;maintainers;contact";

        public ITaskItem[] Dockerfiles { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>SsdlcApprovedRegistry</c> items: registry hosts, host/path prefixes, or <c>default</c>.</summary>
        public ITaskItem[] ApprovedRegistries { get; set; } = Array.Empty<ITaskItem>();

        public string? ContainerBaseImage { get; set; }

        public string? ContainerFamily { get; set; }

        public string? ContainerUser { get; set; }

        public string? ContainerRepository { get; set; }

        public string? ContainerImageName { get; set; }

        public string? ContainerRegistry { get; set; }

        public string? ContainerImageTag { get; set; }

        public string? ContainerImageTags { get; set; }

        public string? ContainerTitle { get; set; }

        public ITaskItem[] ContainerLabels { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>';'-separated label keys that name the application; default <see cref="DefaultApplicationLabels"/>.</summary>
        public string? ApplicationLabels { get; set; }

        /// <summary>';'-separated label keys that name the team; default <see cref="DefaultTeamLabels"/>.</summary>
        public string? TeamLabels { get; set; }

        internal bool Strict => ResolvedRiskClass >= Detection.Rules.RiskClass.High;

        internal IReadOnlyList<string> Approved => ApprovedRegistries.Select(r => r.ItemSpec.Trim()).Where(r => r.Length > 0).ToList();

        internal IReadOnlyList<string> ApplicationLabelKeys => Keys(ApplicationLabels, DefaultApplicationLabels);

        internal IReadOnlyList<string> TeamLabelKeys => Keys(TeamLabels, DefaultTeamLabels);

        /// <summary>The project states container publishing settings of its own (the SDK's defaults alone are not judged).</summary>
        internal bool PublishesSdkContainer
            => new[] { ContainerBaseImage, ContainerFamily, ContainerUser, ContainerRepository, ContainerImageName, ContainerRegistry, ContainerImageTag, ContainerImageTags }
                   .Any(v => !string.IsNullOrWhiteSpace(v))
               || ContainerLabels.Length > 0;

        internal override void Check(List<Finding> findings)
        {
            foreach (ITaskItem item in Dockerfiles.OrderBy(d => d.ItemSpec, StringComparer.Ordinal))
            {
                string path = Path.GetFullPath(item.ItemSpec);
                if (!File.Exists(path))
                {
                    continue;
                }

                Dockerfile dockerfile;
                try
                {
                    dockerfile = Dockerfile.Parse(File.ReadAllText(path));
                }
                catch (DockerfileFormatException ex)
                {
                    findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.Low, $"{Path.GetFileName(path)} cannot be read as a Dockerfile: {ex.Message}; the container checks skip it.", path, ex.Line, 0, Path.GetFileName(path)));
                    continue;
                }

                DockerfileRules.Check(this, path, dockerfile, findings);
            }

            if (PublishesSdkContainer)
            {
                SdkContainerRules.Check(this, findings);
            }
        }

        /// <summary>Whether a label key names the application (or team): equal to one of the keys, or its last '.'/'/' segment is.</summary>
        internal static bool LabelMatches(string key, IReadOnlyList<string> keys)
        {
            string k = key.Trim();
            int cut = Math.Max(k.LastIndexOf('.'), k.LastIndexOf('/'));
            string last = cut >= 0 ? k.Substring(cut + 1) : k;
            return keys.Any(w => string.Equals(w, k, StringComparison.OrdinalIgnoreCase) || string.Equals(w, last, StringComparison.OrdinalIgnoreCase));
        }

        private static IReadOnlyList<string> Keys(string? configured, string defaults)
            => (string.IsNullOrWhiteSpace(configured) ? defaults : configured!).Split(';').Select(k => k.Trim()).Where(k => k.Length > 0).ToList();
    }
}

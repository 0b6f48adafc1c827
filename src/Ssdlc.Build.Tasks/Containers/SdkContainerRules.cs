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
    /// The A.5.3 rules on the .NET SDK's container publishing settings (<c>dotnet publish -t:PublishContainer</c>), for a
    /// project that states settings of its own: ContainerBaseImage, ContainerFamily, ContainerUser, ContainerLabel items.
    /// </summary>
    internal static class SdkContainerRules
    {
        public static void Check(ContainerCheck task, List<Finding> findings)
        {
            string? project = task.ProjectFile;
            string baseImage = (task.ContainerBaseImage ?? string.Empty).Trim();
            Criticality pinning = task.Strict ? Criticality.High : Criticality.Medium;
            if (baseImage.Length == 0)
            {
                findings.Add(new Finding(
                    RuleIds.ContainerBaseImageUntrusted,
                    pinning,
                    "The project publishes a container (SDK container settings) without ContainerBaseImage, so the SDK picks the .NET base image by tag, which moves between builds; set ContainerBaseImage to the image pinned by digest (image:tag@sha256:<digest>) from an approved registry.",
                    project,
                    Line(project, "ContainerBaseImage", "ContainerRepository", "ContainerFamily", "ContainerUser"),
                    0,
                    "ContainerBaseImage"));
            }
            else
            {
                ImageReference image = ImageReference.Parse(baseImage);
                if (!image.IsPinned)
                {
                    findings.Add(new Finding(
                        RuleIds.ContainerBaseImageUntrusted,
                        pinning,
                        $"ContainerBaseImage '{baseImage}' is not pinned by digest, so the tag can move to other content between builds; pin it: {baseImage.Split('@')[0]}@sha256:<digest>.",
                        project,
                        Line(project, "ContainerBaseImage"),
                        0,
                        baseImage));
                }

                IReadOnlyList<string> approved = task.Approved;
                if (approved.Count > 0 && !approved.Any(image.IsFrom))
                {
                    findings.Add(new Finding(
                        RuleIds.ContainerBaseImageUntrusted,
                        Criticality.High,
                        $"ContainerBaseImage '{baseImage}' comes from {(image.Registry == ImageReference.DefaultRegistry ? "the default registry" : $"registry '{image.Registry}'")}, which is not an approved registry (SsdlcApprovedRegistry).",
                        project,
                        Line(project, "ContainerBaseImage"),
                        0,
                        image.Registry));
                }
            }

            if (baseImage.Length == 0 && task.Approved.Count > 0)
            {
                findings.Add(new Finding(
                    RuleIds.ContainerBaseImageUntrusted,
                    Criticality.High,
                    "Approved registries are configured (SsdlcApprovedRegistry), but without ContainerBaseImage the SDK pulls its default .NET base image from its own default registry; set ContainerBaseImage to an image from an approved registry.",
                    project,
                    Line(project, "ContainerRepository", "ContainerFamily", "ContainerUser"),
                    0,
                    "ContainerBaseImage"));
            }

            string user = (task.ContainerUser ?? string.Empty).Trim();
            string account = user.Split(':')[0].Trim();
            if (string.Equals(account, "root", StringComparison.OrdinalIgnoreCase) || account == "0")
            {
                findings.Add(new Finding(
                    RuleIds.ContainerRunsAsRoot,
                    task.Strict ? Criticality.High : Criticality.Medium,
                    $"ContainerUser is '{user}': the published container runs as root; remove ContainerUser (the .NET images' default is the non-root 'app' user) or set a non-root user.",
                    project,
                    Line(project, "ContainerUser"),
                    0,
                    "ContainerUser"));
            }

            var labels = task.ContainerLabels.Select(l => l.ItemSpec).ToList();
            var missing = new List<string>();
            if (!labels.Any(k => ContainerCheck.LabelMatches(k, task.ApplicationLabelKeys)) && string.IsNullOrWhiteSpace(task.ContainerTitle))
            {
                missing.Add("the application (ContainerTitle, or a ContainerLabel such as org.opencontainers.image.title)");
            }

            if (!labels.Any(k => ContainerCheck.LabelMatches(k, task.TeamLabelKeys)))
            {
                missing.Add($"the responsible team (a ContainerLabel with one of the keys {string.Join(", ", task.TeamLabelKeys)}, e.g. com.example.team)");
            }

            if (missing.Count > 0)
            {
                findings.Add(new Finding(
                    RuleIds.ContainerLabelsMissing,
                    task.Strict ? Criticality.Medium : Criticality.Low,
                    $"The published container has no label naming {string.Join(" and no label naming ", missing)}.",
                    project,
                    Line(project, "ContainerLabel", "ContainerRepository", "ContainerBaseImage"),
                    0,
                    "ContainerLabel"));
            }

            ImageReference? chosen = baseImage.Length > 0 ? ImageReference.Parse(baseImage) : null;
            string family = (task.ContainerFamily ?? string.Empty).Trim();
            bool minimal = chosen != null ? chosen.IsMinimal || chosen.IsScratch : family.IndexOf("chiseled", StringComparison.OrdinalIgnoreCase) >= 0 || family.IndexOf("distroless", StringComparison.OrdinalIgnoreCase) >= 0;
            if (!minimal)
            {
                findings.Add(new Finding(
                    RuleIds.ContainerPackagesNotUpdated,
                    Criticality.Medium,
                    $"The published container is based on a full distribution image ({(chosen != null ? chosen.Text : "the SDK's default" + (family.Length > 0 ? $" {family}" : string.Empty) + " image")}), and SDK container publishing cannot update its OS packages; use a minimal base image (ContainerFamily=noble-chiseled, or a chiseled or distroless ContainerBaseImage), or build the image from a Dockerfile that updates them.",
                    project,
                    Line(project, "ContainerBaseImage", "ContainerFamily", "ContainerRepository"),
                    0,
                    chosen?.Text ?? "ContainerFamily"));
            }
        }

        /// <summary>The first line of the project file that sets one of the properties or items (in the order given), 0 when none.</summary>
        private static int Line(string? project, params string[] names)
        {
            if (string.IsNullOrEmpty(project) || !File.Exists(project))
            {
                return 0;
            }

            string[] lines;
            try
            {
                lines = File.ReadAllLines(project);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return 0;
            }

            foreach (string name in names)
            {
                for (int i = 0; i < lines.Length; i++)
                {
                    if (lines[i].IndexOf("<" + name, StringComparison.Ordinal) >= 0)
                    {
                        return i + 1;
                    }
                }
            }

            return 0;
        }
    }
}

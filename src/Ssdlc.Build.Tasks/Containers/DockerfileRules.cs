using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Containers
{
    /// <summary>The A.5.3 rules on one parsed Dockerfile; what the image runs with is judged on the final stage and the stages it builds on.</summary>
    internal static class DockerfileRules
    {
        /// <summary>Remote shell servers (and telnet, which the standard names too) by package name.</summary>
        private static readonly HashSet<string> RemoteShellPackages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "openssh-server", "openssh", "ssh", "dropbear", "telnetd", "telnet", "telnet-server", "inetutils-telnetd",
        };

        private static readonly HashSet<string> PackageManagers = new HashSet<string>(StringComparer.Ordinal)
        {
            "apt-get", "apt", "aptitude", "apk", "yum", "dnf", "microdnf", "tdnf", "zypper",
        };

        private static readonly HashSet<string> InstallVerbs = new HashSet<string>(StringComparer.Ordinal) { "install", "add", "in" };

        private static readonly Regex UpgradeCommand = new Regex(
            @"\b(?:apt-get|apt)\s+(?:-\S+\s+)*(?:upgrade|dist-upgrade|full-upgrade)\b|\bapk\s+(?:-\S+\s+)*upgrade\b|\bapk\s+(?:-\S+\s+)*add\s+(?:\S+\s+)*--upgrade\b|\b(?:yum|dnf|microdnf|tdnf)\s+(?:-\S+\s+)*(?:upgrade|update)\b|\bzypper\s+(?:-\S+\s+)*(?:update|up|patch|dist-upgrade|dup)\b",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex RunsSshd = new Regex(@"(?:^|[\s/""'\[,])(?:sshd|telnetd|in\.telnetd|dropbear)(?:$|[\s""',\]])", RegexOptions.CultureInvariant);

        public static void Check(ContainerCheck task, string file, Dockerfile dockerfile, List<Finding> findings)
        {
            DockerStage? final = dockerfile.FinalStage;
            if (final == null)
            {
                return;
            }

            string name = Path.GetFileName(file);
            foreach (DockerStage stage in dockerfile.Stages.Where(s => s.Parent == null))
            {
                CheckBaseImage(task, file, name, stage, stage == final || final.Chain().Contains(stage), findings);
            }

            List<DockerStage> chain = final.Chain().ToList();
            DockerStage root = chain[chain.Count - 1];
            ImageReference rootImage = ImageReference.Parse(root.UnresolvedArguments.Count > 0 ? root.Written : root.Image);
            CheckUser(task, file, name, final, chain, rootImage, findings);
            CheckRemoteShells(file, chain, findings);
            CheckLabels(task, file, name, final, chain, findings);
            CheckPackagesUpdated(task, file, name, final, chain, rootImage, findings);
        }

        private static void CheckBaseImage(ContainerCheck task, string file, string name, DockerStage stage, bool shipped, List<Finding> findings)
        {
            ImageReference image = ImageReference.Parse(stage.Image);
            if (image.IsScratch && stage.UnresolvedArguments.Count == 0)
            {
                return;
            }

            string role = shipped ? "base image of the final image" : $"base image of build stage {(stage.Name ?? (stage.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}";
            Criticality pinning = task.Strict ? Criticality.High : Criticality.Medium;
            if (stage.UnresolvedArguments.Count > 0)
            {
                findings.Add(new Finding(
                    RuleIds.ContainerBaseImageUntrusted,
                    pinning,
                    $"{name}: the {role} ('{stage.From.Arguments.Trim()}') is chosen at build time through ARG {string.Join(", ", stage.UnresolvedArguments.Distinct())} without a default, so no review can say which image is used; give the ARG a default pinned by digest (image:tag@sha256:...).",
                    file,
                    stage.From.Line,
                    0,
                    stage.Image));
                return;
            }

            if (!image.IsPinned)
            {
                findings.Add(new Finding(
                    RuleIds.ContainerBaseImageUntrusted,
                    pinning,
                    $"{name}: the {role} '{image.Text}' is not pinned by digest, so the tag can move to other content between builds; pin it: {TrimDigest(image.Text)}@sha256:<digest>.",
                    file,
                    stage.From.Line,
                    0,
                    image.Text));
            }

            IReadOnlyList<string> approved = task.Approved;
            if (approved.Count > 0 && !approved.Any(image.IsFrom))
            {
                string registry = image.Registry == ImageReference.DefaultRegistry ? "the container engine's default registry (approve it as 'default')" : $"registry '{image.Registry}'";
                findings.Add(new Finding(
                    RuleIds.ContainerBaseImageUntrusted,
                    Criticality.High,
                    $"{name}: the {role} '{image.Text}' comes from {registry}, which is not an approved registry (SsdlcApprovedRegistry); pull base images only from approved registries or mirrors.",
                    file,
                    stage.From.Line,
                    0,
                    image.Registry));
            }
        }

        private static void CheckUser(ContainerCheck task, string file, string name, DockerStage final, List<DockerStage> chain, ImageReference rootImage, List<Finding> findings)
        {
            DockerInstruction? user = chain.SelectMany(s => s.Instructions.AsEnumerable().Reverse()).FirstOrDefault(i => i.Keyword == "USER");
            Criticality criticality = task.Strict ? Criticality.High : Criticality.Medium;
            if (user == null)
            {
                if (rootImage.RunsAsNonRootByDefault)
                {
                    return;
                }

                findings.Add(new Finding(
                    RuleIds.ContainerRunsAsRoot,
                    criticality,
                    $"{name}: the final stage sets no USER, so the container runs as the base image's default user, root for '{rootImage.Text}'; add a non-root USER (for .NET images: USER $APP_UID).",
                    file,
                    final.From.Line,
                    0,
                    "USER"));
                return;
            }

            string value = user.Arguments.Trim();
            string account = value.Split(':')[0].Trim();
            if (string.Equals(account, "root", StringComparison.OrdinalIgnoreCase) || account == "0")
            {
                findings.Add(new Finding(
                    RuleIds.ContainerRunsAsRoot,
                    criticality,
                    $"{name}: the final image runs as root (USER {value}); switch to a non-root user after the steps that need root (for .NET images: USER $APP_UID).",
                    file,
                    user.Line,
                    0,
                    "USER"));
            }
        }

        private static void CheckRemoteShells(string file, List<DockerStage> chain, List<Finding> findings)
        {
            string name = Path.GetFileName(file);
            foreach (DockerInstruction instruction in chain.SelectMany(s => s.Instructions))
            {
                if (instruction.Keyword == "RUN")
                {
                    foreach (string package in InstalledPackages(instruction.Command).Where(p => RemoteShellPackages.Contains(p)).Distinct(StringComparer.OrdinalIgnoreCase))
                    {
                        findings.Add(new Finding(
                            RuleIds.ContainerRemoteShell,
                            Criticality.High,
                            $"{name}: the final image installs '{package}', a remote shell; containers are reached through the orchestrator (kubectl exec, docker exec), never by SSH or telnet. Remove it.",
                            file,
                            instruction.Line,
                            0,
                            package));
                    }
                }
                else if ((instruction.Keyword == "CMD" || instruction.Keyword == "ENTRYPOINT") && RunsSshd.IsMatch(instruction.Arguments))
                {
                    findings.Add(new Finding(
                        RuleIds.ContainerRemoteShell,
                        Criticality.High,
                        $"{name}: the image starts a remote shell server ({instruction.Keyword} {instruction.Arguments.Trim()}); run the application only.",
                        file,
                        instruction.Line,
                        0,
                        instruction.Keyword));
                }
            }
        }

        private static void CheckLabels(ContainerCheck task, string file, string name, DockerStage final, List<DockerStage> chain, List<Finding> findings)
        {
            var keys = new List<string>();
            foreach (DockerInstruction instruction in chain.SelectMany(s => s.Instructions))
            {
                if (instruction.Keyword == "LABEL")
                {
                    keys.AddRange(Dockerfile.Arguments(instruction.Arguments).Select(p => p.Key));
                }
                else if (instruction.Keyword == "MAINTAINER")
                {
                    keys.Add("maintainer");
                }
            }

            var missing = new List<string>();
            if (!keys.Any(k => ContainerCheck.LabelMatches(k, task.ApplicationLabelKeys)))
            {
                missing.Add($"the application (e.g. org.opencontainers.image.title; keys: {string.Join(", ", task.ApplicationLabelKeys)})");
            }

            if (!keys.Any(k => ContainerCheck.LabelMatches(k, task.TeamLabelKeys)))
            {
                missing.Add($"the responsible team (e.g. com.example.team; keys: {string.Join(", ", task.TeamLabelKeys)})");
            }

            if (missing.Count > 0)
            {
                findings.Add(new Finding(
                    RuleIds.ContainerLabelsMissing,
                    task.Strict ? Criticality.Medium : Criticality.Low,
                    $"{name}: the final image has no label naming {string.Join(" and no label naming ", missing)}; add LABEL instructions so that operations can tell what runs and who answers for it.",
                    file,
                    final.From.Line,
                    0,
                    "LABEL"));
            }
        }

        private static void CheckPackagesUpdated(ContainerCheck task, string file, string name, DockerStage final, List<DockerStage> chain, ImageReference rootImage, List<Finding> findings)
        {
            if (rootImage.IsMinimal || rootImage.IsScratch)
            {
                return;
            }

            if (chain.SelectMany(s => s.Instructions).Any(i => i.Keyword == "RUN" && UpgradeCommand.IsMatch(i.Command)))
            {
                return;
            }

            findings.Add(new Finding(
                RuleIds.ContainerPackagesNotUpdated,
                Criticality.Medium,
                $"{name}: the final image is based on '{rootImage.Text}', a full distribution image, and its OS packages are not updated in the build; add an upgrade step (e.g. apt-get update && apt-get upgrade -y, apk upgrade --no-cache) or use a minimal base image (chiseled, distroless).",
                file,
                final.From.Line,
                0,
                rootImage.Text));
        }

        /// <summary>
        /// The package names after install commands (apt-get/apt install, apk add, yum/dnf/microdnf/tdnf install, zypper
        /// install) in a shell command, read as shell words: quoted text is one word and never a command, options,
        /// versions (=1.2, :amd64) and variables are dropped, and a command ends at &amp;&amp;, ||, ;, | or a line end.
        /// </summary>
        internal static IEnumerable<string> InstalledPackages(string command)
        {
            foreach (string line in command.Split('\n'))
            {
                List<string> words = Dockerfile.Words(line);
                for (int i = 0; i < words.Count; i++)
                {
                    string tool = words[i].Substring(words[i].LastIndexOf('/') + 1).ToLowerInvariant();
                    if (!PackageManagers.Contains(tool))
                    {
                        continue;
                    }

                    int j = i + 1;
                    while (j < words.Count && words[j].StartsWith("-", StringComparison.Ordinal))
                    {
                        j++;
                    }

                    if (j >= words.Count || !InstallVerbs.Contains(words[j]))
                    {
                        continue;
                    }

                    for (j++; j < words.Count; j++)
                    {
                        string word = words[j];
                        if (word == "&&" || word == "||" || word == ";" || word == "|")
                        {
                            break;
                        }

                        bool last = word.EndsWith(";", StringComparison.Ordinal);
                        word = word.TrimEnd(';');
                        if (word.Length > 0 && !word.StartsWith("-", StringComparison.Ordinal) && !word.StartsWith(">", StringComparison.Ordinal)
                            && !word.StartsWith("$", StringComparison.Ordinal) && word.IndexOfAny(new[] { ' ', '\t' }) < 0)
                        {
                            int cut = word.IndexOfAny(new[] { '=', ':' });
                            yield return cut > 0 ? word.Substring(0, cut) : word;
                        }

                        if (last)
                        {
                            break;
                        }
                    }

                    i = j;
                }
            }
        }

        private static string TrimDigest(string image)
        {
            int at = image.IndexOf('@');
            return at < 0 ? image : image.Substring(0, at);
        }
    }
}

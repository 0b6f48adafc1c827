using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Ssdlc.Build.Tasks.Dependencies;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>What the SBOM describes besides the restore graph: the project itself and the shared frameworks it runs on.</summary>
    internal sealed class SbomInputs
    {
        public string AssetsFile { get; set; } = string.Empty;

        /// <summary>The target framework alias ($(TargetFramework)), the key of the restore graph.</summary>
        public string TargetFramework { get; set; } = string.Empty;

        /// <summary>$(NuGetTargetMoniker), e.g. <c>.NETCoreApp,Version=v8.0</c>: the graph's key in older assets files.</summary>
        public string? TargetMoniker { get; set; }

        public string? RuntimeIdentifier { get; set; }

        public string Name { get; set; } = string.Empty;

        public string? Version { get; set; }

        /// <summary>application or library.</summary>
        public string ComponentType { get; set; } = "library";

        /// <summary>The built assembly; hashed when it exists.</summary>
        public string? AssemblyFile { get; set; }

        /// <summary>Shared frameworks: (name, package the version comes from, version).</summary>
        public List<(string Name, string? Package, string? Version)> Frameworks { get; } = new List<(string, string?, string?)>();

        /// <summary>Version for Microsoft.NETCore.App when the build gave no resolved framework references.</summary>
        public string? DefaultNetCoreAppVersion { get; set; }

        public string? Timestamp { get; set; }

        public string ToolVersion { get; set; } = "0.0.0";

        /// <summary>package.json and libman.json files of the project: their locked packages become npm components.</summary>
        public List<string> FrontEndFiles { get; } = new List<string>();

        /// <summary>Where the search for a package.json's lock file stops (the repository or project root).</summary>
        public string? RepositoryRoot { get; set; }
    }

    /// <summary>The restore result cannot be turned into an SBOM (missing, malformed, no graph for the framework).</summary>
    internal sealed class SbomInputException : Exception
    {
        public SbomInputException(string file, int line, string message)
            : base(message)
        {
            File = file;
            Line = line;
        }

        public string File { get; }

        public int Line { get; }
    }

    /// <summary>
    /// Builds the BOM from NuGet's restore result (<c>project.assets.json</c>) for one target framework: every
    /// package and project in the graph with its exact version, SHA-512, purl and nuspec metadata, every edge,
    /// and the scope (required or excluded) of each.
    /// </summary>
    internal static class SbomBuilder
    {
        public const string PropertyPrefix = "ssdlc:";

        public static Bom Build(SbomInputs inputs)
        {
            if (string.IsNullOrEmpty(inputs.AssetsFile) || !File.Exists(inputs.AssetsFile))
            {
                throw new SbomInputException(inputs.AssetsFile, 0, $"The restore result '{inputs.AssetsFile}' does not exist, so the SBOM cannot list the dependencies; run a restore.");
            }

            ProjectAssets assets;
            try
            {
                assets = ProjectAssets.Load(inputs.AssetsFile);
            }
            catch (AssetsFormatException ex)
            {
                throw new SbomInputException(ex.File, ex.Line, ex.Message);
            }

            string file = inputs.AssetsFile;
            if (!assets.HasTargets)
            {
                throw Malformed(file, "it has no 'targets'");
            }

            if (!assets.HasLibraries)
            {
                throw Malformed(file, "it has no 'libraries'");
            }

            string graphKey = FindGraph(inputs, assets.Targets.Keys) ?? throw new SbomInputException(
                file,
                0,
                $"The restore result '{file}' has no dependency graph for target framework '{inputs.TargetFramework}'{(string.IsNullOrEmpty(inputs.RuntimeIdentifier) ? string.Empty : " and runtime " + inputs.RuntimeIdentifier)}; run a restore again.");
            AssetsFramework? projectFramework = assets.FrameworkFor(inputs.TargetFramework);

            // The graph: one node per library, keyed by id (restore resolves each id to one version per graph).
            var nodes = new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
            foreach (GraphNode entry in assets.Targets[graphKey].Values)
            {
                var node = new Node(entry);
                if (assets.Libraries.TryGetValue(entry.Id + "/" + entry.Version, out AssetsLibrary? library))
                {
                    node.Sha512 = library.Sha512;
                    node.Path = library.Path;
                }
                else if (node.Type == "package")
                {
                    throw Malformed(file, $"the package '{entry.Id}/{entry.Version}' is in the graph but not in 'libraries'");
                }

                nodes[node.Id] = node;
            }

            // Direct references; build-only ones (PrivateAssets="all") and what only they bring are excluded.
            var direct = new SortedSet<string>(projectFramework?.DirectPackages ?? new List<string>(), StringComparer.OrdinalIgnoreCase);
            HashSet<string> privateAssets = projectFramework?.BuildOnlyPackages ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (assets.DependencyGroups.TryGetValue(graphKey.Split('/')[0], out List<string>? group))
            {
                direct.UnionWith(group);
            }

            // Project references are direct too (restore lists them without a dependency group entry in some versions).
            foreach (Node node in nodes.Values.Where(n => n.Type == "project"))
            {
                if (!nodes.Values.Any(n => n.DependencyIds.Contains(node.Id, StringComparer.OrdinalIgnoreCase)))
                {
                    direct.Add(node.Id);
                }
            }

            foreach (Node node in nodes.Values.Where(n => n.Type == "package"))
            {
                node.Nuspec = NuspecInfo.Find(assets.PackageFolders, node.Path, node.Id);
            }

            // Required: reachable from the project without passing through a build-only reference.
            var required = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var queue = new Queue<Node>();
            foreach (string id in direct)
            {
                if (!privateAssets.Contains(id) && nodes.TryGetValue(id, out Node? node) && !node.IsDevelopmentDependency)
                {
                    queue.Enqueue(node);
                }
            }

            while (queue.Count > 0)
            {
                Node node = queue.Dequeue();
                if (!required.Add(node.Id))
                {
                    continue;
                }

                foreach (string id in node.DependencyIds)
                {
                    if (nodes.TryGetValue(id, out Node? next) && !next.IsDevelopmentDependency && !required.Contains(next.Id))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            var bom = new Bom { Timestamp = inputs.Timestamp };
            bom.Lifecycles.Add("build");
            bom.Tools.Add(new SbomComponent
            {
                Type = "application",
                Author = "Ssdlc",
                Name = "Ssdlc.Sdk",
                Version = inputs.ToolVersion,
                Purl = Purl("Ssdlc.Sdk", inputs.ToolVersion),
            });

            SbomComponent subject = Subject(inputs);
            bom.Subject = subject;

            foreach (Node node in nodes.Values)
            {
                SbomComponent c = Component(node, required.Contains(node.Id));
                bom.Components.Add(c);
                var dependsOn = new List<string>();
                foreach (string id in node.DependencyIds)
                {
                    if (nodes.TryGetValue(id, out Node? target))
                    {
                        dependsOn.Add(Purl(target.Id, target.Version));
                    }
                }

                bom.Dependencies.Add(new SbomDependency(c.BomRef, dependsOn));
            }

            var rootDependsOn = new List<string>();
            foreach (string id in direct)
            {
                if (nodes.TryGetValue(id, out Node? node))
                {
                    rootDependsOn.Add(Purl(node.Id, node.Version));
                }
            }

            foreach (SbomComponent f in Frameworks(inputs, projectFramework))
            {
                if (bom.Components.Any(c => c.BomRef == f.BomRef))
                {
                    continue;
                }

                bom.Components.Add(f);
                bom.Dependencies.Add(new SbomDependency(f.BomRef, Array.Empty<string>()));
                rootDependsOn.Add(f.BomRef);
            }

            FrontEndSbom.Add(inputs, bom, rootDependsOn);
            bom.Dependencies.Add(new SbomDependency(subject.BomRef, rootDependsOn));
            return bom;
        }

        /// <summary><c>pkg:nuget/Id@Version</c>, percent-encoding what the purl spec requires (e.g. '+' in build metadata).</summary>
        public static string Purl(string id, string? version)
            => string.IsNullOrEmpty(version) ? $"pkg:nuget/{EncodePurlSegment(id)}" : $"pkg:nuget/{EncodePurlSegment(id)}@{EncodePurlSegment(version!)}";

        /// <summary>NuGet's base64 SHA-512 as lower-case hex; null when it is not a SHA-512.</summary>
        public static string? Base64ToHex(string? base64)
        {
            if (string.IsNullOrEmpty(base64))
            {
                return null;
            }

            try
            {
                byte[] bytes = Convert.FromBase64String(base64);
                return bytes.Length == 64 ? CycloneDxWriter.ToHex(bytes) : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static SbomComponent Subject(SbomInputs inputs)
        {
            var subject = new SbomComponent
            {
                Type = inputs.ComponentType,
                Name = inputs.Name,
                Version = string.IsNullOrEmpty(inputs.Version) ? null : inputs.Version,
                Purl = Purl(inputs.Name, string.IsNullOrEmpty(inputs.Version) ? null : inputs.Version),
            };
            subject.BomRef = subject.Purl;
            if (!string.IsNullOrEmpty(inputs.AssemblyFile) && File.Exists(inputs.AssemblyFile))
            {
                byte[] content = File.ReadAllBytes(inputs.AssemblyFile);
                using (var sha256 = SHA256.Create())
                {
                    subject.Hashes.Add(("SHA-256", CycloneDxWriter.ToHex(sha256.ComputeHash(content))));
                }

                using (var sha512 = SHA512.Create())
                {
                    subject.Hashes.Add(("SHA-512", CycloneDxWriter.ToHex(sha512.ComputeHash(content))));
                }

                subject.Properties.Add((PropertyPrefix + "assembly", Path.GetFileName(inputs.AssemblyFile)));
            }

            subject.Properties.Add((PropertyPrefix + "targetFramework", inputs.TargetFramework));
            if (!string.IsNullOrEmpty(inputs.RuntimeIdentifier))
            {
                subject.Properties.Add((PropertyPrefix + "runtimeIdentifier", inputs.RuntimeIdentifier!));
            }

            return subject;
        }

        private static SbomComponent Component(Node node, bool required)
        {
            var c = new SbomComponent
            {
                Type = "library",
                Name = node.Id,
                Version = node.Version,
                Purl = Purl(node.Id, node.Version),
                Scope = required ? "required" : "excluded",
            };
            c.BomRef = c.Purl;
            if (node.Type == "project")
            {
                c.Properties.Add((PropertyPrefix + "reference", "project"));
                if (!string.IsNullOrEmpty(node.Path))
                {
                    c.Properties.Add((PropertyPrefix + "projectPath", node.Path!));
                }

                return c;
            }

            string? hex = Base64ToHex(node.Sha512);
            if (hex != null)
            {
                c.Hashes.Add(("SHA-512", hex));
            }

            NuspecInfo? nuspec = node.Nuspec;
            if (nuspec != null)
            {
                c.Author = nuspec.Authors;
                c.Description = nuspec.Description;
                if (nuspec.LicenseExpression != null)
                {
                    c.LicenseExpression = nuspec.LicenseExpression;
                }
                else if (nuspec.LicenseFile != null)
                {
                    c.Licenses.Add(new SbomLicense("License file in the package: " + nuspec.LicenseFile, nuspec.LicenseUrl));
                }
                else if (nuspec.LicenseUrl != null)
                {
                    c.Licenses.Add(new SbomLicense("Unknown - see URL", nuspec.LicenseUrl));
                }

                if (nuspec.RepositoryUrl != null)
                {
                    c.ExternalReferences.Add(("vcs", nuspec.RepositoryUrl));
                }

                if (nuspec.DevelopmentDependency)
                {
                    c.Properties.Add((PropertyPrefix + "developmentDependency", "true"));
                }
            }

            return c;
        }

        private static IEnumerable<SbomComponent> Frameworks(SbomInputs inputs, AssetsFramework? projectFramework)
        {
            var frameworks = new List<(string Name, string? Package, string? Version)>(inputs.Frameworks);
            if (frameworks.Count == 0)
            {
                // No resolved framework references (a unit test, or an old SDK): the assets file's names, and
                // Microsoft.NETCore.App for .NET (Core) targets.
                var names = new SortedSet<string>(projectFramework?.FrameworkReferences ?? new List<string>(), StringComparer.OrdinalIgnoreCase);

                if ((inputs.TargetMoniker ?? string.Empty).StartsWith(".NETCoreApp", StringComparison.OrdinalIgnoreCase))
                {
                    names.Add("Microsoft.NETCore.App");
                }

                foreach (string name in names)
                {
                    frameworks.Add((name, name + ".Ref", string.Equals(name, "Microsoft.NETCore.App", StringComparison.OrdinalIgnoreCase) ? inputs.DefaultNetCoreAppVersion : null));
                }
            }

            foreach ((string name, string? package, string? version) in frameworks)
            {
                string v = string.IsNullOrEmpty(version) ? string.Empty : version!;
                var c = new SbomComponent
                {
                    Type = "framework",
                    Name = name,
                    Version = v.Length == 0 ? null : v,
                    Purl = Purl(string.IsNullOrEmpty(package) ? name : package!, v.Length == 0 ? null : v),
                    Scope = "required",
                };
                c.BomRef = c.Purl;
                c.Properties.Add((PropertyPrefix + "sharedFramework", name));
                yield return c;
            }
        }

        private static string? FindGraph(SbomInputs inputs, ICollection<string> graphKeys)
        {
            var candidates = new List<string>();
            foreach (string? framework in new[] { inputs.TargetFramework, inputs.TargetMoniker })
            {
                if (string.IsNullOrEmpty(framework))
                {
                    continue;
                }

                if (!string.IsNullOrEmpty(inputs.RuntimeIdentifier))
                {
                    candidates.Add(framework + "/" + inputs.RuntimeIdentifier);
                }

                candidates.Add(framework!);
            }

            foreach (string candidate in candidates)
            {
                string? match = graphKeys.FirstOrDefault(k => string.Equals(k, candidate, StringComparison.OrdinalIgnoreCase));
                if (match != null)
                {
                    return match;
                }
            }

            // A single-framework project restored without a target framework name to match.
            List<string> withoutRid = graphKeys.Where(n => n.IndexOf('/') < 0).ToList();
            return string.IsNullOrEmpty(inputs.TargetFramework) && withoutRid.Count == 1 ? withoutRid[0] : null;
        }

        /// <summary>Percent-encodes a package URL segment (everything but unreserved characters).</summary>
        internal static string EncodePurlSegment(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                char ch = (char)b;
                if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_' || ch == '~')
                {
                    sb.Append(ch);
                }
                else
                {
                    sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return sb.ToString();
        }

        private static SbomInputException Malformed(string file, string reason)
            => new SbomInputException(file, 0, $"The restore result '{file}' cannot be read for the SBOM ({reason}); run a restore again.");

        private sealed class Node
        {
            public Node(GraphNode entry)
            {
                Id = entry.Id;
                Version = entry.Version;
                Type = entry.Type;
                DependencyIds = entry.Dependencies;
            }

            public string Id { get; }

            public string Version { get; }

            public string Type { get; }

            public string? Sha512 { get; set; }

            public string? Path { get; set; }

            public NuspecInfo? Nuspec { get; set; }

            public List<string> DependencyIds { get; }

            public bool IsDevelopmentDependency => Nuspec?.DevelopmentDependency == true;
        }
    }
}

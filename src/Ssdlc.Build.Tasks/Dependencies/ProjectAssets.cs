using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>NuGet's resolved view of a project (<c>project.assets.json</c>): what the checks need of it.</summary>
    internal sealed class ProjectAssets
    {
        private ProjectAssets(string path)
        {
            Path = path;
        }

        public string Path { get; }

        /// <summary>Package id (case-insensitive) to the versions restore resolved.</summary>
        public Dictionary<string, SortedSet<string>> ResolvedVersions { get; } = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Restore's own log entries (code, library id, message).</summary>
        public List<(string Code, string? LibraryId, string Message)> Logs { get; } = new List<(string, string?, string)>();

        /// <summary>The package sources restore used (URLs or folders), after nuget.config hierarchy, clear and disabled sources.</summary>
        public List<string> Sources { get; } = new List<string>();

        /// <summary>The nuget.config files restore read, nearest first.</summary>
        public List<string> ConfigFilePaths { get; } = new List<string>();

        /// <summary>NuGet audit settings as restore applied them; null when the file does not say.</summary>
        public string? AuditEnabled { get; private set; }

        public string? AuditMode { get; private set; }

        public string? AuditLevel { get; private set; }

        /// <summary>Per target alias (the TargetFramework value): what the project declared for that framework.</summary>
        public Dictionary<string, AssetsFramework> Frameworks { get; } = new Dictionary<string, AssetsFramework>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Per library key (<c>id/version</c>): its kind, content hash and path.</summary>
        public Dictionary<string, AssetsLibrary> Libraries { get; } = new Dictionary<string, AssetsLibrary>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The package folders restore extracted packages to (the global packages folder first).</summary>
        public List<string> PackageFolders { get; } = new List<string>();

        /// <summary>Per graph key without runtime: the direct references as restore listed them (older assets files).</summary>
        public Dictionary<string, List<string>> DependencyGroups { get; } = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Whether the file has the <c>targets</c> and <c>libraries</c> sections at all.</summary>
        public bool HasTargets { get; private set; }

        public bool HasLibraries { get; private set; }

        /// <summary>Per graph key (e.g. net10.0): package id to its resolved node.</summary>
        public Dictionary<string, Dictionary<string, GraphNode>> Targets { get; } = new Dictionary<string, Dictionary<string, GraphNode>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Parses the file; a malformed file throws <see cref="AssetsFormatException"/> with the line.</summary>
        public static ProjectAssets Load(string path)
        {
            var assets = new ProjectAssets(path);
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(File.ReadAllBytes(path));
            }
            catch (JsonException ex)
            {
                throw new AssetsFormatException(path, (int)(ex.LineNumber ?? 0) + 1, ex.Message);
            }

            using (doc)
            {
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new AssetsFormatException(path, 1, "the file is not a JSON object");
                }

                assets.HasTargets = root.TryGetProperty("targets", out JsonElement targets) && targets.ValueKind == JsonValueKind.Object;
                assets.HasLibraries = root.TryGetProperty("libraries", out JsonElement libraries) && libraries.ValueKind == JsonValueKind.Object;
                assets.PackageFolders.AddRange(Properties(root, "packageFolders").Select(p => p.Name));
                foreach (JsonProperty library in Properties(root, "libraries"))
                {
                    string type = Text(library.Value, "type") ?? "package";
                    assets.Libraries[library.Name] = new AssetsLibrary(type, Text(library.Value, "sha512"), Text(library.Value, "path"));
                    if (type != "package" || !SplitKey(library.Name, out string id, out string version))
                    {
                        continue;
                    }

                    if (!assets.ResolvedVersions.TryGetValue(id, out SortedSet<string>? versions))
                    {
                        versions = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
                        assets.ResolvedVersions[id] = versions;
                    }

                    versions.Add(version);
                }

                foreach (JsonProperty target in Properties(root, "targets"))
                {
                    var nodes = new Dictionary<string, GraphNode>(StringComparer.OrdinalIgnoreCase);
                    foreach (JsonProperty entry in Properties(target.Value))
                    {
                        if (!SplitKey(entry.Name, out string id, out string version) || entry.Value.ValueKind != JsonValueKind.Object)
                        {
                            throw new AssetsFormatException(path, 0, $"targets['{target.Name}'] has an entry '{entry.Name}' that is not 'id/version'");
                        }

                        var dependencies = Properties(entry.Value, "dependencies").Select(d => d.Name).ToList();
                        nodes[id] = new GraphNode(id, version, Text(entry.Value, "type") ?? "package", dependencies);
                    }

                    assets.Targets[target.Name] = nodes;
                }

                if (root.TryGetProperty("logs", out JsonElement logs) && logs.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement log in logs.EnumerateArray())
                    {
                        if (log.ValueKind == JsonValueKind.Object)
                        {
                            assets.Logs.Add((Text(log, "code") ?? string.Empty, Text(log, "libraryId"), Text(log, "message") ?? string.Empty));
                        }
                    }
                }

                foreach (JsonProperty group in Properties(root, "projectFileDependencyGroups"))
                {
                    if (group.Value.ValueKind == JsonValueKind.Array)
                    {
                        assets.DependencyGroups[group.Name] = group.Value.EnumerateArray()
                            .Where(d => d.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(d.GetString()))
                            .Select(d => d.GetString()!.Trim().Split(' ')[0])
                            .ToList();
                    }
                }

                if (root.TryGetProperty("project", out JsonElement project) && project.ValueKind == JsonValueKind.Object)
                {
                    ReadProject(assets, project);
                }
            }

            return assets;
        }

        /// <summary>The graph of one target framework (by its alias; the only one when the alias is empty).</summary>
        public (Dictionary<string, GraphNode> Nodes, List<string> Direct) GraphFor(string? targetFramework)
        {
            AssetsFramework? framework = FrameworkFor(targetFramework);
            Dictionary<string, GraphNode>? nodes = null;
            if (framework != null)
            {
                Targets.TryGetValue(framework.GraphKey, out nodes);
            }

            nodes ??= Targets.Where(t => t.Key.IndexOf('/') < 0).Select(t => t.Value).FirstOrDefault() ?? new Dictionary<string, GraphNode>();
            return (nodes, framework?.DirectPackages ?? new List<string>());
        }

        /// <summary>The project's declarations for one target framework: by alias, by the name restore gave it, or the only one.</summary>
        public AssetsFramework? FrameworkFor(string? targetFramework)
        {
            if (!string.IsNullOrEmpty(targetFramework))
            {
                if (Frameworks.TryGetValue(targetFramework!, out AssetsFramework? found))
                {
                    return found;
                }

                found = Frameworks.Values.FirstOrDefault(f => string.Equals(f.Name, targetFramework, StringComparison.OrdinalIgnoreCase));
                if (found != null)
                {
                    return found;
                }
            }

            return Frameworks.Count == 1 ? Frameworks.Values.First() : null;
        }

        private static void ReadProject(ProjectAssets assets, JsonElement project)
        {
            if (project.TryGetProperty("restore", out JsonElement restore) && restore.ValueKind == JsonValueKind.Object)
            {
                assets.Sources.AddRange(Properties(restore, "sources").Select(s => s.Name));
                if (restore.TryGetProperty("configFilePaths", out JsonElement configs) && configs.ValueKind == JsonValueKind.Array)
                {
                    assets.ConfigFilePaths.AddRange(configs.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!));
                }

                if (restore.TryGetProperty("restoreAuditProperties", out JsonElement audit) && audit.ValueKind == JsonValueKind.Object)
                {
                    assets.AuditEnabled = Text(audit, "enableAudit");
                    assets.AuditMode = Text(audit, "auditMode");
                    assets.AuditLevel = Text(audit, "auditLevel");
                }
            }

            foreach (JsonProperty framework in Properties(project, "frameworks"))
            {
                var declared = new AssetsFramework(framework.Name, Text(framework.Value, "framework") ?? framework.Name);
                foreach (JsonProperty dependency in Properties(framework.Value, "dependencies"))
                {
                    if (Text(dependency.Value, "target") is null or "Package")
                    {
                        declared.DirectPackages.Add(dependency.Name);
                    }

                    if (string.Equals(Text(dependency.Value, "suppressParent"), "All", StringComparison.OrdinalIgnoreCase))
                    {
                        declared.BuildOnlyPackages.Add(dependency.Name);
                    }
                }

                declared.FrameworkReferences.AddRange(Properties(framework.Value, "frameworkReferences").Select(r => r.Name));
                assets.Frameworks[Text(framework.Value, "targetAlias") ?? framework.Name] = declared;
            }
        }

        private static IEnumerable<JsonProperty> Properties(JsonElement element, string? name = null)
        {
            if (name != null)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return Array.Empty<JsonProperty>();
                }
            }

            return element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : Enumerable.Empty<JsonProperty>();
        }

        private static string? Text(JsonElement element, string name)
            => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        private static bool SplitKey(string key, out string id, out string version)
        {
            int slash = key.IndexOf('/');
            id = slash > 0 ? key.Substring(0, slash) : string.Empty;
            version = slash > 0 ? key.Substring(slash + 1) : string.Empty;
            return slash > 0;
        }
    }

    /// <summary>What the project declared for one target framework (<c>project.frameworks</c>).</summary>
    internal sealed class AssetsFramework
    {
        public AssetsFramework(string name, string graphKey)
        {
            Name = name;
            GraphKey = graphKey;
        }

        /// <summary>The framework's name in the file (the alias in current files, the short name in older ones).</summary>
        public string Name { get; }

        /// <summary>The key of its graph in <c>targets</c> (without runtime).</summary>
        public string GraphKey { get; }

        public List<string> DirectPackages { get; } = new List<string>();

        /// <summary>Direct references with <c>PrivateAssets="all"</c>: used to build, not shipped.</summary>
        public HashSet<string> BuildOnlyPackages { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public List<string> FrameworkReferences { get; } = new List<string>();
    }

    /// <summary>An entry of <c>libraries</c>: "package" or "project", with NuGet's SHA-512 (base64) and its path.</summary>
    internal sealed class AssetsLibrary
    {
        public AssetsLibrary(string type, string? sha512, string? path)
        {
            Type = type;
            Sha512 = sha512;
            Path = path;
        }

        public string Type { get; }

        public string? Sha512 { get; }

        public string? Path { get; }
    }

    /// <summary>A package or project in a restore graph, with the ids it depends on.</summary>
    internal sealed class GraphNode
    {
        public GraphNode(string id, string version, string type, List<string> dependencies)
        {
            Id = id;
            Version = version;
            Type = type;
            Dependencies = dependencies;
        }

        public string Id { get; }

        public string Version { get; }

        /// <summary>"package" or "project".</summary>
        public string Type { get; }

        public List<string> Dependencies { get; }
    }

    internal sealed class AssetsFormatException : Exception
    {
        public AssetsFormatException(string file, int line, string reason)
            : base($"{file} cannot be read as a NuGet restore result ({(line > 0 ? $"line {line}: " : string.Empty)}{reason}); run a restore again.")
        {
            File = file;
            Line = line;
        }

        public string File { get; }

        public int Line { get; }
    }
}

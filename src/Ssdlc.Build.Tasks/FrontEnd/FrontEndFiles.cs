using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Ssdlc.Build.Tasks.FrontEnd
{
    /// <summary>A front-end file that cannot be read; the line is 1-based (0 when unknown).</summary>
    internal sealed class FrontEndFormatException : Exception
    {
        public FrontEndFormatException(string file, int line, string message)
            : base(message)
        {
            File = file;
            Line = line;
        }

        public string File { get; }

        public int Line { get; }
    }

    /// <summary>A declared dependency: package.json (dependencies, devDependencies, optionalDependencies) or libman.json.</summary>
    internal sealed class DeclaredDependency
    {
        public DeclaredDependency(string name, string specification, string section, int line)
        {
            Name = name;
            Specification = specification;
            Section = section;
            Line = line;
        }

        public string Name { get; }

        /// <summary>The version or source as written ("^1.2.0", "git+https://…", "3.7.1").</summary>
        public string Specification { get; }

        /// <summary>dependencies, devDependencies, optionalDependencies, or libman.</summary>
        public string Section { get; }

        public int Line { get; }
    }

    /// <summary>A package a lock file resolved: name, exact version, integrity (SRI), where it came from, dev or not.</summary>
    internal sealed class LockedPackage
    {
        public LockedPackage(string key, string name, string version, string? integrity, string? resolved, bool dev)
        {
            Key = key;
            Name = name;
            Version = version;
            Integrity = integrity;
            Resolved = resolved;
            Dev = dev;
        }

        /// <summary>The lock file's key (package-lock: its node_modules path).</summary>
        public string Key { get; }

        public string Name { get; }

        public string Version { get; }

        /// <summary>Subresource-integrity string, e.g. <c>sha512-…</c>.</summary>
        public string? Integrity { get; }

        public string? Resolved { get; }

        public bool Dev { get; }

        /// <summary>Dependency names as the lock file lists them (resolved through node_modules nesting by the reader).</summary>
        public List<string> DependencyKeys { get; } = new List<string>();
    }

    /// <summary>One package.json with its lock file (when there is one).</summary>
    internal sealed class NpmProject
    {
        public NpmProject(string manifest)
        {
            Manifest = manifest;
        }

        public string Manifest { get; }

        public List<DeclaredDependency> Dependencies { get; } = new List<DeclaredDependency>();

        /// <summary>The lock file that applies (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml), or null.</summary>
        public string? LockFile { get; set; }

        /// <summary>What the lock file resolved (package-lock, npm-shrinkwrap and yarn v1 are read; pnpm only counts as present).</summary>
        public List<LockedPackage> Locked { get; } = new List<LockedPackage>();

        /// <summary>Keys of the packages the project itself depends on (roots of the graph).</summary>
        public List<string> RootKeys { get; } = new List<string>();
    }

    /// <summary>Reads package.json, package-lock.json/npm-shrinkwrap.json, yarn.lock (v1), .npmrc and libman.json.</summary>
    internal static class FrontEndFiles
    {
        public static readonly string[] LockFileNames = { "npm-shrinkwrap.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml" };

        private static readonly string[] Sections = { "dependencies", "devDependencies", "optionalDependencies" };

        /// <summary>
        /// package.json and the lock file next to it or in a folder above, up to <paramref name="stopAt"/> (npm workspaces
        /// keep one lock file at the workspace root).
        /// </summary>
        public static NpmProject ReadNpmProject(string manifest, string? stopAt)
        {
            var project = new NpmProject(manifest);
            (JsonDocument doc, Dictionary<string, int> lines) = Parse(manifest);
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new FrontEndFormatException(manifest, 1, "package.json is not a JSON object");
                }

                foreach (string section in Sections)
                {
                    if (doc.RootElement.TryGetProperty(section, out JsonElement deps) && deps.ValueKind == JsonValueKind.Object)
                    {
                        foreach (JsonProperty dep in deps.EnumerateObject())
                        {
                            string spec = dep.Value.ValueKind == JsonValueKind.String ? dep.Value.GetString()! : dep.Value.GetRawText();
                            lines.TryGetValue(section + "/" + dep.Name, out int line);
                            project.Dependencies.Add(new DeclaredDependency(dep.Name, spec, section, line));
                        }
                    }
                }
            }

            project.LockFile = FindLockFile(Path.GetDirectoryName(Path.GetFullPath(manifest))!, stopAt);
            if (project.LockFile != null)
            {
                string name = Path.GetFileName(project.LockFile);
                if (name == "package-lock.json" || name == "npm-shrinkwrap.json")
                {
                    ReadPackageLock(project);
                }
                else if (name == "yarn.lock")
                {
                    ReadYarnLock(project);
                }
            }

            return project;
        }

        /// <summary>libman.json: (defaultProvider, libraries as (library, provider, line)).</summary>
        public static (string? DefaultProvider, List<(string Library, string? Provider, int Line)> Libraries) ReadLibman(string file)
        {
            (JsonDocument doc, Dictionary<string, int> lines) = Parse(file);
            using (doc)
            {
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new FrontEndFormatException(file, 1, "libman.json is not a JSON object");
                }

                string? defaultProvider = Text(root, "defaultProvider");
                var libraries = new List<(string, string?, int)>();
                if (root.TryGetProperty("libraries", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
                {
                    int index = 0;
                    foreach (JsonElement library in list.EnumerateArray())
                    {
                        string? name = Text(library, "library");
                        lines.TryGetValue("libraries/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), out int line);
                        if (name != null)
                        {
                            libraries.Add((name, Text(library, "provider"), line));
                        }

                        index++;
                    }
                }

                return (defaultProvider, libraries);
            }
        }

        /// <summary>The registries an .npmrc sets: (key, url, line), key "registry" or "@scope:registry".</summary>
        public static List<(string Key, string Url, int Line)> ReadNpmrc(string file)
        {
            var registries = new List<(string, string, int)>();
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';')
                {
                    continue;
                }

                int eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    continue;
                }

                string key = line.Substring(0, eq).Trim();
                string value = line.Substring(eq + 1).Trim().Trim('"', '\'');
                if (key == "registry" || key.EndsWith(":registry", StringComparison.Ordinal))
                {
                    registries.Add((key, value, i + 1));
                }
            }

            return registries;
        }

        /// <summary>The git work tree that holds the directory, or the directory itself when there is none.</summary>
        public static string? RepositoryRootOf(string? directory)
        {
            if (string.IsNullOrEmpty(directory))
            {
                return null;
            }

            for (string? dir = Path.GetFullPath(directory); dir != null; dir = Path.GetDirectoryName(dir))
            {
                if (Directory.Exists(Path.Combine(dir, ".git")) || File.Exists(Path.Combine(dir, ".git")))
                {
                    return dir;
                }
            }

            return Path.GetFullPath(directory);
        }

        /// <summary>The package name from a package-lock key: the part after the last "node_modules/".</summary>
        public static string NameFromKey(string key)
        {
            int at = key.LastIndexOf("node_modules/", StringComparison.Ordinal);
            return at < 0 ? key : key.Substring(at + "node_modules/".Length);
        }

        private static string? FindLockFile(string directory, string? stopAt)
        {
            string stop = stopAt == null ? directory : Path.GetFullPath(stopAt).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            for (string? dir = directory; dir != null; dir = Path.GetDirectoryName(dir))
            {
                foreach (string name in LockFileNames)
                {
                    string candidate = Path.Combine(dir, name);
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }

                if (string.Equals(dir.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), stop, StringComparison.Ordinal) || Directory.Exists(Path.Combine(dir, ".git")))
                {
                    break;
                }
            }

            return null;
        }

        private static void ReadPackageLock(NpmProject project)
        {
            string file = project.LockFile!;
            (JsonDocument doc, _) = Parse(file);
            using (doc)
            {
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new FrontEndFormatException(file, 1, "the lock file is not a JSON object");
                }

                if (root.TryGetProperty("packages", out JsonElement packages) && packages.ValueKind == JsonValueKind.Object)
                {
                    // lockfileVersion 2 and 3: keys are node_modules paths; "" is the project itself.
                    var entries = new Dictionary<string, LockedPackage>(StringComparer.Ordinal);
                    var declared = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                    foreach (JsonProperty entry in packages.EnumerateObject())
                    {
                        List<string> deps = new[] { "dependencies", "optionalDependencies", "devDependencies", "peerDependencies" }
                            .Where(s => entry.Value.TryGetProperty(s, out JsonElement d) && d.ValueKind == JsonValueKind.Object && (entry.Name.Length == 0 || s != "devDependencies"))
                            .SelectMany(s => entry.Value.GetProperty(s).EnumerateObject().Select(p => p.Name))
                            .Distinct(StringComparer.Ordinal)
                            .ToList();
                        declared[entry.Name] = deps;
                        if (entry.Name.Length == 0 || Bool(entry.Value, "link"))
                        {
                            continue;
                        }

                        string? version = Text(entry.Value, "version");
                        if (version == null)
                        {
                            continue;
                        }

                        string name = Text(entry.Value, "name") ?? NameFromKey(entry.Name);
                        entries[entry.Name] = new LockedPackage(entry.Name, name, version, Text(entry.Value, "integrity"), Text(entry.Value, "resolved"), Bool(entry.Value, "dev"));
                    }

                    foreach (LockedPackage package in entries.Values)
                    {
                        foreach (string dep in declared[package.Key])
                        {
                            string? target = ResolveNested(package.Key, dep, entries);
                            if (target != null)
                            {
                                package.DependencyKeys.Add(target);
                            }
                        }

                        project.Locked.Add(package);
                    }

                    if (declared.TryGetValue(string.Empty, out List<string>? rootDeps))
                    {
                        project.RootKeys.AddRange(rootDeps.Select(d => ResolveNested(string.Empty, d, entries)).Where(k => k != null).Select(k => k!));
                    }
                }
                else if (root.TryGetProperty("dependencies", out JsonElement v1) && v1.ValueKind == JsonValueKind.Object)
                {
                    // lockfileVersion 1: a nested tree of dependencies.
                    ReadV1(project, v1, string.Empty, isRoot: true);
                }
            }
        }

        private static void ReadV1(NpmProject project, JsonElement dependencies, string parentKey, bool isRoot)
        {
            foreach (JsonProperty dep in dependencies.EnumerateObject())
            {
                string key = (parentKey.Length == 0 ? string.Empty : parentKey + "/") + "node_modules/" + dep.Name;
                string? version = Text(dep.Value, "version");
                if (version == null)
                {
                    continue;
                }

                var package = new LockedPackage(key, dep.Name, version, Text(dep.Value, "integrity"), Text(dep.Value, "resolved"), Bool(dep.Value, "dev"));
                project.Locked.Add(package);
                if (isRoot)
                {
                    project.RootKeys.Add(key);
                }

                if (dep.Value.TryGetProperty("dependencies", out JsonElement nested) && nested.ValueKind == JsonValueKind.Object)
                {
                    ReadV1(project, nested, key, isRoot: false);
                }
            }
        }

        /// <summary>Node's resolution: the nearest node_modules/&lt;name&gt; walking up from the requiring package.</summary>
        private static string? ResolveNested(string from, string name, Dictionary<string, LockedPackage> entries)
        {
            string dir = from;
            while (true)
            {
                string candidate = (dir.Length == 0 ? string.Empty : dir + "/") + "node_modules/" + name;
                if (entries.ContainsKey(candidate))
                {
                    return candidate;
                }

                if (dir.Length == 0)
                {
                    return null;
                }

                int at = dir.LastIndexOf("/node_modules/", StringComparison.Ordinal);
                dir = at < 0 ? string.Empty : dir.Substring(0, at);
            }
        }

        /// <summary>yarn.lock v1: blocks of '"name@range", name@range2:' with version, resolved and integrity lines.</summary>
        private static void ReadYarnLock(NpmProject project)
        {
            string[] lines = File.ReadAllLines(project.LockFile!);
            string? header = null;
            string? version = null;
            string? resolved = null;
            string? integrity = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);

            void Flush()
            {
                if (header != null && version != null)
                {
                    string first = header.Split(',')[0].Trim().Trim('"');
                    int at = first.LastIndexOf('@');
                    string name = at > 0 ? first.Substring(0, at) : first;
                    string key = "node_modules/" + name + "@" + version;
                    if (seen.Add(key))
                    {
                        project.Locked.Add(new LockedPackage(key, name, version, integrity, resolved, dev: false));
                    }
                }

                header = version = resolved = integrity = null;
            }

            foreach (string raw in lines)
            {
                if (raw.Length == 0 || raw.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!char.IsWhiteSpace(raw[0]))
                {
                    Flush();
                    header = raw.TrimEnd(':');
                    continue;
                }

                string line = raw.Trim();
                if (line.StartsWith("version ", StringComparison.Ordinal))
                {
                    version = line.Substring(8).Trim().Trim('"');
                }
                else if (line.StartsWith("resolved ", StringComparison.Ordinal))
                {
                    resolved = line.Substring(9).Trim().Trim('"');
                }
                else if (line.StartsWith("integrity ", StringComparison.Ordinal))
                {
                    integrity = line.Substring(10).Trim().Trim('"');
                }
            }

            Flush();
        }

        /// <summary>The document, and the line of every property by its path ("dependencies/lodash", "libraries/0").</summary>
        private static (JsonDocument Doc, Dictionary<string, int> Lines) Parse(string file)
        {
            byte[] bytes = File.ReadAllBytes(file);
            ReadOnlySpan<byte> content = bytes;
            if (content.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            {
                content = content.Slice(3);
            }

            var newlines = new List<long>();
            for (int i = 0; i < content.Length; i++)
            {
                if (content[i] == (byte)'\n')
                {
                    newlines.Add(i);
                }
            }

            int LineOf(long offset)
            {
                int index = newlines.BinarySearch(offset);
                return (index < 0 ? ~index : index) + 1;
            }

            var lines = new Dictionary<string, int>(StringComparer.Ordinal);
            var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
            try
            {
                var reader = new Utf8JsonReader(content, options);
                var path = new List<string>();
                var containers = new Stack<(bool IsArray, int NextIndex, bool AddedSegment)>();
                string? pendingName = null;
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            pendingName = reader.GetString();
                            string key = string.Join("/", path.Concat(new[] { pendingName! }));
                            if (!lines.ContainsKey(key))
                            {
                                lines[key] = LineOf(reader.TokenStartIndex);
                            }

                            break;
                        case JsonTokenType.StartObject:
                        case JsonTokenType.StartArray:
                            bool added = false;
                            if (containers.Count > 0)
                            {
                                string segment;
                                if (pendingName != null)
                                {
                                    segment = pendingName;
                                }
                                else
                                {
                                    (bool isArray, int next, bool addedSegment) = containers.Pop();
                                    containers.Push((isArray, next + 1, addedSegment));
                                    segment = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
                                    lines[string.Join("/", path.Concat(new[] { segment }))] = LineOf(reader.TokenStartIndex);
                                }

                                path.Add(segment);
                                added = true;
                            }

                            containers.Push((reader.TokenType == JsonTokenType.StartArray, 0, added));
                            pendingName = null;
                            break;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            if (containers.Pop().AddedSegment)
                            {
                                path.RemoveAt(path.Count - 1);
                            }

                            pendingName = null;
                            break;
                        default:
                            if (pendingName == null && containers.Count > 0 && containers.Peek().IsArray)
                            {
                                (bool isArray, int next, bool addedSegment) = containers.Pop();
                                containers.Push((isArray, next + 1, addedSegment));
                            }

                            pendingName = null;
                            break;
                    }
                }

                var documentOptions = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
                return (JsonDocument.Parse(content.ToArray(), documentOptions), lines);
            }
            catch (JsonException ex)
            {
                throw new FrontEndFormatException(file, (int)(ex.LineNumber ?? 0) + 1, $"{Path.GetFileName(file)} is not valid JSON ({ex.Message})");
            }
        }

        private static string? Text(JsonElement element, string name)
            => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static bool Bool(JsonElement element, string name)
            => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;

        internal static string Describe(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";

        internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
    }
}

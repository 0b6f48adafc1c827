using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>NuGet's resolved view of a project (<c>project.assets.json</c>): what the checks need of it.</summary>
    internal sealed class ProjectAssets
    {
        private ProjectAssets()
        {
        }

        /// <summary>Package id (case-insensitive) to the versions restore resolved.</summary>
        public Dictionary<string, SortedSet<string>> ResolvedVersions { get; } = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Restore's own log entries (code, library id, message).</summary>
        public List<(string Code, string? LibraryId, string Message)> Logs { get; } = new List<(string, string?, string)>();

        /// <summary>Parses the file; a malformed file throws <see cref="AssetsFormatException"/> with the line.</summary>
        public static ProjectAssets Load(string path)
        {
            var assets = new ProjectAssets();
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
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new AssetsFormatException(path, 1, "the file is not a JSON object");
                }

                if (doc.RootElement.TryGetProperty("libraries", out JsonElement libraries) && libraries.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty library in libraries.EnumerateObject())
                    {
                        if (library.Value.ValueKind != JsonValueKind.Object
                            || !library.Value.TryGetProperty("type", out JsonElement type)
                            || type.GetString() != "package")
                        {
                            continue;
                        }

                        int slash = library.Name.IndexOf('/');
                        if (slash <= 0)
                        {
                            continue;
                        }

                        string id = library.Name.Substring(0, slash);
                        if (!assets.ResolvedVersions.TryGetValue(id, out SortedSet<string>? versions))
                        {
                            versions = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
                            assets.ResolvedVersions[id] = versions;
                        }

                        versions.Add(library.Name.Substring(slash + 1));
                    }
                }

                if (doc.RootElement.TryGetProperty("logs", out JsonElement logs) && logs.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement log in logs.EnumerateArray())
                    {
                        if (log.ValueKind != JsonValueKind.Object)
                        {
                            continue;
                        }

                        string code = log.TryGetProperty("code", out JsonElement c) ? c.GetString() ?? string.Empty : string.Empty;
                        string? libraryId = log.TryGetProperty("libraryId", out JsonElement l) ? l.GetString() : null;
                        string message = log.TryGetProperty("message", out JsonElement m) ? m.GetString() ?? string.Empty : string.Empty;
                        assets.Logs.Add((code, libraryId, message));
                    }
                }
            }

            return assets;
        }
    }

    internal sealed class AssetsFormatException : Exception
    {
        public AssetsFormatException(string file, int line, string reason)
            : base($"{file} cannot be read as a NuGet restore result (line {line}: {reason}); run a restore again.")
        {
            File = file;
            Line = line;
        }

        public string File { get; }

        public int Line { get; }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>What a feed says about one resolved package version (SSDLC2604).</summary>
    internal sealed class PackageMetadata
    {
        public PackageMetadata(string id, string version, string source, DateTime fetchedUtc)
        {
            Id = id;
            Version = version;
            Source = source;
            FetchedUtc = fetchedUtc;
        }

        public string Id { get; }

        public string Version { get; }

        /// <summary>The name (nuget.config key) or URL of the source that answered.</summary>
        public string Source { get; }

        public DateTime FetchedUtc { get; }

        public bool Listed { get; set; } = true;

        /// <summary>NuGet's deprecation reasons (Legacy, CriticalBugs, Other); empty when the version is not deprecated.</summary>
        public List<string> DeprecationReasons { get; } = new List<string>();

        public string? DeprecationMessage { get; set; }

        public string? AlternatePackageId { get; set; }

        public string? AlternatePackageRange { get; set; }

        /// <summary>Known vulnerabilities as the registration lists them: advisory URL and severity (0 low … 3 critical).</summary>
        public List<(string AdvisoryUrl, int Severity)> Vulnerabilities { get; } = new List<(string, int)>();

        /// <summary>The newest listed stable version on the source; null when it has none.</summary>
        public string? NewestStable { get; set; }

        public bool IsDeprecated => DeprecationReasons.Count > 0;

        public string Key => Id + "/" + Version;
    }

    /// <summary>The outcome of one lookup: the answers, and why some packages got none.</summary>
    internal sealed class FeedLookup
    {
        public List<PackageMetadata> Answers { get; } = new List<PackageMetadata>();

        /// <summary>Packages (<c>id/version</c>) that no source could answer for (unreachable, no metadata resource, timeout).</summary>
        public SortedSet<string> Unanswered { get; } = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>One line per source that failed, with the reason (no credentials or secrets: NuGet's own messages name the URL only).</summary>
        public SortedSet<string> Problems { get; } = new SortedSet<string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// The answers of earlier lookups, in <c>obj/</c>: a lookup runs only when the restore result (or a setting, or the
    /// day) changed, and then asks only for packages without a recent answer from the same sources.
    /// </summary>
    internal static class PackageMetadataCache
    {
        public const int Format = 1;

        /// <summary>How long an answer is reused.</summary>
        public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

        /// <summary>Answers keyed by <c>id/version</c> (case-insensitive), for the given sources; an unreadable or foreign cache is empty.</summary>
        public static Dictionary<string, PackageMetadata> Read(string? path, string sourcesKey, DateTime nowUtc)
        {
            var answers = new Dictionary<string, PackageMetadata>(StringComparer.OrdinalIgnoreCase);
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                return answers;
            }

            try
            {
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path!));
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("format", out JsonElement format) || format.ValueKind != JsonValueKind.Number || format.GetInt32() != Format
                    || Text(root, "sources") != sourcesKey
                    || !root.TryGetProperty("packages", out JsonElement packages) || packages.ValueKind != JsonValueKind.Array)
                {
                    return answers;
                }

                foreach (JsonElement p in packages.EnumerateArray())
                {
                    string? id = Text(p, "id");
                    string? version = Text(p, "version");
                    string? source = Text(p, "source");
                    if (id == null || version == null || source == null
                        || !DateTime.TryParse(Text(p, "fetched"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime fetched)
                        || nowUtc - fetched > MaxAge || fetched > nowUtc)
                    {
                        continue;
                    }

                    var answer = new PackageMetadata(id, version, source, fetched)
                    {
                        Listed = !p.TryGetProperty("listed", out JsonElement listed) || listed.ValueKind != JsonValueKind.False,
                        DeprecationMessage = Text(p, "deprecationMessage"),
                        AlternatePackageId = Text(p, "alternateId"),
                        AlternatePackageRange = Text(p, "alternateRange"),
                        NewestStable = Text(p, "newestStable"),
                    };
                    if (p.TryGetProperty("deprecationReasons", out JsonElement reasons) && reasons.ValueKind == JsonValueKind.Array)
                    {
                        answer.DeprecationReasons.AddRange(reasons.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
                    }

                    if (p.TryGetProperty("vulnerabilities", out JsonElement vulnerabilities) && vulnerabilities.ValueKind == JsonValueKind.Array)
                    {
                        foreach (JsonElement v in vulnerabilities.EnumerateArray())
                        {
                            if (Text(v, "advisoryUrl") is string url && v.TryGetProperty("severity", out JsonElement severity) && severity.ValueKind == JsonValueKind.Number)
                            {
                                answer.Vulnerabilities.Add((url, severity.GetInt32()));
                            }
                        }
                    }

                    answers[answer.Key] = answer;
                }
            }
            catch (JsonException)
            {
                answers.Clear();
            }
            catch (IOException)
            {
                answers.Clear();
            }
            catch (UnauthorizedAccessException)
            {
                answers.Clear();
            }

            return answers;
        }

        /// <summary>Writes the answers sorted by key, so the same answers give the same file.</summary>
        public static void Write(string path, string sourcesKey, IEnumerable<PackageMetadata> answers)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("format", Format);
                writer.WriteString("sources", sourcesKey);
                writer.WriteStartArray("packages");
                foreach (PackageMetadata a in answers.OrderBy(a => a.Id, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Version, StringComparer.OrdinalIgnoreCase))
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", a.Id);
                    writer.WriteString("version", a.Version);
                    writer.WriteString("source", a.Source);
                    writer.WriteString("fetched", a.FetchedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                    writer.WriteBoolean("listed", a.Listed);
                    writer.WriteStartArray("deprecationReasons");
                    foreach (string reason in a.DeprecationReasons)
                    {
                        writer.WriteStringValue(reason);
                    }

                    writer.WriteEndArray();
                    WriteOptional(writer, "deprecationMessage", a.DeprecationMessage);
                    WriteOptional(writer, "alternateId", a.AlternatePackageId);
                    WriteOptional(writer, "alternateRange", a.AlternatePackageRange);
                    WriteOptional(writer, "newestStable", a.NewestStable);
                    writer.WriteStartArray("vulnerabilities");
                    foreach ((string url, int severity) in a.Vulnerabilities)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("advisoryUrl", url);
                        writer.WriteNumber("severity", severity);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            File.WriteAllBytes(path, stream.ToArray());
        }

        private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
        {
            if (value != null)
            {
                writer.WriteString(name, value);
            }
        }

        private static string? Text(JsonElement element, string name)
            => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }
}

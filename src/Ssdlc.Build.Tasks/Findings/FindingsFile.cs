using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Findings
{
    /// <summary>
    /// The hand-over from a check to the gate: checks write their findings here (only when their inputs change),
    /// the gate reads every file on every build, so a no-op build reports exactly what the last real check found.
    /// </summary>
    internal static class FindingsFile
    {
        public static void Write(string path, IReadOnlyList<Finding> findings)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("format", 1);
                writer.WriteStartArray("findings");
                foreach (Finding f in findings)
                {
                    writer.WriteStartObject();
                    writer.WriteString("ruleId", f.RuleId);
                    writer.WriteString("criticality", f.Criticality.ToString());
                    writer.WriteString("message", f.Message);
                    if (f.File != null)
                    {
                        writer.WriteString("file", f.File);
                    }

                    writer.WriteNumber("line", f.Line);
                    writer.WriteNumber("column", f.Column);
                    if (f.Subject != null)
                    {
                        writer.WriteString("subject", f.Subject);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            File.WriteAllBytes(path, stream.ToArray());
        }

        public static List<Finding> Read(string path)
        {
            var result = new List<Finding>();
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (JsonElement e in doc.RootElement.GetProperty("findings").EnumerateArray())
            {
                string ruleId = e.GetProperty("ruleId").GetString() ?? string.Empty;
                Criticality criticality = (Criticality)Enum.Parse(typeof(Criticality), e.GetProperty("criticality").GetString() ?? "High");
                result.Add(new Finding(
                    ruleId,
                    criticality,
                    e.GetProperty("message").GetString() ?? string.Empty,
                    e.TryGetProperty("file", out JsonElement file) ? file.GetString() : null,
                    e.GetProperty("line").GetInt32(),
                    e.GetProperty("column").GetInt32(),
                    e.TryGetProperty("subject", out JsonElement subject) ? subject.GetString() : null));
            }

            return result;
        }

        public static void WriteText(string path, string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, text, new UTF8Encoding(false));
        }
    }
}

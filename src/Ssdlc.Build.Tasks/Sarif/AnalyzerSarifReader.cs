using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Ssdlc.Build.Tasks.Sarif
{
    /// <summary>One Ssdlc result of the compiler's SARIF log, at the severity the compiler gave it (after .editorconfig and presets).</summary>
    internal sealed class AnalyzerResult
    {
        public AnalyzerResult(string ruleId, string level, bool suppressed)
        {
            RuleId = ruleId;
            Level = level;
            Suppressed = suppressed;
        }

        public string RuleId { get; }

        /// <summary>SARIF level: error, warning, note or none.</summary>
        public string Level { get; }

        public bool Suppressed { get; }
    }

    /// <summary>Reads the Ssdlc results out of the compiler's SARIF log (version 1.0 or 2.1.0).</summary>
    internal static class AnalyzerSarifReader
    {
        public static List<AnalyzerResult> Read(string path, string ruleIdPrefix)
        {
            var results = new List<AnalyzerResult>();
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
            if (!doc.RootElement.TryGetProperty("runs", out JsonElement runs) || runs.ValueKind != JsonValueKind.Array)
            {
                return results;
            }

            foreach (JsonElement run in runs.EnumerateArray())
            {
                if (IsOurBuildRun(run) || !run.TryGetProperty("results", out JsonElement items) || items.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (JsonElement item in items.EnumerateArray())
                {
                    string ruleId = item.TryGetProperty("ruleId", out JsonElement id) ? id.GetString() ?? string.Empty : string.Empty;
                    if (!ruleId.StartsWith(ruleIdPrefix, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    string level = item.TryGetProperty("level", out JsonElement l) ? l.GetString() ?? "warning" : "warning";
                    bool suppressed =
                        (item.TryGetProperty("suppressions", out JsonElement s) && s.ValueKind == JsonValueKind.Array && s.GetArrayLength() > 0)
                        || (item.TryGetProperty("suppressionStates", out JsonElement s1) && s1.ValueKind == JsonValueKind.Array && s1.GetArrayLength() > 0);
                    results.Add(new AnalyzerResult(ruleId, level, suppressed));
                }
            }

            return results;
        }

        internal static bool IsOurBuildRun(JsonElement run)
            => run.TryGetProperty("tool", out JsonElement tool)
               && tool.TryGetProperty("driver", out JsonElement driver)
               && driver.TryGetProperty("name", out JsonElement name)
               && name.GetString() == SarifLogWriter.ToolName;
    }
}

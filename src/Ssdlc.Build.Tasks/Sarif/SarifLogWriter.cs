using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Sarif
{
    /// <summary>Writes build-check findings as a SARIF 2.1.0 run, alone or added to the compiler's log.</summary>
    internal static class SarifLogWriter
    {
        public const string ToolName = "Ssdlc.Build";

        private const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

        public static JsonObject CreateRun(IReadOnlyList<Finding> findings, string toolVersion, ISet<string> failing, RuleHelp help)
        {
            var rules = new JsonArray();
            var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string id in findings.Select(f => f.RuleId).Distinct().OrderBy(i => i, StringComparer.Ordinal))
            {
                ruleIndex[id] = rules.Count;
                rules.Add(RuleNode(id, help));
            }

            var results = new JsonArray();
            foreach (Finding f in findings)
            {
                var result = new JsonObject
                {
                    ["ruleId"] = f.RuleId,
                    ["ruleIndex"] = ruleIndex[f.RuleId],
                    ["level"] = f.IsAccepted ? "note" : failing.Contains(Key(f)) ? "error" : "warning",
                    ["message"] = new JsonObject { ["text"] = f.Message },
                };
                if (f.File != null)
                {
                    var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = ToUri(f.File) } };
                    if (f.Line > 0)
                    {
                        var region = new JsonObject { ["startLine"] = f.Line };
                        if (f.Column > 0)
                        {
                            region["startColumn"] = f.Column;
                        }

                        physical["region"] = region;
                    }

                    result["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = physical });
                }

                if (f.IsAccepted)
                {
                    result["suppressions"] = new JsonArray(new JsonObject
                    {
                        ["kind"] = "external",
                        ["status"] = "accepted",
                        ["justification"] = f.AcceptedJustification,
                    });
                }

                result["properties"] = new JsonObject { ["criticality"] = f.Criticality.ToString() };
                results.Add(result);
            }

            return new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = ToolName,
                        ["version"] = toolVersion,
                        ["rules"] = rules,
                    },
                },
                ["results"] = results,
                ["columnKind"] = "utf16CodeUnits",
            };
        }

        /// <summary>A key that identifies a finding within one gate run (for the failing set).</summary>
        public static string Key(Finding f) => f.RuleId + "|" + f.File + "|" + f.Line + "|" + f.Column + "|" + f.Message;

        public static void WriteStandalone(string path, JsonObject run)
        {
            var log = new JsonObject
            {
                ["$schema"] = SchemaUri,
                ["version"] = "2.1.0",
                ["runs"] = new JsonArray(run),
            };
            Save(path, log);
        }

        /// <summary>
        /// Adds the build-check run to the compiler's SARIF log, replacing the one a previous build added,
        /// so that one file holds analyzer and build-check results. The compiler's Ssdlc rules get the page text as their
        /// help too (and the link, when the analyzers found none). Returns false when the file is not SARIF 2.1.0.
        /// </summary>
        public static bool MergeInto(string path, JsonObject run, RuleHelp help)
        {
            JsonNode? root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
            if (root is not JsonObject log || (string?)log["version"] != "2.1.0" || log["runs"] is not JsonArray runs)
            {
                return false;
            }

            for (int i = runs.Count - 1; i >= 0; i--)
            {
                if ((string?)runs[i]?["tool"]?["driver"]?["name"] == ToolName)
                {
                    runs.RemoveAt(i);
                }
            }

            foreach (JsonNode? other in runs)
            {
                if (other?["tool"]?["driver"]?["rules"] is JsonArray compilerRules)
                {
                    foreach (JsonNode? rule in compilerRules)
                    {
                        if (rule is JsonObject node && (string?)node["id"] is string id && RuleCatalog.TryGet(id, out _))
                        {
                            AddHelp(node, id, help);
                        }
                    }
                }
            }

            runs.Add(run.DeepClone());
            Save(path, log);
            return true;
        }

        private static JsonObject RuleNode(string id, RuleHelp help)
        {
            var node = new JsonObject { ["id"] = id };
            if (RuleCatalog.TryGet(id, out RuleInfo? rule) && rule != null)
            {
                var tags = new JsonArray("Security", "control:" + rule.Control, "criticality:" + rule.Criticality);
                if (rule.Cwe.Length > 0)
                {
                    tags.Add(rule.Cwe);
                }

                node["shortDescription"] = new JsonObject { ["text"] = rule.Title };
                node["fullDescription"] = new JsonObject { ["text"] = rule.Description };
                AddHelp(node, id, help);
                node["properties"] = new JsonObject
                {
                    ["category"] = RuleCatalog.Category,
                    ["tags"] = tags,
                };
            }

            return node;
        }

        /// <summary>The help link and the rule page (as text and Markdown), where the rule has none yet and we have them.</summary>
        private static void AddHelp(JsonObject rule, string id, RuleHelp help)
        {
            if (rule["helpUri"] == null && help.Link(id) is string link)
            {
                rule["helpUri"] = link;
            }

            if (rule["help"] == null && help.Text(id) is string text)
            {
                rule["help"] = new JsonObject { ["text"] = text, ["markdown"] = text };
            }
        }

        private static string ToUri(string file)
        {
            try
            {
                return new Uri(Path.GetFullPath(file)).AbsoluteUri;
            }
            catch (Exception ex) when (ex is UriFormatException || ex is ArgumentException || ex is NotSupportedException)
            {
                return file;
            }
        }

        private static void Save(string path, JsonNode log)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, log.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
        }
    }
}

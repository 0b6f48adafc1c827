using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Microsoft.Build.Framework;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Build.Tasks.Sarif;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Ssdlc.Build.Tasks.Gate
{
    /// <summary>
    /// The gate: reads what the checks found and what the analyzers reported (from the compiler's SARIF log),
    /// applies accepted risks, reports each build-check finding as an error or a warning for the risk class,
    /// writes the build-check SARIF, and prints one summary line with the verdict.
    /// </summary>
    public sealed class SsdlcGate : MSBuildTask
    {
        [Required]
        public string ProjectName { get; set; } = string.Empty;

        public string? ProjectFile { get; set; }

        public string? TargetFramework { get; set; }

        /// <summary>The resolved risk class; anything but Standard, High or VeryHigh is an SSDLC0002 error.</summary>
        public string? RiskClass { get; set; }

        /// <summary>Says where the risk class came from, for the error message when it is invalid.</summary>
        public string? RiskClassSource { get; set; }

        /// <summary>False for the dry run: everything is reported, nothing fails.</summary>
        public string? Enforce { get; set; }

        /// <summary>
        /// True for a test project that is not gated like the others (the default for test projects): only the rules of
        /// <see cref="RuleCatalog.GatingInTestProjects"/> fail it; everything else is reported as a warning.
        /// </summary>
        public bool TestProject { get; set; }

        public ITaskItem[] FindingsFiles { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] AcceptedRisks { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The compiler's SARIF log (ours in obj/ or the user's <c>ErrorLog</c>).</summary>
        public string? AnalyzerSarifFile { get; set; }

        /// <summary>When the user set <c>ErrorLog</c>: the build-check run is added to it.</summary>
        public string? MergeIntoSarifFile { get; set; }

        [Required]
        public string BuildChecksSarifFile { get; set; } = string.Empty;

        /// <summary>The day accepted risks are judged against (yyyy-MM-dd); defaults to today (UTC).</summary>
        public string? Today { get; set; }

        [Output]
        public string Verdict { get; private set; } = "PASSED";

        public override bool Execute()
        {
            try
            {
                return Run();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                Log.LogError(null, RuleIds.InvalidConfiguration, null, ProjectFile, 0, 0, 0, 0, $"The Ssdlc gate could not complete ({ex.GetType().Name}: {ex.Message}).");
                return false;
            }
        }

        private bool Run()
        {
            var locator = new ProjectFileLocator();
            var findings = new List<Finding>();

            if (!RiskClasses.TryParse(RiskClass, out RiskClass riskClass))
            {
                riskClass = Detection.Rules.RiskClass.High;
                findings.Add(new Finding(
                    RuleIds.InvalidConfiguration,
                    Criticality.High,
                    $"{RiskClassSource} is not a risk class: set SsdlcRiskClass to Standard, High or VeryHigh, or SsdlcCriticality (Low, Medium, High) with SsdlcExposure (Internal, Internet). The gate applies High until then.",
                    ProjectFile,
                    0,
                    0,
                    "SsdlcRiskClass"));
            }

            bool enforce = true;
            if (!string.IsNullOrWhiteSpace(Enforce) && !bool.TryParse(Enforce!.Trim(), out enforce))
            {
                enforce = true;
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.High, $"SsdlcEnforce '{Enforce}' is not true or false; the gate enforces until it is fixed.", ProjectFile, 0, 0, "SsdlcEnforce"));
            }

            DateTime today = DateTime.UtcNow.Date;
            if (!string.IsNullOrWhiteSpace(Today)
                && !IsoDate.TryParse(Today, out today))
            {
                today = DateTime.UtcNow.Date;
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.High, $"SsdlcBuildDate '{Today}' is not a date in the form yyyy-MM-dd.", ProjectFile, 0, 0, "SsdlcBuildDate"));
            }

            foreach (ITaskItem file in FindingsFiles)
            {
                if (!File.Exists(file.ItemSpec))
                {
                    continue;
                }

                try
                {
                    findings.AddRange(FindingsFile.Read(file.ItemSpec));
                }
                catch (Exception ex) when (ex is JsonException || ex is KeyNotFoundException || ex is InvalidOperationException || ex is ArgumentException || ex is FormatException)
                {
                    findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.High, $"The check results in '{file.ItemSpec}' are unreadable ({ex.Message}); rebuild.", file.ItemSpec, 0, 0, null));
                }
            }

            AcceptedRisks accepted = Gate.AcceptedRisks.Parse(AcceptedRisks, today, locator);
            findings.AddRange(accepted.Problems);
            accepted.Apply(findings);

            var failing = new HashSet<string>(StringComparer.Ordinal);
            var counts = new int[4];
            int acceptedCount = 0;
            foreach (Finding f in findings)
            {
                string text = $"[{f.Criticality}, {Control(f.RuleId)}] {f.Message}";
                if (f.IsAccepted)
                {
                    acceptedCount++;
                    Log.LogMessage(MessageImportance.High, $"{Location(f)}: accepted risk {f.RuleId}: {f.Message} (justification: {f.AcceptedJustification})");
                    continue;
                }

                counts[(int)f.Criticality]++;
                if (enforce && Gates(f.RuleId) && RiskClasses.Fails(f.Criticality, riskClass))
                {
                    failing.Add(SarifLogWriter.Key(f));
                    Log.LogError("Ssdlc", f.RuleId, f.RuleId, f.File ?? ProjectFile, f.Line, f.Column, 0, 0, text);
                }
                else
                {
                    Log.LogWarning("Ssdlc", f.RuleId, f.RuleId, f.File ?? ProjectFile, f.Line, f.Column, 0, 0, text);
                }
            }

            int analyzerErrors = 0;
            int suppressed = 0;
            if (!string.IsNullOrEmpty(AnalyzerSarifFile) && File.Exists(AnalyzerSarifFile))
            {
                try
                {
                    foreach (AnalyzerResult r in AnalyzerSarifReader.Read(AnalyzerSarifFile!, "SSDLC"))
                    {
                        if (r.Suppressed)
                        {
                            suppressed++;
                            continue;
                        }

                        Criticality c = RuleCatalog.TryGet(r.RuleId, out RuleInfo? rule) && rule != null ? rule.Criticality : Criticality.Medium;
                        counts[(int)c]++;
                        if (r.Level == "error")
                        {
                            analyzerErrors++;
                        }
                    }
                }
                catch (JsonException ex)
                {
                    Log.LogWarning("Ssdlc", RuleIds.InvalidConfiguration, null, AnalyzerSarifFile, 0, 0, 0, 0, $"The compiler's SARIF log is unreadable ({ex.Message}); analyzer findings are not counted in the summary.");
                }
            }

            string report = WriteSarif(findings, failing);

            bool failed = failing.Count > 0 || analyzerErrors > 0;
            int wouldFail = enforce ? 0 : findings.Count(f => !f.IsAccepted && Gates(f.RuleId) && RiskClasses.Fails(f.Criticality, riskClass));
            Verdict = failed ? "FAILED" : "PASSED";
            string tfm = string.IsNullOrEmpty(TargetFramework) ? string.Empty : $" ({TargetFramework})";
            string extra = acceptedCount + suppressed > 0 ? $" [{acceptedCount} accepted, {suppressed} suppressed]" : string.Empty;
            string mode = enforce ? string.Empty : $" (dry run, SsdlcEnforce=false: nothing fails{(wouldFail > 0 ? $"; {wouldFail} build-check finding(s) would fail at this risk class" : string.Empty)})";
            if (TestProject)
            {
                mode += " (test project: only secrets and supply-chain findings fail it; SsdlcGateTestProjects=true gates it like the others)";
            }

            Log.LogMessage(
                MessageImportance.High,
                $"Ssdlc: {ProjectName}{tfm}: risk class {RiskClasses.Name(riskClass)}: {counts[3]} critical, {counts[2]} high, {counts[1]} medium, {counts[0]} low{extra} - {Verdict}{mode}. Report: {report}");
            return !Log.HasLoggedErrors;
        }

        /// <summary>Writes the build-check SARIF and returns the report that holds everything.</summary>
        private string WriteSarif(List<Finding> findings, HashSet<string> failing)
        {
            RuleHelp help = RuleHelp.OfThisPackage();
            var run = SarifLogWriter.CreateRun(findings, ToolVersion(), failing, help);
            SarifLogWriter.WriteStandalone(BuildChecksSarifFile, run);
            if (!string.IsNullOrEmpty(MergeIntoSarifFile) && File.Exists(MergeIntoSarifFile))
            {
                try
                {
                    if (SarifLogWriter.MergeInto(MergeIntoSarifFile!, run, help))
                    {
                        return Path.GetFullPath(MergeIntoSarifFile!);
                    }

                    Log.LogMessage(MessageImportance.High, $"Ssdlc: {MergeIntoSarifFile} is not SARIF 2.1.0 (add ',version=2.1' to ErrorLog to get one file); the build-check results are in {Path.GetFullPath(BuildChecksSarifFile)}.");
                }
                catch (JsonException ex)
                {
                    Log.LogWarning("Ssdlc", RuleIds.InvalidConfiguration, null, MergeIntoSarifFile, 0, 0, 0, 0, $"Could not add build-check results to the SARIF log ({ex.Message}); they are in {BuildChecksSarifFile}.");
                }
            }

            return Path.GetFullPath(BuildChecksSarifFile);
        }

        private bool Gates(string ruleId) => !TestProject || RuleCatalog.GatesTestProjects(ruleId);

        private static string ToolVersion()
            => typeof(SsdlcGate).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

        private static string Control(string ruleId)
            => RuleCatalog.TryGet(ruleId, out RuleInfo? rule) && rule != null ? rule.Control : "Ssdlc";

        private string Location(Finding f)
        {
            string file = f.File ?? ProjectFile ?? ProjectName;
            return f.Line > 0 ? $"{file}({f.Line},{Math.Max(1, f.Column)})" : file;
        }
    }
}

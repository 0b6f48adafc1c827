using System.Text.Json;
using Microsoft.Build.Framework;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Build.Tasks.Gate;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using static Ssdlc.Build.Tasks.Tests.Items;

namespace Ssdlc.Build.Tasks.Tests.Gate;

public sealed class SsdlcGateTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("Standard", "Medium", false)]
    [InlineData("Standard", "High", true)]
    [InlineData("Standard", "Critical", true)]
    [InlineData("High", "Low", false)]
    [InlineData("High", "Medium", true)]
    [InlineData("VeryHigh", "Medium", true)]
    public void The_risk_class_decides_which_criticalities_fail(string riskClass, string criticalityName, bool fails)
    {
        Criticality criticality = Enum.Parse<Criticality>(criticalityName);
        (SsdlcGate gate, FakeBuildEngine engine, bool result) = Run(riskClass, [Finding(criticality)]);

        Assert.Equal(!fails, result);
        Assert.Equal(fails ? 1 : 0, engine.Errors.Count);
        Assert.Equal(fails ? 0 : 1, engine.Warnings.Count);
        Assert.Equal(fails ? "FAILED" : "PASSED", gate.Verdict);
        BuildEventArgs reported = fails ? engine.Errors[0] : engine.Warnings[0];
        Assert.Contains($"[{criticality}, A.2.6.6]", reported.Message, StringComparison.Ordinal);
        Assert.Contains(Summary(engine), s => s.Contains($"risk class {riskClass}:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_test_project_fails_only_on_secrets_and_supply_chain_findings()
    {
        var vulnerable = new Finding(RuleIds.VulnerableDependency, Criticality.Critical, "Package 'Old' 1.0.0 has a known critical vulnerability.", "/src/tests.csproj", 4, 5, "Old");
        var endOfLife = new Finding(RuleIds.UnsupportedFramework, Criticality.High, "net6.0 is past its end of support.", "/src/tests.csproj", 2, 5, "net6.0");
        (SsdlcGate relaxed, FakeBuildEngine relaxedEngine, bool relaxedResult) = Run("High", [vulnerable, endOfLife], testProject: true);
        Assert.True(relaxedResult);
        Assert.Equal("PASSED", relaxed.Verdict);
        Assert.Empty(relaxedEngine.Errors);
        Assert.Equal(2, relaxedEngine.Warnings.Count);
        Assert.Contains(Summary(relaxedEngine), s => s.Contains("1 critical, 1 high", StringComparison.Ordinal) && s.Contains("(test project: only secrets and supply-chain findings fail it", StringComparison.Ordinal));

        var secret = new Finding(RuleIds.ConfigurationSecret, Criticality.High, "appsettings.json(3,20): password ab… (12 chars), fingerprint sha256:0011223344556677.", "/src/appsettings.json", 3, 20, "sha256:0011223344556677");
        (SsdlcGate gated, FakeBuildEngine gatedEngine, bool gatedResult) = Run("High", [vulnerable, secret, Finding(Criticality.Medium)], testProject: true);
        Assert.False(gatedResult);
        Assert.Equal("FAILED", gated.Verdict);
        Assert.Equal(new[] { RuleIds.UnpinnedDependency, RuleIds.ConfigurationSecret }, gatedEngine.Errors.Select(e => e.Code).OrderBy(c => c, StringComparer.Ordinal));
        Assert.Equal(RuleIds.VulnerableDependency, Assert.Single(gatedEngine.Warnings).Code);

        (SsdlcGate normal, _, bool normalResult) = Run("High", [vulnerable]);
        Assert.False(normalResult);
        Assert.Equal("FAILED", normal.Verdict);
    }

    [Fact]
    public void Dry_run_reports_as_warnings_and_says_what_would_fail()
    {
        (SsdlcGate gate, FakeBuildEngine engine, bool result) = Run("High", [Finding(Criticality.Critical), Finding(Criticality.Low)], enforce: false);

        Assert.True(result);
        Assert.Empty(engine.Errors);
        Assert.Equal(2, engine.Warnings.Count);
        Assert.Equal("PASSED", gate.Verdict);
        Assert.Contains(Summary(engine), s => s.Contains("1 critical, 0 high, 0 medium, 1 low", StringComparison.Ordinal) && s.Contains("1 build-check finding(s) would fail", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_enforce_value_is_an_error_and_the_gate_enforces()
    {
        var engine = new FakeBuildEngine();
        var gate = new SsdlcGate { BuildEngine = engine, ProjectName = "app", RiskClass = "Standard", Enforce = "maybe", BuildChecksSarifFile = _dir.File("x.sarif") };

        Assert.False(gate.Execute());
        Assert.Contains(engine.Errors, e => e.Code == RuleIds.InvalidConfiguration && (e.Message ?? "").Contains("SsdlcEnforce 'maybe'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_risk_class_is_an_error_and_the_gate_applies_High()
    {
        (SsdlcGate _, FakeBuildEngine engine, bool result) = Run("Hgh", [Finding(Criticality.Medium)], source: "SsdlcRiskClass 'Hgh'");

        Assert.False(result);
        Assert.Contains(engine.Errors, e => e.Code == RuleIds.InvalidConfiguration && (e.Message ?? "").Contains("SsdlcRiskClass 'Hgh' is not a risk class", StringComparison.Ordinal));
        Assert.Contains(engine.Errors, e => e.Code == RuleIds.UnpinnedDependency);
    }

    [Fact]
    public void Accepted_risks_cover_matching_findings_and_are_reported_as_accepted()
    {
        ITaskItem risk = Item("SSDLC2606", ("Subject", "Some.Package"), ("Justification", "Vendor fix pending, tracked in SEC-1."), ("Expires", "2030-01-01"));
        (SsdlcGate gate, FakeBuildEngine engine, bool result) = Run("High", [Finding(Criticality.High, subject: "Some.Package"), Finding(Criticality.Low, subject: "Other")], accepted: [risk]);

        Assert.True(result);
        Assert.Empty(engine.Errors);
        Assert.Single(engine.Warnings);
        Assert.Contains(engine.Messages, m => (m.Message ?? "").Contains("accepted risk SSDLC2606", StringComparison.Ordinal));
        Assert.Contains(Summary(engine), s => s.Contains("0 high", StringComparison.Ordinal) && s.Contains("[1 accepted, 0 suppressed]", StringComparison.Ordinal));
        Assert.Equal("PASSED", gate.Verdict);

        using JsonDocument sarif = JsonDocument.Parse(File.ReadAllText(gate.BuildChecksSarifFile));
        JsonElement accepted = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(r => r.TryGetProperty("suppressions", out _));
        Assert.Equal("Vendor fix pending, tracked in SEC-1.", accepted.GetProperty("suppressions")[0].GetProperty("justification").GetString());
    }

    [Theory]
    [InlineData("Vendor fix pending, tracked in SEC-1.", "2020-01-01", "expired on 2020-01-01")]
    [InlineData("TODO", "2030-01-01", "no real Justification")]
    [InlineData("", "2030-01-01", "no real Justification")]
    [InlineData("Vendor fix pending, tracked in SEC-1.", "", "no Expires date")]
    [InlineData("Vendor fix pending, tracked in SEC-1.", "31.03.2030", "not a date")]
    public void A_bad_accepted_risk_is_an_SSDLC0003_error_and_covers_nothing(string justification, string expires, string expected)
    {
        ITaskItem risk = Item("SSDLC2606", ("Subject", "Some.Package"), ("Justification", justification), ("Expires", expires));
        (SsdlcGate _, FakeBuildEngine engine, bool result) = Run("Standard", [Finding(Criticality.Medium, subject: "Some.Package")], accepted: [risk], today: "2026-11-22");

        Assert.False(result);
        Assert.True(engine.Errors.All(e => e.Code != RuleIds.InvalidConfiguration), string.Join("\n", engine.Errors.Select(e => e.Message)));
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal(RuleIds.InvalidAcceptedRisk, error.Code);
        Assert.Contains(expected, error.Message ?? "", StringComparison.Ordinal);
        Assert.Single(engine.Warnings, w => w.Code == RuleIds.UnpinnedDependency);
    }

    [Fact]
    public void Analyzer_results_are_counted_from_the_compilers_SARIF_log()
    {
        string sarif = _dir.Write("analyzers.sarif", """
            { "version": "2.1.0", "runs": [ { "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler" } }, "results": [
              { "ruleId": "SSDLC0401", "level": "error", "message": { "text": "x" } },
              { "ruleId": "SSDLC0001", "level": "warning", "message": { "text": "x" } },
              { "ruleId": "SSDLC1001", "level": "error", "message": { "text": "x" }, "suppressions": [ { "kind": "inSource" } ] },
              { "ruleId": "CS0168", "level": "warning", "message": { "text": "x" } } ] } ] }
            """);

        (SsdlcGate gate, FakeBuildEngine engine, bool _) = Run("Standard", [], analyzerSarif: sarif);

        Assert.Equal("FAILED", gate.Verdict);
        Assert.Contains(Summary(engine), s => s.Contains("1 critical, 0 high, 1 medium, 0 low [0 accepted, 1 suppressed] - FAILED", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_check_run_is_added_to_the_users_SARIF_log_once()
    {
        string log = _dir.Write("user.sarif", """
            { "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [ { "tool": { "driver": { "name": "csc" } }, "results": [] } ] }
            """);

        Run("Standard", [Finding(Criticality.Medium)], mergeInto: log);
        Run("Standard", [Finding(Criticality.High)], mergeInto: log);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(log));
        JsonElement[] runs = doc.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(["csc", "Ssdlc.Build"], runs.Select(r => r.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString()));
        JsonElement result = runs[1].GetProperty("results").EnumerateArray().Single();
        Assert.Equal("error", result.GetProperty("level").GetString());
        JsonElement rule = runs[1].GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];
        Assert.Equal("SSDLC2606", rule.GetProperty("id").GetString());
        // The task runs from the test's output folder, which ships no rule pages: no link rather than a dead one
        // (RuleHelpTests covers the links; the end-to-end HelpLinkTests the task in its package).
        Assert.False(rule.TryGetProperty("helpUri", out _));
        Assert.Contains("control:A.2.6.6", rule.GetProperty("properties").GetProperty("tags").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_check_results_are_an_error_not_a_crash()
    {
        string broken = _dir.Write("broken.findings.json", "{ \"findings\": [ { \"ruleId\": ");
        var engine = new FakeBuildEngine();
        var gate = new SsdlcGate
        {
            BuildEngine = engine,
            ProjectName = "app",
            FindingsFiles = [Item(broken)],
            BuildChecksSarifFile = _dir.File("out.sarif"),
        };

        Assert.False(gate.Execute());
        Assert.Contains(engine.Errors, e => e.Code == RuleIds.InvalidConfiguration && e.File == broken);
    }

    private static Finding Finding(Criticality criticality, string subject = "Pkg")
        => new(RuleIds.UnpinnedDependency, criticality, $"PackageReference '{subject}' declares a floating version.", "/src/app.csproj", 3, 5, subject);

    private (SsdlcGate Gate, FakeBuildEngine Engine, bool Result) Run(
        string riskClass,
        List<Finding> findings,
        bool enforce = true,
        ITaskItem[]? accepted = null,
        string? analyzerSarif = null,
        string? mergeInto = null,
        string today = "2026-11-22",
        string source = "SsdlcRiskClass",
        bool testProject = false)
    {
        string findingsFile = _dir.File("checks-" + Guid.NewGuid().ToString("N") + ".json");
        FindingsFile.Write(findingsFile, findings);
        var engine = new FakeBuildEngine();
        var gate = new SsdlcGate
        {
            BuildEngine = engine,
            ProjectName = "app",
            ProjectFile = "/src/app.csproj",
            RiskClass = riskClass,
            RiskClassSource = source,
            Enforce = enforce ? "true" : "false",
            FindingsFiles = [Item(findingsFile)],
            AcceptedRisks = accepted ?? [],
            AnalyzerSarifFile = analyzerSarif,
            MergeIntoSarifFile = mergeInto,
            BuildChecksSarifFile = _dir.File("build-checks.sarif"),
            Today = today,
            TestProject = testProject,
        };
        bool result = gate.Execute();
        return (gate, engine, result);
    }

    private static IEnumerable<string> Summary(FakeBuildEngine engine)
        => engine.Messages.Select(m => m.Message ?? string.Empty).Where(m => m.StartsWith("Ssdlc: ", StringComparison.Ordinal));
}

using Ssdlc.Detection.Rules;
using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>The samples, built from the packed packages exactly as the README's demo does.</summary>
[Collection(PackedPackagesCollection.Name)]
public class SampleTests(PackedPackages packages)
{
    /// <summary>The rules VulnerableApp breaks on purpose; each sample file says where.</summary>
    private static readonly HashSet<string> VulnerableAppRules =
    [
        "SSDLC0001",
        "SSDLC0201", "SSDLC0203", "SSDLC0204", "SSDLC0205", "SSDLC0206", "SSDLC0207", "SSDLC0208",
        "SSDLC0301", "SSDLC0302", "SSDLC0303",
        "SSDLC0401", "SSDLC0403", "SSDLC0404", "SSDLC0405",
        "SSDLC0901",
        "SSDLC0701", "SSDLC0702", "SSDLC0703",
        "SSDLC0902", "SSDLC0903",
        "SSDLC0705", "SSDLC0801",
        "SSDLC0601", "SSDLC0602", "SSDLC0603",
        "SSDLC0501", "SSDLC0704", "SSDLC0706",
        "SSDLC1001", "SSDLC1002", "SSDLC1003", "SSDLC1004", "SSDLC1005", "SSDLC1006", "SSDLC1007", "SSDLC1008",
        "SSDLC1009", "SSDLC1010", "SSDLC1012",
        "SSDLC1101",
        "SSDLC1202", "SSDLC1203", "SSDLC1204",
        "SSDLC2606",
        "SSDLC3305", "SSDLC5201",
        "SSDLC1301", "SSDLC1302", "SSDLC1404", "SSDLC0502",
        "SSDLC1401", "SSDLC1402", "SSDLC1403",
        "SSDLC2508", "SSDLC5301", "SSDLC5302", "SSDLC5303", "SSDLC5304", "SSDLC5305",
    ];

    [Fact]
    public void VulnerableApp_fails_at_risk_class_High_with_every_rule_it_breaks()
    {
        Workspace ws = packages.CreateWorkspace("vulnerable");
        ws.CopySample("VulnerableApp");

        BuildResult build = ws.Build("VulnerableApp/VulnerableApp.csproj");

        Assert.NotEqual(0, build.ExitCode);
        Assert.True(
            VulnerableAppRules.SetEquals(build.Ids),
            $"missing: {string.Join(", ", VulnerableAppRules.Except(build.Ids))}; unexpected: {string.Join(", ", build.Ids.Except(VulnerableAppRules))}\n{build}");
        foreach (string id in VulnerableAppRules)
        {
            // At High every criticality from Medium up fails the build.
            string expected = RuleCatalog.Get(id).Criticality >= Criticality.Medium ? "error " : "warning ";
            Assert.Contains(expected + id, build.Diagnostics);
        }

        Assert.Equal(2, build.DiagnosticLines.Count(l => l.Contains("error SSDLC0401", StringComparison.Ordinal) && l.Contains("ProductsController.cs", StringComparison.Ordinal)));
        // The summary counts what the build printed: critical findings in the summary = distinct critical diagnostics.
        int critical = build.DiagnosticLines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^(.*?): .*?(SSDLC\d{4})"))
            .Where(m => m.Success && RuleCatalog.Get(m.Groups[2].Value).Criticality == Criticality.Critical)
            .Select(m => m.Groups[1].Value + m.Groups[2].Value)
            .Distinct()
            .Count();
        Assert.True(critical >= 3, build.ToString());
        Assert.Contains($"risk class High: {critical} critical", build.SummaryLine, StringComparison.Ordinal);
        Assert.EndsWith("FAILED", build.SummaryLine.Split(". Report:")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void VulnerableApp_dry_run_reports_everything_and_fails_nothing()
    {
        Workspace ws = packages.CreateWorkspace("dryrun");
        ws.CopySample("VulnerableApp");

        BuildResult build = ws.Build("VulnerableApp/VulnerableApp.csproj", "-p:SsdlcEnforce=false");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(VulnerableAppRules, build.Ids);
        Assert.DoesNotContain(build.Diagnostics, d => d.StartsWith("error", StringComparison.Ordinal));
        Assert.Contains("dry run", build.SummaryLine, StringComparison.Ordinal);
        Assert.Contains("PASSED", build.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void CompliantApp_passes_at_VeryHigh_derived_from_criticality_and_exposure()
    {
        Workspace ws = packages.CreateWorkspace("compliant");
        ws.CopySample("CompliantApp");

        BuildResult build = ws.Build("CompliantApp/CompliantApp.csproj");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Ids);
        Assert.Contains("risk class VeryHigh: 0 critical, 0 high, 0 medium, 0 low", build.SummaryLine, StringComparison.Ordinal);
        Assert.Contains("PASSED", build.SummaryLine, StringComparison.Ordinal);
    }
}

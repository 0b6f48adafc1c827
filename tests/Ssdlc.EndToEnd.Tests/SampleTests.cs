using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>The samples, built from the packed packages exactly as the README's demo does.</summary>
[Collection(PackedPackagesCollection.Name)]
public class SampleTests(PackedPackages packages)
{
    [Fact]
    public void VulnerableApp_fails_at_risk_class_High_with_every_rule_of_the_skeleton()
    {
        Workspace ws = packages.CreateWorkspace("vulnerable");
        ws.CopySample("VulnerableApp");

        BuildResult build = ws.Build("VulnerableApp/VulnerableApp.csproj");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error SSDLC0401", build.Diagnostics);
        Assert.Contains("error SSDLC1001", build.Diagnostics);
        Assert.Contains("error SSDLC1101", build.Diagnostics);
        Assert.Contains("error SSDLC0001", build.Diagnostics);
        Assert.Contains("error SSDLC2606", build.Diagnostics);
        Assert.Equal(2, build.DiagnosticLines.Count(l => l.Contains("error SSDLC0401", StringComparison.Ordinal) && l.Contains("ProductsController.cs", StringComparison.Ordinal)));
        Assert.Contains("risk class High", build.SummaryLine, StringComparison.Ordinal);
        Assert.Contains("2 critical", build.SummaryLine, StringComparison.Ordinal);
        Assert.EndsWith("FAILED", build.SummaryLine.Split(". Report:")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void VulnerableApp_dry_run_reports_everything_and_fails_nothing()
    {
        Workspace ws = packages.CreateWorkspace("dryrun");
        ws.CopySample("VulnerableApp");

        BuildResult build = ws.Build("VulnerableApp/VulnerableApp.csproj", "-p:SsdlcEnforce=false");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(new HashSet<string> { "SSDLC0001", "SSDLC0401", "SSDLC1001", "SSDLC1101", "SSDLC2606" }, build.Ids);
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

using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>The risk class decides which criticalities fail; the user's own settings and exceptions are honoured.</summary>
[Collection(PackedPackagesCollection.Name)]
public class GateTests(PackedPackages packages)
{
    [Fact]
    public void A_medium_finding_warns_at_Standard_and_fails_at_High()
    {
        Workspace ws = packages.CreateWorkspace("medium");
        ws.Write("app/app.csproj", Projects.Console());
        ws.Write("app/Program.cs", Projects.MediumOnlyCode);

        BuildResult standard = ws.Build("app/app.csproj");
        Assert.True(standard.ExitCode == 0, standard.ToString());
        Assert.Equal(new HashSet<string> { "warning SSDLC0001" }, standard.Diagnostics);
        Assert.Contains("risk class Standard: 0 critical, 0 high, 1 medium, 0 low - PASSED", standard.SummaryLine, StringComparison.Ordinal);

        BuildResult high = ws.Build("app/app.csproj", "-p:SsdlcRiskClass=High");
        Assert.NotEqual(0, high.ExitCode);
        Assert.Equal(new HashSet<string> { "error SSDLC0001" }, high.Diagnostics);
        Assert.Contains("risk class High: 0 critical, 0 high, 1 medium, 0 low - FAILED", high.SummaryLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Medium", "Internet", "High", false)]
    [InlineData("High", "Internal", "High", false)]
    [InlineData("High", "Internet", "VeryHigh", false)]
    [InlineData("Medium", "Internal", "Standard", true)]
    [InlineData("Low", "Internet", "Standard", true)]
    public void Risk_class_follows_from_criticality_and_exposure(string criticality, string exposure, string riskClass, bool passes)
    {
        Workspace ws = packages.CreateWorkspace("derive");
        ws.Write("app/app.csproj", Projects.Console($"<SsdlcCriticality>{criticality}</SsdlcCriticality><SsdlcExposure>{exposure}</SsdlcExposure>"));
        ws.Write("app/Program.cs", Projects.MediumOnlyCode);

        BuildResult build = ws.Build("app/app.csproj");

        Assert.Contains($"risk class {riskClass}:", build.SummaryLine, StringComparison.Ordinal);
        Assert.Equal(passes, build.ExitCode == 0);
    }

    [Fact]
    public void The_users_editorconfig_severity_wins_over_the_risk_class_preset()
    {
        Workspace ws = packages.CreateWorkspace("editorconfig");
        // VeryHigh also requires NuGet's signature validation, which the unsigned local Ssdlc.Sdk cannot pass: accepted here.
        ws.Write("app/app.csproj", Projects.Console(
            "<SsdlcRiskClass>VeryHigh</SsdlcRiskClass>",
            "<SsdlcAcceptedRisk Include=\"SSDLC2601\" Subject=\"signatureValidationMode\" Justification=\"The test consumes a locally built, unsigned Ssdlc.Sdk.\" Expires=\"2099-12-31\" />"));
        ws.Write("app/Program.cs", Projects.WeakHashCode);
        ws.Write("app/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.SSDLC1001.severity = warning\n");

        BuildResult build = ws.Build("app/app.csproj");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(new HashSet<string> { "warning SSDLC1001" }, build.Diagnostics);
        Assert.Contains("1 high", build.SummaryLine, StringComparison.Ordinal);
        Assert.Contains("PASSED", build.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Central_package_management_versions_are_checked_where_they_are_declared()
    {
        Workspace ws = packages.CreateWorkspace("cpm");
        ws.Write("Directory.Packages.props", $"""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <GlobalPackageReference Include="Ssdlc.Sdk" Version="{Projects.Version}" />
                <PackageVersion Include="Newtonsoft.Json" Version="13.0.4" />
                <PackageVersion Include="Dapper" Version="[2.1.0,)" />
              </ItemGroup>
            </Project>
            """);
        ws.Write("app/app.csproj", Projects.Console(packageReference: false, items: """<PackageReference Include="Newtonsoft.Json" VersionOverride="[13.0.1,)" />"""));
        ws.Write("app/Program.cs", Projects.CleanCode);

        BuildResult build = ws.Build("app/app.csproj");

        Assert.True(build.ExitCode == 0, build.ToString());
        List<string> lines = build.DiagnosticLines.ToList();
        Assert.True(lines.Count == 2, build.ToString());
        Assert.Contains(lines, l => l.Contains("Directory.Packages.props(8,", StringComparison.Ordinal) && l.Contains("'Dapper'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("app.csproj(", StringComparison.Ordinal) && l.Contains("VersionOverride 'Newtonsoft.Json'", StringComparison.Ordinal) && l.Contains("resolved 13.0.1", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains("warning SSDLC2606", l, StringComparison.Ordinal));
    }

    [Fact]
    public void An_accepted_risk_covers_its_finding_until_it_expires()
    {
        Workspace ws = packages.CreateWorkspace("accepted");
        const string accepted = """
            <SsdlcAcceptedRisk Include="SSDLC2606" Subject="Newtonsoft.Json" Justification="Range kept until the vendor ships a fixed build; tracked in SEC-42." Expires="2027-03-31" />
            """;
        ws.Write("app/app.csproj", Projects.Console(
            "<SsdlcRiskClass>High</SsdlcRiskClass><RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>",
            """<PackageReference Include="Newtonsoft.Json" Version="[13.0.1,)" />""" + accepted));
        ws.Write("app/Program.cs", Projects.CleanCode);

        BuildResult before = ws.Build("app/app.csproj", "-p:SsdlcBuildDate=2027-03-31");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Empty(before.Ids);
        Assert.Contains("accepted risk SSDLC2606", before.Output, StringComparison.Ordinal);
        Assert.Contains("[1 accepted, 0 suppressed]", before.SummaryLine, StringComparison.Ordinal);

        BuildResult after = ws.Build("app/app.csproj", "-p:SsdlcBuildDate=2027-04-01");
        Assert.NotEqual(0, after.ExitCode);
        Assert.Contains("error SSDLC0003", after.Diagnostics);
        Assert.Contains("error SSDLC2606", after.Diagnostics);
        Assert.Contains(after.DiagnosticLines, l => l.Contains("expired on 2027-03-31", StringComparison.Ordinal) && l.Contains("app.csproj(", StringComparison.Ordinal));
    }

    [Fact]
    public void An_accepted_risk_without_justification_is_an_error_and_covers_nothing()
    {
        Workspace ws = packages.CreateWorkspace("unjustified");
        ws.Write("app/app.csproj", Projects.Console(
            items: """
                <PackageReference Include="Newtonsoft.Json" Version="13.0.*" />
                <SsdlcAcceptedRisk Include="SSDLC2606" Subject="Newtonsoft.Json" Justification="TODO" Expires="2099-01-01" />
                """));
        ws.Write("app/Program.cs", Projects.CleanCode);

        BuildResult build = ws.Build("app/app.csproj");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error SSDLC0003", build.Diagnostics);
        Assert.Contains("warning SSDLC2606", build.Diagnostics);
    }

    [Fact]
    public void A_no_op_build_skips_the_checks_and_reports_the_same_verdict()
    {
        Workspace ws = packages.CreateWorkspace("incremental");
        ws.Write("app/app.csproj", Projects.Console(items: """<PackageReference Include="Newtonsoft.Json" Version="13.0.*" />"""));
        ws.Write("app/Program.cs", Projects.CleanCode);

        BuildResult first = ws.Build("app/app.csproj");
        BuildResult second = ws.Build("app/app.csproj", "-v:d");

        Assert.Contains("warning SSDLC2606", first.Diagnostics);
        Assert.Contains("Skipping target \"SsdlcCheckDependencies\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
        Assert.Contains("warning SSDLC2606", second.Diagnostics);
        Assert.Equal(first.SummaryLine, second.SummaryLine);

        BuildResult high = ws.Build("app/app.csproj", "-p:SsdlcRiskClass=High");
        Assert.Contains("error SSDLC2606", high.Diagnostics);
    }
}

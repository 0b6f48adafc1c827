using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>Bad input gets a clear SSDLC error with file and line, never an MSBuild task crash.</summary>
[Collection(PackedPackagesCollection.Name)]
public class BadInputTests(PackedPackages packages)
{
    [Fact]
    public void An_unknown_risk_class_is_an_SSDLC0002_error_and_the_gate_applies_High()
    {
        Workspace ws = packages.CreateWorkspace("badclass");
        ws.Write("app/app.csproj", Projects.Console("<SsdlcRiskClass>Hgh</SsdlcRiskClass>"));
        ws.Write("app/Program.cs", Projects.MediumOnlyCode);

        BuildResult build = ws.Build("app/app.csproj");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.DiagnosticLines, l => l.Contains("error SSDLC0002", StringComparison.Ordinal) && l.Contains("SsdlcRiskClass 'Hgh' is not a risk class", StringComparison.Ordinal));
        Assert.Contains("error SSDLC0001", build.Diagnostics);
        Assert.DoesNotContain("MSB4018", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_restore_result_fails_with_a_clear_error_naming_the_file_and_line()
    {
        Workspace ws = packages.CreateWorkspace("assets");
        ws.Write("app/app.csproj", Projects.Console(items: """<PackageReference Include="Newtonsoft.Json" Version="13.0.4" />"""));
        ws.Write("app/Program.cs", Projects.CleanCode);
        Assert.Equal(0, ws.Dotnet("restore", "app/app.csproj").ExitCode);
        string assets = Path.Combine(ws.Directory, "app", "obj", "project.assets.json");
        string text = File.ReadAllText(assets);
        File.WriteAllText(assets, text[..(text.Length / 2)]);

        BuildResult build = ws.Build("app/app.csproj", "--no-restore");

        // The SDK reads the file before any check (NETSDK1060, with the line); the build stops there, cleanly.
        Assert.NotEqual(0, build.ExitCode);
        Assert.DoesNotContain("MSB4018", build.Output, StringComparison.Ordinal);
        Assert.Contains("project.assets.json", build.Output, StringComparison.Ordinal);
        Assert.Contains("LineNumber", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_central_version_is_an_SSDLC0002_error_at_its_declaration()
    {
        Workspace ws = packages.CreateWorkspace("badversion");
        string props = ws.Write("Directory.Packages.props", $"""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <GlobalPackageReference Include="Ssdlc.Sdk" Version="{Projects.Version}" />
                <PackageVersion Include="Newtonsoft.Json" Version="13.0.4" />
              </ItemGroup>
            </Project>
            """);
        ws.Write("app/app.csproj", Projects.Console(packageReference: false, items: """<PackageReference Include="Newtonsoft.Json" />"""));
        ws.Write("app/Program.cs", Projects.CleanCode);
        Assert.Equal(0, ws.Dotnet("restore", "app/app.csproj").ExitCode);

        // NuGet's own restore rejects the value first; a build that does not restore again (IDE, split CI steps) meets our check.
        File.WriteAllText(props, File.ReadAllText(props).Replace("Version=\"13.0.4\"", "Version=\"13.0.x\"", StringComparison.Ordinal));
        BuildResult build = ws.Build("app/app.csproj", "--no-restore");

        Assert.NotEqual(0, build.ExitCode);
        Assert.DoesNotContain("MSB4018", build.Output, StringComparison.Ordinal);
        Assert.Contains(build.DiagnosticLines, l => l.Contains("Directory.Packages.props(7,", StringComparison.Ordinal) && l.Contains("error SSDLC0002", StringComparison.Ordinal) && l.Contains("'13.0.x'", StringComparison.Ordinal));
    }
}

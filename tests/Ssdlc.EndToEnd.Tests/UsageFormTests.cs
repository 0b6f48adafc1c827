using System.Text.RegularExpressions;
using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>PackageReference and the additive SDK form behave the same, and together register nothing twice.</summary>
[Collection(PackedPackagesCollection.Name)]
public class UsageFormTests(PackedPackages packages)
{
    private const string FloatingNewtonsoft = """<PackageReference Include="Newtonsoft.Json" Version="13.0.*" />""";

    [Fact]
    public void Both_forms_give_the_same_diagnostics_and_the_same_verdict()
    {
        Workspace ws = packages.CreateWorkspace("forms");
        ws.Write("package/package.csproj", Projects.Console("<SsdlcRiskClass>High</SsdlcRiskClass>", FloatingNewtonsoft));
        ws.Write("package/Program.cs", Projects.WeakHashCode);
        ws.Write("sdk/sdk.csproj", Projects.Console("<SsdlcRiskClass>High</SsdlcRiskClass>", FloatingNewtonsoft, sdkForm: true, packageReference: false));
        ws.Write("sdk/Program.cs", Projects.WeakHashCode);

        BuildResult package = ws.Build("package/package.csproj");
        BuildResult sdk = ws.Build("sdk/sdk.csproj");

        Assert.Equal(new HashSet<string> { "error SSDLC1001", "error SSDLC2606" }, package.Diagnostics);
        Assert.Equal(package.Diagnostics, sdk.Diagnostics);
        Assert.Equal(string.Join("\n", Normalize(package.DiagnosticLines, "package")), string.Join("\n", Normalize(sdk.DiagnosticLines, "sdk")));
        Assert.Equal(package.SummaryLine.Split(" - ")[0].Replace("package", "sdk", StringComparison.Ordinal), sdk.SummaryLine.Split(" - ")[0]);
        Assert.NotEqual(0, package.ExitCode);
        Assert.NotEqual(0, sdk.ExitCode);
    }

    [Fact]
    public void The_SDK_form_takes_its_version_from_global_json_like_the_sample()
    {
        Workspace ws = packages.CreateWorkspace("sdkform");
        ws.CopySample("SdkForm");

        BuildResult build = ws.Build("SdkForm/SdkForm.csproj");

        Assert.Equal(new HashSet<string> { "error SSDLC1001" }, build.Diagnostics);
        Assert.Contains("SdkForm (net10.0): risk class High: 0 critical, 1 high", build.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_forms_at_once_load_each_analyzer_once()
    {
        Workspace ws = packages.CreateWorkspace("both");
        ws.Write("both/both.csproj", Projects.Console(sdkForm: true, packageReference: true));
        ws.Write("both/Program.cs", Projects.WeakHashCode);

        BuildResult build = ws.Build("both/both.csproj");

        Assert.Single(build.DiagnosticLines, l => l.Contains("SSDLC1001", StringComparison.Ordinal));
        Assert.Single(build.SummaryLines);
        Assert.DoesNotContain("CS8032", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB4011", build.Output, StringComparison.Ordinal);
    }

    // The help link at the end of a line names the package the analyzers came from (ssdlc.analyzers or ssdlc.sdk).
    private static List<string> Normalize(IEnumerable<string> lines, string project)
        => lines
            .Select(l => Regex.Replace(l, @"\(file:[^)]*/docs/rules/(SSDLC\d{4})\.md\)", "(PACKAGE/docs/rules/$1.md)"))
            .Select(l => l.Replace(project, "PROJECT", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
}

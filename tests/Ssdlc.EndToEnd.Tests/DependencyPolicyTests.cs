using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>The A.2.6 checks on generated projects: multi-targeting, project references, feeds, risk classes.</summary>
[Collection(PackedPackagesCollection.Name)]
public class DependencyPolicyTests(PackedPackages packages)
{
    [Fact]
    public void Each_target_framework_is_checked_for_end_of_support_in_its_own_build()
    {
        Workspace ws = packages.CreateWorkspace("multi");
        ws.Write("app/app.csproj", Projects.Console("<TargetFramework></TargetFramework><TargetFrameworks>net8.0;net10.0</TargetFrameworks><SsdlcBuildDate>2026-11-22</SsdlcBuildDate>"));
        ws.Write("app/Program.cs", Projects.CleanCode);

        BuildResult build = ws.Build("app/app.csproj");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.DiagnosticLines, l => l.Contains("error SSDLC2605", StringComparison.Ordinal) && l.Contains("Target framework net8.0 reached end of support on 2026-11-10", StringComparison.Ordinal));
        Assert.Equal(2, build.SummaryLines.Count);
        Assert.Contains(build.SummaryLines, s => s.StartsWith("Ssdlc: app (net8.0): risk class Standard: 0 critical, 1 high", StringComparison.Ordinal) && s.Contains("FAILED", StringComparison.Ordinal));
        Assert.Contains(build.SummaryLines, s => s.StartsWith("Ssdlc: app (net10.0): risk class Standard: 0 critical, 0 high, 0 medium, 0 low - PASSED", StringComparison.Ordinal));
    }

    [Fact]
    public void A_denied_package_reached_through_a_project_reference_is_reported_with_its_path()
    {
        Workspace ws = packages.CreateWorkspace("projref");
        ws.Write("lib/lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Newtonsoft.Json" Version="13.0.4" />
              </ItemGroup>
            </Project>
            """);
        ws.Write("lib/Lib.cs", "namespace Lib; public static class Json { public static string Of(object o) => Newtonsoft.Json.JsonConvert.SerializeObject(o); }");
        ws.Write("app/app.csproj", Projects.Console(
            "<SsdlcRiskClass>High</SsdlcRiskClass>",
            """
            <ProjectReference Include="../lib/lib.csproj" />
            <SsdlcDeniedPackage Include="Newtonsoft.Json" Reason="replaced by System.Text.Json (ARCH-1)" />
            """));
        ws.Write("app/Program.cs", "System.Console.WriteLine(Lib.Json.Of(1));");

        BuildResult build = ws.Build("app/app.csproj");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.DiagnosticLines, l => l.Contains("error SSDLC2602", StringComparison.Ordinal)
            && l.Contains("Package Newtonsoft.Json 13.0.4 (app -> lib 1.0.0 -> Newtonsoft.Json 13.0.4) is on the denied list (replaced by System.Text.Json (ARCH-1))", StringComparison.Ordinal)
            && l.Contains("app.csproj(", StringComparison.Ordinal));
        Assert.Single(build.SummaryLines, s => s.StartsWith("Ssdlc: app", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plain_HTTP_feed_fails_every_risk_class_and_an_unapproved_one_is_named()
    {
        Workspace ws = packages.CreateWorkspace("feeds");
        // NuGet refuses HTTP sources unless allowInsecureConnections is set (which is what teams then do); the source is
        // mapped to ids nobody uses, so restore never contacts it: the check reads what restore configured.
        File.WriteAllText(Path.Combine(ws.Directory, "nuget.config"), File.ReadAllText(Path.Combine(ws.Directory, "nuget.config")).Replace(
            "</packageSources>",
            "  <add key=\"legacy-mirror\" value=\"http://legacy-mirror.example.test/nuget\" allowInsecureConnections=\"true\" />\n  </packageSources>",
            StringComparison.Ordinal).Replace(
            "</packageSourceMapping>",
            "  <packageSource key=\"legacy-mirror\"><package pattern=\"Nobody.Uses.This.*\" /></packageSource>\n  </packageSourceMapping>",
            StringComparison.Ordinal));
        ws.Write("app/app.csproj", Projects.Console(items: "<SsdlcApprovedFeed Include=\"ssdlc-local\" />"
            + string.Concat(packages.MachineSources.Select(name => $"<SsdlcApprovedFeed Include=\"{name}\" />"))));
        ws.Write("app/Program.cs", Projects.CleanCode);

        BuildResult build = ws.Build("app/app.csproj");

        Assert.True(build.SummaryLines.Count == 1, build.ToString());
        Assert.NotEqual(0, build.ExitCode);
        List<string> feedLines = build.DiagnosticLines.Where(l => l.Contains("SSDLC2601", StringComparison.Ordinal)).ToList();
        Assert.Contains(feedLines, l => l.Contains("error SSDLC2601", StringComparison.Ordinal) && l.Contains("[Critical", StringComparison.Ordinal) && l.Contains("'legacy-mirror'", StringComparison.Ordinal) && l.Contains("nuget.config(", StringComparison.Ordinal));
        Assert.Contains(feedLines, l => l.Contains("'legacy-mirror'", StringComparison.Ordinal) && l.Contains("not an approved feed", StringComparison.Ordinal));
        Assert.DoesNotContain(feedLines, l => l.Contains("'ssdlc-local'", StringComparison.Ordinal));
        Assert.Contains("1 critical, 1 high", build.SummaryLine, StringComparison.Ordinal);
    }
}

using System.Diagnostics;
using Ssdlc.EndToEnd.Tests.Infrastructure;
using Ssdlc.Tests;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// SSDLC2604 in real builds: the packed package's tasks (net10.0, NuGet.Protocol 8 inside the .NET SDK's MSBuild next to
/// its own NuGet) read package metadata from a V3 feed the test serves on the loopback interface, in both usage forms.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class PackageMetadataTests(PackedPackages packages)
{
    private const string References = """
        <PackageReference Include="Contoso.Legacy" Version="1.0.0" />
        <PackageReference Include="Contoso.Withdrawn" Version="1.0.0" />
        <PackageReference Include="Contoso.Old" Version="1.0.0" />
        <PackageReference Include="Contoso.Current" Version="3.1.0" />
        <SsdlcAcceptedRisk Include="SSDLC2601" Subject="test-feed" Justification="The test's own feed on the loopback interface; plain HTTP never leaves the machine." Expires="2099-12-31" />
        """;

    [Fact]
    public void Deprecated_unlisted_and_far_behind_packages_are_graded_in_both_forms_and_a_lost_feed_fails_nothing()
    {
        using var feed = new LocalNuGetFeed();
        feed.Add(
            new FeedPackage("Contoso.Legacy", "1.0.0") { DeprecationReasons = ["Legacy"], DeprecationMessage = "Superseded by Contoso.Modern.", AlternateId = "Contoso.Modern", AlternateRange = "[2.0.0, )" },
            new FeedPackage("Contoso.Modern", "2.0.0"),
            new FeedPackage("Contoso.Withdrawn", "1.0.0") { Listed = false },
            new FeedPackage("Contoso.Withdrawn", "1.0.1"),
            new FeedPackage("Contoso.Old", "1.0.0"),
            new FeedPackage("Contoso.Old", "4.0.0"),
            new FeedPackage("Contoso.Current", "3.1.0"));
        Workspace ws = packages.CreateWorkspace("metadata");
        File.WriteAllText(Path.Combine(ws.Directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="ssdlc-local" value="{packages.Feed}" />
                <add key="test-feed" value="{feed.ServiceIndex}" allowInsecureConnections="true" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="ssdlc-local"><package pattern="Ssdlc.*" /></packageSource>
                <packageSource key="test-feed"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        ws.Write("app/app.csproj", Projects.Console("<SsdlcRiskClass>High</SsdlcRiskClass>", References));
        ws.Write("app/Program.cs", Projects.CleanCode);
        ws.Write("sdk/sdk.csproj", Projects.Console("<SsdlcRiskClass>High</SsdlcRiskClass>", References, sdkForm: true, packageReference: false));
        ws.Write("sdk/Program.cs", Projects.CleanCode);
        var online = new Dictionary<string, string?> { ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(ws.Directory, "http-cache"), ["SsdlcPackageMetadata"] = null };

        Stopwatch watch = Stopwatch.StartNew();
        BuildResult app = ws.Build(online, "app/app.csproj");
        TimeSpan firstBuild = watch.Elapsed;

        Assert.NotEqual(0, app.ExitCode);
        List<string> lines = app.DiagnosticLines.Where(l => l.Contains("SSDLC2604", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 3, app.ToString());
        Assert.Contains(lines, l => l.Contains("app.csproj(", StringComparison.Ordinal) && l.Contains("error SSDLC2604: [High", StringComparison.Ordinal)
            && l.Contains("Package Contoso.Legacy 1.0.0 is deprecated on 'test-feed' (legacy: no longer maintained): \"Superseded by Contoso.Modern.\". Its owner recommends Contoso.Modern [2.0.0, ) instead.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("error SSDLC2604: [Medium", StringComparison.Ordinal) && l.Contains("Package Contoso.Withdrawn 1.0.0 is unlisted on 'test-feed'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("warning SSDLC2604: [Low", StringComparison.Ordinal) && l.Contains("Package Contoso.Old 1.0.0 is 3 major versions behind the newest stable version 4.0.0", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Contoso.Current", StringComparison.Ordinal));
        Assert.Contains("risk class High: 0 critical, 1 high, 1 medium, 1 low [1 accepted, 0 suppressed] - FAILED", app.SummaryLine, StringComparison.Ordinal);

        // The SARIF report carries the rule with its metadata and the three results.
        string sarif = Directory.EnumerateFiles(Path.Combine(ws.Directory, "app", "obj"), "app.build-checks.sarif", SearchOption.AllDirectories).Single();
        using (var log = System.Text.Json.JsonDocument.Parse(File.ReadAllText(sarif)))
        {
            System.Text.Json.JsonElement run = log.RootElement.GetProperty("runs")[0];
            System.Text.Json.JsonElement rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "SSDLC2604");
            Assert.EndsWith("docs/rules/SSDLC2604.md", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
            Assert.Equal(3, run.GetProperty("results").EnumerateArray().Count(r => r.GetProperty("ruleId").GetString() == "SSDLC2604"));
        }

        // A no-op build replays the findings without asking the feed again.
        int registrationRequests = feed.RegistrationRequests;
        BuildResult again = ws.Build(online, "app/app.csproj");
        Assert.Equal(app.DiagnosticLines.Where(l => l.Contains("SSDLC2604", StringComparison.Ordinal)), again.DiagnosticLines.Where(l => l.Contains("SSDLC2604", StringComparison.Ordinal)));
        Assert.Equal(registrationRequests, feed.RegistrationRequests);

        // The additive SDK form loads the same tasks and finds the same.
        BuildResult sdk = ws.Build(online, "sdk/sdk.csproj");
        Assert.Equal(
            lines.Select(l => l[l.IndexOf("SSDLC2604", StringComparison.Ordinal)..]).Order(),
            sdk.DiagnosticLines.Where(l => l.Contains("SSDLC2604", StringComparison.Ordinal)).Select(l => l[l.IndexOf("SSDLC2604", StringComparison.Ordinal)..]).Order());

        // The feed goes away and NuGet's HTTP cache is cold: the check says so once, at Low, and the build passes.
        feed.Stop();
        File.Delete(Directory.EnumerateFiles(Path.Combine(ws.Directory, "app", "obj"), "package-metadata.cache.json", SearchOption.AllDirectories).Single());
        var offline = new Dictionary<string, string?> { ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(ws.Directory, "http-cache-cold"), ["SsdlcPackageMetadata"] = null };
        watch.Restart();
        BuildResult lost = ws.Build(offline, "app/app.csproj", "--no-restore", "-p:SsdlcPackageMetadataTimeout=3");
        TimeSpan offlineBuild = watch.Elapsed;

        Assert.True(lost.ExitCode == 0, lost.ToString());
        string said = Assert.Single(lost.DiagnosticLines, l => l.Contains("SSDLC2604", StringComparison.Ordinal));
        Assert.Contains("warning SSDLC2604: [Low", said, StringComparison.Ordinal);
        Assert.Contains("Package metadata could not be read for 4 of 5 packages (source 'test-feed'", said, StringComparison.Ordinal);
        Assert.Contains("- PASSED", lost.SummaryLine, StringComparison.Ordinal);
        Console.WriteLine($"SSDLC2604 end-to-end: first build {firstBuild.TotalSeconds:0.0} s, offline build {offlineBuild.TotalSeconds:0.0} s");
    }
}

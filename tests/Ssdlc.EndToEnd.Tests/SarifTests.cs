using System.Text.Json;
using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>With ErrorLog set, one SARIF 2.1.0 log holds the analyzer and the build-check results.</summary>
[Collection(PackedPackagesCollection.Name)]
public class SarifTests(PackedPackages packages)
{
    [Fact]
    public void ErrorLog_holds_analyzer_and_build_check_results_with_help_links_and_controls()
    {
        Workspace ws = packages.CreateWorkspace("sarif");
        string log = Path.Combine(ws.Directory, "report.sarif");
        // Set as a project property without a version: Ssdlc asks the compiler for SARIF 2.1.0.
        ws.Write("app/app.csproj", Projects.Console($"<ErrorLog>{log}</ErrorLog>", """<PackageReference Include="Newtonsoft.Json" Version="13.0.*" />"""));
        ws.Write("app/Program.cs", Projects.WeakHashCode);

        BuildResult build = ws.Build("app/app.csproj");
        BuildResult again = ws.Build("app/app.csproj");

        Assert.True(build.SummaryLine.Contains("Report: " + log, StringComparison.Ordinal), build.ToString());
        Assert.Contains("Report: " + log, again.SummaryLine, StringComparison.Ordinal);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(log));
        JsonElement root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        JsonElement[] runs = root.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(2, runs.Length); // the compiler's run and exactly one build-check run, also after a second build

        var results = runs.SelectMany(r => r.GetProperty("results").EnumerateArray()).ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "SSDLC1001" && r.GetProperty("level").GetString() == "error");
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "SSDLC2606" && r.GetProperty("level").GetString() == "warning");

        var rules = runs.SelectMany(r => r.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out JsonElement x) ? x.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(r => r.GetProperty("id").GetString()!.StartsWith("SSDLC", StringComparison.Ordinal))
            .ToList();
        foreach (string id in new[] { "SSDLC1001", "SSDLC2606" })
        {
            JsonElement rule = rules.First(r => r.GetProperty("id").GetString() == id);
            string helpUri = rule.GetProperty("helpUri").GetString()!;
            Assert.EndsWith($"docs/rules/{id}.md", helpUri, StringComparison.Ordinal);
            Assert.True(File.Exists(new Uri(helpUri).LocalPath), $"{helpUri} does not lead to a page.");
            string tags = rule.GetProperty("properties").GetProperty("tags").ToString();
            Assert.Contains("control:", tags, StringComparison.Ordinal);
        }

        JsonElement buildRun = runs.Single(r => r.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString() == "Ssdlc.Build");
        JsonElement location = buildRun.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("app/app.csproj", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() > 0);
    }
}


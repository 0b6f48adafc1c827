using System.IO.Compression;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Ssdlc.Detection.Rules;
using Ssdlc.EndToEnd.Tests.Infrastructure;
using Ssdlc.Tests;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// Help links lead somewhere: both packages ship every rule page, and the links a build reports (the compiler's
/// analyzer rules and the build-check rules in SARIF) name pages that exist in the package the project restored.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class HelpLinkTests(PackedPackages packages)
{
    [Theory]
    [InlineData("Ssdlc.Sdk")]
    [InlineData("Ssdlc.Analyzers")]
    public void The_package_ships_the_current_page_of_every_rule_and_their_index(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{package}.{PackedPackages.Version}.nupkg"));
        Dictionary<string, string> shipped = zip.Entries
            .Where(e => e.FullName.StartsWith("docs/rules/", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName, Read, StringComparer.Ordinal);

        string docs = RulePages.PagesDirectory(RepoPaths.Root);
        var expected = RuleCatalog.All.Select(r => r.Id + ".md").Append("README.md").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, shipped.Keys.Select(k => k["docs/rules/".Length..]).Order(StringComparer.Ordinal));
        foreach (string name in expected)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(docs, name)).ReplaceLineEndings("\n"), shipped["docs/rules/" + name].ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void The_help_links_of_a_build_lead_to_the_pages_in_the_restored_package()
    {
        Workspace ws = packages.CreateWorkspace("helplinks");
        string sdkLog = Path.Combine(ws.Directory, "sdk.sarif");
        string analyzersLog = Path.Combine(ws.Directory, "analyzers.sarif");
        ws.Write("sdk/sdk.csproj", Projects.Console($"<ErrorLog>{sdkLog}</ErrorLog>", """<PackageReference Include="Newtonsoft.Json" Version="13.0.*" />"""));
        ws.Write("sdk/Program.cs", Projects.WeakHashCode);
        ws.Write("analyzers/analyzers.csproj", Projects.Console(
            $"<ErrorLog>{analyzersLog},version=2.1</ErrorLog>",
            $"""<PackageReference Include="Ssdlc.Analyzers" Version="{PackedPackages.Version}" PrivateAssets="all" />""",
            packageReference: false));
        ws.Write("analyzers/Program.cs", Projects.WeakHashCode);

        // The compiler in its own process, with this run's packages folder in its environment: a compiler server started
        // earlier by another build would look for the pages in the packages folder of that build's environment.
        var environment = new Dictionary<string, string?> { ["UseSharedCompilation"] = "false" };
        BuildResult sdk = ws.Build(environment, "sdk/sdk.csproj");
        BuildResult analyzers = ws.Build(environment, "analyzers/analyzers.csproj");
        Assert.Contains("SSDLC1001", sdk.Ids);
        Assert.Contains("SSDLC2606", sdk.Ids);
        Assert.True(analyzers.Ids.SetEquals(["SSDLC1001"]), analyzers.ToString());

        // Ssdlc.Sdk: the compiler's run (analyzer rules) and the build-check run, each rule with a link to the page in
        // the restored Ssdlc.Sdk and the page's text.
        string sdkPages = PagesIn("ssdlc.sdk");
        Dictionary<string, JsonElement> sdkRules = SsdlcRules(sdkLog);
        Assert.Contains("SSDLC1001", sdkRules.Keys);
        Assert.Contains("SSDLC2606", sdkRules.Keys);
        foreach ((string id, JsonElement rule) in sdkRules)
        {
            string page = AssertLinksExistingPage(rule, id, sdkPages);
            Assert.Equal(File.ReadAllText(page), rule.GetProperty("help").GetProperty("markdown").GetString());
        }

        // Ssdlc.Analyzers alone: the analyzers link the page in the restored Ssdlc.Analyzers.
        string analyzerPages = PagesIn("ssdlc.analyzers");
        Dictionary<string, JsonElement> analyzerRules = SsdlcRules(analyzersLog);
        Assert.Contains("SSDLC1001", analyzerRules.Keys);
        foreach ((string id, JsonElement rule) in analyzerRules)
        {
            AssertLinksExistingPage(rule, id, analyzerPages);
        }
    }

    private string PagesIn(string packageFolder)
    {
        string pages = Path.Combine(packages.PackagesFolder, packageFolder, PackedPackages.Version, "docs", "rules");
        Assert.True(File.Exists(Path.Combine(pages, "README.md")), $"{pages} holds no index.");
        return pages;
    }

    private static string AssertLinksExistingPage(JsonElement rule, string id, string pages)
    {
        string link = rule.GetProperty("helpUri").GetString()!;
        var uri = new Uri(link);
        Assert.True(uri.IsFile, link);
        Assert.Equal(Path.Combine(pages, id + ".md"), uri.LocalPath);
        Assert.True(File.Exists(uri.LocalPath), $"{link} does not exist.");
        Assert.StartsWith($"# {id}: {RuleCatalog.Get(id).Title}\n", File.ReadAllText(uri.LocalPath).ReplaceLineEndings("\n"), StringComparison.Ordinal);
        return uri.LocalPath;
    }

    /// <summary>Every Ssdlc rule of every run in the log (a rule described in two runs must agree on its link).</summary>
    private static Dictionary<string, JsonElement> SsdlcRules(string log)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(log));
        var rules = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonElement run in doc.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out JsonElement list))
            {
                continue;
            }

            foreach (JsonElement rule in list.EnumerateArray().Where(r => r.GetProperty("id").GetString()!.StartsWith("SSDLC", StringComparison.Ordinal)))
            {
                rules[rule.GetProperty("id").GetString()!] = rule.Clone();
            }
        }

        return rules;
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}

/// <summary>
/// The pack-time property SsdlcHelpLinkBase: Ssdlc.Detection built with it carries the base address, which the rule
/// catalog reads back; a malformed value fails the build (and with it the pack) with a message that says what to give.
/// </summary>
public class HelpLinkBasePropertyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void Ssdlc_Detection_built_with_a_base_address_links_the_rule_pages_there()
    {
        string output = BuildDetection("https://docs.example.org/ssdlc/rules/", out ProcessResult build);
        Assert.True(build.ExitCode == 0, build.ToString());

        var context = new AssemblyLoadContext("help-link-base", isCollectible: true);
        try
        {
            Assembly detection = context.LoadFromAssemblyPath(Path.Combine(output, "bin", "Ssdlc.Detection.dll"));
            Type catalog = detection.GetType("Ssdlc.Detection.Rules.RuleCatalog", throwOnError: true)!;
            Assert.Equal("https://docs.example.org/ssdlc/rules/", catalog.GetField("HelpLinkBase")!.GetValue(null));
            object rule = catalog.GetMethod("Get")!.Invoke(null, ["SSDLC1001"])!;
            Assert.Equal("https://docs.example.org/ssdlc/rules/SSDLC1001.md", rule.GetType().GetProperty("PublicHelpLink")!.GetValue(rule));
        }
        finally
        {
            context.Unload();
            TryDelete(output);
        }
    }

    [Theory]
    [InlineData("docs.example.org/ssdlc/rules/")]
    [InlineData("https://docs.example.org/ssdlc/rules")]
    [InlineData("https://docs.example.org/ssdlc/rules/?v=1")]
    public void A_malformed_base_address_fails_the_build_with_what_to_give(string value)
    {
        string output = BuildDetection(value, out ProcessResult build);
        try
        {
            Assert.NotEqual(0, build.ExitCode);
            Assert.Contains($"SsdlcHelpLinkBase '{value}' is not a base address for the rule pages: give an absolute http or https address that ends in '/'", build.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "bin", "Ssdlc.Detection.dll")));
        }
        finally
        {
            TryDelete(output);
        }
    }

    /// <summary>Builds Ssdlc.Detection into a directory of its own (the repository's obj/ and bin/ stay as they are).</summary>
    private static string BuildDetection(string helpLinkBase, out ProcessResult build)
    {
        string output = Directory.CreateTempSubdirectory("ssdlc-helplinkbase-").FullName;
        build = ProcessRunner.Run(
            RepoPaths.Root,
            "dotnet",
            [
                "build", Path.Combine(RepoPaths.Root, "src", "Ssdlc.Detection", "Ssdlc.Detection.csproj"), "-c", "Release", "--no-restore", "-nologo",
                "-p:SsdlcHelpLinkBase=" + helpLinkBase,
                "-p:OutputPath=" + Path.Combine(output, "bin") + Path.DirectorySeparatorChar,
                "-p:IntermediateOutputPath=" + Path.Combine(output, "obj") + Path.DirectorySeparatorChar,
            ],
            new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "1", ["SsdlcHelpLinkBase"] = null },
            Timeout);
        return output;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Reflection;
using System.Reflection.Emit;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ssdlc.Build.Tasks.Sarif;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using Ssdlc.Tests;

namespace Ssdlc.Build.Tasks.Tests.Sarif;

/// <summary>
/// Help links and help text in SARIF: the page at the configured public address, else the page shipped in the package,
/// else no link (never a dead one); the page text is embedded either way. The pack-time address is validated.
/// </summary>
public sealed class RuleHelpTests : IDisposable
{
    private const string Base = "https://docs.example.org/ssdlc/rules/";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("https://docs.example.org/ssdlc/rules/")]
    [InlineData("http://example.org/")]
    [InlineData("https://example.org:8443/a/b-c/v1.2/")]
    public void A_base_address_is_an_absolute_http_address_ending_in_a_slash(string value)
        => Assert.True(RulePages.IsValidHelpLinkBase(value));

    [Theory]
    [InlineData("")]
    [InlineData("https://example.org/rules")]
    [InlineData("example.org/rules/")]
    [InlineData("/rules/")]
    [InlineData("ftp://example.org/rules/")]
    [InlineData("file:///tmp/rules/")]
    [InlineData("https://example.org/rules?page=1/")]
    [InlineData("https://example.org/rules#top/")]
    [InlineData("https://example.org/my rules/")]
    [InlineData("https:///rules/")]
    [InlineData("https://example.org//")]
    public void A_malformed_base_address_is_refused(string value)
        => Assert.False(RulePages.IsValidHelpLinkBase(value));

    [Fact]
    public void The_pack_checks_the_base_address_with_the_same_pattern()
    {
        string project = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Ssdlc.Detection", "Ssdlc.Detection.csproj"));
        Match check = Regex.Match(project, @"IsMatch\('\$\(SsdlcHelpLinkBase\)', '([^']+)'\)");
        Assert.True(check.Success, "Ssdlc.Detection.csproj no longer checks SsdlcHelpLinkBase.");
        Assert.Equal(RulePages.HelpLinkBasePattern, check.Groups[1].Value);
    }

    [Fact]
    public void The_base_address_is_read_from_the_assembly_metadata_and_only_when_well_formed()
    {
        Assert.Equal(Base, RulePages.ReadHelpLinkBase(AssemblyWith(("SsdlcHelpLinkBase", Base))));
        Assert.Null(RulePages.ReadHelpLinkBase(AssemblyWith(("SsdlcHelpLinkBase", "https://example.org/no-slash"))));
        Assert.Null(RulePages.ReadHelpLinkBase(AssemblyWith(("SomethingElse", Base))));
        Assert.Null(RulePages.ReadHelpLinkBase(AssemblyWith()));
    }

    [Fact]
    public void The_shipped_page_is_linked_as_a_file_and_its_text_embedded()
    {
        string page = _dir.Write("pkg/docs/rules/SSDLC2606.md", "# SSDLC2606: Floating or unpinned dependency version\r\n\r\nText.\r\n");
        var help = new RuleHelp(Path.GetDirectoryName(page), publicBase: null);

        string link = help.Link("SSDLC2606")!;
        Assert.StartsWith("file:///", link, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(page), new Uri(link).LocalPath);
        Assert.Equal("# SSDLC2606: Floating or unpinned dependency version\n\nText.\n", help.Text("SSDLC2606"));

        // A rule whose page the package does not hold gets neither.
        Assert.Null(help.Link("SSDLC2601"));
        Assert.Null(help.Text("SSDLC2601"));
    }

    [Fact]
    public void A_configured_base_address_wins_and_the_shipped_text_is_still_embedded()
    {
        string page = _dir.Write("pkg/docs/rules/SSDLC2606.md", "# SSDLC2606: x\n");
        var help = new RuleHelp(Path.GetDirectoryName(page), Base);

        Assert.Equal(Base + "SSDLC2606.md", help.Link("SSDLC2606"));
        Assert.Equal("# SSDLC2606: x\n", help.Text("SSDLC2606"));
    }

    [Fact]
    public void Without_shipped_pages_a_rule_has_no_link_rather_than_a_dead_one()
    {
        var help = new RuleHelp(pagesDirectory: null, publicBase: null);
        JsonObject rule = RuleOf(SarifLogWriter.CreateRun([Finding()], "0.1.0", new HashSet<string>(), help));

        Assert.Equal("SSDLC2606", (string?)rule["id"]);
        Assert.Null(rule["helpUri"]);
        Assert.Null(rule["help"]);
        Assert.NotNull(rule["shortDescription"]);
    }

    [Fact]
    public void The_build_check_run_links_the_shipped_page_and_embeds_it_deterministically()
    {
        string page = _dir.Write("pkg/docs/rules/SSDLC2606.md", "# SSDLC2606: Floating or unpinned dependency version\n\n## Why\n");
        var help = new RuleHelp(Path.GetDirectoryName(page), publicBase: null);

        JsonObject run = SarifLogWriter.CreateRun([Finding()], "0.1.0", new HashSet<string>(), help);
        JsonObject rule = RuleOf(run);

        Assert.Equal(Path.GetFullPath(page), new Uri((string)rule["helpUri"]!).LocalPath);
        Assert.Equal(File.ReadAllText(page), (string?)rule["help"]!["text"]);
        Assert.Equal(File.ReadAllText(page), (string?)rule["help"]!["markdown"]);
        Assert.Equal(run.ToJsonString(), SarifLogWriter.CreateRun([Finding()], "0.1.0", new HashSet<string>(), help).ToJsonString());
    }

    [Fact]
    public void Merging_gives_the_compilers_Ssdlc_rules_the_page_text_and_a_link_where_they_have_none()
    {
        string pages = Path.GetDirectoryName(_dir.Write("pkg/docs/rules/SSDLC1001.md", "# SSDLC1001: Broken or weak hash algorithm\n"))!;
        _dir.Write("pkg/docs/rules/SSDLC0401.md", "# SSDLC0401: SQL command text is not constant\n");
        _dir.Write("pkg/docs/rules/SSDLC2606.md", "# SSDLC2606: Floating or unpinned dependency version\n");
        var help = new RuleHelp(pages, publicBase: null);
        string log = _dir.Write("user.sarif", """
            { "version": "2.1.0", "runs": [ { "tool": { "driver": { "name": "csc", "rules": [
              { "id": "SSDLC1001", "shortDescription": { "text": "Broken or weak hash algorithm" } },
              { "id": "SSDLC0401", "helpUri": "https://docs.example.org/ssdlc/rules/SSDLC0401.md" },
              { "id": "CS0168", "helpUri": "https://docs.example.org/cs0168" } ] } }, "results": [] } ] }
            """);

        Assert.True(SarifLogWriter.MergeInto(log, SarifLogWriter.CreateRun([Finding()], "0.1.0", new HashSet<string>(), help), help));

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(log));
        JsonElement[] rules = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(RulePages.FileLink(Path.Combine(pages, "SSDLC1001.md")), rules[0].GetProperty("helpUri").GetString());
        Assert.Equal("# SSDLC1001: Broken or weak hash algorithm\n", rules[0].GetProperty("help").GetProperty("markdown").GetString());
        Assert.Equal("https://docs.example.org/ssdlc/rules/SSDLC0401.md", rules[1].GetProperty("helpUri").GetString()); // the analyzer's own link stays
        Assert.Equal("# SSDLC0401: SQL command text is not constant\n", rules[1].GetProperty("help").GetProperty("text").GetString());
        Assert.False(rules[2].TryGetProperty("help", out _)); // not ours
        Assert.Equal("https://docs.example.org/cs0168", rules[2].GetProperty("helpUri").GetString());
    }

    private static Finding Finding()
        => new(RuleIds.UnpinnedDependency, Criticality.Medium, "PackageReference 'Pkg' declares a floating version.", "/src/app.csproj", 3, 5, "Pkg");

    private static JsonObject RuleOf(JsonObject run) => run["tool"]!["driver"]!["rules"]![0]!.AsObject();

    private static Assembly AssemblyWith(params (string Key, string Value)[] metadata)
    {
        ConstructorInfo constructor = typeof(AssemblyMetadataAttribute).GetConstructor([typeof(string), typeof(string)])!;
        return AssemblyBuilder.DefineDynamicAssembly(
            new AssemblyName("HelpLinkBase" + Guid.NewGuid().ToString("N")),
            AssemblyBuilderAccess.Run,
            metadata.Select(m => new CustomAttributeBuilder(constructor, [m.Key, m.Value])));
    }
}

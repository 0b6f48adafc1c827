using Ssdlc.Detection.Rules;

using Ssdlc.Tests;

namespace Ssdlc.Build.Tasks.Tests.Catalog;

public class GeneratedArtifactsTests
{
    private static bool Update => Environment.GetEnvironmentVariable("SSDLC_UPDATE_GENERATED") == "1";

    public static TheoryData<string> Presets => new(GeneratedArtifacts.Presets);

    [Theory]
    [MemberData(nameof(Presets))]
    public void Severity_preset_matches_the_catalog(string preset)
    {
        string path = GeneratedArtifacts.PresetPath(preset);
        string expected = GeneratedArtifacts.Preset(preset);
        if (Update)
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with SSDLC_UPDATE_GENERATED=1.");
        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Presets_grade_each_analyzer_rule_by_the_gate_table()
    {
        // Independent of the generator: read the shipped files back and check every rule against the catalog table.
        foreach (RuleInfo rule in RuleCatalog.All.Where(r => r.Kind == RuleKind.Analyzer))
        {
            Assert.Equal(rule.Criticality >= Criticality.High ? "error" : "warning", SeverityIn("Standard", rule.Id));
            Assert.Equal(rule.Criticality >= Criticality.Medium ? "error" : "warning", SeverityIn("High", rule.Id));
            Assert.Equal("warning", SeverityIn("DryRun", rule.Id));
        }
    }

    [Fact]
    public void The_test_project_preset_turns_every_rule_but_secrets_into_a_warning()
    {
        string[] lines = File.ReadAllLines(GeneratedArtifacts.PresetPath("TestProject"));
        Assert.Contains("global_level = -90", lines);
        Assert.Equal("warning", SeverityIn("TestProject", RuleIds.InsecureDeserializer));
        Assert.Equal("warning", SeverityIn("TestProject", RuleIds.SqlInjection));
        Assert.DoesNotContain(lines, l => l.StartsWith($"dotnet_diagnostic.{RuleIds.HardcodedSecret}.", StringComparison.Ordinal));
        Assert.All(
            RuleCatalog.All.Where(r => r.Kind == RuleKind.Analyzer && r.Id != RuleIds.HardcodedSecret),
            r => Assert.Equal("warning", SeverityIn("TestProject", r.Id)));
    }

    [Fact]
    public void Readme_rule_table_matches_the_catalog()
    {
        string path = Path.Combine(RepoPaths.Root, "README.md");
        string readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        string expected = GeneratedArtifacts.WithReadmeTable(readme);
        if (Update)
        {
            File.WriteAllText(path, expected);
            readme = expected;
        }

        Assert.Equal(expected, readme);
        foreach (RuleInfo rule in RuleCatalog.All)
        {
            Assert.Contains($"[{rule.Id}](docs/rules/{rule.Id}.md)", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rule_pages_index_matches_the_catalog()
    {
        string path = GeneratedArtifacts.RulesIndexPath;
        string expected = GeneratedArtifacts.RulesIndex();
        if (Update)
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with SSDLC_UPDATE_GENERATED=1.");
        string index = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, index);
        foreach (RuleInfo rule in RuleCatalog.All)
        {
            Assert.Contains($"[{rule.Id}]({rule.Id}.md)", index, StringComparison.Ordinal);
        }
    }

    private static string SeverityIn(string preset, string id)
    {
        string line = File.ReadAllLines(GeneratedArtifacts.PresetPath(preset))
            .Single(l => l.StartsWith($"dotnet_diagnostic.{id}.severity", StringComparison.Ordinal));
        return line.Split('=')[1].Trim();
    }
}

using Ssdlc.Detection.Rules;

using Ssdlc.Tests;

namespace Ssdlc.Build.Tasks.Tests.Catalog;

/// <summary>The docs are part of the product: every rule has a page whose header agrees with the catalog.</summary>
public class RuleDocsTests
{
    public static TheoryData<string> RuleIdsInCatalog => new(RuleCatalog.All.Select(r => r.Id));

    [Theory]
    [MemberData(nameof(RuleIdsInCatalog))]
    public void Rule_has_a_page_that_agrees_with_the_catalog(string id)
    {
        RuleInfo rule = RuleCatalog.Get(id);
        // The path the help links are built from (RulePages), in the folder both packages ship.
        string path = RulePages.PagePath(RulePages.PagesDirectory(RepoPaths.Root), id);
        Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing.");
        string[] lines = File.ReadAllLines(path);
        Assert.Equal($"# {id}: {rule.Title}", lines[0]);
        string text = string.Join("\n", lines);
        Assert.Contains($"Criticality: {rule.Criticality}", text, StringComparison.Ordinal);
        Assert.Contains($"Control: {rule.Control}", text, StringComparison.Ordinal);
        if (rule.Cwe.Length > 0)
        {
            Assert.Contains($"CWE: {rule.Cwe}", text, StringComparison.Ordinal);
        }

        foreach (string section in new[] { "## What it finds", "## Why", "## Suppressing" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_page_belongs_to_a_rule()
    {
        var ids = RuleCatalog.All.Select(r => r.Id).ToHashSet();
        foreach (string page in Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs", "rules"), "*.md").Where(p => Path.GetFileName(p) != "README.md"))
        {
            Assert.Contains(Path.GetFileNameWithoutExtension(page), ids);
        }
    }

    [Fact]
    public void Rule_ids_follow_the_scheme_and_are_unique()
    {
        Assert.Equal(RuleCatalog.All.Count, RuleCatalog.All.Select(r => r.Id).Distinct().Count());
        foreach (RuleInfo rule in RuleCatalog.All)
        {
            Assert.Matches(@"^SSDLC\d{4}$", rule.Id);
            Assert.False(string.IsNullOrWhiteSpace(rule.Title));
            Assert.False(string.IsNullOrWhiteSpace(rule.Control));
            if (rule.Kind == RuleKind.Analyzer)
            {
                Assert.True(string.CompareOrdinal(rule.Id, "SSDLC2000") < 0, $"{rule.Id}: analyzer IDs are below SSDLC2000.");
            }
        }
    }
}

using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Injection;
using Ssdlc.Detection.Rules;
using Ssdlc.Analyzers.Tests.Verification;
using Ssdlc.Tests;

namespace Ssdlc.Analyzers.Tests;

/// <summary>Every descriptor an analyzer ships comes from the rule catalog, with its help link, tags and documentation page.</summary>
public class DescriptorTests
{
    private static readonly DiagnosticAnalyzer[] Analyzers = [.. ProductAnalyzers.All];

    public static TheoryData<string> Descriptors => new(Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct());

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_matches_the_catalog_and_has_its_page(string id)
    {
        DiagnosticDescriptor descriptor = Analyzers.SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);
        Assert.True(RuleCatalog.TryGet(id, out RuleInfo? rule), $"{id} is not in the rule catalog.");
        Assert.Equal(RuleKind.Analyzer, rule!.Kind);
        Assert.Equal(rule.Title, descriptor.Title.ToString());
        Assert.Equal(RuleCatalog.Category, descriptor.Category);
        AssertHelpLinkResolves(rule, descriptor.HelpLinkUri);
        Assert.Contains("control:" + rule.Control, descriptor.CustomTags);
        Assert.Contains("criticality:" + rule.Criticality, descriptor.CustomTags);
        Assert.Equal(rule.Criticality >= Criticality.High ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        string page = Path.Combine(RepoRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing.");
        Assert.StartsWith($"# {id}: {rule.Title}", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_analyzer_rule_in_the_catalog_has_an_analyzer()
    {
        var shipped = Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        Assert.All(RuleCatalog.All.Where(r => r.Kind == RuleKind.Analyzer), r => Assert.Contains(r.Id, shipped));
    }

    [Fact]
    public void Release_tracking_lists_every_analyzer_rule()
    {
        string root = RepoRoot();
        string releases = File.ReadAllText(Path.Combine(root, "src", "Ssdlc.Analyzers", "AnalyzerReleases.Shipped.md"))
            + File.ReadAllText(Path.Combine(root, "src", "Ssdlc.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor d in Analyzers.SelectMany(a => a.SupportedDiagnostics))
        {
            Assert.Contains($"{d.Id} | {d.Category} | {d.DefaultSeverity} |", releases, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_README_lists_exactly_the_rules_that_have_a_code_fix()
    {
        var fixedRules = typeof(Ssdlc.CodeFixes.SsdlcCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t))
            .SelectMany(t => ((Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .ToHashSet(StringComparer.Ordinal);
        string readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        string section = readme.Substring(readme.IndexOf("## Code fixes", StringComparison.Ordinal));
        section = section.Substring(0, section.IndexOf("\n## ", 3, StringComparison.Ordinal));
        var listed = System.Text.RegularExpressions.Regex.Matches(section, @"^\| (SSDLC\d{4}) \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(fixedRules.Count >= 16, "the code-fix providers should be found");
        Assert.Equal(fixedRules.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The link is the page at the packed-in public address, or an existing page of this rule on this machine, or none;
    /// never one that leads nowhere. (The test's analyzer assembly is not in a package, so it is usually none: HelpLinksTests
    /// cover the package layouts, the end-to-end HelpLinkTests the packed packages.)
    /// </summary>
    private static void AssertHelpLinkResolves(RuleInfo rule, string link)
    {
        Assert.Equal(HelpLinks.For(rule), link);
        if (rule.PublicHelpLink != null)
        {
            Assert.Equal(RuleCatalog.HelpLinkBase + rule.Id + ".md", link);
        }
        else if (link.Length > 0)
        {
            var uri = new Uri(link);
            Assert.True(uri.IsFile, link);
            Assert.True(File.Exists(uri.LocalPath), $"{link} does not exist.");
            Assert.StartsWith($"# {rule.Id}: {rule.Title}", File.ReadAllText(uri.LocalPath), StringComparison.Ordinal);
        }
    }

    private static string RepoRoot() => RepoPaths.Root;
}

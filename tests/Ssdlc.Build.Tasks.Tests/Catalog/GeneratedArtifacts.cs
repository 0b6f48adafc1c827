using System.Text;
using Ssdlc.Detection.Rules;

using Ssdlc.Tests;

namespace Ssdlc.Build.Tasks.Tests.Catalog;

/// <summary>
/// Files derived from the rule catalog: the per-risk-class severity presets shipped in Ssdlc.Sdk and the README
/// rule table. <see cref="GeneratedArtifactsTests"/> fails when a committed copy drifts; run the tests with
/// SSDLC_UPDATE_GENERATED=1 to rewrite them.
/// </summary>
internal static class GeneratedArtifacts
{
    public static readonly string[] Presets = ["Standard", "High", "DryRun", "TestProject"];

    public static string PresetPath(string preset) => Path.Combine(RepoPaths.Root, "src", "Ssdlc.Sdk", "build", "config", $"ssdlc.{preset}.globalconfig");

    public static string Preset(string preset)
    {
        var text = new StringBuilder();
        text.Append("# Generated from the Ssdlc rule catalog (src/Ssdlc.Detection/Rules/RuleCatalog.cs); do not edit.\n");
        if (preset == "TestProject")
        {
            return TestProjectPreset(text);
        }

        text.Append(preset switch
        {
            "DryRun" => "# Dry run (SsdlcEnforce=false): every finding is reported as a warning, none fails the build.\n",
            "Standard" => "# Risk class Standard: High and Critical findings fail the build.\n",
            _ => "# Risk classes High and VeryHigh: Medium, High and Critical findings fail the build.\n",
        });
        text.Append("# A lower global_level than any user config, so that .globalconfig and .editorconfig settings win.\n");
        text.Append("is_global = true\n");
        text.Append("global_level = -100\n\n");
        foreach (RuleInfo rule in RuleCatalog.All.Where(r => r.Kind == RuleKind.Analyzer).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            string severity = preset switch
            {
                "DryRun" => "warning",
                "Standard" => RiskClasses.Fails(rule.Criticality, RiskClass.Standard) ? "error" : "warning",
                _ => RiskClasses.Fails(rule.Criticality, RiskClass.High) ? "error" : "warning",
            };
            text.Append($"# {rule.Id}: {rule.Title} ({rule.Criticality}, {rule.Control})\n");
            text.Append($"dotnet_diagnostic.{rule.Id}.severity = {severity}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Added on top of the risk-class preset in test projects: every rule that does not gate test projects is a warning;
    /// the others keep the risk class's severity (they are not listed). A higher global_level than the risk-class preset,
    /// still lower than any user config.
    /// </summary>
    private static string TestProjectPreset(StringBuilder text)
    {
        text.Append("# Test projects (IsTestProject), unless SsdlcGateTestProjects=true: findings are reported as warnings, except the\n");
        text.Append("# rules that gate test projects too (secrets), which keep the severity of the risk class.\n");
        text.Append("# Above the risk-class preset (-100), below any user config, so that .globalconfig and .editorconfig settings win.\n");
        text.Append("is_global = true\n");
        text.Append("global_level = -90\n\n");
        foreach (RuleInfo rule in RuleCatalog.All.Where(r => r.Kind == RuleKind.Analyzer && !RuleCatalog.GatesTestProjects(r.Id)).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            text.Append($"# {rule.Id}: {rule.Title} ({rule.Criticality}, {rule.Control})\n");
            text.Append($"dotnet_diagnostic.{rule.Id}.severity = warning\n");
        }

        return text.ToString();
    }

    /// <summary>The index of the rule pages, shipped with them in both packages (docs/rules/README.md).</summary>
    public static string RulesIndexPath => Path.Combine(RepoPaths.Root, "docs", "rules", "README.md");

    public static string RulesIndex()
    {
        var text = new StringBuilder();
        text.Append("# Ssdlc rules\n\n");
        text.Append("<!-- Generated from the rule catalog (src/Ssdlc.Detection/Rules/RuleCatalog.cs); do not edit. -->\n\n");
        text.Append("One page per rule: what it finds, why, how to fix it and how to suppress it with a reason. The criticality decides\n");
        text.Append("whether a finding fails the build at a risk class (Standard: High and Critical; High and VeryHigh: Medium and above).\n\n");
        text.Append("| ID | Title | Criticality | Control | Kind |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (RuleInfo rule in RuleCatalog.All.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            string kind = rule.Kind == RuleKind.Analyzer ? "analyzer" : "build check";
            text.Append($"| [{rule.Id}]({rule.Id}.md) | {rule.Title} | {rule.Criticality} | {rule.Control} | {kind} |\n");
        }

        return text.ToString();
    }

    public const string TableStart = "<!-- rules:start (generated from the rule catalog; do not edit) -->";
    public const string TableEnd = "<!-- rules:end -->";

    public static string ReadmeTable()
    {
        var text = new StringBuilder();
        text.Append(TableStart).Append('\n');
        text.Append("| ID | Title | Control | Criticality | Kind | Standard | High / VeryHigh |\n");
        text.Append("|---|---|---|---|---|---|---|\n");
        foreach (RuleInfo rule in RuleCatalog.All.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            string kind = rule.Kind == RuleKind.Analyzer ? "analyzer" : "build check";
            string standard = RiskClasses.Fails(rule.Criticality, RiskClass.Standard) ? "error" : "warning";
            string high = RiskClasses.Fails(rule.Criticality, RiskClass.High) ? "error" : "warning";
            text.Append($"| [{rule.Id}](docs/rules/{rule.Id}.md) | {rule.Title} | {rule.Control} | {rule.Criticality} | {kind} | {standard} | {high} |\n");
        }

        text.Append(TableEnd);
        return text.ToString();
    }

    public static string WithReadmeTable(string readme)
    {
        int start = readme.IndexOf(TableStart, StringComparison.Ordinal);
        int end = readme.IndexOf(TableEnd, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException("README.md has no rule table markers.");
        }

        return readme[..start] + ReadmeTable() + readme[(end + TableEnd.Length)..];
    }
}

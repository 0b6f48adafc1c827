using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Ssdlc.Analyzers.Tests.Verification;
using Ssdlc.Detection.Rules;
using Ssdlc.Tests;

namespace Ssdlc.Analyzers.Tests;

/// <summary>
/// The severity presets Ssdlc.Sdk passes to the compiler (<c>src/Ssdlc.Sdk/build/config</c>), applied as global analyzer
/// config files the way a build applies them: every rule the analyzers ship gets the severity the rule catalog gives its
/// criticality in that risk class. Each descriptor of every analyzer is reported once (<see cref="EveryDescriptorAnalyzer"/>),
/// so the compiler, not the test, decides the effective severity.
/// </summary>
public class PresetSeverityTests
{
    [Fact]
    public Task Standard_fails_the_build_on_High_and_Critical()
        => VerifyPresetsAsync(["Standard"], rule => Catalog(rule, RiskClass.Standard));

    [Theory]
    [InlineData("High")]
    [InlineData("VeryHigh")]
    public Task High_and_VeryHigh_fail_the_build_from_Medium_up(string riskClass)
        => VerifyPresetsAsync(["High"], rule => Catalog(rule, Parse(riskClass)));

    [Fact]
    public Task A_dry_run_reports_every_rule_as_a_warning()
        => VerifyPresetsAsync(["DryRun"], _ => DiagnosticSeverity.Warning);

    /// <summary>The TestProject preset comes on top of the risk class's; only the rules that gate test projects keep its severity.</summary>
    [Theory]
    [InlineData("Standard", "Standard")]
    [InlineData("High", "High")]
    [InlineData("VeryHigh", "High")]
    public Task In_a_test_project_only_the_rules_that_gate_test_projects_keep_the_risk_class_severity(string riskClass, string preset)
        => VerifyPresetsAsync(
            [preset, "TestProject"],
            rule => RuleCatalog.GatesTestProjects(rule.Id) ? Catalog(rule, Parse(riskClass)) : DiagnosticSeverity.Warning);

    private static DiagnosticSeverity Catalog(RuleInfo rule, RiskClass riskClass)
        => RiskClasses.Fails(rule.Criticality, riskClass) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;

    private static RiskClass Parse(string riskClass)
    {
        Assert.True(RiskClasses.TryParse(riskClass, out RiskClass parsed));
        return parsed;
    }

    private static async Task VerifyPresetsAsync(string[] presets, Func<RuleInfo, DiagnosticSeverity> expectedSeverity)
    {
        var test = new PresetTest();

        // Below every preset, each rule is a suggestion: a rule a preset leaves out would show as Info, so the severities
        // checked here come from the presets, not from the descriptors' defaults (which equal the Standard verdict).
        var baseline = new StringBuilder("is_global = true\nglobal_level = -1000\n");
        foreach (string id in EveryDescriptorAnalyzer.Descriptors.Select(d => d.Id).Distinct())
        {
            baseline.Append($"dotnet_diagnostic.{id}.severity = suggestion\n");
        }

        test.TestState.AnalyzerConfigFiles.Add(("/baseline.globalconfig", baseline.ToString()));
        foreach (string preset in presets)
        {
            string path = Path.Combine(RepoPaths.Root, "src", "Ssdlc.Sdk", "build", "config", $"ssdlc.{preset}.globalconfig");
            test.TestState.AnalyzerConfigFiles.Add(($"/ssdlc.{preset}.globalconfig", File.ReadAllText(path)));
        }

        var source = new StringBuilder();
        ImmutableArray<DiagnosticDescriptor> descriptors = EveryDescriptorAnalyzer.Descriptors;
        Assert.True(descriptors.Length >= RuleCatalog.All.Count(r => r.Kind == RuleKind.Analyzer), "Some catalog rules have no descriptor.");
        for (int i = 0; i < descriptors.Length; i++)
        {
            string name = EveryDescriptorAnalyzer.ClassName(i);
            source.Append($"class {name} {{ }}\n");
            DiagnosticSeverity severity = expectedSeverity(RuleCatalog.Get(descriptors[i].Id));
            test.ExpectedDiagnostics.Add(new DiagnosticResult(descriptors[i].Id, severity).WithSpan(i + 1, 7, i + 1, 7 + name.Length));
        }

        test.TestCode = source.ToString();
        await test.RunAsync();
    }

    private sealed class PresetTest : CSharpAnalyzerTest<EveryDescriptorAnalyzer>
    {
        /// <summary>
        /// The library makes each reported ID explicit in the compilation options (<c>ReportDiagnostic.Default</c>), which
        /// the compiler reads like <c>/warnaserror-:ID</c>: a global config could then not raise a warning to an error. A
        /// build passes no such option, so neither does this test.
        /// </summary>
        protected override Project ApplyCompilationOptions(Project project)
        {
            Project applied = base.ApplyCompilationOptions(project);
            CompilationOptions options = applied.CompilationOptions!;
            var specific = options.SpecificDiagnosticOptions.RemoveRange(EveryDescriptorAnalyzer.Descriptors.Select(d => d.Id).Distinct());
            return applied.WithCompilationOptions(options.WithSpecificDiagnosticOptions(specific));
        }
    }

    private class CSharpAnalyzerTest<TAnalyzer> : Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<TAnalyzer, XunitVerifier>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public CSharpAnalyzerTest() => TestSetup.Apply(this);

        protected override CompilationOptions CreateCompilationOptions() => TestSetup.CompilationOptions;

        protected override ParseOptions CreateParseOptions() => TestSetup.ParseOptions;
    }

    /// <summary>Reports every descriptor the product's analyzers ship, the i-th on the class named by <see cref="ClassName"/>.</summary>
#pragma warning disable RS1036 // test-only analyzer: its descriptors are the product's
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class EveryDescriptorAnalyzer : DiagnosticAnalyzer
    {
        public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = ProductAnalyzers.All
            .SelectMany(a => a.SupportedDiagnostics)
            .Distinct()
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors;

        public static string ClassName(int index) => $"Rule{index}_{Descriptors[index].Id}";

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(
                c =>
                {
                    string name = c.Symbol.Name;
                    int index = int.Parse(name.Substring(4, name.IndexOf('_', StringComparison.Ordinal) - 4), System.Globalization.CultureInfo.InvariantCulture);
                    object[] arguments = Enumerable.Repeat<object>("x", 8).ToArray();
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors[index], c.Symbol.Locations[0], arguments));
                },
                SymbolKind.NamedType);
        }
    }
#pragma warning restore RS1036
}

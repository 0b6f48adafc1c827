using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Ssdlc.Analyzers.Hosting;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Hosting;

/// <summary>
/// The rules run inside a few host analyzers (one walk of the code per host instead of one per rule): every rule is
/// hosted once, hosted rules report exactly what they report on their own, and a rule that is switched off costs nothing.
/// </summary>
public class RuleHostTests
{
    private static readonly Type[] RuleTypes = typeof(RuleHost).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !typeof(RuleHost).IsAssignableFrom(t))
        .ToArray();

    [Fact]
    public void Every_rule_analyzer_is_hosted_exactly_once()
    {
        Type[] hosted = ProductAnalyzers.All.Cast<RuleHost>().SelectMany(h => h.Rules).Select(r => r.GetType()).ToArray();
        Assert.True(RuleTypes.Length >= 56, $"only {RuleTypes.Length} rule analyzers found");
        Assert.Equal(hosted.Length, hosted.Distinct().Count());
        Assert.Equal(RuleTypes.Select(t => t.FullName).Order(StringComparer.Ordinal), hosted.Select(t => t.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_host_supports_every_descriptor_of_its_rules()
    {
        foreach (RuleHost host in ProductAnalyzers.All.Cast<RuleHost>())
        {
            DiagnosticDescriptor[] ofRules = host.Rules.SelectMany(r => r.SupportedDiagnostics).ToArray();
            Assert.Equal(ofRules.Length, host.SupportedDiagnostics.Length);
            Assert.All(ofRules, d => Assert.Contains(host.SupportedDiagnostics, s => ReferenceEquals(s, d)));
        }

        // A rule that reports at a definition found later has a second descriptor of its ID, tagged for compilation end.
        Assert.Contains(ProductAnalyzers.All.SelectMany(a => a.SupportedDiagnostics), d => d.Id == "SSDLC1004" && d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd));
    }

    [Fact]
    public void Only_the_hosts_are_found_by_a_loader()
    {
        Assert.Equal(
            new[] { nameof(SsdlcAnalyzer), nameof(SsdlcGeneratedCodeAnalyzer), nameof(SsdlcGeneratedCodeReportingAnalyzer) },
            ProductAnalyzers.All.Select(a => a.GetType().Name).Order(StringComparer.Ordinal));
        Assert.All(RuleTypes, t => Assert.Null(t.GetCustomAttribute<DiagnosticAnalyzerAttribute>()));
    }

    [Fact]
    public async Task Hosted_rules_report_what_they_report_on_their_own()
    {
        SampleAnalysis sample = await SampleApps.AnalyzeAsync("VulnerableApp");
        AnalyzerRunResult alone = await AnalyzerRunner.RunAsync(sample.Compilation, ProductAnalyzers.Rules);
        Verify.AssertNoAnalyzerFailures(alone);

        string[] hosted = sample.Diagnostics.Select(Describe).Order(StringComparer.Ordinal).ToArray();
        string[] separately = alone.Diagnostics.Where(d => d.Id.StartsWith("SSDLC", StringComparison.Ordinal)).Select(Describe).Order(StringComparer.Ordinal).ToArray();
        Assert.True(hosted.Length > 50, $"VulnerableApp gave only {hosted.Length} findings");
        Assert.Equal(separately, hosted);
    }

    [Fact]
    public async Task The_driver_sees_every_action_of_the_rules_on_the_host()
    {
        SampleAnalysis sample = await SampleApps.AnalyzeAsync("VulnerableApp");
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        CompilationWithAnalyzers hosts = sample.Compilation.WithAnalyzers(ProductAnalyzers.All, options);
        CompilationWithAnalyzers rules = sample.Compilation.WithAnalyzers(ProductAnalyzers.Rules, options);
        await hosts.GetAnalyzerDiagnosticsAsync();
        await rules.GetAnalyzerDiagnosticsAsync();

        int[] hosted = Counts(await Task.WhenAll(ProductAnalyzers.All.Select(a => hosts.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None))));
        int[] separately = Counts(await Task.WhenAll(ProductAnalyzers.Rules.Select(a => rules.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None))));
        Assert.True(separately[1] > 50, "the rules should register many operation actions on VulnerableApp");
        Assert.Equal(separately, hosted);
    }

    [Fact]
    public async Task A_rule_switched_off_for_the_compilation_is_not_started()
    {
        Assert.Equal(1, await StartsAsync(new CountingRule(enabledByDefault: true), compilation => compilation));
        Assert.Equal(0, await StartsAsync(new CountingRule(enabledByDefault: true), compilation => WithRule(compilation, ReportDiagnostic.Suppress)));
        Assert.Equal(0, await StartsAsync(new CountingRule(enabledByDefault: false), compilation => compilation));
        Assert.Equal(1, await StartsAsync(new CountingRule(enabledByDefault: false), compilation => WithRule(compilation, ReportDiagnostic.Warn)));
    }

    [Fact]
    public async Task A_rule_switched_off_by_a_globalconfig_starts_where_a_file_switches_it_on()
    {
        Assert.Equal(0, await StartsAsync(new CountingRule(enabledByDefault: true), c => WithConfig(c, ReportDiagnostic.Suppress, inFile: null)));
        Assert.Equal(1, await StartsAsync(new CountingRule(enabledByDefault: true), c => WithConfig(c, ReportDiagnostic.Suppress, inFile: ReportDiagnostic.Warn)));
        Assert.Equal(1, await StartsAsync(new CountingRule(enabledByDefault: false), c => WithConfig(c, ReportDiagnostic.Error, inFile: null)));
    }

    [Fact]
    public async Task A_rule_that_treats_generated_code_unlike_its_host_is_refused()
    {
        var host = new TestHost(GeneratedCodeAnalysisFlags.None, new CountingRule(enabledByDefault: true, GeneratedCodeAnalysisFlags.Analyze));
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(AnalyzerRunner.CreateCompilation("class C { }"), ImmutableArray.Create<DiagnosticAnalyzer>(host));
        Assert.Contains(result.AnalyzerFailures, f => f.Contains("CountingRule asks for generated code analysis 'Analyze'", StringComparison.Ordinal));
    }

    // The host also runs a rule that stays on: a host with every rule switched off is skipped by the driver itself.
    private static async Task<int> StartsAsync(CountingRule rule, Func<Compilation, Compilation> configure)
    {
        var alwaysOn = new CountingRule(enabledByDefault: true, id: "TEST0002");
        Compilation compilation = configure(AnalyzerRunner.CreateCompilation("class C { void M() { M(); } }"));
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new TestHost(GeneratedCodeAnalysisFlags.None, rule, alwaysOn)));
        Verify.AssertNoAnalyzerFailures(result);
        Assert.Equal(1, alwaysOn.Starts);
        return rule.Starts;
    }

    private static Compilation WithRule(Compilation compilation, ReportDiagnostic setting)
        => compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { [CountingRule.Id] = setting }));

    private static Compilation WithConfig(Compilation compilation, ReportDiagnostic global, ReportDiagnostic? inFile)
        => compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new ConfigOptions(global, inFile)));

    private static int[] Counts(AnalyzerTelemetryInfo[] infos) => new[]
    {
        infos.Sum(i => i.CompilationStartActionsCount),
        infos.Sum(i => i.OperationActionsCount),
        infos.Sum(i => i.OperationBlockActionsCount),
        infos.Sum(i => i.SyntaxNodeActionsCount),
        infos.Sum(i => i.SyntaxTreeActionsCount),
        infos.Sum(i => i.SymbolActionsCount),
        infos.Sum(i => i.CompilationEndActionsCount),
    };

    private static string Describe(Diagnostic d) => $"{d.Id} {d.Location.GetLineSpan()} {d.Severity} {d.GetMessage()}";

#pragma warning disable RS1036, RS2008 // test-only analyzers: never shipped, so no extended rules or release tracking
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class TestHost : RuleHost
    {
        public TestHost(GeneratedCodeAnalysisFlags generatedCode, params DiagnosticAnalyzer[] rules)
            : base(generatedCode, rules)
        {
        }
    }

    /// <summary>What a .globalconfig (for the compilation) and an .editorconfig (for each file) say of <see cref="CountingRule.Id"/>.</summary>
    private sealed class ConfigOptions(ReportDiagnostic global, ReportDiagnostic? inFile) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = inFile ?? ReportDiagnostic.Default;
            return inFile is not null && diagnosticId == CountingRule.Id;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = global;
            return diagnosticId == CountingRule.Id;
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class CountingRule : DiagnosticAnalyzer
    {
        public const string Id = "TEST0001";
        private readonly DiagnosticDescriptor descriptor;
        private readonly GeneratedCodeAnalysisFlags generatedCode;
        private int starts;

        public CountingRule(bool enabledByDefault, GeneratedCodeAnalysisFlags generatedCode = GeneratedCodeAnalysisFlags.None, string id = Id)
        {
            descriptor = new DiagnosticDescriptor(id, "Test", "Test", "Test", DiagnosticSeverity.Warning, enabledByDefault);
            this.generatedCode = generatedCode;
        }

        public int Starts => starts;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(generatedCode);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                Interlocked.Increment(ref starts);
                start.RegisterOperationAction(_ => { }, OperationKind.Invocation);
            });
        }
    }
#pragma warning restore RS1036, RS2008
}

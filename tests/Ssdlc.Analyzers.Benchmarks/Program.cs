using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;
using Ssdlc.Analyzers.Tests.Verification;
using Ssdlc.Tests;

// Usage: Ssdlc.Analyzers.Benchmarks [copies=40] [runs=5]
//        Ssdlc.Analyzers.Benchmarks --csc <response file> <project folder> [runs=5]
// Builds one compilation, from `copies` copies of samples/VulnerableApp and samples/CompliantApp (each copy in its own
// namespace; one Program.cs), or from a compiler command line (the arguments a build passed to csc, as a response file,
// relative to the project folder: how the real-code corpus is measured), then measures, median of `runs`: the compiler
// alone (all diagnostics, no analyzers), the compiler with the Ssdlc analyzers as shipped (the rule hosts; the difference
// is what they add to a build's compile step), and each rule's own execution time as Roslyn reports it (the rules run
// one by one in a separate pass for that).
bool fromCommandLine = args.Length >= 3 && args[0] == "--csc";
int copies = !fromCommandLine && args.Length > 0 && int.TryParse(args[0], out int c) ? c : 40;
int runsArgument = fromCommandLine ? 3 : 1;
int runs = args.Length > runsArgument && int.TryParse(args[runsArgument], out int r) ? r : 5;

(List<SyntaxTree> trees, MetadataReference[] references, CSharpCompilationOptions options) =
    fromCommandLine ? FromCommandLine(args[1], args[2]) : FromSamples(copies);
// As shipped: the rule hosts (one walk of the code per host), timed. Each rule on its own: its execution time.
ImmutableArray<DiagnosticAnalyzer> shipped = ProductAnalyzers.All;
ImmutableArray<DiagnosticAnalyzer> analyzers = ProductAnalyzers.Rules;

int lines = trees.Sum(t => t.GetText().Lines.Count);
Console.WriteLine($"{trees.Count} files, {lines:N0} lines, {analyzers.Length} rules in {shipped.Length} analyzers, median of {runs} runs");

var compile = new List<double>();
var driver = new List<double>();
var analyze = new List<double>();
var perAnalyzer = analyzers.ToDictionary(a => a.GetType().Name, _ => new List<double>());
int findings = 0;
double coldSeconds = 0;
double jitSeconds = 0;
long jitMethods = 0;
for (int run = 0; run < runs + 1; run++)
{
    // Fresh compilations: nothing cached from the run before. Run 0 warms the JIT and is not counted.
    CSharpCompilation plain = CSharpCompilation.Create("Bench", trees, references, options);
    var watch = Stopwatch.StartNew();
    int errors = plain.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
    double compileSeconds = watch.Elapsed.TotalSeconds;
    if (errors > 0)
    {
        Console.Error.WriteLine($"The benchmark compilation has {errors} errors; fix the copies first.");
        return 1;
    }

    // The analyzer driver's own cost (operation trees, events), with an analyzer that looks at every operation and does nothing.
    var idle = CSharpCompilation.Create("Bench", trees, references, options).WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new IdleAnalyzer()));
    watch.Restart();
    await idle.GetAnalyzerDiagnosticsAsync();
    double driverSeconds = watch.Elapsed.TotalSeconds;

    // Each rule on its own, for its execution time; in the first run, the JIT compilation the rules bring.
    CSharpCompilation forRules = CSharpCompilation.Create("Bench", trees, references, options);
    var analysis = forRules.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
    TimeSpan jitBefore = System.Runtime.JitInfo.GetCompilationTime();
    long methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
    ImmutableArray<Diagnostic> ruleDiagnostics = await analysis.GetAnalyzerDiagnosticsAsync();
    if (run == 0)
    {
        jitSeconds = (System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalSeconds;
        jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore;
    }

    // The hosts, as a build runs them: the wall clock.
    CSharpCompilation withAnalyzers = CSharpCompilation.Create("Bench", trees, references, options);
    watch.Restart();
    ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.WithAnalyzers(shipped).GetAnalyzerDiagnosticsAsync();
    double analyzeSeconds = watch.Elapsed.TotalSeconds;
    if (diagnostics.Concat(ruleDiagnostics).Any(d => d.Id.StartsWith("AD", StringComparison.Ordinal)))
    {
        Console.Error.WriteLine("An analyzer failed: " + diagnostics.Concat(ruleDiagnostics).First(d => d.Id.StartsWith("AD", StringComparison.Ordinal)));
        return 1;
    }

    findings = diagnostics.Length;
    if (run == 0)
    {
        // The first run also JIT-compiles the analyzers and runs them unoptimised until the runtime tiers them up: what a
        // build without the compiler server pays every time.
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            coldSeconds += (await analysis.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalSeconds;
        }

        continue;
    }

    compile.Add(compileSeconds);
    driver.Add(driverSeconds);
    analyze.Add(analyzeSeconds);
    foreach (DiagnosticAnalyzer analyzer in analyzers)
    {
        AnalyzerTelemetryInfo info = await analysis.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        perAnalyzer[analyzer.GetType().Name].Add(info.ExecutionTime.TotalSeconds);
    }
}

double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
Console.WriteLine($"compiler alone (binding, all diagnostics): {Median(compile):F2} s");
Console.WriteLine($"compiler + an analyzer that visits every operation and does nothing: {Median(driver):F2} s");
Console.WriteLine($"compiler + all Ssdlc analyzers as shipped (the rule hosts; wall clock, concurrent): {Median(analyze):F2} s, {findings:N0} findings");
Console.WriteLine();
Console.WriteLine("| rule analyzer | execution time (s) | share |");
Console.WriteLine("|---|---:|---:|");
double total = perAnalyzer.Values.Sum(Median);
foreach ((string name, List<double> times) in perAnalyzer.OrderByDescending(p => Median(p.Value)))
{
    Console.WriteLine($"| {name} | {Median(times):F3} | {Median(times) / total:P0} |");
}

Console.WriteLine($"| all {analyzers.Length} rules (summed) | {total:F3} | |");
Console.WriteLine($"| all {analyzers.Length} rules (summed), first run: JIT and unoptimised code included | {coldSeconds:F3} | |");
Console.WriteLine();
Console.WriteLine($"JIT during the first run of the Ssdlc rules: {jitMethods:N0} methods compiled (tier-0 and tier-1), {jitSeconds:F2} s");
return 0;

static (List<SyntaxTree>, MetadataReference[], CSharpCompilationOptions) FromSamples(int copies)
{
    var trees = new List<SyntaxTree>();
    var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
    foreach (string app in new[] { "VulnerableApp", "CompliantApp" })
    {
        string folder = Path.Combine(RepoPaths.Root, "samples", app);
        string[] files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        for (int i = 0; i < copies; i++)
        {
            foreach (string file in files)
            {
                bool program = Path.GetFileName(file) == "Program.cs";
                if (program && (i > 0 || app != "VulnerableApp"))
                {
                    continue;
                }

                string text = File.ReadAllText(file).Replace(app, $"{app}{i}", StringComparison.Ordinal);
                trees.Add(CSharpSyntaxTree.ParseText(text, parseOptions, $"/{app}{i}/{Path.GetRelativePath(folder, file)}", Encoding.UTF8));
            }
        }
    }

    trees.Add(CSharpSyntaxTree.ParseText(WebSdk.ImplicitUsings, parseOptions, WebSdk.ImplicitUsingsPath, Encoding.UTF8));
    string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
    MetadataReference[] references = tpa.Split(Path.PathSeparator)
        .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(p).StartsWith("Ssdlc.", StringComparison.Ordinal))
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToArray();
    return (trees, references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
}

// The sources, references and options of a compiler command line; analyzers, generators and outputs named there are ignored.
static (List<SyntaxTree>, MetadataReference[], CSharpCompilationOptions) FromCommandLine(string responseFile, string projectFolder)
{
    string folder = Path.GetFullPath(projectFolder);
    CSharpCommandLineArguments parsed = CSharpCommandLineParser.Default.Parse(
        new[] { "@" + Path.GetFullPath(responseFile) }, folder, sdkDirectory: null);
    if (parsed.Errors.Any(d => d.Severity == DiagnosticSeverity.Error))
    {
        throw new InvalidOperationException("The command line has errors: " + parsed.Errors.First(d => d.Severity == DiagnosticSeverity.Error));
    }

    var trees = parsed.SourceFiles
        .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f.Path), Encoding.UTF8), parsed.ParseOptions, f.Path))
        .ToList();
    MetadataReference[] references = parsed.MetadataReferences
        .Select(m => (MetadataReference)MetadataReference.CreateFromFile(Path.IsPathRooted(m.Reference) ? m.Reference : Path.Combine(folder, m.Reference), m.Properties))
        .ToArray();
    return (trees, references, parsed.CompilationOptions.WithCryptoKeyFile(null).WithStrongNameProvider(null));
}

/// <summary>Visits every operation and symbol and does nothing: what any operation-based analyzer costs before its own logic.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class IdleAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Unused = new("IDLE0001", "Idle", "Idle", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(_ => { }, Enum.GetValues<OperationKind>().Where(k => k != OperationKind.None).ToArray());
        context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property, SymbolKind.Field);
    }
}


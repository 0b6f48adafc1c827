using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ssdlc.Tests;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// The sample apps (samples/&lt;name&gt;) compiled from disk as the Web SDK compiles them and run through every analyzer,
/// once per test run however many tests look at them.
/// </summary>
internal static class SampleApps
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<SampleAnalysis>>> Analyses = new(StringComparer.Ordinal);

    public static Task<SampleAnalysis> AnalyzeAsync(string sample)
        => Analyses.GetOrAdd(sample, name => new Lazy<Task<SampleAnalysis>>(() => CompileAndAnalyzeAsync(name))).Value;

    private static async Task<SampleAnalysis> CompileAndAnalyzeAsync(string sample)
    {
        string folder = Path.Combine(RepoPaths.Root, "samples", sample);
        char separator = Path.DirectorySeparatorChar;
        List<SyntaxTree> trees = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), AnalyzerRunner.ParseOptions, f, Encoding.UTF8))
            .ToList();
        Assert.NotEmpty(trees);
        Compilation compilation = CSharpCompilation.Create(
            sample,
            trees.Append(CSharpSyntaxTree.ParseText(WebSdk.ImplicitUsings, AnalyzerRunner.ParseOptions, WebSdk.ImplicitUsingsPath, Encoding.UTF8)),
            TestReferences.All,
            AnalyzerRunner.CompilationOptions.WithOutputKind(OutputKind.ConsoleApplication));
        Verify.AssertCompiles(compilation);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, ProductAnalyzers.All).ConfigureAwait(false);
        Verify.AssertNoAnalyzerFailures(result);
        return new SampleAnalysis(result.Diagnostics.Where(d => d.Id.StartsWith("SSDLC", StringComparison.Ordinal)).ToImmutableArray(), trees, compilation);
    }
}

/// <summary>A sample's Ssdlc diagnostics (from the analyzers as shipped), its source files and its compilation.</summary>
internal sealed record SampleAnalysis(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<SyntaxTree> Trees, Compilation Compilation);

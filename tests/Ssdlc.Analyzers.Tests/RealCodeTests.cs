using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ssdlc.Analyzers.Tests.Verification;
using Ssdlc.Tests;

namespace Ssdlc.Analyzers.Tests;

/// <summary>
/// All analyzers over a real code base: every C# file of this repository (analyzers, tasks, tests, samples), as one
/// compilation with real references. Real code is messier than test snippets (partial types, generics, pattern
/// matching, unresolved symbols across projects); no analyzer may throw on it.
/// </summary>
public class RealCodeTests
{
    [Fact]
    public async Task All_analyzers_run_over_this_repository_without_an_exception()
    {
        string[] files = new[] { "src", "tests", "samples" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, dir), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(files.Length > 150, $"only {files.Length} files found");

        IEnumerable<SyntaxTree> trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), AnalyzerRunner.ParseOptions, f, Encoding.UTF8));
        Compilation compilation = CSharpCompilation.Create("Repository", trees, TestReferences.All, AnalyzerRunner.CompilationOptions);

        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, ProductAnalyzers.All);

        Assert.True(result.AnalyzerFailures.IsEmpty, string.Join("\n", result.AnalyzerFailures));
        // Eat our own cooking: the product code itself has no security findings.
        ImmutableArray<Diagnostic> inProduct = result.Diagnostics
            .Where(d => d.Location.SourceTree?.FilePath.StartsWith(Path.Combine(RepoPaths.Root, "src"), StringComparison.Ordinal) == true)
            .ToImmutableArray();
        Assert.True(inProduct.IsEmpty, string.Join("\n", inProduct.Select(AnalyzerRunner.Describe)));
        // ... while the deliberately vulnerable sample is found, so the run did analyse something.
        Assert.Contains(result.Diagnostics, d => d.Location.SourceTree?.FilePath.Contains("VulnerableApp", StringComparison.Ordinal) == true);
    }
}

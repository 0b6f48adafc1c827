using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Injection;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests;

/// <summary>
/// The samples (samples/VulnerableApp, samples/CompliantApp) compiled here as they are on disk, with the Web SDK's
/// implicit usings, and run through every analyzer. In VulnerableApp each finding of the rules below sits on the line
/// after a comment that names its ID, and each such comment has its finding; CompliantApp has none at all.
/// </summary>
public class SampleAppTests
{
    /// <summary>The rules whose sample lines this test pins (others are pinned by the end-to-end tests).</summary>
    private static readonly string[] PinnedIds =
    {
        "SSDLC0201", "SSDLC0202", "SSDLC0203", "SSDLC0204", "SSDLC0205", "SSDLC0206", "SSDLC0301", "SSDLC0303",
        "SSDLC0901", "SSDLC0701", "SSDLC0702", "SSDLC0703", "SSDLC0902", "SSDLC0903",
        "SSDLC0705", "SSDLC0801",
    };

    private const string WebImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    [Fact]
    public async Task VulnerableApp_findings_are_exactly_the_commented_lines()
    {
        (ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<SyntaxTree> trees) = await AnalyzeAsync("VulnerableApp");
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in trees)
        {
            string[] lines = tree.GetText().ToString().Split('\n');
            for (int i = 0; i < lines.Length - 1; i++)
            {
                foreach (string id in PinnedIds)
                {
                    if (lines[i].TrimStart().StartsWith("// " + id + ":", StringComparison.Ordinal))
                    {
                        expected.Add($"{Path.GetFileName(tree.FilePath)}:{i + 2}:{id}");
                    }
                }
            }
        }

        var actual = diagnostics
            .Where(d => PinnedIds.Contains(d.Id))
            .Select(d => $"{Path.GetFileName(d.Location.SourceTree!.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}:{d.Id}")
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(expected.Count >= 7, "the sample should show the input and file rules");
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), actual.OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public async Task CompliantApp_has_no_findings()
    {
        (ImmutableArray<Diagnostic> diagnostics, _) = await AnalyzeAsync("CompliantApp");
        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics.Select(AnalyzerRunner.Describe)));
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<SyntaxTree> Trees)> AnalyzeAsync(string sample)
    {
        string folder = Path.Combine(RepoRoot(), "samples", sample);
        var trees = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), AnalyzerRunner.ParseOptions, f, Encoding.UTF8))
            .ToList();
        Assert.NotEmpty(trees);
        var all = trees.Append(CSharpSyntaxTree.ParseText(WebImplicitUsings, AnalyzerRunner.ParseOptions, "/src/GlobalUsings.g.cs", Encoding.UTF8));
        Compilation compilation = CSharpCompilation.Create(
            sample,
            all,
            TestReferences.All,
            AnalyzerRunner.CompilationOptions.WithOutputKind(OutputKind.ConsoleApplication));
        Verify.AssertCompiles(compilation);
        ImmutableArray<DiagnosticAnalyzer> analyzers = ProductAnalyzers.All;
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, analyzers);
        Verify.AssertNoAnalyzerFailures(result);
        return (result.Diagnostics, trees);
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")) || Directory.Exists(Path.Combine(dir.FullName, "samples", "VulnerableApp")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }
}

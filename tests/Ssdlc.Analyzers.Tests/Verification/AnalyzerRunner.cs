using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>What running analyzers over one compilation produced.</summary>
internal sealed class AnalyzerRunResult
{
    public AnalyzerRunResult(Compilation compilation, ImmutableArray<Diagnostic> diagnostics, ImmutableArray<string> analyzerFailures)
    {
        Compilation = compilation;
        Diagnostics = diagnostics;
        AnalyzerFailures = analyzerFailures;
    }

    public Compilation Compilation { get; }

    /// <summary>Diagnostics with the analyzers' own IDs, in source order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>Analyzer exceptions (thrown or reported as AD0001/AD0002), described; empty when all went well.</summary>
    public ImmutableArray<string> AnalyzerFailures { get; }
}

/// <summary>Compiles C# test sources and runs analyzers over them, the way the compiler does in a build.</summary>
internal static class AnalyzerRunner
{
    public const string DefaultFilePath = "/src/Test0.cs";

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true);

    public static CSharpCompilation CreateCompilation(string source, IEnumerable<MetadataReference>? references = null, string path = DefaultFilePath)
        => CSharpCompilation.Create(
            "TestProject",
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, path, Encoding.UTF8) },
            references ?? TestReferences.All,
            CompilationOptions);

    public static ImmutableArray<Diagnostic> CompilerErrors(Compilation compilation)
        => compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

    public static async Task<AnalyzerRunResult> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var failures = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) =>
            {
                lock (failures)
                {
                    failures.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}");
                }
            },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        ImmutableArray<Diagnostic> all = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);

        var ownIds = new HashSet<string>(analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id), StringComparer.Ordinal);
        foreach (Diagnostic d in all.Where(d => d.Id is "AD0001" or "AD0002"))
        {
            failures.Add($"{d.Id}: {d.GetMessage()}");
        }

        ImmutableArray<Diagnostic> own = all
            .Where(d => ownIds.Contains(d.Id))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();

        // Formatting every message catches a message format whose arguments do not match the report site.
        foreach (Diagnostic d in own)
        {
            try
            {
                _ = d.GetMessage();
            }
            catch (FormatException e)
            {
                failures.Add($"{d.Id} message cannot be formatted: {e.Message}");
            }
        }

        return new AnalyzerRunResult(compilation, own, failures.ToImmutableArray());
    }

    public static string Describe(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string text = diagnostic.Location.SourceTree?.GetText().ToString(diagnostic.Location.SourceSpan) ?? string.Empty;
        return $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.Id} [{Shorten(text)}] {diagnostic.GetMessage()}";
    }

    public static string Shorten(string text)
    {
        text = text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return text.Length <= 80 ? text : text.Substring(0, 77) + "...";
    }
}

/// <summary>Checks for tests that build and analyze a compilation themselves (analysis unit tests, sample apps, real code).</summary>
internal static class Verify
{
    /// <summary>Fails when the sample itself does not compile, so that a test cannot pass on broken code.</summary>
    public static void AssertCompiles(Compilation compilation)
    {
        ImmutableArray<Diagnostic> errors = AnalyzerRunner.CompilerErrors(compilation);
        if (!errors.IsEmpty)
        {
            Assert.Fail("The test source does not compile:\n" + string.Join("\n", errors.Select(AnalyzerRunner.Describe)));
        }
    }

    public static void AssertNoAnalyzerFailures(AnalyzerRunResult result)
    {
        if (!result.AnalyzerFailures.IsEmpty)
        {
            Assert.Fail("An analyzer failed:\n" + string.Join("\n", result.AnalyzerFailures));
        }
    }
}

using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// Verifies an analyzer against <c>{|ID:text|}</c> markup. The sample must compile without errors; the set of
/// (ID, span) reported must equal the markup's exactly; any analyzer exception fails the test.
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <returns>The diagnostics reported, in source order, so a test can check messages too.</returns>
    public static Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup)
        => Verify.DiagnosticsAsync(markup, new TAnalyzer());
}

internal static class Verify
{
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string markup, params DiagnosticAnalyzer[] analyzers)
    {
        (string source, ImmutableArray<ExpectedDiagnostic> expected) = Markup.Parse(markup);
        Compilation compilation = AnalyzerRunner.CreateCompilation(source);
        AssertCompiles(compilation);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, analyzers.ToImmutableArray()).ConfigureAwait(false);
        AssertNoAnalyzerFailures(result);
        AssertDiagnosticsMatch(SourceText.From(source), expected, result.Diagnostics);
        return result.Diagnostics;
    }

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

    public static void AssertDiagnosticsMatch(SourceText text, ImmutableArray<ExpectedDiagnostic> expected, ImmutableArray<Diagnostic> actual)
    {
        var actualKeys = actual.Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan)).ToList();
        var missing = expected.Where(e => !actualKeys.Contains(e)).ToList();
        var unexpected = actual.Where(d => !expected.Contains(new ExpectedDiagnostic(d.Id, d.Location.SourceSpan))).ToList();
        bool duplicates = actualKeys.Count != actualKeys.Distinct().Count() || expected.Length != expected.Distinct().Count();
        if (missing.Count == 0 && unexpected.Count == 0 && !duplicates && expected.Length == actual.Length)
        {
            return;
        }

        var message = new StringBuilder("Diagnostics differ from the markup.\n");
        message.AppendLine($"Expected ({expected.Length}):");
        foreach (ExpectedDiagnostic e in expected)
        {
            message.AppendLine("  " + Describe(text, e));
        }

        message.AppendLine($"Actual ({actual.Length}):");
        foreach (Diagnostic d in actual)
        {
            message.AppendLine("  " + AnalyzerRunner.Describe(d));
        }

        foreach (ExpectedDiagnostic e in missing)
        {
            message.AppendLine("Missing:    " + Describe(text, e));
        }

        foreach (Diagnostic d in unexpected)
        {
            message.AppendLine("Unexpected: " + AnalyzerRunner.Describe(d));
        }

        Assert.Fail(message.ToString());
    }

    private static string Describe(SourceText text, ExpectedDiagnostic expected)
    {
        LinePosition start = text.Lines.GetLinePosition(expected.Span.Start);
        return $"({start.Line + 1},{start.Character + 1}): {expected.Id} [{AnalyzerRunner.Shorten(text.ToString(expected.Span))}]";
    }
}

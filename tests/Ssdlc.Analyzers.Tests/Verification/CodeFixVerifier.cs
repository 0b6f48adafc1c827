using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// <c>VerifyCS</c> for a code fix, on Microsoft.CodeAnalysis.Testing. The markup's diagnostics are checked as
/// <see cref="AnalyzerVerifier{TAnalyzer}"/> does; the fix is applied and its result compared with the expected source,
/// which is itself analyzed again: its markup lists the diagnostics that must remain (none, usually), so a fix that
/// leaves its diagnostic fails. Where the provider has a Fix All, it runs in every scope it supports (document,
/// project, solution) and must give the same result.
/// </summary>
internal static partial class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Applies the first fix offered (or the one with <paramref name="equivalenceKey"/>). With one diagnostic in the
    /// markup, the fix is applied to it, then Fix All in every supported scope must give <paramref name="fixedSource"/>
    /// too. With several, only the diagnostic at <paramref name="diagnosticIndex"/> (source order) is fixed, and
    /// <paramref name="fixedSource"/> marks the diagnostics that remain.
    /// </summary>
    public static Task VerifyFixAsync(string markup, string fixedSource, int diagnosticIndex = 0, string? equivalenceKey = null)
    {
        var test = new Test
        {
            TestCode = markup,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (diagnosticIndex != 0 || MarkupSpanCount(markup) > 1)
        {
            test.FixOnly(diagnosticIndex);
        }

        return test.RunAsync();
    }

    /// <summary>
    /// Fixes every diagnostic of the markup with Fix All in each scope the provider supports, and one at a time: all must
    /// give <paramref name="fixedSource"/>, unless fixing one at a time gives <paramref name="oneAtATimeSource"/> (a fix
    /// can make another finding go away, which Fix All, working from the diagnostics it started with, still fixes).
    /// </summary>
    public static Task VerifyFixAllAsync(string markup, string fixedSource, string? equivalenceKey = null, string? oneAtATimeSource = null)
    {
        Assert.True(new TCodeFix().GetFixAllProvider() is not null, $"{typeof(TCodeFix).Name} has no Fix All provider.");
        var test = new Test
        {
            TestCode = markup,
            FixedCode = oneAtATimeSource ?? fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (oneAtATimeSource is not null)
        {
            test.BatchFixedCode = fixedSource;
        }

        return test.RunAsync();
    }

    /// <summary>
    /// Asserts the markup's diagnostics are reported but no fix (no fix with <paramref name="equivalenceKey"/>, when
    /// given) is offered for any of them.
    /// </summary>
    public static Task VerifyNoFixAsync(string markup, string? equivalenceKey = null)
    {
        Assert.True(MarkupSpanCount(markup) > 0, "VerifyNoFixAsync needs at least one diagnostic in the markup.");
        var test = new Test
        {
            TestCode = markup,
            FixedCode = markup,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        return test.RunAsync();
    }

    /// <summary>The library's own form: <paramref name="source"/> fixed (every diagnostic, and with Fix All) gives <paramref name="fixedSource"/>.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The title of the first fix offered for each of the markup's diagnostics, in source order ("" where none is).</summary>
    public static async Task<string[]> GetTitlesAsync(string markup)
    {
        var analysis = new AnalyzerVerifier<TAnalyzer>.Test { TestCode = markup };
        await analysis.RunAsync().ConfigureAwait(false);
        var provider = new TCodeFix();
        var titles = new List<string>();
        foreach ((Project project, Diagnostic diagnostic) in analysis.ReportedDiagnosticsWithProjects)
        {
            var actions = new List<CodeAction>();
            if (provider.FixableDiagnosticIds.Contains(diagnostic.Id))
            {
                Document document = project.GetDocument(diagnostic.Location.SourceTree)
                    ?? throw new InvalidOperationException("The diagnostic is not in a document of the test project.");
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            }

            titles.Add(actions.Count == 0 ? string.Empty : actions[0].Title);
        }

        return titles.ToArray();
    }

    private static int MarkupSpanCount(string markup) => MarkupSpan().Matches(markup).Count;

    [GeneratedRegex(@"\{\|[A-Za-z0-9]+:")]
    private static partial Regex MarkupSpan();

    /// <summary>The test object, for what the short forms do not cover.</summary>
    internal sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, XunitVerifier>
    {
        private readonly ReportedDiagnosticsRecorder _recorder = new();
        private int? _onlyDiagnosticIndex;

        public Test()
        {
            TestSetup.Apply(this);

            // The fixed source's markup lists every diagnostic that must remain, fixable ones included (the library
            // would otherwise drop markup of the fixable IDs there, and expect none of them).
            FixedState.MarkupHandling = MarkupMode.Allow;

            // The library fails a fix for a non-local diagnostic (one reported at compilation end): an editor computes those
            // in full-solution analysis, not for the lightbulb at the cursor. The application-wide rules (SSDLC0705,
            // SSDLC0801) report only at compilation end by design, since they judge the whole program, so their fixes are
            // exempt from that check; every other fix must be for a local diagnostic.
            var provider = new TCodeFix();
            ImmutableArray<DiagnosticDescriptor> fixable = new TAnalyzer().SupportedDiagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
            if (!fixable.IsEmpty && fixable.All(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)))
            {
                CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
            }

            // Fix All runs in the scopes the provider supports; the library would expect the others to fix too.
            ImmutableArray<FixAllScope> scopes = provider.GetFixAllProvider()?.GetSupportedFixAllScopes().ToImmutableArray() ?? ImmutableArray<FixAllScope>.Empty;
            if (!scopes.IsEmpty)
            {
                CodeFixTestBehaviors |= (scopes.Contains(FixAllScope.Document) ? CodeFixTestBehaviors.None : CodeFixTestBehaviors.SkipFixAllInDocumentCheck)
                    | (scopes.Contains(FixAllScope.Project) ? CodeFixTestBehaviors.None : CodeFixTestBehaviors.SkipFixAllInProjectCheck)
                    | (scopes.Contains(FixAllScope.Solution) ? CodeFixTestBehaviors.None : CodeFixTestBehaviors.SkipFixAllInSolutionCheck);
            }
        }

        /// <summary>
        /// Fixes only the diagnostic at <paramref name="index"/> among the fixable ones (source order), once; Fix All is
        /// not tried, since its result is not the expected source.
        /// </summary>
        public void FixOnly(int index)
        {
            _onlyDiagnosticIndex = index;
            CodeFixTestBehaviors |= CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck;
        }

        protected override CompilationOptions CreateCompilationOptions() => TestSetup.CompilationOptions;

        protected override ParseOptions CreateParseOptions() => TestSetup.ParseOptions;

        protected override ImmutableArray<(Project project, Diagnostic diagnostic)> FilterDiagnostics(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics)
            => _recorder.Record(base.FilterDiagnostics(diagnostics));

        protected override Diagnostic? TrySelectDiagnosticToFix(ImmutableArray<Diagnostic> fixableDiagnostics)
        {
            int index = _onlyDiagnosticIndex ?? 0;
            Assert.True(index < fixableDiagnostics.Length, $"There is no diagnostic #{index} to fix; {fixableDiagnostics.Length} reported.");
            return fixableDiagnostics[index];
        }
    }
}

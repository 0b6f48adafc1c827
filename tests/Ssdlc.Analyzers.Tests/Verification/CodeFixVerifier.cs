using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// Verifies a code fix: the markup's diagnostics are checked first (as <see cref="AnalyzerVerifier{TAnalyzer}"/> does),
/// then the fix is applied through an <see cref="AdhocWorkspace"/> and the resulting source compared to the expected one.
/// The fixed source must compile.
/// </summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Applies the first fix offered for the diagnostic at <paramref name="diagnosticIndex"/> (source order), or the one with
    /// <paramref name="equivalenceKey"/> when a provider offers several.
    /// </summary>
    public static async Task VerifyFixAsync(string markup, string fixedSource, int diagnosticIndex = 0, string? equivalenceKey = null)
    {
        (Document document, ImmutableArray<Diagnostic> diagnostics) = await PrepareAsync(markup).ConfigureAwait(false);
        Assert.True(diagnosticIndex < diagnostics.Length, $"There is no diagnostic #{diagnosticIndex} to fix; {diagnostics.Length} reported.");
        var provider = new TCodeFix();
        ImmutableArray<CodeAction> actions = Select(await GetActionsAsync(provider, document, diagnostics[diagnosticIndex]).ConfigureAwait(false), equivalenceKey);
        Assert.False(actions.IsEmpty, "No code fix was offered for " + AnalyzerRunner.Describe(diagnostics[diagnosticIndex]));
        Document fixedDocument = await ApplyAsync(document, actions[0]).ConfigureAwait(false);
        await AssertTextAsync(fixedSource, fixedDocument).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the provider's Fix All (document scope) to every diagnostic of the markup, for the first fix offered or the
    /// one with <paramref name="equivalenceKey"/>.
    /// </summary>
    public static async Task VerifyFixAllAsync(string markup, string fixedSource, string? equivalenceKey = null)
    {
        (Document document, ImmutableArray<Diagnostic> diagnostics) = await PrepareAsync(markup).ConfigureAwait(false);
        var provider = new TCodeFix();
        FixAllProvider? fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Contains(FixAllScope.Document, fixAll!.GetSupportedFixAllScopes());

        // Fix All is keyed on the equivalence key of the action offered for one diagnostic, as in the IDE.
        CodeAction? first = null;
        foreach (Diagnostic diagnostic in diagnostics)
        {
            ImmutableArray<CodeAction> actions = Select(await GetActionsAsync(provider, document, diagnostic).ConfigureAwait(false), equivalenceKey);
            if (!actions.IsEmpty)
            {
                first = actions[0];
                break;
            }
        }

        Assert.True(first is not null, "No code fix was offered for any diagnostic.");
        Assert.False(string.IsNullOrEmpty(first!.EquivalenceKey), "The code action has no equivalence key, so Fix All cannot group it.");

        var context = new FixAllContext(
            document,
            provider,
            FixAllScope.Document,
            first.EquivalenceKey,
            provider.FixableDiagnosticIds,
            new FixedDiagnosticProvider(diagnostics),
            CancellationToken.None);
        CodeAction? fixAllAction = await fixAll.GetFixAsync(context).ConfigureAwait(false);
        Assert.NotNull(fixAllAction);
        Document fixedDocument = await ApplyAsync(document, fixAllAction!).ConfigureAwait(false);
        await AssertTextAsync(fixedSource, fixedDocument).ConfigureAwait(false);
    }

    /// <summary>
    /// Asserts the markup's diagnostics are reported but no fix is offered for any of them (no fix with
    /// <paramref name="equivalenceKey"/>, when given).
    /// </summary>
    public static async Task VerifyNoFixAsync(string markup, string? equivalenceKey = null)
    {
        (Document document, ImmutableArray<Diagnostic> diagnostics) = await PrepareAsync(markup).ConfigureAwait(false);
        Assert.False(diagnostics.IsEmpty, "VerifyNoFixAsync needs at least one diagnostic in the markup.");
        var provider = new TCodeFix();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            ImmutableArray<CodeAction> actions = Select(await GetActionsAsync(provider, document, diagnostic).ConfigureAwait(false), equivalenceKey);
            Assert.True(actions.IsEmpty, $"A fix '{(actions.IsEmpty ? string.Empty : actions[0].Title)}' was offered for {AnalyzerRunner.Describe(diagnostic)}");
        }
    }

    /// <summary>The title of the first fix offered for each of the markup's diagnostics, in source order ("" where none is).</summary>
    public static async Task<string[]> GetTitlesAsync(string markup)
    {
        (Document document, ImmutableArray<Diagnostic> diagnostics) = await PrepareAsync(markup).ConfigureAwait(false);
        var provider = new TCodeFix();
        var titles = new List<string>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            ImmutableArray<CodeAction> actions = await GetActionsAsync(provider, document, diagnostic).ConfigureAwait(false);
            titles.Add(actions.IsEmpty ? string.Empty : actions[0].Title);
        }

        return titles.ToArray();
    }

    private static async Task<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> PrepareAsync(string markup)
    {
        (string source, ImmutableArray<ExpectedDiagnostic> expected) = Markup.Parse(markup);
        var workspace = new AdhocWorkspace();
        ProjectInfo projectInfo = ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Create(),
            "TestProject",
            "TestProject",
            LanguageNames.CSharp,
            compilationOptions: AnalyzerRunner.CompilationOptions,
            parseOptions: AnalyzerRunner.ParseOptions,
            metadataReferences: TestReferences.All);
        Project project = workspace.AddProject(projectInfo);
        Document document = workspace.AddDocument(project.Id, "Test0.cs", SourceText.From(source));

        Compilation compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
        Verify.AssertCompiles(compilation);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer())).ConfigureAwait(false);
        Verify.AssertNoAnalyzerFailures(result);
        Verify.AssertDiagnosticsMatch(SourceText.From(source), expected, result.Diagnostics);
        return (document, result.Diagnostics);
    }

    private static ImmutableArray<CodeAction> Select(ImmutableArray<CodeAction> actions, string? equivalenceKey)
        => equivalenceKey is null ? actions : actions.Where(a => a.EquivalenceKey == equivalenceKey).ToImmutableArray();

    private static async Task<ImmutableArray<CodeAction>> GetActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        if (!provider.FixableDiagnosticIds.Contains(diagnostic.Id))
        {
            return ImmutableArray<CodeAction>.Empty;
        }

        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions.ToImmutable();
    }

    private static async Task<Document> ApplyAsync(Document document, CodeAction action)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        ApplyChangesOperation apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        Document? changed = apply.ChangedSolution.GetDocument(document.Id);
        Assert.NotNull(changed);
        return changed!;
    }

    private static async Task AssertTextAsync(string expected, Document fixedDocument)
    {
        SourceText text = await fixedDocument.GetTextAsync().ConfigureAwait(false);
        Assert.Equal(Normalize(expected), Normalize(text.ToString()));
        Compilation compilation = (await fixedDocument.Project.GetCompilationAsync().ConfigureAwait(false))!;
        Verify.AssertCompiles(compilation);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private sealed class FixedDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return _diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// The titles of the fixes offered for a markup's diagnostics, in source order (an empty string where none is offered),
/// after checking the diagnostics as <see cref="CodeFixVerifier{TAnalyzer, TCodeFix}"/> does.
/// </summary>
internal static class CodeFixTitles<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static async Task<string[]> GetAsync(string markup)
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

        var provider = new TCodeFix();
        var titles = new List<string>();
        foreach (Diagnostic diagnostic in result.Diagnostics)
        {
            var actions = new List<CodeAction>();
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).ConfigureAwait(false);
            titles.Add(actions.Count == 0 ? string.Empty : actions[0].Title);
        }

        return titles.ToArray();
    }
}

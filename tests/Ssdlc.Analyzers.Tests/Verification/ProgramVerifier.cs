using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// Like <see cref="AnalyzerVerifier{TAnalyzer}"/>, for a Program.cs with top-level statements: the sample is compiled
/// as an executable, with the Web SDK's implicit usings in a second file.
/// </summary>
internal static class ProgramVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup)
    {
        (string source, ImmutableArray<ExpectedDiagnostic> expected) = Markup.Parse(markup);
        Compilation compilation = CSharpCompilation.Create(
            "TestProgram",
            new[]
            {
                CSharpSyntaxTree.ParseText(source, AnalyzerRunner.ParseOptions, "/src/Program.cs", Encoding.UTF8),
                CSharpSyntaxTree.ParseText(WebSdk.ImplicitUsings, AnalyzerRunner.ParseOptions, WebSdk.ImplicitUsingsPath, Encoding.UTF8),
            },
            TestReferences.All,
            AnalyzerRunner.CompilationOptions.WithOutputKind(OutputKind.ConsoleApplication));
        Verify.AssertCompiles(compilation);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer())).ConfigureAwait(false);
        Verify.AssertNoAnalyzerFailures(result);
        Verify.AssertDiagnosticsMatch(SourceText.From(source), expected, result.Diagnostics.Where(d => d.Location.SourceTree?.FilePath == "/src/Program.cs").ToImmutableArray());
        return result.Diagnostics;
    }
}

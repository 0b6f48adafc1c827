using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// Like <see cref="ProgramVerifier{TAnalyzer}"/>, for a web project of several files (Program.cs, Startup.cs, extension
/// classes): each file is markup, compiled together as an executable with the Web SDK's implicit usings; the diagnostics
/// of every file must match its markup. For rules that look at the whole program (compilation end).
/// </summary>
internal static class WebProjectVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <param name="files">(file name, markup) pairs, e.g. ("Program.cs", "..."), ("Startup.cs", "...").</param>
    /// <param name="outputKind">An executable by default; a class library for library projects.</param>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(IEnumerable<(string Name, string Markup)> files, OutputKind outputKind = OutputKind.ConsoleApplication)
    {
        var parsed = files.Select(f => (Path: "/src/" + f.Name, Parsed: Markup.Parse(f.Markup))).ToList();
        var trees = parsed
            .Select(f => CSharpSyntaxTree.ParseText(f.Parsed.Source, AnalyzerRunner.ParseOptions, f.Path, Encoding.UTF8))
            .Append(CSharpSyntaxTree.ParseText(WebSdk.ImplicitUsings, AnalyzerRunner.ParseOptions, WebSdk.ImplicitUsingsPath, Encoding.UTF8));
        Compilation compilation = CSharpCompilation.Create("TestWebProject", trees, TestReferences.All, AnalyzerRunner.CompilationOptions.WithOutputKind(outputKind));
        Verify.AssertCompiles(compilation);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer())).ConfigureAwait(false);
        Verify.AssertNoAnalyzerFailures(result);
        Assert.DoesNotContain(result.Diagnostics, d => !parsed.Any(f => f.Path == d.Location.SourceTree?.FilePath));
        foreach (var file in parsed)
        {
            Verify.AssertDiagnosticsMatch(
                SourceText.From(file.Parsed.Source),
                file.Parsed.Expected,
                result.Diagnostics.Where(d => d.Location.SourceTree?.FilePath == file.Path).ToImmutableArray());
        }

        return result.Diagnostics;
    }

    public static Task<ImmutableArray<Diagnostic>> VerifyAsync(params (string Name, string Markup)[] files)
        => VerifyAsync(files, OutputKind.ConsoleApplication);
}

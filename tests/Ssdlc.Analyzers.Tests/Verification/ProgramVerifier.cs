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
    private const string WebImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
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

    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup)
    {
        (string source, ImmutableArray<ExpectedDiagnostic> expected) = Markup.Parse(markup);
        Compilation compilation = CSharpCompilation.Create(
            "TestProgram",
            new[]
            {
                CSharpSyntaxTree.ParseText(source, AnalyzerRunner.ParseOptions, "/src/Program.cs", Encoding.UTF8),
                CSharpSyntaxTree.ParseText(WebImplicitUsings, AnalyzerRunner.ParseOptions, "/src/GlobalUsings.g.cs", Encoding.UTF8),
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

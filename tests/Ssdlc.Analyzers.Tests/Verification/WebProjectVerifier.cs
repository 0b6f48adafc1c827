using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

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
        var test = new AnalyzerVerifier<TAnalyzer>.Test();
        foreach ((string name, string markup) in files)
        {
            test.TestState.Sources.Add(("/src/" + name, markup));
        }

        test.TestState.Sources.Add((WebSdk.ImplicitUsingsPath, WebSdk.ImplicitUsings));
        test.TestState.OutputKind = outputKind;
        await test.RunAsync().ConfigureAwait(false);
        return test.ReportedDiagnostics;
    }

    public static Task<ImmutableArray<Diagnostic>> VerifyAsync(params (string Name, string Markup)[] files)
        => VerifyAsync(files, OutputKind.ConsoleApplication);
}

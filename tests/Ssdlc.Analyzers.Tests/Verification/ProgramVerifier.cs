using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// Like <see cref="AnalyzerVerifier{TAnalyzer}"/>, for a Program.cs with top-level statements: the sample is compiled
/// as an executable, with the Web SDK's implicit usings in a second file (a one-file <see cref="WebProjectVerifier{TAnalyzer}"/>).
/// </summary>
internal static class ProgramVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup)
        => WebProjectVerifier<TAnalyzer>.VerifyAsync(("Program.cs", markup));
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// <c>VerifyCS</c> for an analyzer, on Microsoft.CodeAnalysis.Testing: <c>{|ID:text|}</c> markup gives the expected
/// diagnostics (ID and exact span); the sample must compile (compiler errors are diagnostics the markup does not
/// expect); an analyzer exception (AD0001) fails the test; the library checks again with the reported IDs disabled
/// by <c>#pragma warning disable</c>. References are the ones the tests have always compiled against
/// (<see cref="TestReferences"/>), nothing is downloaded.
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <returns>The analyzer's diagnostics, in source order, so a test can check messages and additional locations too.</returns>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup)
    {
        var test = new Test { TestCode = markup };
        await test.RunAsync().ConfigureAwait(false);
        return test.ReportedDiagnostics;
    }

    /// <summary>The library's own form: expected diagnostics from the markup and from <paramref name="expected"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync().ConfigureAwait(false);
        return test.ReportedDiagnostics;
    }

    /// <summary>An expected diagnostic of the analyzer's first descriptor with <paramref name="id"/>.</summary>
    public static DiagnosticResult Diagnostic(string id) => new(Descriptor(id));

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    private static DiagnosticDescriptor Descriptor(string id)
        => new TAnalyzer().SupportedDiagnostics.FirstOrDefault(d => d.Id == id)
           ?? throw new ArgumentException($"{typeof(TAnalyzer).Name} does not report {id}.", nameof(id));

    /// <summary>The test object, for what the short forms do not cover (several files, analyzer config files, output kind).</summary>
    internal sealed class Test : CSharpAnalyzerTest<TAnalyzer, XunitVerifier>
    {
        private readonly ReportedDiagnosticsRecorder _recorder = new();

        public Test() => TestSetup.Apply(this);

        /// <summary>What the analyzer reported on the test state as given (before the library's variations), in source order.</summary>
        public ImmutableArray<Diagnostic> ReportedDiagnostics => _recorder.Reported(GetDiagnosticAnalyzers());

        public ImmutableArray<(Project Project, Diagnostic Diagnostic)> ReportedDiagnosticsWithProjects => _recorder.ReportedWithProjects(GetDiagnosticAnalyzers());

        protected override CompilationOptions CreateCompilationOptions() => TestSetup.CompilationOptions;

        protected override ParseOptions CreateParseOptions() => TestSetup.ParseOptions;

        protected override ImmutableArray<(Project project, Diagnostic diagnostic)> FilterDiagnostics(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics)
            => _recorder.Record(base.FilterDiagnostics(diagnostics));
    }
}

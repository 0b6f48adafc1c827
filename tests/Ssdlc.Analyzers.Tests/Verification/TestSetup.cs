using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>How every library-based test here is set up: the same compilation as <see cref="AnalyzerRunner"/>, offline.</summary>
internal static class TestSetup
{
    /// <summary>
    /// No reference packs: the library would otherwise download Microsoft.NETCore.App.Ref from a package source. The
    /// references come from <see cref="TestReferences"/> instead. With no package listed, resolving this set reads
    /// no feed (it is resolved once, as an empty set).
    /// </summary>
    public static ReferenceAssemblies NoReferencePacks { get; } = new("net10.0");

    public static CSharpCompilationOptions CompilationOptions => AnalyzerRunner.CompilationOptions;

    public static CSharpParseOptions ParseOptions => AnalyzerRunner.ParseOptions;

    public static void Apply<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = NoReferencePacks;
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);

        // SSDLC1004 and SSDLC1010 have a second descriptor (same ID) for what they report at compilation end: markup
        // names the ID, and either descriptor matches it.
        test.MarkupOptions = MarkupOptions.UseFirstDescriptor;
    }
}

/// <summary>
/// Keeps what the analyzers reported on the test state as given: the library's first analysis of a test. It also
/// formats every message the library sees, which catches a message format whose arguments do not match the report site.
/// </summary>
internal sealed class ReportedDiagnosticsRecorder
{
    private readonly object _gate = new();
    private ImmutableArray<(Project Project, Diagnostic Diagnostic)>? _first;

    public ImmutableArray<(Project project, Diagnostic diagnostic)> Record(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics)
    {
        foreach ((_, Diagnostic diagnostic) in diagnostics)
        {
            try
            {
                _ = diagnostic.GetMessage();
            }
            catch (FormatException e)
            {
                Assert.Fail($"{diagnostic.Id} message cannot be formatted: {e.Message}");
            }
        }

        lock (_gate)
        {
            _first ??= diagnostics.Select(d => (d.project, d.diagnostic)).ToImmutableArray();
        }

        return diagnostics;
    }

    /// <summary>The recorded diagnostics with the analyzers' own IDs, in source order.</summary>
    public ImmutableArray<Diagnostic> Reported(IEnumerable<DiagnosticAnalyzer> analyzers)
        => ReportedWithProjects(analyzers).Select(d => d.Diagnostic).ToImmutableArray();

    /// <summary>As <see cref="Reported"/>, each with the project it was reported in (for asking a code fix about it).</summary>
    public ImmutableArray<(Project Project, Diagnostic Diagnostic)> ReportedWithProjects(IEnumerable<DiagnosticAnalyzer> analyzers)
    {
        var ownIds = new HashSet<string>(analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id), StringComparer.Ordinal);
        ImmutableArray<(Project Project, Diagnostic Diagnostic)> first;
        lock (_gate)
        {
            first = _first ?? ImmutableArray<(Project, Diagnostic)>.Empty;
        }

        return first
            .Where(d => ownIds.Contains(d.Diagnostic.Id))
            .OrderBy(d => d.Diagnostic.Location.SourceSpan.Start)
            .ThenBy(d => d.Diagnostic.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }
}

using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Injection;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>Every analyzer the Ssdlc.Analyzers assembly ships, as a loader finds them, in a stable order.</summary>
internal static class ProductAnalyzers
{
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(SqlInjectionAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();
}

using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Hosting;
using Ssdlc.Analyzers.Injection;

namespace Ssdlc.Analyzers.Tests.Verification;

internal static class ProductAnalyzers
{
    /// <summary>Every analyzer the Ssdlc.Analyzers assembly ships, as a loader finds them (the rule hosts), in a stable order.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = typeof(SqlInjectionAnalyzer).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every rule the hosts run, each as an analyzer of its own, in a stable order: for per-rule measurements.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Rules { get; } = All.OfType<RuleHost>()
        .SelectMany(h => h.Rules)
        .OrderBy(r => r.GetType().FullName, StringComparer.Ordinal)
        .ToImmutableArray();
}

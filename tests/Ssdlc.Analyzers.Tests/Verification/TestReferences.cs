using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// The metadata references test samples compile against: the test host's own trusted platform assemblies,
/// i.e. the .NET and ASP.NET Core shared frameworks plus the packages this test project references
/// (EF Core Relational, Microsoft.Data.SqlClient, Microsoft.Data.Sqlite, Dapper, Newtonsoft.Json,
/// System.DirectoryServices, System.DirectoryServices.Protocols, System.Linq.Dynamic.Core and the Roslyn scripting API).
/// Built once per test run.
/// </summary>
internal static class TestReferences
{
    // Test infrastructure and our own assemblies stay out, so samples see only what a real app would.
    private static readonly string[] ExcludedPrefixes =
    {
        "xunit", "testhost", "Microsoft.TestPlatform", "Microsoft.VisualStudio", "Microsoft.CodeAnalysis",
        "Microsoft.CodeCoverage", "Ssdlc.", "Humanizer",
    };

    // Apps that evaluate C# scripts reference the scripting API (SSDLC0406), which sits on Roslyn itself.
    private static readonly string[] IncludedDespitePrefix =
    {
        "Microsoft.CodeAnalysis.Scripting.dll", "Microsoft.CodeAnalysis.CSharp.Scripting.dll",
    };

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAll = new(LoadAll);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyCoreOnly = new(() =>
        All.Where(r => IsOneOf(r, "System.Private.CoreLib", "System.Runtime", "netstandard")).ToImmutableArray());

    /// <summary>Everything a realistic ASP.NET Core + data access app sees.</summary>
    public static ImmutableArray<MetadataReference> All => LazyAll.Value;

    /// <summary>Only the core library: for samples where well-known types must be absent.</summary>
    public static ImmutableArray<MetadataReference> CoreOnly => LazyCoreOnly.Value;

    private static ImmutableArray<MetadataReference> LoadAll()
    {
        string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new InvalidOperationException("The test host exposes no TRUSTED_PLATFORM_ASSEMBLIES.");
        return tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(path => IncludedDespitePrefix.Contains(Path.GetFileName(path), StringComparer.OrdinalIgnoreCase)
                || !ExcludedPrefixes.Any(p => Path.GetFileName(path).StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static bool IsOneOf(MetadataReference reference, params string[] names)
        => reference is PortableExecutableReference pe
           && names.Contains(Path.GetFileNameWithoutExtension(pe.FilePath), StringComparer.OrdinalIgnoreCase);
}

using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Ssdlc.EndToEnd.Tests.Infrastructure;
using Workspace = Ssdlc.EndToEnd.Tests.Infrastructure.Workspace;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// The IDE path: a host loads the project through MSBuildWorkspace, takes the analyzer references the package
/// contributes, runs them, and offers the code fixes from the same package.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class IdeWorkspaceTests(PackedPackages packages)
{
    [Fact]
    public async Task MSBuildWorkspace_loads_the_packaged_analyzers_and_code_fixes()
    {
        Workspace ws = packages.CreateWorkspace("ide");
        string dir = ws.CopySample("VulnerableApp");
        ProcessResult restore = ws.Dotnet("restore", Path.Combine(dir, "VulnerableApp.csproj"));
        Assert.True(restore.ExitCode == 0, restore.ToString());

        // The design-time build runs in a build host process that inherits this environment.
        Environment.SetEnvironmentVariable("NUGET_PACKAGES", packages.PackagesFolder);
        using var workspace = MSBuildWorkspace.Create();
        Project project = await workspace.OpenProjectAsync(Path.Combine(dir, "VulnerableApp.csproj"));

        var references = project.AnalyzerReferences.Where(r => r.FullPath?.Contains("ssdlc.sdk", StringComparison.OrdinalIgnoreCase) == true).ToList();
        Assert.Contains(references, r => Path.GetFileName(r.FullPath) == "Ssdlc.Analyzers.dll");
        Assert.All(references, r => Assert.StartsWith(packages.PackagesFolder, r.FullPath!, StringComparison.Ordinal));
        ImmutableArray<DiagnosticAnalyzer> analyzers = references.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        Assert.NotEmpty(analyzers);

        Compilation compilation = (await project.GetCompilationAsync())!;
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Diagnostic sql = diagnostics.First(d => d.Id == "SSDLC0401" && d.GetMessage().Contains("FromSqlRaw", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "SSDLC1001");
        Assert.Contains(diagnostics, d => d.Id == "SSDLC1101"); // the detector (Ssdlc.Detection.dll) loads from the package too
        Assert.Contains(diagnostics, d => d.Id == "SSDLC0001");
        Assert.Equal(DiagnosticSeverity.Error, sql.Severity);

        CodeFixProvider fixer = references
            .OfType<AnalyzerFileReference>()
            .Where(r => Path.GetFileName(r.FullPath) == "Ssdlc.CodeFixes.dll")
            .SelectMany(r => r.GetAssembly().GetTypes())
            .Where(t => t.GetCustomAttribute<ExportCodeFixProviderAttribute>() != null && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .First(f => f.FixableDiagnosticIds.Contains("SSDLC0401"));
        Document document = project.GetDocument(sql.Location.SourceTree!)!;
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, sql, (action, _) => actions.Add(action), CancellationToken.None));
        CodeAction fix = Assert.Single(actions);
        ImmutableArray<CodeActionOperation> operations = await fix.GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        string fixedText = (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();

        Assert.Contains("db.Products.FromSql($\"SELECT * FROM Products WHERE Name = ", fixedText, StringComparison.Ordinal);
        Assert.DoesNotContain("FromSqlRaw", fixedText, StringComparison.Ordinal);
    }
}

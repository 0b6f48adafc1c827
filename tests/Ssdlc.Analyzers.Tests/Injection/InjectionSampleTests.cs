using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Files;
using Ssdlc.Analyzers.Injection;
using Ssdlc.Analyzers.Tests.Verification;
using Ssdlc.Tests;

namespace Ssdlc.Analyzers.Tests.Injection;

/// <summary>
/// The sample apps' controllers for SSDLC0302/0402–0405, compiled from the files in samples/ against net10 ASP.NET Core
/// with the Web SDK's implicit usings: they must compile, and report exactly the findings their comments announce.
/// </summary>
public class InjectionSampleTests
{
    private const string WebSdkImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
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

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
        new CommandInjectionAnalyzer(),
        new CrossSiteScriptingAnalyzer(),
        new XPathInjectionAnalyzer(),
        new LdapInjectionAnalyzer(),
        new UploadLimitAnalyzer());

    [Fact]
    public async Task VulnerableApp_controllers_report_each_announced_finding()
    {
        var findings = await RunAsync("VulnerableApp", "ToolsController.cs", "ReportsController.cs");
        Assert.Equal(
            new[]
            {
                "ReportsController.cs:16 SSDLC0405",
                "ReportsController.cs:23 SSDLC0404",
                "ToolsController.cs:16 SSDLC0403",
                "ToolsController.cs:22 SSDLC0302",
            },
            findings);
    }

    [Fact]
    public async Task CompliantApp_controllers_report_nothing()
    {
        Assert.Empty(await RunAsync("CompliantApp", "ToolsController.cs", "ReportsController.cs"));
    }

    private static async Task<string[]> RunAsync(string app, params string[] controllers)
    {
        var trees = controllers
            .Select(name => Path.Combine(RepoPaths.Root, "samples", app, "Controllers", name))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), AnalyzerRunner.ParseOptions, path))
            .Append(CSharpSyntaxTree.ParseText(WebSdkImplicitUsings, AnalyzerRunner.ParseOptions, "/src/GlobalUsings.g.cs"))
            .ToArray();
        Compilation compilation = CSharpCompilation.Create(app, trees, TestReferences.All, AnalyzerRunner.CompilationOptions);
        Verify.AssertCompiles(compilation);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, Analyzers);
        Verify.AssertNoAnalyzerFailures(result);
        return result.Diagnostics
            .Select(d => $"{Path.GetFileName(d.Location.SourceTree!.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1} {d.Id}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();
    }
}

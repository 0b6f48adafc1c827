using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Authorization;
using Ssdlc.Analyzers.Headers;
using Ssdlc.Analyzers.Sessions;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

/// <summary>
/// Rules that read application-wide facts share one collector per compilation, fed once (SSDLC0705 and SSDLC0801:
/// <c>AuthenticationSetupFacts</c>; SSDLC1401-1403: <c>HttpPipelineFacts</c>): run together, apart, in separate passes or
/// after a pass over part of a file, each reports exactly what it reports alone.
/// </summary>
public class SharedFactsTests
{
    private const string Program = """
        using Microsoft.AspNetCore.Mvc;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthentication().AddCookie();
        builder.Services.AddAntiforgery();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost("/orders", ([FromForm] string name) => Results.Ok(name)).DisableAntiforgery();
        NoteRoutes.Map(app.MapGroup("/notes"));
        app.Run();

        static class NoteRoutes
        {
            public static void Map(IEndpointRouteBuilder routes)
            {
                routes.MapPost("/", ([FromForm] string text) => Results.Ok(text)).DisableAntiforgery();
                routes.MapDelete("/{id}", (int id) => Results.NoContent());
            }
        }
        """;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Both =
        ImmutableArray.Create<DiagnosticAnalyzer>(new AntiforgeryValidationAnalyzer(), new MissingAuthorizationAnalyzer());

    private const string TwoHosts = """
        var shop = WebApplication.CreateBuilder(args);
        shop.Services.AddRazorPages();
        shop.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(7));
        var shopApp = shop.Build();
        shopApp.UseHsts();
        shopApp.MapRazorPages();
        shopApp.Run();

        var admin = WebApplication.CreateBuilder(args);
        admin.Services.AddControllersWithViews();
        var adminApp = admin.Build();
        adminApp.MapDefaultControllerRoute();
        adminApp.Run();
        """;

    [Fact]
    public async Task Pipeline_rules_together_report_what_each_reports_alone()
    {
        DiagnosticAnalyzer[] analyzers = { new HttpsEnforcementAnalyzer(), new HstsPolicyAnalyzer(), new SecurityHeadersMissingAnalyzer() };
        ImmutableArray<string> alone = ImmutableArray<string>.Empty;
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            ImmutableArray<string> own = await AloneAsync(analyzer, TwoHosts);
            Assert.NotEmpty(own);
            alone = alone.AddRange(own);
        }

        AnalyzerRunResult together = await AnalyzerRunner.RunAsync(CreateCompilation(TwoHosts), analyzers.ToImmutableArray());
        Assert.Empty(together.AnalyzerFailures);
        Assert.Equal(string.Join("\n", alone.Sort(StringComparer.Ordinal)), string.Join("\n", Describe(together.Diagnostics).Sort(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Together_each_rule_reports_what_it_reports_alone()
    {
        ImmutableArray<string> antiforgery = await AloneAsync(new AntiforgeryValidationAnalyzer());
        ImmutableArray<string> authorization = await AloneAsync(new MissingAuthorizationAnalyzer());

        // Both rules find something here, one finding per endpoint: a second feed of the facts would double them.
        Assert.Equal(2, antiforgery.Length);
        Assert.Equal(3, authorization.Length);

        AnalyzerRunResult together = await AnalyzerRunner.RunAsync(CreateCompilation(), Both);
        Assert.Empty(together.AnalyzerFailures);
        Assert.Equal(string.Join("\n", antiforgery.AddRange(authorization).Sort(StringComparer.Ordinal)), string.Join("\n", Describe(together.Diagnostics).Sort(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Separate_passes_over_one_compilation_see_complete_facts()
    {
        ImmutableArray<string> antiforgery = await AloneAsync(new AntiforgeryValidationAnalyzer());
        ImmutableArray<string> authorization = await AloneAsync(new MissingAuthorizationAnalyzer());

        // As an editor does: a pass over part of the file for one rule, then whole-compilation passes per rule, all on
        // the same CompilationWithAnalyzers (one compilation, so one shared set of facts).
        Compilation compilation = CreateCompilation();
        CompilationWithAnalyzers passes = compilation.WithAnalyzers(Both, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        SyntaxTree program = compilation.SyntaxTrees.First(t => t.FilePath == "/src/Program.cs");
        int firstLineEnd = program.GetText().Lines[2].End;
        await passes.GetAnalyzerSemanticDiagnosticsAsync(
            compilation.GetSemanticModel(program), new Microsoft.CodeAnalysis.Text.TextSpan(0, firstLineEnd), ImmutableArray.Create(Both[1]), CancellationToken.None);

        ImmutableArray<Diagnostic> second = await passes.GetAnalyzerDiagnosticsAsync(ImmutableArray.Create(Both[1]), CancellationToken.None);
        ImmutableArray<Diagnostic> first = await passes.GetAnalyzerDiagnosticsAsync(ImmutableArray.Create(Both[0]), CancellationToken.None);

        Assert.Equal(string.Join("\n", authorization), string.Join("\n", Describe(second)));
        Assert.Equal(string.Join("\n", antiforgery), string.Join("\n", Describe(first)));
    }

    private static async Task<ImmutableArray<string>> AloneAsync(DiagnosticAnalyzer analyzer, string program = Program)
    {
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(CreateCompilation(program), ImmutableArray.Create(analyzer));
        Assert.Empty(result.AnalyzerFailures);
        return Describe(result.Diagnostics);
    }

    private static ImmutableArray<string> Describe(ImmutableArray<Diagnostic> diagnostics)
        => diagnostics
            .Where(d => d.Id.StartsWith("SSDLC", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(AnalyzerRunner.Describe)
            .ToImmutableArray();

    private static Compilation CreateCompilation(string program = Program)
    {
        Compilation compilation = CSharpCompilation.Create(
            "SharedFacts",
            new[]
            {
                CSharpSyntaxTree.ParseText(program, AnalyzerRunner.ParseOptions, "/src/Program.cs", Encoding.UTF8),
                CSharpSyntaxTree.ParseText(WebSdk.ImplicitUsings, AnalyzerRunner.ParseOptions, WebSdk.ImplicitUsingsPath, Encoding.UTF8),
            },
            TestReferences.All,
            AnalyzerRunner.CompilationOptions.WithOutputKind(OutputKind.ConsoleApplication));
        Verify.AssertCompiles(compilation);
        return compilation;
    }
}

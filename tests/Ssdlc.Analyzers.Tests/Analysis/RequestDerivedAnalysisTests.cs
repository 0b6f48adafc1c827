using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

/// <summary>
/// Probes: <c>Tainted(x)</c> must be request-derived and <c>Clean(x)</c> must not (all sources, no sanitizer);
/// <c>Sanitized(x)</c> is request-derived but clean once <c>Path.GetFileName</c> counts as a sanitizer;
/// <c>ClientName(x)</c> carries the client's file name and <c>NotClientName(x)</c> does not;
/// <c>EntryName(x)</c> carries an archive entry name and <c>NotEntryName(x)</c> does not.
/// </summary>
public class RequestDerivedAnalysisTests
{
    private const string Probes = """
        static partial class Probe
        {
            public static void Tainted(object? value) { }
            public static void Clean(object? value) { }
            public static void Sanitized(object? value) { }
            public static void ClientName(object? value) { }
            public static void NotClientName(object? value) { }
            public static void EntryName(object? value) { }
            public static void NotEntryName(object? value) { }
        }
        """;

    [Fact]
    public void Controller_action_parameters_are_sources_but_services_tokens_and_numbers_are_not()
    {
        Check("""
            using System.Threading;
            using Microsoft.AspNetCore.Mvc;
            using static Probe;

            public record SearchModel(string Term, int Page);

            public interface IStore { string Root { get; } }

            [ApiController, Route("api/files")]
            public class FilesController : Controller
            {
                private readonly string _root = "/data";

                [HttpGet("{name}")]
                public IActionResult Get(string name, int id, [FromQuery] SearchModel model, [FromServices] IStore store, CancellationToken ct)
                {
                    Tainted(name);
                    Tainted(model);
                    Tainted(model.Term);
                    Clean(model.Page);
                    Clean(id);
                    Clean($"{id}.txt");
                    Clean(store);
                    Clean(store.Root);
                    Clean(ct);
                    Clean(_root);
                    Clean("constant");
                    Clean(int.Parse(name));
                    return Ok();
                }

                [NonAction]
                public void Helper(string path) => Clean(path);

                public override void OnActionExecuting(Microsoft.AspNetCore.Mvc.Filters.ActionExecutingContext context)
                    => Clean(context.HttpContext.TraceIdentifier);

                private void PrivateHelper(string path) => Clean(path);

                public static void StaticHelper(string path) => Clean(path);
            }

            public class PlainService
            {
                public void Save(string path) => Clean(path);
                public void Bound([FromQuery] string path) => Tainted(path);
            }

            [Controller]
            public class Legacy
            {
                public void Index(string returnUrl) => Tainted(returnUrl);
            }

            // ASP.NET Core's rule: a public class named *Controller is a controller, and so are the derived classes of an
            // abstract base controller (whose public methods are their actions).
            public class PocoController
            {
                public void Find(string term) => Tainted(term);
            }

            public abstract class ApiBase : ControllerBase
            {
                public IActionResult Lookup(string key) { Tainted(key); return Ok(); }
            }

            internal class InternalController
            {
                public void Find(string term) => Clean(term);
            }
            """);
    }

    [Fact]
    public void HttpRequest_members_are_sources_through_indexers_conversions_and_out_values()
    {
        Check("""
            using System.IO;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.Extensions;
            using Microsoft.AspNetCore.Mvc;
            using static Probe;

            public class Handler
            {
                public async Task Run(HttpContext context, HttpRequest request)
                {
                    Tainted(context.Request.Query["path"]);
                    Tainted((string?)context.Request.Query["path"]);
                    Tainted(context.Request.Query["path"].ToString());
                    Tainted(request.Form["name"].FirstOrDefault());
                    Tainted(request.Headers["X-Target"]);
                    Tainted(request.Headers.Referer);
                    Tainted(request.Cookies["theme"]);
                    Tainted(request.RouteValues["id"]);
                    Tainted(request.Path.Value);
                    Tainted(request.QueryString.Value);
                    Tainted(request.GetDisplayUrl());
                    Tainted(await new StreamReader(request.Body).ReadToEndAsync());
                    var form = await request.ReadFormAsync();
                    Tainted(form["field"]);
                    if (request.Query.TryGetValue("q", out var q))
                    {
                        Tainted(q);
                    }

                    if (request.Cookies.TryGetValue("c", out string? cookie))
                    {
                        Tainted(cookie);
                    }

                    foreach (var header in request.Headers["Accept"])
                    {
                        Tainted(header);
                    }

                    Clean(context);
                    Clean(request.Method == "GET");
                    Clean(request.ContentLength);
                    Clean(context.Response.StatusCode);
                    Clean(context.TraceIdentifier);
                    Clean(request.Query.Count);
                }
            }

            public class Page : ControllerBase
            {
                private string Read() => Request.Query["x"]!;

                public void Show()
                {
                    Tainted(Request.Query["x"]);
                    Tainted(HttpContext.Request.Form["y"]);
                    Tainted(Read());
                    Clean(Response.Headers["X"]);
                }
            }
            """);
    }

    [Fact]
    public void Values_flow_through_locals_concatenation_formatting_builders_and_string_methods()
    {
        Check("""
            using System;
            using System.Globalization;
            using System.IO;
            using System.Text;
            using Microsoft.AspNetCore.Mvc;
            using static Probe;

            public class ReportsController : Controller
            {
                private const string Root = "/var/reports";

                public IActionResult Download(string file, string? folder, int year)
                {
                    var trimmed = file.Trim().ToLowerInvariant();
                    string path = Path.Combine(Root, folder ?? "default", trimmed);
                    Tainted(trimmed);
                    Tainted(path);
                    Tainted(Root + "/" + file);
                    Tainted($"{Root}/{file}");
                    Tainted(string.Format(CultureInfo.InvariantCulture, "{0}/{1}", Root, file));
                    Tainted(string.Concat(Root, file.Substring(1)));
                    Tainted(Path.GetFullPath(path));
                    Tainted(Uri.UnescapeDataString(file));
                    Tainted(new Uri(file, UriKind.RelativeOrAbsolute));

                    var sb = new StringBuilder(Root);
                    sb.Append('/').Append(file);
                    Tainted(sb.ToString());
                    Tainted(new StringBuilder().Append(folder).ToString());

                    string label = "report";
                    label = label + "-" + year;
                    Clean(label);
                    Clean(Path.Combine(Root, $"{year}.pdf"));
                    Clean(Path.GetRandomFileName());
                    Clean(Path.GetExtension(file));
                    Clean(file.Length);
                    Clean(file.Contains("..", StringComparison.Ordinal));
                    Clean(Guid.NewGuid().ToString("N") + ".pdf");

                    string cycle = "a";
                    for (int i = 0; i < 3; i++)
                    {
                        cycle = cycle + cycle;
                    }

                    Clean(cycle);

                    string other = "start";
                    other = other + file;
                    Tainted(other);

                    var choice = year > 2000 ? file : "old";
                    Tainted(choice);

                    Sanitized(Path.Combine(Root, Path.GetFileName(file)));
                    Sanitized(Path.GetFileNameWithoutExtension(file) + ".pdf");
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public void Minimal_api_handler_lambdas_have_request_derived_parameters_but_services_do_not()
    {
        Check("""
            using System.IO;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using static Probe;

            public interface IFileStore { string Root { get; } }

            public record Upload(string Name, string Folder);

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/files/{name}", (string name, IFileStore store, HttpContext context) =>
                    {
                        Tainted(name);
                        Tainted(Path.Combine(store.Root, name));
                        Tainted(context.Request.Query["v"]);
                        Clean(store.Root);
                        Clean(context.TraceIdentifier);
                        return Results.Ok();
                    });
                    app.MapPost("/upload", (Upload upload) => { Tainted(upload.Folder); });
                    app.MapPut("/x/{id}", (int id, [FromServices] IFileStore store) => { Clean(id); Clean(store); });
                    app.MapMethods("/m", new[] { "PATCH" }, (string m) => { Tainted(m); });
                    app.MapDelete("/d", Delete);

                    System.Action<string> notAHandler = s => Clean(s);
                    notAHandler("x");
                }

                private static void Delete([FromQuery] string path, string other)
                {
                    Tainted(path);
                    Clean(other);
                }
            }
            """);
    }

    [Fact]
    public void Razor_page_handlers_and_bound_properties_are_sources()
    {
        Check("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            using static Probe;

            public class EditModel : PageModel
            {
                [BindProperty]
                public string Title { get; set; } = "";

                public string Heading { get; set; } = "";

                public void OnGet(string returnUrl)
                {
                    Tainted(returnUrl);
                    Tainted(Title);
                    Clean(Heading);
                }

                public void Helper(string value) => Clean(value);
            }

            [BindProperties]
            public class SearchModel : PageModel
            {
                public string Query { get; set; } = "";

                public void OnPostAsync() => Tainted(Query);
            }
            """);
    }

    [Fact]
    public void Client_file_names_are_a_source_of_their_own()
    {
        Check("""
            using System;
            using System.IO;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using static Probe;

            public class UploadService
            {
                public void Save(IFormFile file, string folder)
                {
                    ClientName(file.FileName);
                    ClientName(Path.Combine(folder, file.FileName));
                    ClientName(Path.Combine(folder, Path.GetFileName(file.FileName)));
                    ClientName(file.ContentDisposition);
                    NotClientName(Path.GetRandomFileName());
                    NotClientName(Guid.NewGuid() + Path.GetExtension(file.FileName));
                    NotClientName(file.Name);
                    NotClientName(folder);
                    Tainted(file.FileName);
                    Tainted(file.ContentType);
                    Clean(file.Length);
                }
            }

            public class UploadsController : ControllerBase
            {
                public IActionResult Post(IFormFile document)
                {
                    Tainted(document.Name);
                    ClientName(Request.Form.Files[0].FileName);
                    NotClientName(document.Name);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public void Values_flow_through_helper_methods_and_into_helpers_through_their_callers()
    {
        Check("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using static Probe;

            public class SearchController : ControllerBase
            {
                [HttpGet]
                public async Task<IActionResult> Find(string term, int page)
                {
                    Tainted(Quote(term));
                    Clean(Quote("fixed"));
                    Tainted(await Normalise(term));
                    Clean(Count(term));
                    Clean(Constant(term));
                    QueryHelpers.Run(term);
                    QueryHelpers.Safe("all");
                    QueryHelpers.Paged(page);
                    return Ok();
                }

                private static string Quote(string value) => "'" + value.Trim() + "'";

                private static Task<string> Normalise(string value) => Task.FromResult(value.ToLowerInvariant());

                private static int Count(string value) => value.Length;

                private static string Constant(string value) => "x";
            }

            public static class QueryHelpers
            {
                public static void Run(string query) => Tainted(query);

                public static void Safe(string query) => Clean(query);

                public static void Paged(int page) => Clean(page);

                public static void Unused(string query) => Clean(query);
            }
            """);
    }

    [Fact]
    public void Archive_entry_names_are_a_source_of_their_own_that_request_rules_do_not_see()
    {
        Check("""
            using System.Formats.Tar;
            using System.IO;
            using System.IO.Compression;
            using Microsoft.AspNetCore.Mvc;
            using static Probe;

            public class ImportController : ControllerBase
            {
                public IActionResult Import(string folder)
                {
                    using ZipArchive archive = ZipFile.OpenRead("/srv/upload.zip");
                    foreach (ZipArchiveEntry entry in archive.Entries)
                    {
                        EntryName(entry.FullName);
                        EntryName(entry.Name);
                        EntryName(Path.Combine("/srv/out", entry.FullName));
                        EntryName($"/srv/out/{entry.FullName.ToLowerInvariant()}");
                        NotEntryName(Path.Combine("/srv/out", Path.GetRandomFileName()));
                        NotEntryName(entry.Length);
                        NotEntryName(folder);
                        Clean(entry.FullName);
                        Tainted(folder);
                    }

                    using var reader = new TarReader(Request.Body);
                    TarEntry? tar = reader.GetNextEntry();
                    EntryName(tar!.Name);
                    EntryName(tar.LinkName);
                    NotEntryName(tar.Mode);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public void Archive_entry_names_need_no_aspnetcore()
    {
        MetadataReference[] withoutWeb = TestReferences.All
            .Where(r => !Path.GetFileName(((PortableExecutableReference)r).FilePath!).StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
            .ToArray();
        Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoWebButZip",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { System.IO.Compression.ZipArchiveEntry? E; }", AnalyzerRunner.ParseOptions) },
            withoutWeb,
            AnalyzerRunner.CompilationOptions);
        Assert.Null(RequestDerivedAnalysis.Create(compilation));
        Assert.Null(RequestDerivedAnalysis.Create(compilation, RequestSources.Request));
        Assert.NotNull(RequestDerivedAnalysis.Create(compilation, RequestSources.Request | RequestSources.ArchiveEntryName));
    }

    [Fact]
    public void Without_aspnetcore_there_is_no_analysis()
    {
        Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoWeb",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { }", AnalyzerRunner.ParseOptions) },
            TestReferences.CoreOnly,
            AnalyzerRunner.CompilationOptions);
        Assert.Null(RequestDerivedAnalysis.Create(compilation));
    }

    [Fact]
    public void Long_chains_and_self_referencing_locals_end()
    {
        var body = new System.Text.StringBuilder();
        body.AppendLine("string s0 = input;");
        for (int i = 1; i < 300; i++)
        {
            body.AppendLine($"string s{i} = s{i - 1} + \"x\"; s{i - 1} = s{i};");
        }

        Check($$"""
            using Microsoft.AspNetCore.Mvc;
            using static Probe;
            public class LongController : ControllerBase
            {
                public void Get(string input)
                {
                    {{body}}
                    Tainted(s3);
                    Clean(s299);
                }
            }
            """);
    }

    [Fact]
    public void Endpoint_map_calls_are_aspnetcore_map_methods_on_apps_and_groups()
    {
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;

            public static class Endpoints
            {
                public static void Map(WebApplication app, RouteGroupBuilder group, Router router)
                {
                    app.MapGet("/a", () => "a");
                    group.MapPost("/b", (string b) => b);
                    app.MapMethods("/c", new[] { "GET" }, () => "c");
                    router.MapGet("/d", () => "d");
                    app.UseRouting();
                }
            }

            public class Router
            {
                public void MapGet(string pattern, System.Func<string> handler) { }
            }
            """;
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, AnalyzerRunner.ParseOptions, "/src/Endpoints.cs");
        Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "EndpointTests", new[] { tree }, TestReferences.All, AnalyzerRunner.CompilationOptions);
        Verify.AssertCompiles(compilation);
        RequestDerivedAnalysis analysis = RequestDerivedAnalysis.Create(compilation)!;
        SemanticModel model = compilation.GetSemanticModel(tree);
        var judged = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(call => (IInvocationOperation)model.GetOperation(call)!)
            .Select(call => call.Syntax.ToString().Split('(')[0] + "=" + analysis.IsEndpointMapCall(call))
            .ToArray();
        Assert.Equal(
            new[] { "app.MapGet=True", "group.MapPost=True", "app.MapMethods=True", "router.MapGet=False", "app.UseRouting=False" },
            judged);
    }

    private static void Check(string source)
    {
        var trees = new[] { source, Probes }
            .Select((text, i) => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text, AnalyzerRunner.ParseOptions, $"/src/File{i}.cs"))
            .ToArray();
        Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "RequestDerivedTests", trees, TestReferences.All, AnalyzerRunner.CompilationOptions);
        Verify.AssertCompiles(compilation);
        RequestDerivedAnalysis analysis = RequestDerivedAnalysis.Create(compilation)!;
        Assert.NotNull(analysis);

        SyntaxTree tree = trees[0];
        SemanticModel model = compilation.GetSemanticModel(tree);
        var failures = new List<string>();
        int probes = 0;
        foreach (InvocationExpressionSyntax call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not IdentifierNameSyntax { Identifier.ValueText: "Tainted" or "Clean" or "Sanitized" or "ClientName" or "NotClientName" or "EntryName" or "NotEntryName" } name)
            {
                continue;
            }

            probes++;
            var invocation = (IInvocationOperation)model.GetOperation(call)!;
            IOperation value = invocation.Arguments[0].Value;
            string probe = name.Identifier.ValueText;
            string? failure = probe switch
            {
                "Tainted" => analysis.IsRequestDerived(value, default) ? null : "not request-derived",
                "Clean" => analysis.IsRequestDerived(value, default) ? "request-derived" : null,
                "Sanitized" => !analysis.IsRequestDerived(value, default) ? "not request-derived without sanitizer"
                    : analysis.IsRequestDerived(value, default, RequestSources.All, RequestSanitizers.FileName) ? "request-derived despite the sanitizer" : null,
                "ClientName" => analysis.IsRequestDerived(value, default, RequestSources.ClientFileName) ? null : "not the client's file name",
                "EntryName" => analysis.IsRequestDerived(value, default, RequestSources.ArchiveEntryName) ? null : "not an archive entry name",
                "NotEntryName" => analysis.IsRequestDerived(value, default, RequestSources.ArchiveEntryName) ? "an archive entry name" : null,
                _ => analysis.IsRequestDerived(value, default, RequestSources.ClientFileName) ? "the client's file name" : null,
            };
            if (failure is not null)
            {
                int line = call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                failures.Add($"line {line}: {call}: {failure}");
            }
        }

        Assert.True(probes > 0, "the sample has no probes");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

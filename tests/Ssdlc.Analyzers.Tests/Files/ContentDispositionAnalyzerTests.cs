using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Files.ContentDispositionAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Files;

public class ContentDispositionAnalyzerTests
{
    [Fact]
    public async Task Headers_built_from_file_names()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            [ApiController, Route("documents")]
            public class DocumentsController : ControllerBase
            {
                [HttpGet("{id:int}")]
                public async Task<IActionResult> Get(int id, string name)
                {
                    Response.Headers["Content-Disposition"] = {|SSDLC0303:"attachment; filename=" + name|};
                    await Task.Yield();
                    return new EmptyResult();
                }

                [HttpGet("inline/{name}")]
                public IActionResult Inline(string name)
                {
                    Response.Headers.Append(HeaderNames.ContentDisposition, {|SSDLC0303:$"inline; filename=\"{name}\""|});
                    return new EmptyResult();
                }

                [HttpGet("typed/{name}")]
                public IActionResult Typed(string name)
                {
                    Response.Headers.ContentDisposition = {|SSDLC0303:string.Format("attachment; filename={0}", name)|};
                    return new EmptyResult();
                }

                [HttpGet("local/{name}")]
                public IActionResult Local(string name)
                {
                    var header = "attachment; filename=\"" + name + "\"";
                    Response.Headers["content-disposition"] = {|SSDLC0303:header|};
                    return new EmptyResult();
                }
            }

            public class ExportService
            {
                public void Write(HttpResponse response, string reportName)
                    => response.Headers.Add("Content-Disposition", {|SSDLC0303:"attachment; filename=" + reportName + ".csv"|});

                public HttpResponseMessage Proxy(string fileName, byte[] content)
                {
                    var message = new HttpResponseMessage { Content = new ByteArrayContent(content) };
                    message.Content.Headers.TryAddWithoutValidation("Content-Disposition", {|SSDLC0303:$"attachment; filename={fileName}"|});
                    return message;
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/export/{name}", (string name, HttpContext context) =>
                    {
                        context.Response.Headers.Append("Content-Disposition", {|SSDLC0303:string.Concat("attachment; filename=", name)|});
                        return Results.Empty;
                    });
                }
            }
            """);
        Assert.Equal(
            "The Content-Disposition header is built from a non-constant file name by concatenation; use ContentDispositionHeaderValue or File(..., fileDownloadName), which quote and encode the name",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Header_value_types_download_names_and_constants_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Text;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            [ApiController, Route("documents")]
            public class DocumentsController : ControllerBase
            {
                private const string Report = "report.pdf";

                [HttpGet("{name}")]
                public IActionResult Get(string name, byte[] data)
                {
                    var disposition = new ContentDispositionHeaderValue("attachment");
                    disposition.SetHttpFileName(name);
                    Response.Headers.ContentDisposition = disposition.ToString();
                    return File(data, "application/pdf", fileDownloadName: name);
                }

                [HttpGet("constant")]
                public IActionResult Constant()
                {
                    Response.Headers["Content-Disposition"] = "attachment; filename=" + Report;
                    Response.Headers.Append("Content-Disposition", $"inline; filename=\"{Report}\"");
                    Response.Headers["X-File-Name"] = "name-" + Report;
                    return new EmptyResult();
                }

                [HttpGet("other/{name}")]
                public IActionResult OtherHeader(string name)
                {
                    Response.Headers["X-Original-Name"] = "n=" + name;
                    Response.Headers.Append("Cache-Control", "private, max-age=" + name.Length);
                    return new EmptyResult();
                }

                [HttpGet("value/{name}")]
                public IActionResult Value(string name)
                {
                    Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name }.ToString();
                    return new EmptyResult();
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                    => app.MapGet("/export/{name}", (string name) => Results.File(Encoding.UTF8.GetBytes("a,b"), "text/csv", fileDownloadName: name + ".csv"));
            }
            """);
    }
}

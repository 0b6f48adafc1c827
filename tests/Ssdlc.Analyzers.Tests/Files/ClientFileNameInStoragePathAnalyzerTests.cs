using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Files.ClientFileNameInStoragePathAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Files;

public class ClientFileNameInStoragePathAnalyzerTests
{
    [Fact]
    public async Task Upload_actions_that_store_under_the_client_name()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("uploads")]
            public class UploadsController : ControllerBase
            {
                private const string Root = "/srv/uploads";

                [HttpPost]
                public async Task<IActionResult> Upload(IFormFile file)
                {
                    var path = Path.Combine(Root, file.FileName);
                    await using var stream = new FileStream({|SSDLC0301:path|}, FileMode.Create);
                    await file.CopyToAsync(stream);
                    return Ok();
                }

                [HttpPost("sanitised")]
                public async Task<IActionResult> Sanitised(IFormFile file)
                {
                    // GetFileName strips directories but the name is still the client's choice.
                    string target = Path.Combine(Root, Path.GetFileName(file.FileName));
                    await using var stream = System.IO.File.Create({|SSDLC0301:target|});
                    await file.CopyToAsync(stream);
                    return Ok();
                }

                [HttpPost("many")]
                public async Task<IActionResult> Many(IFormFileCollection files)
                {
                    foreach (IFormFile file in files)
                    {
                        await System.IO.File.WriteAllBytesAsync({|SSDLC0301:$"{Root}/{file.FileName}"|}, new byte[0]);
                    }

                    return Ok();
                }
            }
            """);
        Assert.Equal(
            "The file name sent by the client reaches new FileStream; store the file under a generated name (Path.GetRandomFileName or a Guid) and keep the original name only as data",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Services_minimal_apis_and_request_form_files()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public class DocumentStore
            {
                private readonly string _root = "/srv/docs";

                public async Task SaveAsync(IFormFile upload)
                {
                    string name = upload.FileName.Trim().ToLowerInvariant();
                    using var stream = new FileStream({|SSDLC0301:Path.Combine(_root, name)|}, FileMode.CreateNew);
                    await upload.CopyToAsync(stream);
                }

                public void Rename(IFormFile upload, string tempPath)
                    => File.Move(tempPath, {|SSDLC0301:Path.Combine(_root, upload.FileName)|});
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/avatar", async (HttpRequest request) =>
                    {
                        var form = await request.ReadFormAsync();
                        IFormFile? file = form.Files["avatar"];
                        if (file is null) return Results.BadRequest();
                        await using var stream = File.OpenWrite({|SSDLC0301:"/srv/avatars/" + file.FileName|});
                        await file.CopyToAsync(stream);
                        return Results.Ok();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Generated_names_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public record StoredFile(string StoredName, string OriginalName);

            [ApiController, Route("uploads")]
            public class SafeUploadsController : ControllerBase
            {
                private const string Root = "/srv/uploads";

                [HttpPost]
                public async Task<IActionResult> Upload(IFormFile file)
                {
                    string stored = Path.GetRandomFileName();
                    await using var stream = new FileStream(Path.Combine(Root, stored), FileMode.CreateNew);
                    await file.CopyToAsync(stream);
                    return Ok(new StoredFile(stored, file.FileName));
                }

                [HttpPost("guid")]
                public async Task<IActionResult> WithExtension(IFormFile file)
                {
                    string stored = Guid.NewGuid().ToString("N") + Path.GetExtension(file.FileName);
                    await using var stream = System.IO.File.Create(Path.Combine(Root, stored));
                    await file.CopyToAsync(stream);
                    return Ok(stored);
                }

                [HttpPost("temp")]
                public async Task<IActionResult> Temp(IFormFile file)
                {
                    string temp = Path.GetTempFileName();
                    await using (var stream = System.IO.File.OpenWrite(temp))
                    {
                        await file.CopyToAsync(stream);
                    }

                    return Ok(new { file.Length, file.ContentType });
                }

                [HttpPost("id/{id:int}")]
                public async Task<IActionResult> ById(int id, IFormFile file)
                {
                    await using var stream = System.IO.File.Create($"{Root}/{id}.bin");
                    await file.CopyToAsync(stream);
                    return Ok();
                }

                [HttpGet("log")]
                public IActionResult Log(IFormFile file)
                {
                    System.IO.File.AppendAllText("/var/log/uploads.log", file.FileName + Environment.NewLine);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task Content_disposition_file_names_and_physical_files()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class ImportsController : ControllerBase
            {
                [HttpPost("raw")]
                public IActionResult Raw(IFormFile file)
                {
                    var disposition = ContentDispositionHeaderValue.Parse(file.ContentDisposition);
                    string name = disposition.FileName.Value ?? "upload.bin";
                    using var stream = new FileStream({|SSDLC0301:Path.Combine("/srv/imports", name)|}, FileMode.Create);
                    file.CopyTo(stream);
                    return PhysicalFile({|SSDLC0301:"/srv/imports/" + file.FileName|}, "application/octet-stream");
                }
            }
            """);
    }

    [Fact]
    public async Task Client_names_kept_as_data_or_used_outside_paths_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;

            public class Upload { public string StoredName { get; set; } = ""; public string OriginalName { get; set; } = ""; }

            public class DocumentsController(ILogger<DocumentsController> logger) : ControllerBase
            {
                private static readonly List<Upload> Uploads = new();

                [HttpPost]
                public async Task<IActionResult> Post(IFormFile file)
                {
                    logger.LogInformation("Upload {Name}", file.FileName);
                    var upload = new Upload { StoredName = Guid.NewGuid().ToString("N"), OriginalName = file.FileName };
                    Uploads.Add(upload);
                    await using var stream = System.IO.File.Create(Path.Combine("/srv/docs", upload.StoredName));
                    await file.CopyToAsync(stream);
                    if (file.FileName.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
                    {
                        return BadRequest("Executables are not accepted: " + file.FileName);
                    }

                    return File(System.IO.File.ReadAllBytes(Path.Combine("/srv/docs", upload.StoredName)), "application/octet-stream", file.FileName);
                }
            }
            """);
    }
}

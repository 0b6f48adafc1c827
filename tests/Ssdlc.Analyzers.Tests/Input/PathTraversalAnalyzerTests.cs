using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Input.PathTraversalAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Input;

public class PathTraversalAnalyzerTests
{
    [Fact]
    public async Task Controller_actions_reading_and_serving_request_paths()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("files")]
            public class FilesController : ControllerBase
            {
                private const string Root = "/srv/files";

                [HttpGet("{name}")]
                public IActionResult Download(string name)
                    => PhysicalFile({|SSDLC0203:Path.Combine(Root, name)|}, "application/octet-stream");

                [HttpGet("text")]
                public async Task<IActionResult> Text([FromQuery] string path)
                {
                    string full = Root + "/" + path;
                    return Content(await System.IO.File.ReadAllTextAsync({|SSDLC0203:full|}));
                }

                [HttpDelete("{folder}")]
                public IActionResult Delete(string folder)
                {
                    Directory.Delete({|SSDLC0203:$"{Root}/{folder}"|}, recursive: true);
                    return NoContent();
                }

                [HttpGet("stream")]
                public IActionResult Stream(string report)
                {
                    var stream = new FileStream({|SSDLC0203:Path.Combine(Root, report.Trim())|}, FileMode.Open, FileAccess.Read);
                    return File(stream, "application/pdf");
                }
            }
            """);
        Assert.Equal(
            "A request-derived path reaches PhysicalFile; keep only the file name (Path.GetFileName) or resolve it with Path.GetFullPath and check that it starts with the allowed root",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Minimal_apis_and_request_values()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class FileEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/logs/{name}", (string name) => Results.File({|SSDLC0203:Path.Combine("/var/log/app", name)|}, "text/plain"));
                    app.MapGet("/info", (HttpContext context) =>
                    {
                        string? path = context.Request.Query["path"];
                        var info = new FileInfo({|SSDLC0203:path|}!);
                        return Results.Ok(info.Length);
                    });
                    app.MapPost("/archive", async (HttpRequest request) =>
                    {
                        var form = await request.ReadFormAsync();
                        System.IO.File.Move({|SSDLC0203:form["from"]|}, {|SSDLC0203:form["to"]|});
                        return Results.Ok();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Razor_page_handlers_and_directory_listing()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class BrowseModel : PageModel
            {
                [BindProperty(SupportsGet = true)]
                public string Folder { get; set; } = "";

                public string[] Files { get; private set; } = [];

                public void OnGet() => Files = Directory.GetFiles({|SSDLC0203:Path.Combine("/srv/share", Folder)|});

                public IActionResult OnGetRead(string file)
                {
                    using var reader = new StreamReader({|SSDLC0203:"/srv/share/" + file|});
                    return Content(reader.ReadToEnd());
                }
            }
            """);
    }

    [Fact]
    public async Task Guarded_paths_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.IO;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("files")]
            public class SafeFilesController : ControllerBase
            {
                private readonly string _root = Path.GetFullPath("/srv/files");

                [HttpGet("{name}")]
                public IActionResult Download(string name)
                    => PhysicalFile(Path.Combine(_root, Path.GetFileName(name)), "application/octet-stream");

                [HttpGet("nested")]
                public IActionResult Nested(string path)
                {
                    string full = Path.GetFullPath(Path.Combine(_root, path));
                    if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        return BadRequest();
                    }

                    return PhysicalFile(full, "application/octet-stream");
                }

                [HttpGet("by-id/{id:int}")]
                public IActionResult ById(int id) => PhysicalFile(Path.Combine(_root, $"{id}.pdf"), "application/pdf");

                [HttpGet("static")]
                public IActionResult Static() => PhysicalFile("/srv/files/terms.pdf", "application/pdf");

                [HttpGet("bytes/{name}")]
                public IActionResult Bytes(string name) => File(System.IO.File.ReadAllBytes(Path.Combine(_root, Path.GetFileNameWithoutExtension(name) + ".txt")), "text/plain");
            }
            """);
    }

    [Fact]
    public async Task Services_configuration_and_non_request_values_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;

            public class ReportStore
            {
                private readonly string _root;

                public ReportStore(IConfiguration configuration) => _root = configuration["Reports:Root"] ?? "/srv/reports";

                // Not an action: judged by what its callers pass (here only constants).
                public byte[] Read(string name) => File.ReadAllBytes(Path.Combine(_root, name));

                public void Cleanup()
                {
                    foreach (string file in Directory.GetFiles(_root, "*.tmp"))
                    {
                        File.Delete(file);
                    }
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app, ReportStore store)
                {
                    app.MapGet("/report/daily", () => Results.Bytes(store.Read("daily.pdf")));
                    app.MapGet("/size", (HttpContext context) => Results.Ok(new FileInfo(Path.Combine("/srv", context.TraceIdentifier)).Exists));
                    app.MapGet("/safe/{name}", (string name) => Results.File(Path.Combine("/srv/public", Path.GetFileName(name)), "text/plain"));
                }
            }
            """);
    }

    [Fact]
    public async Task Helpers_that_get_request_data_from_a_handler_are_reported_at_their_sink()
    {
        // Minimal API handlers and actions pass the request's values on to static helpers and services: the path is still
        // request-derived there. A helper whose callers pass only clean values stays silent.
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public static class FileHelpers
            {
                public static string InRoot(string name) => Path.Combine("/srv/files", name);

                public static byte[] Load(string name) => File.ReadAllBytes({|SSDLC0203:InRoot(name)|});

                public static string Describe(string name) => File.ReadAllText({|SSDLC0203:Path.Combine("/srv/docs", name)|});

                public static string Cleaned(string name) => File.ReadAllText(Path.Combine("/srv/docs", name));

                public static string Version(string product) => File.ReadAllText(Path.Combine("/srv/versions", product));
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/files/{name}", (string name) => Results.Bytes(FileHelpers.Load(name)));
                    app.MapGet("/docs", (HttpRequest request) => FileHelpers.Describe(request.Query["doc"]!));
                    app.MapGet("/clean/{name}", (string name) => FileHelpers.Cleaned(Path.GetFileName(name)));
                    app.MapGet("/version", () => FileHelpers.Version("shop"));
                }
            }

            public class ExportController : ControllerBase
            {
                private readonly ExportService _service = new();

                [HttpGet("export/{name}")]
                public IActionResult Export(string name) => File(_service.Read(name), "text/csv");
            }

            public class ExportService
            {
                public Stream Read(string name) => new FileStream({|SSDLC0203:"/srv/exports/" + name|}, FileMode.Open);
            }
            """);
    }

    [Fact]
    public async Task Uploaded_file_names_are_left_to_SSDLC0301()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class UploadController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Upload(IFormFile file, string folder)
                {
                    await using var target = System.IO.File.Create(Path.Combine("/srv/uploads", file.FileName));
                    await file.CopyToAsync(target);
                    Directory.CreateDirectory({|SSDLC0203:Path.Combine("/srv/uploads", folder)|});
                    return Ok();
                }
            }
            """);
    }
    [Fact]
    public async Task Zip_slip_archive_entry_names_reaching_file_apis_in_a_console_app()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.IO.Compression;

            public static class BackupRestore
            {
                public static void Restore(string archivePath, string target)
                {
                    using ZipArchive archive = ZipFile.OpenRead(archivePath);
                    foreach (ZipArchiveEntry entry in archive.Entries)
                    {
                        string destination = Path.Combine(target, entry.FullName);
                        Directory.CreateDirectory({|SSDLC0203:Path.GetDirectoryName(destination)|}!);
                        entry.ExtractToFile({|SSDLC0203:destination|}, overwrite: true);
                    }
                }

                public static void CopyOut(ZipArchive archive, string target)
                {
                    foreach (ZipArchiveEntry entry in archive.Entries)
                    {
                        using Stream input = entry.Open();
                        using FileStream output = File.Create({|SSDLC0203:target + "/" + entry.Name|});
                        input.CopyTo(output);
                    }
                }

                public static void Single(ZipArchive archive, string target)
                {
                    ZipArchiveEntry first = archive.Entries[0];
                    using var writer = new StreamWriter({|SSDLC0203:$"{target}/{first.FullName}"|});
                }
            }
            """);
        Assert.Equal(
            "A path built from an archive entry's name reaches Directory.CreateDirectory; keep only the file name (Path.GetFileName) or resolve it with Path.GetFullPath and check that it starts with the allowed root",
            diagnostics[0].GetMessage());
        Assert.Contains("reaches ZipArchiveEntry.ExtractToFile;", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_slip_tar_entry_names_and_link_targets()
    {
        await VerifyCS.VerifyAsync("""
            using System.Formats.Tar;
            using System.IO;
            using System.Threading.Tasks;

            public static class LayerExtractor
            {
                public static async Task ExtractAsync(Stream layer, string root)
                {
                    using var reader = new TarReader(layer);
                    while (await reader.GetNextEntryAsync() is { } entry)
                    {
                        string path = Path.Join(root, entry.Name);
                        if (entry.EntryType == TarEntryType.SymbolicLink)
                        {
                            File.CreateSymbolicLink({|SSDLC0203:path|}, {|SSDLC0203:entry.LinkName|});
                        }
                        else
                        {
                            await entry.ExtractToFileAsync({|SSDLC0203:path|}, overwrite: true);
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Zip_slip_in_an_upload_action()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.IO.Compression;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("themes")]
            public class ThemesController : ControllerBase
            {
                [HttpPost]
                public IActionResult Upload(IFormFile package)
                {
                    using var archive = new ZipArchive(package.OpenReadStream());
                    foreach (ZipArchiveEntry entry in archive.Entries)
                    {
                        entry.ExtractToFile({|SSDLC0203:Path.Combine("/srv/themes", entry.FullName)|});
                    }

                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task Archive_entries_checked_flattened_or_extracted_by_the_framework_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Formats.Tar;
            using System.IO;
            using System.IO.Compression;

            public static class SafeExtraction
            {
                public static void Contained(ZipArchive archive, string target)
                {
                    string root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
                    foreach (ZipArchiveEntry entry in archive.Entries)
                    {
                        string destination = Path.GetFullPath(Path.Combine(root, entry.FullName));
                        if (!destination.StartsWith(root, StringComparison.Ordinal))
                        {
                            throw new IOException("Entry is outside the target folder: " + entry.FullName);
                        }

                        entry.ExtractToFile(destination, overwrite: true);
                    }
                }

                public static void Flattened(ZipArchive archive, string target)
                {
                    foreach (ZipArchiveEntry entry in archive.Entries)
                    {
                        entry.ExtractToFile(Path.Combine(target, Path.GetFileName(entry.FullName)));
                    }
                }

                public static void Generated(ZipArchive archive, string target)
                {
                    foreach (ZipArchiveEntry entry in archive.Entries)
                    {
                        entry.ExtractToFile(Path.Combine(target, Path.GetRandomFileName()));
                        Console.WriteLine(entry.FullName);
                        File.AppendAllText(Path.Combine(target, "index.txt"), entry.FullName + Environment.NewLine);
                    }
                }

                public static void Framework(string archivePath, string target, Stream tar)
                {
                    ZipFile.ExtractToDirectory(archivePath, target);
                    using ZipArchive archive = ZipFile.OpenRead(archivePath);
                    archive.ExtractToDirectory(target, overwriteFiles: true);
                    TarFile.ExtractToDirectory(tar, target, overwriteFiles: false);
                }

                public static void Writing(string archivePath, string source)
                {
                    using ZipArchive archive = ZipFile.Open(archivePath, ZipArchiveMode.Create);
                    foreach (string file in Directory.GetFiles(source))
                    {
                        ZipArchiveEntry entry = archive.CreateEntryFromFile(file, Path.GetFileName(file));
                        File.SetLastWriteTime(file, entry.LastWriteTime.DateTime);
                    }
                }
            }
            """);
    }
}

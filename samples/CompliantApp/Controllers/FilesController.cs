using Microsoft.AspNetCore.Mvc;

namespace CompliantApp.Controllers;

[ApiController]
[Route("files")]
public sealed class FilesController : ControllerBase
{
    private static readonly string Root = Path.GetFullPath("/srv/files");

    [HttpGet("{name}")]
    public IActionResult Download(string name)
    {
        // Only the file name survives; no directory part can be smuggled in.
        return PhysicalFile(Path.Combine(Root, Path.GetFileName(name)), "application/octet-stream");
    }

    [HttpGet("nested")]
    public IActionResult Nested(string path)
    {
        // Sub-folders allowed: normalise, then confine to the root.
        string full = Path.GetFullPath(Path.Combine(Root, path));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return BadRequest();
        }

        return PhysicalFile(full, "application/octet-stream");
    }

    [HttpPost]
    public async Task<IActionResult> Upload(IFormFile file)
    {
        // A generated name; the client's name is kept only as data.
        string stored = Path.GetRandomFileName();
        await using var stream = System.IO.File.Create(Path.Combine(Root, stored));
        await file.CopyToAsync(stream);
        return Ok(new { stored, original = file.FileName });
    }

    [HttpGet("export/{name}")]
    public IActionResult Export(string name)
    {
        // File() quotes and encodes the download name.
        return File(System.Text.Encoding.UTF8.GetBytes("id,name"), "text/csv", fileDownloadName: name);
    }

    [HttpGet("back")]
    public IActionResult Back(string returnUrl)
    {
        // Only local URLs; LocalRedirect throws for anything else.
        return LocalRedirect(returnUrl);
    }
}

using Microsoft.AspNetCore.Mvc;

namespace VulnerableApp.Controllers;

[ApiController]
[Route("files")]
public sealed class FilesController : ControllerBase
{
    private const string Root = "/srv/files";

    [HttpGet("{name}")]
    public IActionResult Download(string name)
    {
        // SSDLC0203: "../../etc/passwd" walks out of the root.
        return PhysicalFile(Path.Combine(Root, name), "application/octet-stream");
    }

    [HttpPost]
    // SSDLC0705: uploads ride on the user's cookie without an antiforgery token.
    public async Task<IActionResult> Upload(IFormFile file)
    {
        // SSDLC0301: the client chooses the stored file's name.
        await using var stream = System.IO.File.Create(Path.Combine(Root, Path.GetFileName(file.FileName)));
        await file.CopyToAsync(stream);
        return Ok();
    }

    [HttpGet("export/{name}")]
    public IActionResult Export(string name)
    {
        // SSDLC0303: the name is pasted into the header unquoted.
        Response.Headers["Content-Disposition"] = "attachment; filename=" + name;
        return new EmptyResult();
    }

    [HttpGet("back")]
    public IActionResult Back(string returnUrl)
    {
        // SSDLC0204: any site can be the redirect target.
        return Redirect(returnUrl);
    }
}

using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace VulnerableApp.Controllers;

[ApiController]
[Route("tools")]
public sealed class ToolsController : ControllerBase
{
    [HttpPost("ping")]
    // SSDLC0705: a forged post runs a ping in the signed-in user's name.
    public async Task<IActionResult> Ping(string host)
    {
        // SSDLC0403: the host goes through cmd /c, so "127.0.0.1 & del /q *" runs a second command.
        using var process = Process.Start("cmd.exe", "/c ping -n 1 " + host)!;
        await process.WaitForExitAsync();
        return Ok(process.ExitCode);
    }

    [HttpPost("import")]
    // SSDLC0302: one request can fill the disk.
    [DisableRequestSizeLimit]
    // SSDLC0705: a forged multipart post starts an import in the user's name.
    public async Task<IActionResult> Import(IFormFile file)
    {
        await using var target = System.IO.File.Create(Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()));
        await file.CopyToAsync(target);
        return Ok();
    }
}

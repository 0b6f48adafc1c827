using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CompliantApp.Controllers;

[ApiController]
[Route("tools")]
public sealed class ToolsController : ControllerBase
{
    [HttpPost("ping")]
    public async Task<IActionResult> Ping(string host)
    {
        // A constant program, each value its own argument: no shell ever parses the host.
        var startInfo = new ProcessStartInfo("ping");
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("1");
        startInfo.ArgumentList.Add(host);
        using var process = Process.Start(startInfo)!;
        await process.WaitForExitAsync();
        return Ok(process.ExitCode);
    }

    [HttpPost("import")]
    [RequestSizeLimit(10_000_000)]
    [RequestFormLimits(MultipartBodyLengthLimit = 10_000_000)]
    public async Task<IActionResult> Import(IFormFile file)
    {
        await using var target = System.IO.File.Create(Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()));
        await file.CopyToAsync(target);
        return Ok();
    }
}

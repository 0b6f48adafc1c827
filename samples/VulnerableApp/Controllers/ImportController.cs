using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace VulnerableApp.Controllers;

[ApiController]
[Route("import")]
public sealed class ImportController : ControllerBase
{
    [HttpPost("xml")]
    // SSDLC0705: a forged multipart post imports a document in the user's name.
    public IActionResult Xml(IFormFile file)
    {
        // SSDLC0201: DTDs and external entities are processed.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
        using var reader = XmlReader.Create(file.OpenReadStream(), settings);
        var document = new XmlDocument();
        document.Load(reader);
        return Ok(document.DocumentElement?.Name);
    }

    [HttpPost("bundle")]
    // SSDLC0705: a forged multipart post unpacks an archive in the user's name.
    public IActionResult Bundle(IFormFile bundle)
    {
        using var archive = new ZipArchive(bundle.OpenReadStream());
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            // SSDLC0203: an entry named "../../app/appsettings.json" is written outside the import folder (Zip Slip).
            entry.ExtractToFile(Path.Combine("/srv/imports", entry.FullName), overwrite: true);
        }

        return Ok();
    }

    [HttpGet("remote")]
    public async Task<IActionResult> Remote(string url, [FromServices] IHttpClientFactory clients)
    {
        // SSDLC0208: "http://169.254.169.254/latest/meta-data/" makes the server read its cloud credentials.
        string document = await clients.CreateClient().GetStringAsync(url);
        return Ok(document.Length);
    }

    [HttpGet("validate")]
    public IActionResult Validate(string email)
    {
        // SSDLC0205: a backtracking pattern on user input without a match timeout.
        return Ok(Regex.IsMatch(email, @"^([a-zA-Z0-9]+[._-]?)*@example\.com$"));
    }
}

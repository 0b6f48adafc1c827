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

    [HttpGet("validate")]
    public IActionResult Validate(string email)
    {
        // SSDLC0205: a backtracking pattern on user input without a match timeout.
        return Ok(Regex.IsMatch(email, @"^([a-zA-Z0-9]+[._-]?)*@example\.com$"));
    }
}

using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace CompliantApp.Controllers;

[ApiController]
[Route("import")]
public sealed class ImportController : ControllerBase
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    [HttpPost("xml")]
    public IActionResult Xml(IFormFile file)
    {
        // DTDs prohibited and no resolver: the .NET defaults, stated explicitly.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(file.OpenReadStream(), settings);
        var document = new XmlDocument { XmlResolver = null };
        document.Load(reader);
        return Ok(document.DocumentElement?.Name);
    }

    [HttpGet("validate")]
    public IActionResult Validate(string email)
    {
        // A match timeout bounds the work per request.
        return Ok(Regex.IsMatch(email, @"^([a-zA-Z0-9]+[._-]?)*@example\.com$", RegexOptions.None, MatchTimeout));
    }
}

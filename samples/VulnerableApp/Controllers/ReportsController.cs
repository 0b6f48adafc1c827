using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace VulnerableApp.Controllers;

[Route("reports")]
public sealed class ReportsController : Controller
{
    private static readonly XmlDocument Catalog = LoadCatalog();

    [HttpGet("preview")]
    public IActionResult Preview(string title)
    {
        // SSDLC0405: the title is sent to the browser as markup.
        return Content($"<html><body><h1>{title}</h1></body></html>", "text/html");
    }

    [HttpGet("find")]
    public IActionResult Find(string name)
    {
        // SSDLC0404: "' or '1'='1" selects every report.
        XmlNode? report = Catalog.SelectSingleNode("/reports/report[@name='" + name + "']");
        return report is null ? NotFound() : Ok(report.InnerText);
    }

    private static XmlDocument LoadCatalog()
    {
        var document = new XmlDocument();
        document.LoadXml("<reports><report name=\"sales\">Q1</report></reports>");
        return document;
    }
}

using System.Text.Encodings.Web;
using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace CompliantApp.Controllers;

[Route("reports")]
public sealed class ReportsController(HtmlEncoder encoder) : Controller
{
    private static readonly XmlDocument Catalog = LoadCatalog();

    [HttpGet("preview")]
    public IActionResult Preview(string title)
    {
        return Content($"<html><body><h1>{encoder.Encode(title)}</h1></body></html>", "text/html");
    }

    [HttpGet("find")]
    public IActionResult Find(string name)
    {
        // A constant query; the name is compared in code, never spliced into XPath.
        XmlNodeList reports = Catalog.SelectNodes("/reports/report")!;
        XmlElement? report = reports.Cast<XmlElement>().FirstOrDefault(r => r.GetAttribute("name") == name);
        return report is null ? NotFound() : Ok(report.InnerText);
    }

    private static XmlDocument LoadCatalog()
    {
        var document = new XmlDocument();
        document.LoadXml("<reports><report name=\"sales\">Q1</report></reports>");
        return document;
    }
}

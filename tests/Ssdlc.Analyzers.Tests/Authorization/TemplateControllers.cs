namespace Ssdlc.Analyzers.Tests.Authorization;

/// <summary>The controller the <c>dotnet new mvc</c> template ships next to its Program.cs (models inlined).</summary>
internal static class TemplateControllers
{
    public const string MvcHomeController = """

        namespace MvcTemplate.Controllers
        {
            using System.Diagnostics;
            using Microsoft.AspNetCore.Mvc;

            public class ErrorViewModel
            {
                public string? RequestId { get; set; }

                public bool ShowRequestId => !string.IsNullOrEmpty(RequestId);
            }

            public class HomeController : Controller
            {
                public IActionResult Index()
                {
                    return View();
                }

                public IActionResult Privacy()
                {
                    return View();
                }

                [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
                public IActionResult Error()
                {
                    return View(new ErrorViewModel { RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier });
                }
            }
        }
        """;
}

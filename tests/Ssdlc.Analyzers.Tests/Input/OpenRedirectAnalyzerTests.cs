using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Input.OpenRedirectAnalyzer>;
using VerifyFix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<Ssdlc.Analyzers.Input.OpenRedirectAnalyzer, Ssdlc.CodeFixes.Input.LocalRedirectCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Input;

public class OpenRedirectAnalyzerTests
{
    [Fact]
    public async Task Controller_redirects_to_request_urls()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class LoginModel
            {
                public string UserName { get; set; } = "";
                public string? ReturnUrl { get; set; }
            }

            public class AccountController : Controller
            {
                [HttpPost]
                public async Task<IActionResult> Login(LoginModel model)
                {
                    await Task.Delay(1);
                    return Redirect({|SSDLC0204:model.ReturnUrl ?? "/"|});
                }

                [HttpGet]
                public IActionResult Logout(string returnUrl) => RedirectPermanent({|SSDLC0204:returnUrl|});

                [HttpGet]
                public IActionResult Back() => RedirectPreserveMethod({|SSDLC0204:Request.Headers.Referer.ToString()|});

                [HttpGet]
                public IActionResult Go([FromQuery] string target) => new RedirectResult({|SSDLC0204:$"https://{target}/home"|});

                [HttpGet]
                public void Legacy() => Response.Redirect({|SSDLC0204:Request.Query["next"]|});
            }
            """);
        Assert.Equal(
            "A request-derived URL is passed to Redirect; use LocalRedirect or check the URL with Url.IsLocalUrl first",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Minimal_api_and_razor_page_redirects()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/go", (string url) => Results.Redirect({|SSDLC0204:url|}));
                    app.MapGet("/typed", (HttpContext context) => TypedResults.Redirect({|SSDLC0204:context.Request.Query["to"]!|}));
                }
            }

            public class SignOutModel : PageModel
            {
                [BindProperty(SupportsGet = true)]
                public string? ReturnUrl { get; set; }

                public IActionResult OnPost() => Redirect({|SSDLC0204:ReturnUrl!|});
            }
            """.Replace("{|SSDLC0204:context.Request.Query[\"to\"]!|}", "{|SSDLC0204:context.Request.Query[\"to\"]|}!").Replace("{|SSDLC0204:ReturnUrl!|}", "{|SSDLC0204:ReturnUrl|}!"));
    }

    [Fact]
    public async Task Local_redirects_guards_and_constants_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class LoginModel
            {
                public string? ReturnUrl { get; set; }
            }

            public class AccountController : Controller
            {
                [HttpGet]
                public IActionResult Local(string returnUrl) => LocalRedirect(returnUrl);

                [HttpGet]
                public IActionResult Checked(string returnUrl)
                {
                    if (Url.IsLocalUrl(returnUrl))
                    {
                        return Redirect(returnUrl);
                    }

                    return RedirectToAction("Index", "Home");
                }

                [HttpPost]
                public IActionResult EarlyReturn(LoginModel model)
                {
                    if (!Url.IsLocalUrl(model.ReturnUrl))
                    {
                        return BadRequest();
                    }

                    return Redirect(model.ReturnUrl);
                }

                [HttpGet]
                public IActionResult Ternary(string next) => Url.IsLocalUrl(next) ? Redirect(next) : Redirect("/");

                [HttpGet]
                public IActionResult Constant() => Redirect("https://login.example.com/");

                [HttpGet]
                public IActionResult ById(int id) => Redirect($"/orders/{id}");

                private IActionResult Helper(string url) => Redirect(url);
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/go", (string url) => Results.LocalRedirect(url));
                    app.MapGet("/home", () => Results.Redirect("/index.html"));
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_switches_to_local_redirects()
    {
        await VerifyFix.VerifyFixAllAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : Controller
            {
                public IActionResult A(string returnUrl) => Redirect({|SSDLC0204:returnUrl|});
                public IActionResult B(string returnUrl) => RedirectPermanent({|SSDLC0204:returnUrl|});
                public void C(string returnUrl) => Response.Redirect({|SSDLC0204:returnUrl|});
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/go", (string url) => Results.Redirect({|SSDLC0204:url|}));
            }
            """,
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : Controller
            {
                public IActionResult A(string returnUrl) => LocalRedirect(returnUrl);
                public IActionResult B(string returnUrl) => LocalRedirectPermanent(returnUrl);
                public void C(string returnUrl) => Response.Redirect({|SSDLC0204:returnUrl|});
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapGet("/go", (string url) => Results.LocalRedirect(url));
            }
            """);
    }

    [Fact]
    public async Task No_fix_for_Response_Redirect_or_named_arguments()
    {
        await VerifyFix.VerifyNoFixAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : Controller
            {
                public void C(string returnUrl) => Response.Redirect({|SSDLC0204:returnUrl|});
                public IResult D(string returnUrl) => Results.Redirect(url: {|SSDLC0204:returnUrl|}, permanent: true);
            }
            """);
    }
}

using Ssdlc.CodeFixes.Sessions;
using Verifier = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<Ssdlc.Analyzers.Sessions.AntiforgeryValidationAnalyzer, Ssdlc.CodeFixes.Sessions.AntiforgeryValidationCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Sessions;

public class AntiforgeryValidationCodeFixTests
{
    private const string Startup = """
        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllersWithViews();
                services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            }
        }

        """;

    [Fact]
    public async Task Adds_validate_antiforgery_token_after_the_verb_attribute()
    {
        await Verifier.VerifyFixAsync(
            Usings + Startup + """
            public class TransfersController : Controller
            {
                /// <summary>Moves money.</summary>
                [HttpPost]
                public async Task<IActionResult> {|SSDLC0705:Create|}(string toAccount, decimal amount)
                {
                    await Task.Delay(1);
                    return RedirectToAction("Index");
                }
            }
            """,
            Usings + Startup + """
            public class TransfersController : Controller
            {
                /// <summary>Moves money.</summary>
                [HttpPost]
                [ValidateAntiForgeryToken]
                public async Task<IActionResult> Create(string toAccount, decimal amount)
                {
                    await Task.Delay(1);
                    return RedirectToAction("Index");
                }
            }
            """);
    }

    [Fact]
    public async Task Adds_the_mvc_using_when_the_controller_is_written_with_qualified_names()
    {
        await Verifier.VerifyFixAsync(
            """
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.Extensions.DependencyInjection;

            """ + Startup + """
            public class ProfileController : Microsoft.AspNetCore.Mvc.Controller
            {
                [Microsoft.AspNetCore.Mvc.HttpDelete]
                public Microsoft.AspNetCore.Mvc.IActionResult {|SSDLC0705:Delete|}(int id) => NoContent();
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            """ + Startup + """
            public class ProfileController : Microsoft.AspNetCore.Mvc.Controller
            {
                [Microsoft.AspNetCore.Mvc.HttpDelete]
                [ValidateAntiForgeryToken]
                public Microsoft.AspNetCore.Mvc.IActionResult Delete(int id) => NoContent();
            }
            """);
    }

    [Fact]
    public async Task Removes_a_lone_ignore_antiforgery_token_attribute_and_its_line()
    {
        await Verifier.VerifyFixAsync(
            Usings + Startup + """
            [AutoValidateAntiforgeryToken]
            public class AccountController : Controller
            {
                // Called by the legacy form.
                [HttpPost]
                [{|SSDLC0705:IgnoreAntiforgeryToken|}]
                public IActionResult ChangeEmail(string email) => RedirectToAction("Index");
            }
            """,
            Usings + Startup + """
            [AutoValidateAntiforgeryToken]
            public class AccountController : Controller
            {
                // Called by the legacy form.
                [HttpPost]
                public IActionResult ChangeEmail(string email) => RedirectToAction("Index");
            }
            """);
    }

    [Fact]
    public async Task Removes_the_first_attribute_of_a_list_keeping_comments_above_it()
    {
        await Verifier.VerifyFixAsync(
            Usings + Startup + """
            [AutoValidateAntiforgeryToken]
            public class AccountController : Controller
            {
                /// <summary>Changes the e-mail address.</summary>
                [{|SSDLC0705:IgnoreAntiforgeryToken|}]
                [HttpPost]
                public IActionResult ChangeEmail(string email) => RedirectToAction("Index");
            }
            """,
            Usings + Startup + """
            [AutoValidateAntiforgeryToken]
            public class AccountController : Controller
            {
                /// <summary>Changes the e-mail address.</summary>
                [HttpPost]
                public IActionResult ChangeEmail(string email) => RedirectToAction("Index");
            }
            """);
    }

    [Fact]
    public async Task Removes_only_the_ignore_attribute_from_a_shared_list()
    {
        await Verifier.VerifyFixAsync(
            Usings + Startup + """
            [AutoValidateAntiforgeryToken]
            public class AccountController : Controller
            {
                [HttpPost, {|SSDLC0705:IgnoreAntiforgeryToken(Order = 1001)|}, ActionName("Email")]
                public IActionResult ChangeEmail(string email) => RedirectToAction("Index");

                [{|SSDLC0705:IgnoreAntiforgeryToken|}, HttpPut]
                public IActionResult ChangeName(string name) => RedirectToAction("Index");
            }
            """,
            Usings + Startup + """
            [AutoValidateAntiforgeryToken]
            public class AccountController : Controller
            {
                [HttpPost, ActionName("Email")]
                public IActionResult ChangeEmail(string email) => RedirectToAction("Index");

                [{|SSDLC0705:IgnoreAntiforgeryToken|}, HttpPut]
                public IActionResult ChangeName(string name) => RedirectToAction("Index");
            }
            """);
        await Verifier.VerifyFixAsync(
            Usings + Startup + """
            [AutoValidateAntiforgeryToken]
            public class AccountController : Controller
            {
                [{|SSDLC0705:IgnoreAntiforgeryToken|}, HttpPut]
                public IActionResult ChangeName(string name) => RedirectToAction("Index");
            }
            """,
            Usings + Startup + """
            [AutoValidateAntiforgeryToken]
            public class AccountController : Controller
            {
                [HttpPut]
                public IActionResult ChangeName(string name) => RedirectToAction("Index");
            }
            """);
    }

    [Fact]
    public async Task Removes_ignore_antiforgery_token_from_a_razor_page_model()
    {
        await Verifier.VerifyFixAsync(
            Usings + "using Microsoft.AspNetCore.Mvc.RazorPages;\n" + Startup + """
            [{|SSDLC0705:IgnoreAntiforgeryToken|}]
            public class ContactModel : PageModel
            {
                public IActionResult OnPost(string message) => RedirectToPage("Thanks");
            }
            """,
            Usings + "using Microsoft.AspNetCore.Mvc.RazorPages;\n" + Startup + """
            public class ContactModel : PageModel
            {
                public IActionResult OnPost(string message) => RedirectToPage("Thanks");
            }
            """);
    }

    [Fact]
    public async Task Fix_all_adds_the_attribute_to_every_reported_action()
    {
        await Verifier.VerifyFixAllAsync(
            Usings + Startup + """
            public class OrdersController : Controller
            {
                public IActionResult Index() => View();

                [HttpPost]
                public IActionResult {|SSDLC0705:Create|}(string item) => RedirectToAction(nameof(Index));

                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Update(int id, string item) => RedirectToAction(nameof(Index));

                [HttpPost, ActionName("Remove")]
                public IActionResult {|SSDLC0705:Delete|}(int id) => RedirectToAction(nameof(Index));
            }
            """,
            Usings + Startup + """
            public class OrdersController : Controller
            {
                public IActionResult Index() => View();

                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Create(string item) => RedirectToAction(nameof(Index));

                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Update(int id, string item) => RedirectToAction(nameof(Index));

                [HttpPost, ActionName("Remove")]
                [ValidateAntiForgeryToken]
                public IActionResult Delete(int id) => RedirectToAction(nameof(Index));
            }
            """);
    }

    [Fact]
    public async Task Fix_all_removes_every_reported_ignore_attribute()
    {
        await Verifier.VerifyFixAllAsync(
            Usings + Startup + """
            [AutoValidateAntiforgeryToken]
            public class SettingsController : Controller
            {
                [HttpPost]
                [{|SSDLC0705:IgnoreAntiforgeryToken|}]
                public IActionResult Theme(string theme) => RedirectToAction("Index");

                [HttpPost, {|SSDLC0705:IgnoreAntiforgeryToken|}]
                public IActionResult Language(string language) => RedirectToAction("Index");
            }
            """,
            Usings + Startup + """
            [AutoValidateAntiforgeryToken]
            public class SettingsController : Controller
            {
                [HttpPost]
                public IActionResult Theme(string theme) => RedirectToAction("Index");

                [HttpPost]
                public IActionResult Language(string language) => RedirectToAction("Index");
            }
            """);
    }

    [Fact]
    public async Task Fix_all_both_adds_and_removes_in_one_document()
    {
        await Verifier.VerifyFixAllAsync(
            Usings + Startup + """
            public class CartController : Controller
            {
                [HttpPost]
                public IActionResult {|SSDLC0705:Add|}(int productId) => RedirectToAction("Index");
            }

            [AutoValidateAntiforgeryToken]
            public class CheckoutController : Controller
            {
                [HttpPost]
                [{|SSDLC0705:IgnoreAntiforgeryToken|}]
                public IActionResult Pay() => RedirectToAction("Index");
            }
            """,
            Usings + Startup + """
            public class CartController : Controller
            {
                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Add(int productId) => RedirectToAction("Index");
            }

            [AutoValidateAntiforgeryToken]
            public class CheckoutController : Controller
            {
                [HttpPost]
                public IActionResult Pay() => RedirectToAction("Index");
            }
            """);
    }

    [Fact]
    public async Task Attributes_written_on_the_declaration_line_stay_there()
    {
        await Verifier.VerifyFixAllAsync(
            Usings + Startup + """
            public class NewsletterController : Controller
            {
                [HttpPost] public IActionResult {|SSDLC0705:Subscribe|}(string email) => Ok();
            }

            [AutoValidateAntiforgeryToken]
            public class PollController : Controller
            {
                [HttpPost] [{|SSDLC0705:IgnoreAntiforgeryToken|}] public IActionResult Vote(int option) => Ok();
            }
            """,
            Usings + Startup + """
            public class NewsletterController : Controller
            {
                [HttpPost] [ValidateAntiForgeryToken] public IActionResult Subscribe(string email) => Ok();
            }

            [AutoValidateAntiforgeryToken]
            public class PollController : Controller
            {
                [HttpPost] public IActionResult Vote(int option) => Ok();
            }
            """);
    }

    [Fact]
    public async Task No_fix_for_disable_antiforgery_on_a_minimal_form_endpoint()
    {
        await Verifier.VerifyNoFixAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class Endpoints
            {
                public static void Configure(WebApplicationBuilder builder)
                {
                    builder.Services.AddAuthentication().AddCookie();
                    builder.Services.AddAntiforgery();
                }

                public static void Map(WebApplication app)
                {
                    app.MapPost("/upload", (IFormFile file) => Results.Ok(file.Length)).{|SSDLC0705:DisableAntiforgery|}();
                }
            }
            """);
    }

    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.Cookies;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        """;
}

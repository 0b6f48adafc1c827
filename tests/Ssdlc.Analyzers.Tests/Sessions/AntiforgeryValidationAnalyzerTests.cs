using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Authorization;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Sessions.AntiforgeryValidationAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Sessions.AntiforgeryValidationAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Sessions;

public class AntiforgeryValidationAnalyzerTests
{
    // ---- reported ----

    [Fact]
    public async Task Mvc_post_action_under_cookie_authentication_in_a_startup()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllersWithViews();
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                }

                public void Configure(IApplicationBuilder app) => app.UseEndpoints(e => e.MapDefaultControllerRoute());
            }

            public class TransfersController : Controller
            {
                public IActionResult Index() => View();

                [HttpPost]
                public async Task<IActionResult> {|SSDLC0705:Create|}(string toAccount, decimal amount)
                {
                    await Task.Delay(1);
                    return RedirectToAction(nameof(Index));
                }

                [AcceptVerbs("GET", "POST")]
                public IActionResult {|SSDLC0705:Cancel|}(int id) => RedirectToAction(nameof(Index));

                [HttpGet]
                public IActionResult Details(int id) => View();
            }
            """);
        Assert.Equal(
            "TransfersController.Create accepts POST requests with the browser's credentials but validates no antiforgery token; validate an antiforgery token ([ValidateAntiForgeryToken] or [AutoValidateAntiforgeryToken] on the action or controller, or a global AutoValidateAntiforgeryTokenAttribute filter)",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Delete_and_put_actions_under_identity()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddIdentity<IdentityUser, IdentityRole>();
            builder.Services.AddControllersWithViews();
            var app = builder.Build();
            app.MapDefaultControllerRoute();
            app.Run();

            [Authorize]
            public class ProfileController : Controller
            {
                [HttpDelete("profile/photo")]
                public IActionResult {|SSDLC0705:DeletePhoto|}() => NoContent();

                [HttpPut("profile/email")]
                public IActionResult {|SSDLC0705:ChangeEmail|}([FromForm] string email) => NoContent();

                [HttpPatch("profile/name")]
                public IActionResult {|SSDLC0705:Rename|}(string name) => NoContent();
            }
            """);
    }

    [Fact]
    public async Task Ignore_antiforgery_token_on_an_action_despite_the_global_filter()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddCookie();
            builder.Services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
            var app = builder.Build();
            app.MapDefaultControllerRoute();
            app.Run();

            public class SettingsController : Controller
            {
                [HttpPost]
                public IActionResult Save(string theme) => RedirectToAction("Index");

                [HttpPost]
                [{|SSDLC0705:IgnoreAntiforgeryToken|}]
                public IActionResult ResetPassword(string newPassword) => RedirectToAction("Index");
            }
            """);
        Assert.StartsWith("[IgnoreAntiforgeryToken] turns off antiforgery validation for SettingsController.ResetPassword, which accepts POST requests", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ignore_antiforgery_token_on_a_controller_is_reported_once()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public static class WebSetup
            {
                public static void AddWeb(this IServiceCollection services)
                {
                    services.AddAuthentication().AddCookie();
                    services.Configure<MvcOptions>(o => o.Filters.Add<AutoValidateAntiforgeryTokenAttribute>());
                }
            }

            [{|SSDLC0705:IgnoreAntiforgeryToken|}]
            public class WebhooksController : Controller
            {
                [HttpPost]
                public IActionResult Subscribe(string url) => Ok();

                [HttpPost]
                public IActionResult Unsubscribe(string url) => Ok();

                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Rotate() => Ok();
            }
            """);
    }

    [Fact]
    public async Task Disable_antiforgery_on_form_endpoints_under_open_id_connect()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(o =>
                {
                    o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                })
                .AddCookie()
                .AddOpenIdConnect(o => o.Authority = "https://login.example.com");
            builder.Services.AddAntiforgery();
            var app = builder.Build();
            app.UseAntiforgery();

            app.MapPost("/avatar", async (IFormFile file) => { await Task.Yield(); return Results.Ok(file.Length); })
               .RequireAuthorization()
               .{|SSDLC0705:DisableAntiforgery|}();
            app.MapPost("/comments", ([FromForm] string text) => Results.Ok(text)).{|SSDLC0705:DisableAntiforgery|}();
            app.MapPost("/import", (IFormCollection form) => Results.Ok(form.Count)).{|SSDLC0705:DisableAntiforgery|}();
            app.Run();
            """);
        Assert.StartsWith("DisableAntiforgery() turns off antiforgery validation for the form endpoint MapPost(\"/avatar\")", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_controller_form_posts_under_cookie_authentication_and_windows_authentication()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Server.IISIntegration;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(IISDefaults.AuthenticationScheme);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();

            [ApiController]
            [Route("api/approvals")]
            public class ApprovalsController : ControllerBase
            {
                [HttpPost("{id:int}/approve")]
                public IActionResult {|SSDLC0705:Approve|}(int id) => NoContent();

                [HttpPost("upload")]
                public IActionResult {|SSDLC0705:Upload|}(IFormFile file) => Ok(file.Length);

                [HttpPost("logout")]
                public IActionResult {|SSDLC0705:Logout|}() => NoContent();

                // Uri and Uri? bind from the query like other simple types, not from a JSON body.
                [HttpPost("callback")]
                public IActionResult {|SSDLC0705:Callback|}(Uri? returnUrl) => NoContent();

                [HttpPost("{id:int}/note")]
                [Consumes("application/x-www-form-urlencoded", "application/json")]
                public IActionResult {|SSDLC0705:Note|}(int id, string text) => NoContent();
            }
            """);
    }

    [Fact]
    public async Task Ignore_antiforgery_token_on_a_razor_page_with_post_handlers()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddCookie();
            builder.Services.AddRazorPages();
            var app = builder.Build();
            app.MapRazorPages();
            app.Run();

            [{|SSDLC0705:IgnoreAntiforgeryToken|}]
            public class EditProfileModel : PageModel
            {
                public void OnGet() { }

                public IActionResult OnPost(string displayName) => RedirectToPage("/Index");

                public IActionResult OnPostDeleteAvatar() => RedirectToPage("/Index");
            }

            // Razor Pages validate POST handlers by default; ignoring the token on a page without them changes nothing.
            [IgnoreAntiforgeryToken]
            public class SearchModel : PageModel
            {
                public void OnGet(string q) { }
            }

            public class ContactModel : PageModel
            {
                public IActionResult OnPost(string message) => Page();
            }
            """);
    }

    // ---- not reported ----

    [Fact]
    public async Task Validated_actions_controllers_and_base_controllers()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddCookie();
            builder.Services.AddControllersWithViews();
            var app = builder.Build();
            app.MapDefaultControllerRoute();
            app.Run();

            public class OrdersController : Controller
            {
                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Place(int productId) => RedirectToAction("Index");
            }

            [AutoValidateAntiforgeryToken]
            public abstract class AppController : Controller { }

            public class AddressesController : AppController
            {
                [HttpPost]
                public IActionResult Add(string street) => RedirectToAction("Index");

                [HttpDelete]
                public IActionResult Remove(int id) => RedirectToAction("Index");
            }

            [ValidateAntiForgeryToken]
            public class PaymentsController : Controller
            {
                [HttpPost]
                public IActionResult Pay(decimal amount) => RedirectToAction("Index");
            }
            """);
    }

    [Fact]
    public async Task Global_antiforgery_filter_in_its_usual_forms()
    {
        const string Controller = """

            public class TransfersController : Microsoft.AspNetCore.Mvc.Controller
            {
                [Microsoft.AspNetCore.Mvc.HttpPost]
                public Microsoft.AspNetCore.Mvc.IActionResult Create(string to) => RedirectToAction("Index");
            }
            """;
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddCookie();
            builder.Services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
            });
            var app = builder.Build();
            app.Run();
            """ + Controller);
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddCookie();
            builder.Services.AddMvc(o => o.Filters.Add(typeof(ValidateAntiForgeryTokenAttribute)));
            var app = builder.Build();
            app.Run();
            """ + Controller);
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddCookie();
            builder.Services.AddControllersWithViews();
            builder.Services.Configure<MvcOptions>(o => o.Filters.Add<AutoValidateAntiforgeryTokenAttribute>());
            var app = builder.Build();
            app.Run();
            """ + Controller);
    }

    [Fact]
    public async Task Bearer_only_applications_and_applications_without_authentication()
    {
        const string Controller = """

            [Microsoft.AspNetCore.Mvc.ApiController]
            [Microsoft.AspNetCore.Mvc.Route("api/orders")]
            public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpPost("{id}/cancel")]
                public Microsoft.AspNetCore.Mvc.IActionResult Cancel(int id) => NoContent();
            }
            """;
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer();
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapPost("/upload", (IFormFile file) => Results.Ok()).DisableAntiforgery();
            app.MapControllers();
            app.Run();
            """ + Controller);
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews();
            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """ + Controller);
        // Cookie only for the external sign-in; the default scheme is the bearer one.
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer().AddCookie("External");
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """ + Controller);
    }

    [Fact]
    public async Task Json_bodies_and_bearer_scheme_actions_in_a_cookie_application()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddCookie().AddJwtBearer("Partners", o => o.Audience = "partners");
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();

            public record OrderRequest(int ProductId, int Quantity);

            [ApiController]
            [Route("api/orders")]
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(OrderRequest request) => Ok(request);

                [HttpPut("{id}")]
                public IActionResult Update(int id, [FromBody] OrderRequest request) => Ok(request);
            }

            public class LegacyController : Controller
            {
                [HttpPost]
                public IActionResult Import([FromBody] OrderRequest[] requests) => Ok(requests.Length);

                [HttpPost("legacy/{id}/archive")]
                [Consumes("application/json", "application/problem+json")]
                public IActionResult Archive(int id) => NoContent();
            }

            [Consumes("application/json")]
            public class JsonOnlyController : Controller
            {
                [HttpDelete("json/{id}")]
                public IActionResult Remove(int id) => NoContent();
            }

            [ApiController]
            [Route("api/partners")]
            [Authorize(AuthenticationSchemes = JwtBearerDefaults.AuthenticationScheme + ",Partners")]
            public class PartnerController : ControllerBase
            {
                [HttpPost("{id}/ship")]
                public IActionResult Ship(int id) => NoContent();
            }
            """);
    }

    [Fact]
    public async Task Form_endpoints_that_keep_antiforgery_and_json_endpoints_that_disable_it()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddCookie();
            builder.Services.AddAntiforgery();
            var app = builder.Build();
            app.UseAntiforgery();
            app.MapPost("/avatar", (IFormFile file) => Results.Ok(file.Length)).RequireAuthorization();
            app.MapPost("/api/events", (EventDto dto) => Results.Accepted()).DisableAntiforgery();
            app.MapGet("/search", ([FromQuery] string q) => Results.Ok(q));
            app.Run();

            record EventDto(string Name);
            """);
    }

    [Fact]
    public async Task Get_actions_and_non_actions_are_not_state_changing()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public static class Setup
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication().AddCookie();
            }

            public class CatalogController : Controller
            {
                [HttpGet]
                public IActionResult Index() => View();

                [HttpGet("catalog/{id}")]
                public IActionResult Details(int id) => View();

                [NonAction]
                [HttpPost]
                public void Rebuild() { }
            }

            // Not a controller: not named *Controller, no [Controller], no ControllerBase (ASP.NET Core's own rule; a
            // class named NotAController would be one).
            public class ReportBuilder
            {
                [HttpPost]
                public void Post() { }
            }
            """);
    }

    [Fact]
    public async Task A_global_antiforgery_filter_of_one_host_does_not_protect_the_controllers_another_host_maps()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Mvc;

            var site = WebApplication.CreateBuilder(args);
            site.Services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
            site.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            var siteApp = site.Build();
            siteApp.MapDefaultControllerRoute();

            var legacy = WebApplication.CreateBuilder(args);
            legacy.Services.AddControllersWithViews();
            legacy.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            var legacyApp = legacy.Build();
            legacyApp.MapDefaultControllerRoute();

            await Task.WhenAll(siteApp.RunAsync(), legacyApp.RunAsync());

            public class ProfileController : Controller
            {
                [HttpPost]
                public IActionResult {|SSDLC0705:Update|}(string name) => View();
            }
            """);
    }

    [Fact]
    public async Task Templates_are_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApi);
        await VerifyProgram.VerifyAsync(Templates.Mvc + TemplateControllers.MvcHomeController);
        await VerifyProgram.VerifyAsync(Templates.WebApp);
        await VerifyProgram.VerifyAsync(Templates.Blazor);
    }
}

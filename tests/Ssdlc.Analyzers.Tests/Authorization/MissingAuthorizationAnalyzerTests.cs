using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Authorization.MissingAuthorizationAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Authorization.MissingAuthorizationAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Authorization;

public class MissingAuthorizationAnalyzerTests
{
    // ---- reported ----

    [Fact]
    public async Task Minimal_api_endpoints_without_authorization_in_a_jwt_app()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
            builder.Services.AddAuthorization();

            var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();

            app.{|SSDLC0801:MapGet|}("/orders/{id:int}", (int id) => Results.Ok(id));
            app.{|SSDLC0801:MapDelete|}("/orders/{id:int}", async (int id) => { await Task.Yield(); return Results.NoContent(); })
               .WithName("DeleteOrder");
            app.MapPost("/orders", (string item) => Results.Created("/orders/1", item)).RequireAuthorization();
            app.MapGet("/health", () => "ok").AllowAnonymous();
            app.Run();
            """);
        Assert.Equal(
            "Endpoint MapGet(\"/orders/{id:int}\") is not covered by any authorization; add [Authorize] (or RequireAuthorization() on its mapping or route group), a fallback authorization policy, or [AllowAnonymous] where public access is intended",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Map_is_an_endpoint_like_MapGet_and_the_fallback_endpoint_is_public_by_nature()
    {
        // The same endpoints SSDLC0203/0208 take request data from (MinimalApiMappings): Map with a handler is one;
        // Map with a middleware branch is not; the fallback endpoint serves the app's shell to anyone.
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
            builder.Services.AddAuthorization();

            var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();

            app.{|SSDLC0801:Map|}("/reports/{id:int}", (int id) => Results.Ok(id));
            app.Map("/legacy", branch => branch.Run(context => context.Response.WriteAsync("moved")));
            app.Map("/exports", () => Results.Ok()).RequireAuthorization();
            app.MapFallback(() => Results.NotFound());
            app.Run();
            """);
    }

    [Fact]
    public async Task Controller_without_authorize_in_a_startup_with_cookie_authentication()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllersWithViews();
                    services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                        .AddCookie(o => o.LoginPath = "/account/login");
                }

                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseRouting();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapDefaultControllerRoute());
                }
            }

            public class {|SSDLC0801:InvoicesController|} : Controller
            {
                public IActionResult Index() => View();

                [HttpPost]
                public IActionResult Approve(int id) => RedirectToAction(nameof(Index));
            }
            """);
    }

    [Fact]
    public async Task Only_the_uncovered_actions_when_some_actions_decide()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public static class IdentitySetup
            {
                public static IServiceCollection AddShopIdentity(this IServiceCollection services)
                {
                    services.AddIdentityCore<IdentityUser>();
                    services.AddAuthentication().AddIdentityCookies();
                    return services;
                }
            }

            [ApiController]
            [Route("api/users")]
            public class UsersController : ControllerBase
            {
                [HttpGet("me")]
                [Authorize]
                public IActionResult Me() => Ok(User.Identity?.Name);

                [HttpGet("public-profile/{id}")]
                [AllowAnonymous]
                public IActionResult Profile(int id) => Ok(id);

                [HttpDelete("{id}")]
                public IActionResult {|SSDLC0801:Delete|}(int id) => NoContent();

                [HttpPut("{id}/role")]
                public async Task<IActionResult> {|SSDLC0801:SetRole|}(int id, string role)
                {
                    await Task.Delay(1);
                    return NoContent();
                }
            }
            """);
    }

    [Fact]
    public async Task Route_group_and_helper_method_without_authorization()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            var app = builder.Build();

            var api = app.MapGroup("/api").WithTags("api");
            api.{|SSDLC0801:MapGet|}("/reports", () => Results.Ok());
            var admin = api.MapGroup("/admin");
            admin.{|SSDLC0801:MapPost|}("/reset", () => Results.NoContent());
            app.MapOrders();
            app.Run();

            static class OrderEndpoints
            {
                public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder routes)
                {
                    var orders = routes.MapGroup("/orders");
                    orders.{|SSDLC0801:MapPut|}("/{id}", (int id) => Results.NoContent());
                    return routes;
                }
            }
            """);
    }

    [Fact]
    public async Task Use_endpoints_lambda_and_a_null_fallback_policy()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddAuthentication("Bearer").AddJwtBearer();
                    // A null fallback policy is the default: it allows everything.
                    services.AddAuthorization(options => options.FallbackPolicy = null);
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints =>
                    {
                        endpoints.{|SSDLC0801:MapPost|}("/api/payments", async context => await context.Response.WriteAsync("queued"));
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Controllers_under_identity_when_the_mapping_has_no_authorization()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddIdentity<IdentityUser, IdentityRole>();
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers().WithMetadata(new RouteAttribute("v1"));
            app.Run();

            [Authorize]
            public abstract class SecureController : ControllerBase { }

            public class AccountsController : SecureController
            {
                [HttpGet("accounts")]
                public IActionResult List() => Ok();
            }

            [ApiController]
            [Route("export")]
            public class {|SSDLC0801:ExportController|} : ControllerBase
            {
                [HttpGet]
                public IActionResult Csv() => Ok();
            }
            """);
    }

    // ---- not reported ----

    [Fact]
    public async Task Application_without_authentication_is_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseAuthorization();
            app.MapControllers();
            app.MapGet("/weather", () => Results.Ok());
            app.Run();

            [ApiController]
            [Route("items")]
            public class ItemsController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(string name) => Ok(name);
            }
            """);
    }

    [Fact]
    public async Task Fallback_policy_covers_everything()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer();
            builder.Services.AddAuthorization(options =>
            {
                options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            });
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.MapGet("/orders", () => Results.Ok());
            app.Run();

            [ApiController]
            [Route("items")]
            public class ItemsController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(string name) => Ok(name);
            }
            """);
    }

    [Fact]
    public async Task Fallback_policy_through_the_authorization_builder_in_an_extension_method()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authorization;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAppSecurity();
            var app = builder.Build();
            app.MapPost("/orders", (string item) => Results.Ok(item));
            app.Run();

            static class SecuritySetup
            {
                public static IServiceCollection AddAppSecurity(this IServiceCollection services)
                {
                    services.AddAuthentication().AddCookie();
                    services.AddAuthorizationBuilder()
                        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
                    return services;
                }
            }
            """);
    }

    [Fact]
    public async Task Global_authorize_filter_or_authorized_controller_mapping_covers_controllers()
    {
        const string Controller = """

            [Microsoft.AspNetCore.Mvc.ApiController]
            [Microsoft.AspNetCore.Mvc.Route("items")]
            public class ItemsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpPost]
                public Microsoft.AspNetCore.Mvc.IActionResult Create(string name) => Ok(name);
            }
            """;
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc.Authorization;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer();
            builder.Services.AddControllers(o => o.Filters.Add(new AuthorizeFilter()));
            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """ + Controller);
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer();
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers().RequireAuthorization("ApiPolicy");
            app.Run();
            """ + Controller);
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddAuthentication().AddCookie();

                public void Configure(IApplicationBuilder app)
                    => app.UseEndpoints(endpoints => endpoints.MapControllerRoute("default", "{controller=Home}/{action=Index}").RequireAuthorization());
            }
            """ + Controller);
    }

    [Fact]
    public async Task Route_groups_and_helpers_that_require_authorization()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer();
            var app = builder.Build();

            var api = app.MapGroup("/api").RequireAuthorization();
            api.MapGet("/reports", () => Results.Ok());
            var admin = api.MapGroup("/admin").WithTags("admin");
            admin.MapPost("/reset", () => Results.NoContent());

            var partners = app.MapGroup("/partners");
            partners.RequireAuthorization("Partners");
            partners.MapGet("/", () => Results.Ok());

            var status = app.MapGet("/status", () => "ok");
            status.AllowAnonymous();

            app.MapGroup("/orders").RequireAuthorization().MapOrders();
            app.Run();

            static class OrderEndpoints
            {
                public static RouteGroupBuilder MapOrders(this RouteGroupBuilder orders)
                {
                    orders.MapPut("/{id}", (int id) => Results.NoContent());
                    return orders;
                }
            }
            """);
    }

    [Fact]
    public async Task Attributes_on_handlers_controllers_and_development_only_endpoints()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddCookie();
            builder.Services.AddControllersWithViews();
            var app = builder.Build();

            app.MapGet("/me", [Authorize] (HttpContext context) => context.User.Identity?.Name);
            app.MapGet("/about", [AllowAnonymous] () => "about");
            app.MapPost("/logout", Handlers.Logout);
            if (app.Environment.IsDevelopment())
            {
                app.MapGet("/debug/config", () => "debug");
            }

            app.MapDefaultControllerRoute();
            app.Run();

            static class Handlers
            {
                [Authorize]
                public static IResult Logout() => Results.SignOut();
            }

            [AllowAnonymous]
            public class HomeController : Controller
            {
                public IActionResult Index() => View();
            }

            public class CartController : Controller
            {
                [Authorize]
                public IActionResult Index() => View();

                [AllowAnonymous]
                public IActionResult Count() => Ok(0);

                [NonAction]
                public int Helper() => 1;
            }
            """);
    }

    [Fact]
    public async Task Sign_in_registration_password_reset_and_error_endpoints_are_public_by_nature()
    {
        // They must be reachable without signing in; the other actions of the same controller are reported one by one,
        // so that the fix ([Authorize]) goes on them and not on the class.
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public static class Setup
            {
                public static void Add(IServiceCollection services)
                    => services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            }

            public class AccountController : Controller
            {
                public IActionResult Login(string returnUrl) => View();
                [HttpPost] public IActionResult LoginAsync(string user, string password) => View();
                public IActionResult Logout() => View();
                public IActionResult Register() => View();
                public IActionResult ForgotPassword() => View();
                public IActionResult ResetPassword(string code) => View();
                public IActionResult ExternalLoginCallback(string returnUrl) => View();
                public IActionResult ConfirmEmail(string userId, string code) => View();
                public IActionResult AccessDenied() => View();
                [HttpGet("sign-in/with-2fa")] public IActionResult TwoFactor() => View();
                public IActionResult {|SSDLC0801:Manage|}() => View();
                public IActionResult {|SSDLC0801:LoginHistory|}() => View();
            }

            public class ErrorsController : Controller
            {
                [Route("/error")] public IActionResult Handle() => View();
                public IActionResult Error404() => View();
            }
            """);
    }

    [Fact]
    public async Task Public_minimal_api_endpoints_by_route()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
            var app = builder.Build();
            app.MapPost("/connect/token", () => Results.Ok());
            app.MapPost("/account/login", (string user) => Results.Ok());
            app.MapPost("/account/register", (string user) => Results.Ok());
            app.MapGet("/error/{code:int}", (int code) => Results.Problem());
            app.{|SSDLC0801:MapGet|}("/account/login-history", () => Results.Ok());
            app.Run();
            """);
    }

    [Fact]
    public async Task Many_open_controllers_and_endpoints_are_one_finding_for_the_application()
    {
        // A public catalogue or blog without a fallback policy: one decision (deny by default), not one finding per page.
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews();
            builder.Services.{|SSDLC0801:AddAuthentication|}(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            var app = builder.Build();
            app.MapDefaultControllerRoute();
            app.MapGet("/feed", () => Results.Ok());
            app.MapGet("/tags", () => Results.Ok());
            app.Run();

            public class CatalogController : Controller { public IActionResult Index() => View(); }
            public class BlogController : Controller { public IActionResult Post(int id) => View(); }
            public class AboutController : Controller { public IActionResult Index() => View(); }
            """);
        Diagnostic finding = Assert.Single(diagnostics);
        Assert.Equal(5, finding.AdditionalLocations.Count);
        Assert.Equal(
            "5 controllers and endpoints of this application (Controller CatalogController, Controller BlogController, Controller AboutController and 2 more) are not covered by any authorization; set a fallback authorization policy that requires an authenticated user (deny by default) and mark the public ones [AllowAnonymous]",
            finding.GetMessage());
    }

    [Fact]
    public async Task A_fallback_policy_covers_only_the_host_it_is_registered_for()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Authorization;

            var site = WebApplication.CreateBuilder(args);
            site.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
            site.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            var siteApp = site.Build();
            siteApp.MapGet("/orders", () => Results.Ok());

            var admin = WebApplication.CreateBuilder(args);
            admin.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
            var adminApp = admin.Build();
            adminApp.{|SSDLC0801:MapPost|}("/admin/reset", () => Results.Ok());

            await Task.WhenAll(siteApp.RunAsync(), adminApp.RunAsync());
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

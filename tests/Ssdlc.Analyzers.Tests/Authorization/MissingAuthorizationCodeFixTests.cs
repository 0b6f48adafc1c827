using Ssdlc.CodeFixes.Authorization;
using Verifier = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<Ssdlc.Analyzers.Authorization.MissingAuthorizationAnalyzer, Ssdlc.CodeFixes.Authorization.MissingAuthorizationCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Authorization;

public class MissingAuthorizationCodeFixTests
{
    private const string Startup = """
        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddControllers();
                services.AddAuthentication().AddJwtBearer();
                services.AddAuthorization();
            }
        }

        """;

    private const string MvcUsings = """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private const string MinimalUsings = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        """;

    // ---- [Authorize] on controllers and actions ----

    [Fact]
    public async Task Authorize_on_a_controller_adds_the_attribute_and_the_using()
    {
        await Verifier.VerifyFixAsync(
            MvcUsings + Startup + """
            /// <summary>Orders of the signed-in customer.</summary>
            [ApiController]
            [Route("api/[controller]")]
            public class {|SSDLC0801:OrdersController|} : ControllerBase
            {
                [HttpGet("{id:int}")]
                public IActionResult Get(int id) => Ok(id);
            }
            """,
            """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            """ + Startup + """
            /// <summary>Orders of the signed-in customer.</summary>
            [ApiController]
            [Route("api/[controller]")]
            [Authorize]
            public class OrdersController : ControllerBase
            {
                [HttpGet("{id:int}")]
                public IActionResult Get(int id) => Ok(id);
            }
            """);
    }

    [Fact]
    public async Task Authorize_on_a_controller_without_attributes_keeps_its_comment_first()
    {
        await Verifier.VerifyFixAsync(
            "using Microsoft.AspNetCore.Authorization;\n" + MvcUsings + Startup + """
            // Reports for the back office.
            public class {|SSDLC0801:ReportsController|} : Controller
            {
                public IActionResult Index() => View();
            }
            """,
            "using Microsoft.AspNetCore.Authorization;\n" + MvcUsings + Startup + """
            // Reports for the back office.
            [Authorize]
            public class ReportsController : Controller
            {
                public IActionResult Index() => View();
            }
            """);
    }

    [Fact]
    public async Task Authorize_on_an_uncovered_action()
    {
        await Verifier.VerifyFixAsync(
            "using Microsoft.AspNetCore.Authorization;\n" + MvcUsings + Startup + """
            [ApiController]
            [Route("api/invoices")]
            public class InvoicesController : ControllerBase
            {
                [HttpGet, AllowAnonymous]
                public IActionResult List() => Ok();

                [HttpDelete("{id:int}")]
                public IActionResult {|SSDLC0801:Delete|}(int id) => NoContent();
            }
            """,
            "using Microsoft.AspNetCore.Authorization;\n" + MvcUsings + Startup + """
            [ApiController]
            [Route("api/invoices")]
            public class InvoicesController : ControllerBase
            {
                [HttpGet, AllowAnonymous]
                public IActionResult List() => Ok();

                [HttpDelete("{id:int}")]
                [Authorize]
                public IActionResult Delete(int id) => NoContent();
            }
            """);
    }

    [Fact]
    public async Task Allow_anonymous_is_the_second_action_on_a_controller()
    {
        await Verifier.VerifyFixAsync(
            MvcUsings + Startup + """
            [ApiController]
            [Route("api/status")]
            public class {|SSDLC0801:StatusController|} : ControllerBase
            {
                [HttpGet]
                public IActionResult Get() => Ok("up");
            }
            """,
            """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            """ + Startup + """
            [ApiController]
            [Route("api/status")]
            [AllowAnonymous]
            public class StatusController : ControllerBase
            {
                [HttpGet]
                public IActionResult Get() => Ok("up");
            }
            """,
            equivalenceKey: MissingAuthorizationCodeFixProvider.AllowAnonymousEquivalenceKey);
    }

    [Fact]
    public async Task Fix_all_authorize_covers_controllers_and_actions()
    {
        await Verifier.VerifyFixAllAsync(
            "using Microsoft.AspNetCore.Authorization;\n" + MvcUsings + Startup + """
            [ApiController]
            [Route("api/customers")]
            public class {|SSDLC0801:CustomersController|} : ControllerBase
            {
                [HttpGet]
                public IActionResult List() => Ok();
            }

            [ApiController]
            [Route("api/payments")]
            public class PaymentsController : ControllerBase
            {
                [HttpGet("public-key"), AllowAnonymous]
                public IActionResult PublicKey() => Ok();

                [HttpPost]
                public IActionResult {|SSDLC0801:Create|}(string iban) => Ok();

                [HttpPost("refund")]
                public IActionResult {|SSDLC0801:Refund|}(int id) => Ok();
            }
            """,
            "using Microsoft.AspNetCore.Authorization;\n" + MvcUsings + Startup + """
            [ApiController]
            [Route("api/customers")]
            [Authorize]
            public class CustomersController : ControllerBase
            {
                [HttpGet]
                public IActionResult List() => Ok();
            }

            [ApiController]
            [Route("api/payments")]
            public class PaymentsController : ControllerBase
            {
                [HttpGet("public-key"), AllowAnonymous]
                public IActionResult PublicKey() => Ok();

                [HttpPost]
                [Authorize]
                public IActionResult Create(string iban) => Ok();

                [HttpPost("refund")]
                [Authorize]
                public IActionResult Refund(int id) => Ok();
            }
            """);
    }

    [Fact]
    public async Task Fix_all_allow_anonymous_applies_only_the_opt_out()
    {
        await Verifier.VerifyFixAllAsync(
            "using Microsoft.AspNetCore.Authorization;\n" + MvcUsings + Startup + """
            [ApiController]
            public class {|SSDLC0801:HealthController|} : ControllerBase
            {
                [HttpGet("/health")]
                public IActionResult Get() => Ok();
            }

            [ApiController]
            public class {|SSDLC0801:VersionController|} : ControllerBase
            {
                [HttpGet("/version")]
                public IActionResult Get() => Ok("1.0");
            }
            """,
            "using Microsoft.AspNetCore.Authorization;\n" + MvcUsings + Startup + """
            [ApiController]
            [AllowAnonymous]
            public class HealthController : ControllerBase
            {
                [HttpGet("/health")]
                public IActionResult Get() => Ok();
            }

            [ApiController]
            [AllowAnonymous]
            public class VersionController : ControllerBase
            {
                [HttpGet("/version")]
                public IActionResult Get() => Ok("1.0");
            }
            """,
            equivalenceKey: MissingAuthorizationCodeFixProvider.AllowAnonymousEquivalenceKey);
    }

    // ---- .RequireAuthorization() on minimal API endpoints ----

    private const string MinimalSetup = """
        public static class Api
        {
            public static void AddApi(this WebApplicationBuilder builder)
            {
                builder.Services.AddAuthentication().AddJwtBearer();
                builder.Services.AddAuthorization();
            }

            public static void MapApi(this WebApplication app)
            {

        """;

    [Fact]
    public async Task Require_authorization_on_a_mapping_statement()
    {
        await Verifier.VerifyFixAsync(
            MinimalUsings + MinimalSetup + """
                    app.{|SSDLC0801:MapGet|}("/orders/{id:int}", (int id) => Results.Ok(id));
                }
            }
            """,
            MinimalUsings + MinimalSetup + """
                    app.MapGet("/orders/{id:int}", (int id) => Results.Ok(id)).RequireAuthorization();
                }
            }
            """);
    }

    [Fact]
    public async Task Require_authorization_goes_at_the_end_of_a_fluent_chain()
    {
        await Verifier.VerifyFixAsync(
            MinimalUsings + MinimalSetup + """
                    app.{|SSDLC0801:MapDelete|}("/orders/{id:int}", async (int id) => { await Task.Yield(); return Results.NoContent(); })
                       .WithName("DeleteOrder")
                       .WithTags("orders"); // admin screen
                }
            }
            """,
            MinimalUsings + MinimalSetup + """
                    app.MapDelete("/orders/{id:int}", async (int id) => { await Task.Yield(); return Results.NoContent(); })
                       .WithName("DeleteOrder")
                       .WithTags("orders").RequireAuthorization(); // admin screen
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_all_requires_authorization_on_every_endpoint()
    {
        await Verifier.VerifyFixAllAsync(
            MinimalUsings + MinimalSetup + """
                    var orders = app.MapGroup("/orders");
                    orders.{|SSDLC0801:MapGet|}("/", () => Results.Ok());
                    orders.{|SSDLC0801:MapPost|}("/", (string item) => Results.Created("/orders/1", item)).WithName("CreateOrder");
                    app.MapGet("/health", () => "ok").AllowAnonymous();
                }
            }
            """,
            MinimalUsings + MinimalSetup + """
                    var orders = app.MapGroup("/orders");
                    orders.MapGet("/", () => Results.Ok()).RequireAuthorization();
                    orders.MapPost("/", (string item) => Results.Created("/orders/1", item)).WithName("CreateOrder").RequireAuthorization();
                    app.MapGet("/health", () => "ok").AllowAnonymous();
                }
            }
            """);
    }

    [Fact]
    public async Task No_fix_when_the_mapping_is_not_a_statement_of_its_own()
    {
        await Verifier.VerifyNoFixAsync(
            MinimalUsings + MinimalSetup + """
                    RouteHandlerBuilder orders = app.{|SSDLC0801:MapGet|}("/orders", () => Results.Ok());
                    orders.WithName("Orders");
                }
            }
            """);
    }

    [Fact]
    public async Task No_allow_anonymous_action_for_a_minimal_endpoint()
    {
        await Verifier.VerifyNoFixAsync(
            MinimalUsings + MinimalSetup + """
                    app.{|SSDLC0801:MapGet|}("/orders", () => Results.Ok());
                }
            }
            """,
            MissingAuthorizationCodeFixProvider.AllowAnonymousEquivalenceKey);
    }

    [Fact]
    public async Task No_fix_for_a_mapping_in_an_expression_bodied_lambda()
    {
        await Verifier.VerifyNoFixAsync(
            MinimalUsings + MinimalSetup + """
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.{|SSDLC0801:MapGet|}("/orders", () => Results.Ok()));
                }
            }
            """);
    }

    [Fact]
    public async Task No_fix_when_require_authorization_would_not_bind()
    {
        // Without "using Microsoft.AspNetCore.Builder;" the extension method is not in scope.
        await Verifier.VerifyNoFixAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class Api
            {
                public static void AddApi(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
                {
                    builder.Services.AddAuthentication().AddJwtBearer();
                }

                public static void MapApi(Microsoft.AspNetCore.Builder.WebApplication app)
                {
                    Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.{|SSDLC0801:MapGet|}(app, "/orders", () => Results.Ok());
                }
            }
            """);
    }
}

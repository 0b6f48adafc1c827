using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

public class AuthenticationSetupFactsTests
{
    [Fact]
    public void Nothing_configured()
    {
        AuthenticationSetupFacts facts = Collect("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseAuthorization();
            app.MapControllers();
            app.Run();
            """);
        Assert.False(facts.AuthenticationConfigured);
        Assert.False(facts.BrowserCredentials);
        Assert.False(facts.BearerAuthentication);
        Assert.False(facts.GlobalAntiforgeryFilter);
        Assert.False(facts.GlobalAuthorizeFilter);
        Assert.False(facts.FallbackCovers(null));
        Assert.False(facts.FallbackCoversControllers);
        Assert.False(facts.ControllerMappingsAuthorized);
        Assert.Empty(facts.Endpoints);
    }

    [Theory]
    [InlineData("builder.Services.AddAuthentication().AddCookie();", true, false)]
    [InlineData("builder.Services.AddIdentity<Microsoft.AspNetCore.Identity.IdentityUser, Microsoft.AspNetCore.Identity.IdentityRole>();", true, false)]
    [InlineData("builder.Services.AddAuthentication().AddOpenIdConnect(o => o.Authority = \"https://id.example.com\");", true, false)]
    [InlineData("builder.Services.AddAuthentication(\"Windows\");", true, false)]
    [InlineData("builder.Services.AddAuthentication().AddJwtBearer();", false, true)]
    [InlineData("builder.Services.AddAuthentication().AddBearerToken();", false, true)]
    [InlineData("builder.Services.AddAuthentication(\"ApiKey\");", false, false)]
    [InlineData("builder.Services.AddIdentityCore<Microsoft.AspNetCore.Identity.IdentityUser>();", false, false)]
    [InlineData("builder.Services.AddAuthentication(\"Bearer\").AddJwtBearer().AddCookie(\"External\");", false, true)]
    [InlineData("builder.Services.AddAuthentication(o => o.DefaultScheme = \"Bearer\").AddJwtBearer().AddCookie(\"External\");", false, true)]
    [InlineData("builder.Services.AddAuthentication(\"Cookies\").AddCookie().AddJwtBearer(\"Api\", o => { });", true, true)]
    public void Authentication_kinds(string registration, bool browserCredentials, bool bearer)
    {
        AuthenticationSetupFacts facts = Collect($$"""
            var builder = WebApplication.CreateBuilder(args);
            {{registration}}
            var app = builder.Build();
            app.Run();
            """);
        Assert.True(facts.AuthenticationConfigured);
        Assert.Equal(browserCredentials, facts.BrowserCredentials);
        Assert.Equal(bearer, facts.BearerAuthentication);
    }

    [Theory]
    [InlineData("builder.Services.AddAuthentication().AddMicrosoftIdentityWebApp(builder.Configuration);", true, false)]
    [InlineData("builder.Services.AddMicrosoftIdentityWebAppAuthentication(builder.Configuration);", true, false)]
    [InlineData("builder.Services.AddAuthentication(\"Bearer\").AddMicrosoftIdentityWebApi(builder.Configuration);", false, true)]
    public void Microsoft_identity_web_is_recognised_by_name(string registration, bool browserCredentials, bool bearer)
    {
        AuthenticationSetupFacts facts = Collect($$"""
            var builder = WebApplication.CreateBuilder(args);
            {{registration}}
            builder.Build().Run();

            // Microsoft.Identity.Web is a package the tests do not reference: stand-ins with its signatures.
            static class MicrosoftIdentityWebStandIn
            {
                public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddMicrosoftIdentityWebApp(
                    this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder, Microsoft.Extensions.Configuration.IConfiguration configuration) => builder;

                public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddMicrosoftIdentityWebApi(
                    this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder, Microsoft.Extensions.Configuration.IConfiguration configuration) => builder;

                public static IServiceCollection AddMicrosoftIdentityWebAppAuthentication(
                    this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration) => services;
            }
            """);
        Assert.True(facts.AuthenticationConfigured);
        Assert.Equal(browserCredentials, facts.BrowserCredentials);
        Assert.Equal(bearer, facts.BearerAuthentication);
    }

    [Fact]
    public void Registrations_in_startup_classes_and_extension_methods_count()
    {
        AuthenticationSetupFacts facts = Collect("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSecurity();
            builder.Build().Run();

            static class SecurityExtensions
            {
                public static IServiceCollection AddSecurity(this IServiceCollection services)
                {
                    services.AddAuthentication().AddJwtBearer("Partners", o => o.Audience = "partners");
                    return services;
                }
            }

            class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                    => services.AddMvc(o => o.Filters.Add(new Microsoft.AspNetCore.Mvc.Authorization.AuthorizeFilter()));
            }
            """);
        Assert.True(facts.AuthenticationConfigured);
        Assert.True(facts.BearerAuthentication);
        Assert.True(facts.IsBearerScheme("Partners"));
        Assert.True(facts.IsBearerScheme(" Bearer"));
        Assert.False(facts.IsBearerScheme("Cookies"));
        Assert.True(facts.GlobalAuthorizeFilter);
        Assert.False(facts.GlobalAntiforgeryFilter);
    }

    [Theory]
    [InlineData("builder.Services.AddControllersWithViews(o => o.Filters.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()));")]
    [InlineData("builder.Services.AddControllersWithViews(o => o.Filters.Add<Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute>());")]
    [InlineData("builder.Services.AddControllersWithViews(o => o.Filters.Add(typeof(Microsoft.AspNetCore.Mvc.ValidateAntiForgeryTokenAttribute)));")]
    [InlineData("builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => { o.Filters.Add(new Microsoft.AspNetCore.Mvc.ValidateAntiForgeryTokenAttribute()); });")]
    public void Global_antiforgery_filter(string registration)
    {
        AuthenticationSetupFacts facts = Collect($$"""
            var builder = WebApplication.CreateBuilder(args);
            {{registration}}
            builder.Build().Run();
            """);
        Assert.True(facts.GlobalAntiforgeryFilter);
        Assert.False(facts.GlobalAuthorizeFilter);
    }

    [Fact]
    public void Other_filters_are_not_antiforgery_filters()
    {
        AuthenticationSetupFacts facts = Collect("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers(o =>
            {
                o.Filters.Add(new Microsoft.AspNetCore.Mvc.ResponseCacheAttribute { NoStore = true });
                o.Filters.Add<Microsoft.AspNetCore.Mvc.RequireHttpsAttribute>();
            });
            var list = new List<object>();
            list.Add(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
            builder.Build().Run();
            """);
        Assert.False(facts.GlobalAntiforgeryFilter);
        Assert.False(facts.GlobalAuthorizeFilter);
    }

    [Theory]
    [InlineData("builder.Services.AddAuthorization(o => o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());", true)]
    [InlineData("builder.Services.AddAuthorization(o => { o.FallbackPolicy = o.DefaultPolicy; });", true)]
    [InlineData("builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());", true)]
    [InlineData("builder.Services.AddAuthorizationBuilder().AddFallbackPolicy(\"signed-in\", p => p.RequireAuthenticatedUser());", true)]
    [InlineData("builder.Services.AddAuthorization(o => o.FallbackPolicy = null);", false)]
    [InlineData("builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(null);", false)]
    [InlineData("builder.Services.AddAuthorization(o => o.DefaultPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());", false)]
    public void Fallback_policy(string registration, bool expected)
    {
        AuthenticationSetupFacts facts = Collect($$"""
            var builder = WebApplication.CreateBuilder(args);
            {{registration}}
            builder.Build().Run();
            """);
        Assert.Equal(expected, facts.FallbackCovers(null));
        Assert.Equal(expected, facts.FallbackCoversControllers);
    }

    [Theory]
    [InlineData("app.MapControllers().RequireAuthorization();", true)]
    [InlineData("app.MapControllerRoute(\"default\", \"{controller=Home}/{action=Index}/{id?}\").RequireAuthorization(\"Staff\");", true)]
    [InlineData("var controllers = app.MapControllers(); controllers.RequireAuthorization();", true)]
    [InlineData("app.MapGroup(\"/api\").RequireAuthorization().MapControllers();", true)]
    [InlineData("app.MapControllers();", false)]
    [InlineData("app.MapControllers().WithMetadata(new object());", false)]
    [InlineData("app.MapRazorPages().RequireAuthorization(); app.MapControllers();", false)]
    public void Controller_mappings(string mapping, bool expected)
    {
        AuthenticationSetupFacts facts = Collect($$"""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            {{mapping}}
            app.Run();
            """);
        Assert.Equal(expected, facts.ControllerMappingsAuthorized);
    }

    [Fact]
    public void Razor_pages_mapping()
    {
        Assert.True(Collect("var app = WebApplication.Create(args); app.MapRazorPages().RequireAuthorization(); app.Run();").RazorPagesAuthorized);
        Assert.False(Collect("var app = WebApplication.Create(args); app.MapRazorPages(); app.Run();").RazorPagesAuthorized);
    }

    [Fact]
    public void Endpoints_with_their_coverage_form_binding_and_disabled_antiforgery()
    {
        AuthenticationSetupFacts facts = Collect("""
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            var app = WebApplication.Create(args);
            app.MapGet("/open", () => "x");
            app.MapPost("/upload", (IFormFile file) => Results.Ok()).RequireAuthorization().DisableAntiforgery();
            app.MapPost("/form", ([FromForm] string name) => name).WithName("form").DisableAntiforgery();
            app.MapGet("/me", [Authorize] () => "me");
            var group = app.MapGroup("/g");
            group.MapDelete("/{id}", (int id) => Results.NoContent());
            var secured = app.MapGroup("/s");
            secured.RequireAuthorization();
            secured.MapPut("/{id}", (int id) => Results.NoContent());
            Register(app.MapGroup("/returned"));
            if (app.Environment.IsDevelopment())
            {
                app.MapGet("/dev", () => "dev");
            }

            app.Run();

            static RouteHandlerBuilder Register(RouteGroupBuilder routes) => routes.MapPatch("/x", () => "x");
            """);
        Assert.Equal(
            new[]
            {
                "MapGet /open Uncovered form=False disabled=False",
                "MapPost /upload Covered form=True disabled=True",
                "MapPost /form Uncovered form=True disabled=True",
                "MapGet /me Covered form=False disabled=False",
                "MapDelete /{id} Uncovered form=False disabled=False",
                "MapPut /{id} Covered form=False disabled=False",
                "MapPatch /x Unknown form=False disabled=False",
            },
            facts.Endpoints
                .OrderBy(e => e.Location.SourceSpan.Start)
                .Select(e => $"{e.Method} {e.Pattern} {e.Coverage} form={e.BindsForm} disabled={e.AntiforgeryDisabled is not null}"));
    }

    [Fact]
    public void Route_builders_passed_to_helpers_are_resolved_through_their_call_sites()
    {
        AuthenticationSetupFacts facts = Collect("""
            var app = WebApplication.Create(args);
            app.MapGroup("/covered").RequireAuthorization().MapCovered();
            app.MapOpen();
            app.MapGroup("/a").RequireAuthorization().MapMixed();
            app.MapGroup("/b").MapMixed();
            app.UseEndpoints(endpoints => endpoints.MapGet("/legacy", () => "legacy"));
            app.Run();

            static class Endpoints
            {
                public static void MapCovered(this RouteGroupBuilder group) => group.MapGet("/covered", () => "c");

                public static void MapOpen(this IEndpointRouteBuilder routes) => routes.MapGet("/open", () => "o");

                public static void MapMixed(this IEndpointRouteBuilder routes) => Nested(routes);

                private static void Nested(IEndpointRouteBuilder routes) => routes.MapGet("/mixed", () => "m");

                public static void Unused(this IEndpointRouteBuilder routes) => routes.MapGet("/unused", () => "u");
            }
            """);
        Assert.Equal(
            new[] { "/legacy Uncovered", "/covered Covered", "/open Uncovered", "/mixed Uncovered", "/unused Unknown" },
            facts.Endpoints.OrderBy(e => e.Location.SourceSpan.Start).Select(e => $"{e.Pattern} {e.Coverage}"));
    }

    /// <summary>Feeds every invocation and assignment of a top-level program to the facts, as the analyzers' operation actions do.</summary>
    private static AuthenticationSetupFacts Collect(string program)
    {
        const string Usings = """
            global using System;
            global using System.Collections.Generic;
            global using System.Linq;
            global using System.Threading.Tasks;
            global using Microsoft.AspNetCore.Builder;
            global using Microsoft.AspNetCore.Http;
            global using Microsoft.AspNetCore.Routing;
            global using Microsoft.Extensions.DependencyInjection;
            global using Microsoft.Extensions.Hosting;
            """;
        Compilation compilation = CSharpCompilation.Create(
            "Facts",
            new[]
            {
                CSharpSyntaxTree.ParseText(program, AnalyzerRunner.ParseOptions, "/src/Program.cs"),
                CSharpSyntaxTree.ParseText(Usings, AnalyzerRunner.ParseOptions, "/src/Usings.cs"),
            },
            TestReferences.All,
            AnalyzerRunner.CompilationOptions.WithOutputKind(OutputKind.ConsoleApplication));
        Verify.AssertCompiles(compilation);
        AuthenticationSetupFacts facts = AuthenticationSetupFacts.TryCreate(compilation) ?? throw new InvalidOperationException("ASP.NET Core not referenced");
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                if ((node is InvocationExpressionSyntax || node is AssignmentExpressionSyntax) && model.GetOperation(node) is { } operation)
                {
                    facts.Observe(operation);
                }
            }
        }

        return facts;
    }
}

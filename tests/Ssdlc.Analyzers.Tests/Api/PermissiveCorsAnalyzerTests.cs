using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Api.PermissiveCorsAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Api.PermissiveCorsAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Api;

public class PermissiveCorsAnalyzerTests
{
    [Fact]
    public async Task AllowAnyOrigin_in_a_named_policy_of_minimal_hosting()
    {
        var diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("public", policy => {|SSDLC1202:policy.AllowAnyOrigin()|}.AllowAnyHeader().AllowAnyMethod());
            });
            var app = builder.Build();
            app.UseCors("public");
            app.MapGet("/catalog", () => "[]");
            app.Run();
            """);
        Assert.Equal(
            "The CORS policy allows any origin (AllowAnyOrigin); allow only the named origins that need access (WithOrigins(\"https://app.example.com\"))",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Reflected_origin_with_credentials_says_so()
    {
        var diagnostics = await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(o => o.AddDefaultPolicy(policy =>
                        {|SSDLC1202:policy.SetIsOriginAllowed(origin => true)|}
                            .AllowAnyHeader()
                            .AllowCredentials()));
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseCors();
                }
            }
            """);
        Assert.Equal(
            "The CORS policy allows any origin (SetIsOriginAllowed with a check that always returns true) and credentials (AllowCredentials), so any web site can call the API as the signed-in visitor; allow only the named origins that need access (WithOrigins(\"https://app.example.com\"))",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Credentials_on_the_same_builder_in_separate_statements()
    {
        var diagnostics = await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public static class CorsSetup
            {
                public static IServiceCollection AddPartnerCors(this IServiceCollection services)
                {
                    return services.AddCors(options => options.AddPolicy("partners", policy =>
                    {
                        {|SSDLC1202:policy.SetIsOriginAllowed(_ => { return true; })|};
                        policy.AllowAnyMethod();
                        policy.AllowCredentials();
                    }));
                }

                public static CorsPolicy Build()
                {
                    var builder = new CorsPolicyBuilder();
                    {|SSDLC1202:builder.WithOrigins("*")|}.WithMethods("GET");
                    return builder.Build();
                }
            }
            """);
        Assert.Contains("and credentials (AllowCredentials)", diagnostics[0].GetMessage());
        Assert.DoesNotContain("credentials", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Wildcard_among_origins_and_in_UseCors_lambda()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseCors(policy => {|SSDLC1202:policy.WithOrigins("https://app.example.com", "*")|}.AllowAnyMethod());
            app.UseCors(policy => {|SSDLC1202:policy.WithOrigins(new[] { " * " })|});
            app.Run();
            """);
    }

    [Fact]
    public async Task Manual_header_writes_in_middleware_controller_and_minimal_api()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public class FeedController : ControllerBase
            {
                [HttpGet("feed")]
                public IActionResult Get()
                {
                    {|SSDLC1202:Response.Headers["Access-Control-Allow-Origin"] = "*"|};
                    return Ok();
                }
            }

            public static class OpenHeaders
            {
                public static void Use(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        {|SSDLC1202:context.Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, "*")|};
                        await next(context);
                    });
                    app.MapGet("/status", (HttpResponse response) =>
                    {
                        {|SSDLC1202:response.Headers.AccessControlAllowOrigin = "*"|};
                        {|SSDLC1202:response.Headers.Add("access-control-allow-origin", "*")|};
                        return "ok";
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Production_branch_of_an_environment_check()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(o =>
            {
                if (builder.Environment.IsDevelopment())
                {
                    o.AddDefaultPolicy(p => p.AllowAnyOrigin());
                }
                else
                {
                    o.AddDefaultPolicy(p => {|SSDLC1202:p.AllowAnyOrigin()|});
                }
            });
            var app = builder.Build();
            app.UseCors();
            app.Run();
            """);
    }

    [Fact]
    public async Task Named_origins_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            string[] origins = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>();
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("spa", policy => policy
                    .WithOrigins("https://app.example.com", "https://admin.example.com")
                    .AllowAnyHeader()
                    .AllowAnyMethod()
                    .AllowCredentials());
                options.AddPolicy("configured", policy => policy.WithOrigins(origins).AllowAnyHeader());
                options.AddPolicy("subdomains", policy => policy.WithOrigins("https://*.example.com").SetIsOriginAllowedToAllowWildcardSubdomains());
            });
            var app = builder.Build();
            app.UseCors("spa");
            app.Run();
            """);
    }

    [Fact]
    public async Task Origin_checks_that_decide_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using Microsoft.Extensions.DependencyInjection;

            public static class CorsSetup
            {
                private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase) { "https://app.example.com" };

                public static void Add(IServiceCollection services)
                {
                    services.AddCors(o => o.AddDefaultPolicy(policy => policy
                        .SetIsOriginAllowed(origin => Allowed.Contains(origin))
                        .AllowCredentials()));
                    services.AddCors(o => o.AddPolicy("hosts", policy => policy
                        .SetIsOriginAllowed(origin => new Uri(origin).Host.EndsWith(".example.com", StringComparison.Ordinal))));
                    services.AddCors(o => o.AddPolicy("none", policy => policy.SetIsOriginAllowed(_ => false)));
                }
            }
            """);
    }

    [Fact]
    public async Task Other_headers_and_named_origin_header_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class ExportController : ControllerBase
            {
                [HttpGet("export")]
                public IActionResult Export()
                {
                    Response.Headers["Access-Control-Allow-Origin"] = "https://reports.example.com";
                    Response.Headers.Append("Access-Control-Allow-Methods", "*");
                    Response.Headers["Access-Control-Allow-Headers"] = "*";
                    Response.Headers.CacheControl = "*";
                    Response.Headers.AccessControlAllowOrigin = Request.Headers.Origin.ToString() == "https://reports.example.com" ? "https://reports.example.com" : "null";
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task Development_only_policy_and_look_alike_builder_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseCors(policy => policy.AllowAnyOrigin().AllowAnyHeader());
            }

            new RoutePolicy().AllowAnyOrigin().WithOrigins("*");
            app.Run();

            sealed class RoutePolicy
            {
                public RoutePolicy AllowAnyOrigin() => this;
                public RoutePolicy WithOrigins(params string[] origins) => this;
            }
            """);
    }

    [Fact]
    public async Task Method_group_check_and_configured_origins_in_Startup_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private readonly IConfiguration _configuration;

                public Startup(IConfiguration configuration) => _configuration = configuration;

                public void ConfigureServices(IServiceCollection services)
                {
                    string[] origins = _configuration.GetSection("AllowedOrigins").Get<string[]>() ?? Array.Empty<string>();
                    services.AddCors(o =>
                    {
                        o.AddDefaultPolicy(p => p.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().AllowCredentials());
                        o.AddPolicy("tenants", p => p.SetIsOriginAllowed(IsTenantOrigin).AllowCredentials());
                    });
                }

                public void Configure(IApplicationBuilder app) => app.UseCors();

                private static bool IsTenantOrigin(string origin)
                    => Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri) && uri.Scheme == "https" && uri.Host.EndsWith(".tenants.example.com", StringComparison.Ordinal);
            }
            """);
    }

    [Fact]
    public async Task Middleware_echoing_an_allow_listed_origin_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Net.Http.Headers;

            public sealed class PartnerCorsMiddleware
            {
                private static readonly HashSet<string> Partners = new() { "https://partner-a.example.com", "https://partner-b.example.com" };
                private readonly RequestDelegate _next;

                public PartnerCorsMiddleware(RequestDelegate next) => _next = next;

                public Task InvokeAsync(HttpContext context)
                {
                    string origin = context.Request.Headers.Origin.ToString();
                    if (Partners.Contains(origin))
                    {
                        context.Response.Headers[HeaderNames.AccessControlAllowOrigin] = origin;
                        context.Response.Headers.Append(HeaderNames.Vary, "Origin");
                    }

                    return _next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task Templates_are_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApi);
        await VerifyProgram.VerifyAsync(Templates.Mvc);
        await VerifyProgram.VerifyAsync(Templates.WebApp);
        await VerifyProgram.VerifyAsync(Templates.Blazor);
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Headers;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Headers.WeakHeaderValueAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Headers.WeakHeaderValueAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Headers;

public class WeakHeaderValueAnalyzerTests
{
    [Fact]
    public async Task Minimal_hosting_middleware_sets_weak_headers()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.Use(async (context, next) =>
            {
                context.Response.Headers.Append("Content-Security-Policy", {|SSDLC1404:"default-src 'self'; script-src 'self' 'unsafe-eval'"|});
                context.Response.Headers["Referrer-Policy"] = {|SSDLC1404:"unsafe-url"|};
                context.Response.Headers.XFrameOptions = {|SSDLC1404:"ALLOW-FROM https://partner.example.com"|};
                await next();
            });

            app.MapGet("/", () => "Hello");
            app.Run();
            """);
        Assert.Equal(
            "Content-Security-Policy allows 'unsafe-eval' in script-src; allow scripts only from 'self', named origins, nonces or hashes, never 'unsafe-eval' or '*'",
            diagnostics[0].GetMessage());
        Assert.Equal(
            "Referrer-Policy: unsafe-url sends the full URL, with path and query, to every site the page links to; use strict-origin-when-cross-origin or no-referrer",
            diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Startup_middleware_with_HeaderNames_and_typed_properties()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Net.Http.Headers;

            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.Use(async (HttpContext context, RequestDelegate next) =>
                    {
                        context.Response.Headers.ContentSecurityPolicy = {|SSDLC1404:"default-src *"|};
                        context.Response.Headers.Append(HeaderNames.XFrameOptions, {|SSDLC1404:"allow-from https://portal.example.com/"|});
                        await next(context);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Security_headers_middleware_class_with_constants()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public sealed class SecurityHeadersMiddleware(RequestDelegate next)
            {
                private const string Csp = "default-src 'self'; img-src * data:; script-src 'self' * 'unsafe-inline'";
                private static readonly string ReferrerPolicy = "no-referrer, unsafe-url";

                public Task InvokeAsync(HttpContext context)
                {
                    context.Response.OnStarting(() =>
                    {
                        IHeaderDictionary headers = context.Response.Headers;
                        headers["content-security-policy"] = {|SSDLC1404:Csp|};
                        headers.TryAdd("Referrer-Policy", {|SSDLC1404:ReferrerPolicy|});
                        headers.Add("X-Content-Type-Options", "nosniff");
                        return Task.CompletedTask;
                    });
                    return next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task Controller_and_filter_write_weak_headers()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class EmbeddableAttribute : ActionFilterAttribute
            {
                public override void OnResultExecuting(ResultExecutingContext context)
                {
                    context.HttpContext.Response.Headers["X-Frame-Options"] = {|SSDLC1404:"ALLOW-FROM https://intranet.example.com"|};
                }
            }

            public class WidgetController : Controller
            {
                public IActionResult Index()
                {
                    var policy = "script-src 'self' 'UNSAFE-EVAL' https://cdn.example.com";
                    Response.Headers.Append("Content-Security-Policy", {|SSDLC1404:policy|});
                    return View();
                }
            }
            """);
    }

    [Fact]
    public async Task Default_src_counts_when_there_is_no_script_src()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;

            public static class CspExtensions
            {
                public static void AddLegacyCsp(this HttpResponse response)
                    => response.Headers["Content-Security-Policy"] = {|SSDLC1404:"default-src 'self' 'unsafe-eval' 'unsafe-inline'; style-src 'self'"|};
            }
            """);
    }

    [Fact]
    public async Task Several_values_and_StringValues()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Primitives;

            public static class Headers
            {
                public static void Apply(HttpContext context)
                {
                    context.Response.Headers["Referrer-Policy"] = {|SSDLC1404:new StringValues("unsafe-url")|};
                    context.Response.Headers.Append("Content-Security-Policy", {|SSDLC1404:new[] { "script-src *", "default-src * 'unsafe-eval'" }|});
                }
            }
            """);
    }

    [Fact]
    public async Task Policies_assembled_from_constant_directives()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class CspMiddleware
            {
                private const string ScriptSources = "'self' 'unsafe-eval' https://cdn.example.com";

                public static IApplicationBuilder UseCsp(this IApplicationBuilder app)
                {
                    var policy = string.Join("; ", new[]
                    {
                        "default-src 'self'",
                        $"script-src {ScriptSources}",
                        "object-src 'none'",
                    });
                    string frames = "default-src 'self'; " + "script-src *";
                    return app.Use(async (context, next) =>
                    {
                        context.Response.Headers.ContentSecurityPolicy = {|SSDLC1404:policy|};
                        context.Response.Headers["Content-Security-Policy"] = {|SSDLC1404:frames|};
                        await next();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Assembled_strict_policies_and_reassigned_locals_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;

            public static class CspWriter
            {
                public static void Write(HttpContext context, bool legacy)
                {
                    var strict = string.Join("; ", "default-src 'self'", "script-src 'self'", "img-src * data:");
                    context.Response.Headers.ContentSecurityPolicy = strict;

                    var policy = "script-src 'self' 'unsafe-eval'";
                    if (!legacy)
                    {
                        policy = "script-src 'self'";
                    }

                    context.Response.Headers["Content-Security-Policy"] = policy;
                }
            }
            """);
    }

    [Fact]
    public async Task Strong_values_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.Net.Http.Headers;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.Use(async (context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src * data:; frame-ancestors 'none'";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.Append(HeaderNames.XContentTypeOptions, "nosniff");
                headers["X-Frame-Options"] = "SAMEORIGIN";
                await next();
            });

            app.Run();
            """);
    }

    [Fact]
    public async Task Strict_dynamic_nonce_policy_and_fallbacks_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;

            public sealed class CspWriter
            {
                public void Write(HttpContext context, string nonce)
                {
                    context.Response.Headers.ContentSecurityPolicy =
                        $"script-src 'nonce-{nonce}' 'strict-dynamic' https: *; object-src 'none'; base-uri 'none'";
                    context.Response.Headers.Append("Content-Security-Policy", "script-src 'strict-dynamic' 'sha256-abc' *");
                    context.Response.Headers["Referrer-Policy"] = "unsafe-url, strict-origin-when-cross-origin";
                    context.Response.Headers["Content-Security-Policy"] = "script-src 'self'; default-src * 'unsafe-eval'";
                }
            }
            """);
    }

    [Fact]
    public async Task Report_only_and_request_headers_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Net.Http.Headers;

            public sealed class Reporting
            {
                public void Write(HttpContext context, HttpRequestMessage outgoing)
                {
                    context.Response.Headers.ContentSecurityPolicyReportOnly = "script-src 'self' 'unsafe-eval'";
                    context.Response.Headers.Append(HeaderNames.ContentSecurityPolicyReportOnly, "script-src *");
                    outgoing.Headers.Add("Referrer-Policy", "unsafe-url");
                    var dictionary = new System.Collections.Generic.Dictionary<string, string> { ["X-Frame-Options"] = "ALLOW-FROM https://a" };
                    dictionary.Add("Content-Security-Policy", "script-src *");
                }
            }
            """);
    }

    [Fact]
    public async Task Configured_values_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;

            public sealed class ConfiguredHeaders(IConfiguration configuration)
            {
                public void Apply(HttpContext context)
                {
                    context.Response.Headers["Content-Security-Policy"] = configuration["Csp"];
                    context.Response.Headers.Append("Referrer-Policy", configuration.GetValue<string>("ReferrerPolicy") ?? "no-referrer");
                }
            }
            """);
    }

    [Fact]
    public async Task Reading_headers_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Inspect
            {
                public static bool AllowsEval(HttpContext context)
                    => context.Response.Headers["Content-Security-Policy"].ToString().Contains("'unsafe-eval'")
                       || context.Request.Headers.Referer == "unsafe-url";
            }
            """);
    }

    [Theory]
    [InlineData("script-src 'self' 'unsafe-eval'", true)]
    [InlineData("default-src 'self' 'unsafe-eval'", true)]
    [InlineData("default-src *", true)]
    [InlineData("default-src 'self'; script-src *; ", true)]
    [InlineData("script-src 'self'; script-src 'unsafe-eval'", false)]
    [InlineData("default-src 'unsafe-eval'; script-src 'self'", false)]
    [InlineData("script-src 'wasm-unsafe-eval'", false)]
    [InlineData("script-src *.example.com", false)]
    [InlineData("img-src *; style-src *", false)]
    [InlineData("script-src *, script-src 'self'", false)]
    public void Csp_script_sources(string policy, bool weak)
        => Assert.Equal(weak, WeakHeaderValueAnalyzer.WeakScriptSources(new[] { policy }) is not null);

    [Fact]
    public async Task Templates_are_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApi);
        await VerifyProgram.VerifyAsync(Templates.Mvc);
        await VerifyProgram.VerifyAsync(Templates.WebApp);
        await VerifyProgram.VerifyAsync(Templates.Blazor);
    }
}

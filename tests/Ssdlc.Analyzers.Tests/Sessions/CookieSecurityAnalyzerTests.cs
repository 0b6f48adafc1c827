using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Sessions;
using Ssdlc.Analyzers.Tests.Errors;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Sessions.CookieSecurityAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Sessions.CookieSecurityAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Sessions;

public class CookieSecurityAnalyzerTests
{
    [Fact]
    public async Task Append_without_options_is_neither_secure_nor_http_only()
    {
        // Both rules report the same call, which the markup cannot nest: the findings are listed as ID and text.
        const string source = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : Controller
            {
                [HttpPost]
                public IActionResult Login(string user)
                {
                    Response.Cookies.Append("session", System.Guid.NewGuid().ToString());
                    return Ok();
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/theme", (HttpContext context, string theme) => context.Response.Cookies.Append("theme", theme));
                }
            }
            """;
        ImmutableArray<Diagnostic> diagnostics = await Run(source);
        Assert.Equal(
            new[]
            {
                "SSDLC0701 Response.Cookies.Append(\"session\", System.Guid.NewGuid().ToString())",
                "SSDLC0702 Response.Cookies.Append(\"session\", System.Guid.NewGuid().ToString())",
                "SSDLC0701 context.Response.Cookies.Append(\"theme\", theme)",
                "SSDLC0702 context.Response.Cookies.Append(\"theme\", theme)",
            },
            diagnostics.Select(d => d.Id + " " + source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)));
        Assert.Equal(
            "Cookie 'session' is appended without CookieOptions, so it is not Secure; set Secure = true (CookieSecurePolicy.Always) so that the cookie is sent over HTTPS only",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Options_without_secure_or_with_secure_false()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class PreferencesController : ControllerBase
            {
                [HttpPost]
                public IActionResult Save(string culture)
                {
                    {|SSDLC0701:Response.Cookies.Append("culture", culture, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict })|};
                    var options = new CookieOptions { HttpOnly = true };
                    {|SSDLC0701:Response.Cookies.Append("layout", "wide", options)|};
                    Response.Cookies.Append("tracking", "1", new CookieOptions { {|SSDLC0701:Secure = false|}, HttpOnly = true });
                    var legacy = new CookieOptions();
                    {|SSDLC0701:legacy.Secure = false|};
                    legacy.HttpOnly = true;
                    Response.Cookies.Append("legacy", "1", legacy);
                    return NoContent();
                }
            }
            """);
    }

    [Fact]
    public async Task Session_cookie_options_without_http_only_or_with_http_only_false()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;

            public class TokenMiddleware
            {
                private readonly RequestDelegate next;

                public TokenMiddleware(RequestDelegate next) => this.next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    {|SSDLC0702:context.Response.Cookies.Append("refresh_token", "value", new CookieOptions { Secure = true })|};
                    {|SSDLC0702:context.Response.Cookies.Append(".App.Session", "value", new CookieOptions { Secure = true, SameSite = SameSiteMode.Lax })|};
                    context.Response.Cookies.Append("auth", "value", new CookieOptions { Secure = true, {|SSDLC0702:HttpOnly = false|} });
                    await next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task Authentication_session_and_antiforgery_cookie_builders()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Identity;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(options =>
                {
                    options.LoginPath = "/login";
                    {|SSDLC0701:options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest|};
                    {|SSDLC0702:options.Cookie.HttpOnly = false|};
                    {|SSDLC0703:options.Cookie.SameSite = SameSiteMode.None|};
                });
            builder.Services.AddSession(o => {|SSDLC0701:o.Cookie.SecurePolicy = CookieSecurePolicy.None|});
            builder.Services.AddAntiforgery(o =>
            {
                {|SSDLC0701:o.Cookie.SecurePolicy = CookieSecurePolicy.None|};
                {|SSDLC0703:o.Cookie.SameSite = SameSiteMode.Unspecified|};
            });
            builder.Services.ConfigureApplicationCookie(o => {|SSDLC0703:o.Cookie.SameSite = SameSiteMode.None|});
            builder.Services.Configure<CookiePolicyOptions>(o => {|SSDLC0702:o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.None|});

            var app = builder.Build();
            app.Run();
            """);
    }

    [Fact]
    public async Task Same_site_none_on_appended_cookies()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class WidgetController : Controller
            {
                private static readonly CookieOptions Embedded = new() { Secure = true, HttpOnly = true, {|SSDLC0703:SameSite = SameSiteMode.None|} };

                public IActionResult Embed()
                {
                    Response.Cookies.Append("widget", "1", Embedded);
                    Response.Cookies.Append("widget2", "1", new CookieOptions { Secure = true, {|SSDLC0703:SameSite = SameSiteMode.Unspecified|} });
                    return View();
                }
            }
            """);
    }

    [Fact]
    public async Task Secure_cookies_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : Controller
            {
                private static readonly CookieOptions Shared = new() { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict };

                [HttpPost]
                public IActionResult Login(string user)
                {
                    Response.Cookies.Append("session", Guid.NewGuid().ToString(), new CookieOptions
                    {
                        Secure = true,
                        HttpOnly = true,
                        SameSite = SameSiteMode.Strict,
                        Expires = DateTimeOffset.UtcNow.AddMinutes(20),
                    });
                    var options = new CookieOptions { HttpOnly = true };
                    options.Secure = true;
                    options.SameSite = SameSiteMode.Lax;
                    Response.Cookies.Append("auth", "x", options);
                    Response.Cookies.Append("theme", "dark", Shared);
                    Response.Cookies.Append("culture", "en", new CookieOptions { Secure = Request.IsHttps });
                    Response.Cookies.Append("copy", "1", new CookieOptions(Shared));
                    Response.Cookies.Delete("legacy");
                    return Ok();
                }

                public IActionResult Prefs(CookieOptions fromElsewhere) { Response.Cookies.Append("prefs", "1", fromElsewhere); return Ok(); }
            }
            """);
    }

    [Fact]
    public async Task Cookies_for_scripts_need_only_secure()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Antiforgery;
            using Microsoft.AspNetCore.Http;

            public class XsrfCookieMiddleware(RequestDelegate next, IAntiforgery antiforgery)
            {
                public async System.Threading.Tasks.Task InvokeAsync(HttpContext context)
                {
                    var tokens = antiforgery.GetAndStoreTokens(context);
                    context.Response.Cookies.Append("XSRF-TOKEN", tokens.RequestToken!, new CookieOptions { Secure = true, HttpOnly = false, SameSite = SameSiteMode.Strict });
                    context.Response.Cookies.Append("theme", "dark", new CookieOptions { Secure = true });
                    context.Response.Cookies.Append("tokenCount", "3", new CookieOptions { Secure = true });
                    context.Response.Cookies.Append("author", "jane", new CookieOptions { Secure = true });
                    await next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task Hardened_authentication_options_are_not_reported()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.CookiePolicy;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(options =>
                {
                    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    options.Cookie.HttpOnly = true;
                    options.Cookie.SameSite = SameSiteMode.Strict;
                });
            builder.Services.AddSession(o =>
            {
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.IsEssential = true;
            });
            builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            builder.Services.Configure<CookiePolicyOptions>(o =>
            {
                o.HttpOnly = HttpOnlyPolicy.Always;
                o.Secure = CookieSecurePolicy.Always;
                o.MinimumSameSitePolicy = SameSiteMode.Lax;
            });

            var app = builder.Build();
            app.UseCookiePolicy();
            app.Run();
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

    private static async Task<ImmutableArray<Diagnostic>> Run(string source)
    {
        Compilation compilation = AnalyzerRunner.CreateCompilation(source);
        Verify.AssertCompiles(compilation);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new CookieSecurityAnalyzer()));
        Verify.AssertNoAnalyzerFailures(result);
        return result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
    }

    [Fact]
    public async Task A_weak_cookie_setting_on_either_branch_except_a_development_only_one()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Hosting;

            public static class Cookies
            {
                public static CookieOptions Options(bool embedded, IWebHostEnvironment env) => new CookieOptions
                {
                    {|SSDLC0701:Secure = embedded ? false : true|},
                    HttpOnly = env.IsDevelopment() ? false : true,
                    {|SSDLC0703:SameSite = embedded ? SameSiteMode.None : SameSiteMode.Strict|},
                };

                public static CookieOptions Strict(bool lax) => new CookieOptions
                {
                    Secure = true,
                    HttpOnly = true,
                    SameSite = lax ? SameSiteMode.Lax : SameSiteMode.Strict,
                };
            }
            """);
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Sessions.SessionTimeoutAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Sessions.SessionTimeoutAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Sessions;

public class SessionTimeoutAnalyzerTests
{
    private const string Usings = """
        using System;
        using Microsoft.AspNetCore.Authentication.Cookies;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        """;

    // ---- positives ----

    [Fact]
    public async Task Session_idle_timeout_of_two_hours_in_program()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession(options =>
            {
                {|SSDLC0704:options.IdleTimeout = TimeSpan.FromHours(2)|};
                options.Cookie.HttpOnly = true;
                options.Cookie.IsEssential = true;
            });
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """);
        Assert.Equal(
            "Session IdleTimeout is 2 hours; end idle sessions after at most 30 minutes and every session after at most 24 hours, and keep session cookies non-persistent",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Session_options_in_a_startup_class_through_a_local()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    var idle = TimeSpan.FromMinutes(60);
                    services.Configure<SessionOptions>(o => {|SSDLC0704:o.IdleTimeout = idle|});
                }
            }
            """);
    }

    [Fact]
    public async Task Cookie_authentication_with_sliding_expiration_of_eight_hours()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(options =>
                {
                    options.LoginPath = "/account/login";
                    {|SSDLC0704:options.ExpireTimeSpan = TimeSpan.FromHours(8)|};
                });
            builder.Build().Run();
            """);
        Assert.StartsWith(
            "Cookie authentication ExpireTimeSpan is 8 hours with sliding expiration, so an idle session stays valid for 8 hours;",
            diagnostics[0].GetMessage(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Application_cookie_with_an_absolute_lifetime_of_seven_days()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public static class IdentityCookies
            {
                public static IServiceCollection AddAppCookies(this IServiceCollection services)
                    => services.ConfigureApplicationCookie(o =>
                    {
                        {|SSDLC0704:o.ExpireTimeSpan = TimeSpan.FromDays(7)|};
                        o.SlidingExpiration = false;
                    });
            }
            """);
        Assert.StartsWith(
            "Cookie authentication ExpireTimeSpan is 7 days without sliding expiration, so a session lasts 7 days;",
            diagnostics[0].GetMessage(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explicit_sliding_with_a_static_readonly_timeout_and_an_initialiser()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public static class AuthSetup
            {
                private static readonly TimeSpan Idle = new TimeSpan(0, 45, 0);

                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication().AddCookie("Admin", o =>
                    {
                        o.SlidingExpiration = true;
                        {|SSDLC0704:o.ExpireTimeSpan = Idle|};
                    });
                }

                public static CookieAuthenticationOptions Defaults() => new CookieAuthenticationOptions
                {
                    {|SSDLC0704:ExpireTimeSpan = TimeSpan.FromMinutes(90)|},
                };
            }
            """);
    }

    [Fact]
    public async Task Persistent_session_and_authentication_cookies()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSession(o => {|SSDLC0704:o.Cookie.MaxAge = TimeSpan.FromDays(30)|});
            builder.Services.AddAuthentication().AddCookie(o =>
            {
                o.ExpireTimeSpan = TimeSpan.FromMinutes(20);
                {|SSDLC0704:o.Cookie.MaxAge = TimeSpan.FromDays(14)|};
            });
            var fallback = new SessionOptions { Cookie = { Name = ".App.Session", {|SSDLC0704:MaxAge = TimeSpan.FromHours(1)|} } };
            builder.Build().Run();
            """);
        Assert.StartsWith("Cookie.MaxAge makes the session cookie persistent, so it outlives the browser session;", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("Cookie.MaxAge makes the authentication cookie persistent", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_lifetime_with_sliding_from_configuration_is_too_long_either_way()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public static class AuthSetup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration)
                {
                    services.AddAuthentication().AddCookie(o =>
                    {
                        o.SlidingExpiration = configuration.GetValue<bool>("Auth:Sliding");
                        {|SSDLC0704:o.ExpireTimeSpan = TimeSpan.FromDays(14)|};
                    });
                }
            }
            """);
    }

    // ---- negatives ----

    [Fact]
    public async Task Idle_timeouts_up_to_thirty_minutes_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSession(o =>
            {
                o.IdleTimeout = TimeSpan.FromMinutes(20);
                o.IOTimeout = TimeSpan.FromHours(1);
            });
            builder.Services.Configure<SessionOptions>(o => o.IdleTimeout = new TimeSpan(0, 30, 0));
            builder.Services.AddAuthentication().AddCookie(o =>
            {
                o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                o.SlidingExpiration = true;
            });
            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task Absolute_lifetime_up_to_a_day_without_sliding_is_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public static class AuthSetup
            {
                public static void Add(IServiceCollection services)
                {
                    services.ConfigureApplicationCookie(o =>
                    {
                        o.SlidingExpiration = false;
                        o.ExpireTimeSpan = TimeSpan.FromHours(8);
                    });
                    services.AddAuthentication().AddCookie("Kiosk", o =>
                    {
                        o.ExpireTimeSpan = TimeSpan.FromHours(24);
                        o.SlidingExpiration = false;
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Timeouts_from_configuration_are_not_judged()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class SessionSettings
            {
                public int IdleMinutes { get; set; } = 20;
            }

            public static class SessionSetup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration, SessionSettings settings)
                {
                    services.AddSession(o => o.IdleTimeout = TimeSpan.FromMinutes(settings.IdleMinutes));
                    services.AddAuthentication().AddCookie(o =>
                    {
                        o.ExpireTimeSpan = configuration.GetValue<TimeSpan>("Auth:Expiry");
                        o.SlidingExpiration = configuration.GetValue<bool>("Auth:Sliding");
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Session_cookie_without_max_age_and_other_cookies_with_one_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSession(o =>
            {
                o.Cookie.Name = ".App.Session";
                o.Cookie.MaxAge = null;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            });
            builder.Services.AddAntiforgery(o => o.Cookie.MaxAge = TimeSpan.FromDays(1));
            var app = builder.Build();
            app.MapPost("/theme", (HttpContext context, string theme) =>
                context.Response.Cookies.Append("theme", theme, new CookieOptions { Secure = true, MaxAge = TimeSpan.FromDays(365) }));
            app.Run();
            """);
    }

    [Fact]
    public async Task Cache_and_token_look_alikes_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using Microsoft.Extensions.Caching.Distributed;
            using Microsoft.Extensions.Caching.Memory;
            using Microsoft.AspNetCore.Authentication;

            public class Caching
            {
                public void Configure()
                {
                    var distributed = new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(2) };
                    var memory = new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromDays(1) };
                    var properties = new AuthenticationProperties { IsPersistent = false, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
                    var options = new CookieOptions { MaxAge = TimeSpan.FromDays(30) };
                }
            }
            """);
    }

    [Fact]
    public async Task Short_timeouts_in_initialisers_and_other_timeouts_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using System.Net.Http;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.IdentityModel.Tokens;

            public static class Timeouts
            {
                public static SessionOptions Session() => new SessionOptions { IdleTimeout = TimeSpan.FromMinutes(15), IOTimeout = TimeSpan.FromHours(1) };

                public static CookieAuthenticationOptions Cookies() => new CookieAuthenticationOptions
                {
                    ExpireTimeSpan = TimeSpan.FromMinutes(10),
                    SlidingExpiration = true,
                    ReturnUrlParameter = "next",
                };

                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication().AddJwtBearer(o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters { ClockSkew = TimeSpan.FromHours(1) };
                        o.AutomaticRefreshInterval = TimeSpan.FromDays(1);
                    });
                    services.AddHttpClient("partner", c => c.Timeout = TimeSpan.FromHours(2));
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

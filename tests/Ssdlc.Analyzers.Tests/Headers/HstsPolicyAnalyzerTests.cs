using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Headers.HstsPolicyAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Headers.HstsPolicyAnalyzer>;
using VerifyProject = Ssdlc.Analyzers.Tests.Verification.WebProjectVerifier<Ssdlc.Analyzers.Headers.HstsPolicyAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Headers;

public class HstsPolicyAnalyzerTests
{
    // ---- Reported ----

    [Fact]
    public async Task Short_max_age_in_add_hsts()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            builder.Services.AddHsts(options =>
            {
                {|SSDLC1402:options.MaxAge = TimeSpan.FromDays(60)|};
                options.IncludeSubDomains = true;
                options.Preload = true;
            });

            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }

            app.UseHttpsRedirection();
            app.MapRazorPages();
            app.Run();
            """);
        Assert.Equal(
            "HstsOptions.MaxAge is 60 days; set HstsOptions.MaxAge to at least 126 days (e.g. TimeSpan.FromDays(365)) and IncludeSubDomains = true",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Include_sub_domains_false_in_configure_options()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.HttpsPolicy;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HstsOptions>(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                {|SSDLC1402:o.IncludeSubDomains = false|};
            });

            var app = builder.Build();
            app.UseHsts();
            app.Run();
            """);
    }

    [Fact]
    public async Task Use_hsts_with_the_default_options()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews();

            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.UseExceptionHandler("/Home/Error");
                {|SSDLC1402:app.UseHsts()|};
            }

            app.UseHttpsRedirection();
            app.MapDefaultControllerRoute();
            app.Run();
            """);
        Assert.StartsWith("UseHsts() sends ASP.NET Core's default HSTS policy (max-age 30 days, no includeSubDomains)", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_hsts_that_never_sets_include_sub_domains_is_reported_at_add_hsts()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|SSDLC1402:AddHsts|}(o => o.MaxAge = TimeSpan.FromDays(365));

            var app = builder.Build();
            app.UseHsts();
            app.UseHttpsRedirection();
            app.Run();
            """);
        Assert.StartsWith("The HSTS options leave IncludeSubDomains at its default false", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_with_one_hour_max_age_and_default_sub_domains()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddMvc();
                    services.{|SSDLC1402:AddHsts|}(options =>
                    {
                        {|SSDLC1402:options.MaxAge = TimeSpan.FromHours(1)|};
                    });
                }

                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (!env.IsDevelopment())
                    {
                        app.UseHsts();
                    }

                    app.UseHttpsRedirection();
                }
            }
            """);
        Assert.Equal(2, diagnostics.Length);
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("HstsOptions.MaxAge is 1 hour;", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("The HSTS options leave IncludeSubDomains at its default false", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Weak_values_in_a_library_extension_are_reported_without_an_app()
    {
        await VerifyProject.VerifyAsync(
            new[]
            {
                ("CompanyHsts.cs", """
                    public static class CompanyHsts
                    {
                        public static IServiceCollection AddCompanyHsts(this IServiceCollection services)
                            => services.AddHsts(o =>
                            {
                                {|SSDLC1402:o.MaxAge = new TimeSpan(30, 0, 0, 0)|};
                                {|SSDLC1402:o.IncludeSubDomains = false|};
                            });
                    }
                    """),
            },
            OutputKind.DynamicallyLinkedLibrary);
    }

    [Fact]
    public async Task Object_initialiser_of_hsts_options()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.HttpsPolicy;
            using Microsoft.Extensions.Options;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<IOptions<HstsOptions>>(Options.Create(new HstsOptions
            {
                {|SSDLC1402:MaxAge = TimeSpan.FromSeconds(86400)|},
                IncludeSubDomains = true,
            }));

            var app = builder.Build();
            app.UseHsts();
            app.Run();
            """);
    }

    [Fact]
    public async Task Hand_written_strict_transport_security_headers()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            using Microsoft.Net.Http.Headers;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                {|SSDLC1402:context.Response.Headers["Strict-Transport-Security"] = "max-age=86400"|};
                await next(context);
            });
            app.Use(async (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    {|SSDLC1402:context.Response.Headers.Append(HeaderNames.StrictTransportSecurity, "max-age=31536000")|};
                    return Task.CompletedTask;
                });
                await next(context);
            });
            app.UseHttpsRedirection();
            app.Run();
            """);
        Assert.StartsWith("The Strict-Transport-Security header has a max-age of 1 day and no includeSubDomains;", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("The Strict-Transport-Security header has no includeSubDomains;", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    // ---- Not reported ----

    [Fact]
    public async Task Strong_or_configured_hand_written_strict_transport_security_headers()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            string hsts = builder.Configuration["Headers:Hsts"] ?? "max-age=63072000; includeSubDomains";
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                context.Response.Headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains; preload";
                context.Response.Headers["Strict-Transport-Security"] = hsts;
                context.Response.Headers.Append("X-Content-Type-Options", "nosniff");
                await next(context);
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task Strong_hsts_options()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            builder.Services.AddHsts(options =>
            {
                options.MaxAge = TimeSpan.FromDays(365);
                options.IncludeSubDomains = true;
                options.Preload = true;
            });

            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }

            app.UseHttpsRedirection();
            app.MapRazorPages();
            app.Run();
            """);
    }

    [Fact]
    public async Task Exactly_126_days_and_two_years_in_a_startup_class()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.HttpsPolicy;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(126); o.IncludeSubDomains = true; });
                    services.PostConfigure<HstsOptions>(o => o.MaxAge = TimeSpan.FromDays(730));
                }

                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseHsts();
                    app.UseHttpsRedirection();
                }
            }
            """);
    }

    [Fact]
    public async Task Options_bound_from_configuration_are_not_judged()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.HttpsPolicy;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HstsOptions>(builder.Configuration.GetSection("Hsts"));

            var app = builder.Build();
            app.UseHsts();
            app.Run();
            """);
    }

    [Fact]
    public async Task Values_from_configuration_are_not_judged()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            int days = builder.Configuration.GetValue<int>("Hsts:Days");
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(days);
                o.IncludeSubDomains = builder.Configuration.GetValue("Hsts:IncludeSubDomains", true);
            });

            var app = builder.Build();
            app.UseHsts();
            app.Run();
            """);
    }

    [Fact]
    public async Task Hsts_only_in_development_is_left_to_SSDLC1401()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }

            app.UseHttpsRedirection();
            app.Run();
            """);
    }

    [Fact]
    public async Task Library_calling_use_hsts_leaves_the_options_to_the_app()
    {
        await VerifyProject.VerifyAsync(
            new[]
            {
                ("CompanyPipeline.cs", """
                    public static class CompanyPipeline
                    {
                        public static IApplicationBuilder UseCompanyTransportSecurity(this IApplicationBuilder app)
                            => app.UseHsts().UseHttpsRedirection();
                    }
                    """),
            },
            OutputKind.DynamicallyLinkedLibrary);
    }

    [Fact]
    public async Task A_header_package_use_hsts_is_not_aspnetcore_hsts()
    {
        await VerifyProgram.VerifyAsync("""
            using NWebsec.AspNetCore.Middleware;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseHsts(options => options.MaxAge(days: 365).IncludeSubdomains());
            app.UseHttpsRedirection();
            app.Run();

            // NWebsec.AspNetCore.Middleware is a package the tests do not reference: a stand-in.
            namespace NWebsec.AspNetCore.Middleware
            {
                public sealed class HstsOptions
                {
                    public HstsOptions MaxAge(int days) => this;
                    public HstsOptions IncludeSubdomains() => this;
                }

                public static class ApplicationBuilderExtensions
                {
                    public static IApplicationBuilder UseHsts(this IApplicationBuilder app, Action<HstsOptions> configure) => app;
                }
            }
            """);
    }

    // ---- Project templates: webapi has no HSTS; mvc, webapp and blazor call UseHsts() with the defaults (30 days, no includeSubDomains). ----

    [Fact]
    public async Task Template_webapi_program_is_clean() => await VerifyProgram.VerifyAsync(Templates.WebApi);

    [Theory]
    [InlineData("mvc")]
    [InlineData("webapp")]
    [InlineData("blazor")]
    public async Task Templates_with_default_hsts_are_reported_at_use_hsts(string template)
    {
        string source = template switch
        {
            "mvc" => Templates.Mvc,
            "webapp" => Templates.WebApp,
            _ => Templates.Blazor,
        };
        Assert.Contains("app.UseHsts();", source, StringComparison.Ordinal);
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync(source.Replace("app.UseHsts();", "{|SSDLC1402:app.UseHsts()|};", StringComparison.Ordinal));
        Assert.StartsWith("UseHsts() sends ASP.NET Core's default HSTS policy (max-age 30 days, no includeSubDomains)", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }
}

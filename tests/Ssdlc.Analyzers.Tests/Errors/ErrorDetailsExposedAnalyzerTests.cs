using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Errors.ErrorDetailsExposedAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Errors.ErrorDetailsExposedAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Errors;

public class ErrorDetailsExposedAnalyzerTests
{
    [Fact]
    public async Task Unguarded_developer_exception_page_in_program()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();

            var app = builder.Build();
            {|SSDLC0901:app.UseDeveloperExceptionPage()|};
            app.UseHttpsRedirection();
            app.MapControllers();
            app.Run();
            """);
        Assert.Equal(
            "UseDeveloperExceptionPage() shows stack traces and source code; enable it only inside an if (app.Environment.IsDevelopment()) check and use UseExceptionHandler elsewhere",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Else_branch_after_the_check_and_negated_check_are_reported()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            if (app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }
            else
            {
                {|SSDLC0901:app.UseDeveloperExceptionPage()|};
            }

            if (!app.Environment.IsDevelopment())
            {
                {|SSDLC0901:app.UseDeveloperExceptionPage()|};
            }

            if (app.Environment.IsStaging() || app.Environment.IsDevelopment())
            {
                {|SSDLC0901:app.UseDeveloperExceptionPage()|};
            }

            {|SSDLC0901:app.UseDeveloperExceptionPage()|};
            app.Run();
            """);
    }

    [Fact]
    public async Task Startup_configure_without_check()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    {|SSDLC0901:app.UseDeveloperExceptionPage()|};
                    if (env.IsProduction())
                    {
                        app.UseHsts();
                    }

                    app.UseRouting();
                }
            }
            """);
    }

    [Fact]
    public async Task Ef_core_sensitive_data_logging_and_detailed_errors()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;

            public class ShopContext : DbContext
            {
                public ShopContext(DbContextOptions<ShopContext> options) : base(options) { }

                protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
                {
                    {|SSDLC0901:optionsBuilder.EnableSensitiveDataLogging()|};
                    {|SSDLC0901:optionsBuilder.EnableDetailedErrors(true)|};
                }
            }

            public static class Registration
            {
                public static void AddData(IServiceCollection services)
                {
                    services.AddDbContext<ShopContext>(options => {|SSDLC0901:options.EnableSensitiveDataLogging()|});
                    services.AddDbContext<ShopContext>(options =>
                    {
                        {|SSDLC0901:options.EnableDetailedErrors()|};
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Blazor_detailed_errors_and_jwt_error_details()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Components.Server;
            using Microsoft.Extensions.DependencyInjection;

            public static class Setup
            {
                public static void Configure(WebApplicationBuilder builder)
                {
                    builder.Services.AddRazorComponents()
                        .AddInteractiveServerComponents(o => {|SSDLC0901:o.DetailedErrors = true|});
                    builder.Services.AddServerSideBlazor(options =>
                    {
                        {|SSDLC0901:options.DetailedErrors = true|};
                    });
                    builder.Services.Configure<CircuitOptions>(o => {|SSDLC0901:o.DetailedErrors = true|});
                    builder.Services.Configure<JwtBearerOptions>(o =>
                    {
                        o.Authority = "https://login.example.com";
                        {|SSDLC0901:o.IncludeErrorDetails = true|};
                    });
                }

                public static JwtBearerOptions Create() => new JwtBearerOptions { {|SSDLC0901:IncludeErrorDetails = true|} };
            }
            """);
    }

    [Fact]
    public async Task Database_error_page_and_guard_in_another_method()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            namespace Microsoft.AspNetCore.Builder
            {
                // Microsoft.AspNetCore.Diagnostics.EntityFrameworkCore's (obsolete) extension, as a stand-in.
                public static class DatabaseErrorPageExtensions
                {
                    public static IApplicationBuilder UseDatabaseErrorPage(this IApplicationBuilder app) => app;
                }
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    bool isDevelopment = env.IsDevelopment();
                    if (isDevelopment)
                    {
                        app.UseHsts();
                    }

                    {|SSDLC0901:app.UseDatabaseErrorPage()|};
                }
            }
            """);
    }

    [Fact]
    public async Task Development_guards_are_respected()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<ShopContext>(options =>
            {
                options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
                if (builder.Environment.IsDevelopment())
                {
                    options.EnableSensitiveDataLogging();
                    options.EnableDetailedErrors();
                }
            });

            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseDeveloperExceptionPage();
            }
            else
            {
                app.UseExceptionHandler("/error");
                app.UseHsts();
            }

            if (app.Environment.IsEnvironment("Development") && args.Length > 0)
                app.UseDeveloperExceptionPage();

            if (app.Environment.EnvironmentName == Environments.Development)
            {
                app.UseDeveloperExceptionPage();
            }

            if (!app.Environment.IsDevelopment())
            {
                app.UseExceptionHandler("/error");
            }
            else
            {
                app.UseDeveloperExceptionPage();
            }

            var pipeline = app.Environment.IsDevelopment() ? app.UseDeveloperExceptionPage() : app.UseExceptionHandler("/error");
            app.Run();

            public class ShopContext : DbContext
            {
                public ShopContext(DbContextOptions<ShopContext> options) : base(options) { }
            }
            """);
    }

    [Fact]
    public async Task Early_return_and_environment_computed_settings_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class DevelopmentTools
            {
                public static void UseDevelopmentTools(this IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (!env.IsDevelopment())
                    {
                        return;
                    }

                    app.UseDeveloperExceptionPage();
                }

                public static void AddTools(this WebApplicationBuilder builder)
                {
                    if (!builder.Environment.IsDevelopment()) throw new System.InvalidOperationException("development only");
                    builder.Services.Configure<JwtBearerOptions>(o => o.IncludeErrorDetails = true);
                }

                public static void AddData(this WebApplicationBuilder builder)
                {
                    bool development = builder.Environment.IsDevelopment();
                    builder.Services.AddDbContext<DbContext>(o => o
                        .EnableSensitiveDataLogging(development)
                        .EnableDetailedErrors(builder.Environment.IsDevelopment())
                        .EnableSensitiveDataLogging(false));
                    builder.Services.AddServerSideBlazor(o => o.DetailedErrors = builder.Environment.IsDevelopment());
                    builder.Services.Configure<JwtBearerOptions>(o => o.IncludeErrorDetails = false);
                }
            }
            """);
    }

    [Fact]
    public async Task Template_webapi_program_is_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApi);
    }

    [Fact]
    public async Task Template_mvc_program_is_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.Mvc);
    }

    [Fact]
    public async Task Template_webapp_program_is_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApp);
    }

    [Fact]
    public async Task Template_blazor_program_is_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.Blazor);
    }
}


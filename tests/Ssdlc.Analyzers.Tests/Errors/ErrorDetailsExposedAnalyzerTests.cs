using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Errors.ErrorDetailsExposedAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Errors.ErrorDetailsExposedAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Errors;

public class ErrorDetailsExposedAnalyzerTests
{
    // JwtBearerOptions lives in a package the tests do not reference: a stand-in with the same full name.
    private const string JwtBearerStub = """

        namespace Microsoft.AspNetCore.Authentication.JwtBearer
        {
            public class JwtBearerOptions { public bool IncludeErrorDetails { get; set; } public string? Authority { get; set; } }
        }
        """;

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
            """ + JwtBearerStub);
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
            """ + JwtBearerStub);
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

/// <summary>The Program.cs of the .NET 10 <c>dotnet new</c> templates, which every rule must leave alone.</summary>
internal static class Templates
{
    public const string WebApi = """
        var builder = WebApplication.CreateBuilder(args);

        // Add services to the container.
        // Learn more about configuring OpenAPI at https://aka.ms/aspnet/openapi
        builder.Services.AddOpenApi();

        var app = builder.Build();

        // Configure the HTTP request pipeline.
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
        }

        app.UseHttpsRedirection();

        var summaries = new[]
        {
            "Freezing", "Bracing", "Chilly", "Cool", "Mild", "Warm", "Balmy", "Hot", "Sweltering", "Scorching"
        };

        app.MapGet("/weatherforecast", () =>
        {
            var forecast =  Enumerable.Range(1, 5).Select(index =>
                new WeatherForecast
                (
                    DateOnly.FromDateTime(DateTime.Now.AddDays(index)),
                    Random.Shared.Next(-20, 55),
                    summaries[Random.Shared.Next(summaries.Length)]
                ))
                .ToArray();
            return forecast;
        })
        .WithName("GetWeatherForecast");

        app.Run();

        record WeatherForecast(DateOnly Date, int TemperatureC, string? Summary)
        {
            public int TemperatureF => 32 + (int)(TemperatureC / 0.5556);
        }

        // Microsoft.AspNetCore.OpenApi is a package the tests do not reference: stand-ins.
        static class OpenApiStandIn
        {
            public static IServiceCollection AddOpenApi(this IServiceCollection services) => services;
            public static WebApplication MapOpenApi(this WebApplication app) => app;
        }
        """;

    public const string Mvc = """
        var builder = WebApplication.CreateBuilder(args);

        // Add services to the container.
        builder.Services.AddControllersWithViews();

        var app = builder.Build();

        // Configure the HTTP request pipeline.
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Home/Error");
            // The default HSTS value is 30 days. You may want to change this for production scenarios, see https://aka.ms/aspnetcore-hsts.
            app.UseHsts();
        }

        app.UseHttpsRedirection();
        app.UseRouting();

        app.UseAuthorization();

        app.MapStaticAssets();

        app.MapControllerRoute(
            name: "default",
            pattern: "{controller=Home}/{action=Index}/{id?}")
            .WithStaticAssets();


        app.Run();
        """;

    public const string WebApp = """
        var builder = WebApplication.CreateBuilder(args);

        // Add services to the container.
        builder.Services.AddRazorPages();

        var app = builder.Build();

        // Configure the HTTP request pipeline.
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            // The default HSTS value is 30 days. You may want to change this for production scenarios, see https://aka.ms/aspnetcore-hsts.
            app.UseHsts();
        }

        app.UseHttpsRedirection();

        app.UseRouting();

        app.UseAuthorization();

        app.MapStaticAssets();
        app.MapRazorPages()
           .WithStaticAssets();

        app.Run();
        """;

    public const string Blazor = """
        var builder = WebApplication.CreateBuilder(args);

        // Add services to the container.
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();

        var app = builder.Build();

        // Configure the HTTP request pipeline.
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            // The default HSTS value is 30 days. You may want to change this for production scenarios, see https://aka.ms/aspnetcore-hsts.
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseHttpsRedirection();

        app.UseAntiforgery();

        app.MapStaticAssets();

        app.Run();
        """;
}

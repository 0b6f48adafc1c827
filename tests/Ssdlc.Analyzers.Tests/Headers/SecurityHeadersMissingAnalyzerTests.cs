using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Headers.SecurityHeadersMissingAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Headers.SecurityHeadersMissingAnalyzer>;
using VerifyProject = Ssdlc.Analyzers.Tests.Verification.WebProjectVerifier<Ssdlc.Analyzers.Headers.SecurityHeadersMissingAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Headers;

public class SecurityHeadersMissingAnalyzerTests
{
    // ---- Reported ----

    [Fact]
    public async Task Razor_pages_app_without_headers_is_reported_at_build()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            builder.Services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });

            var app = {|SSDLC1403:builder.Build()|};
            if (!app.Environment.IsDevelopment())
            {
                app.UseExceptionHandler("/Error");
                app.UseHsts();
            }

            app.UseHttpsRedirection();
            app.UseRouting();
            app.MapRazorPages();
            app.Run();
            """);
        Assert.Equal(
            "The application serves browser content (AddRazorPages()) but sets none of X-Content-Type-Options, X-Frame-Options (or CSP frame-ancestors), Referrer-Policy and Content-Security-Policy; set them for every response in one middleware (or a security-headers package)",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Startup_class_of_an_mvc_app_is_reported_at_configure()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddControllersWithViews();

                public void {|SSDLC1403:Configure|}(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseHsts();
                    app.UseHttpsRedirection();
                    app.UseStaticFiles();
                    app.UseRouting();
                    app.UseEndpoints(e => e.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}"));
                }
            }
            """);
    }

    [Fact]
    public async Task Kestrel_server_header_switched_on()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(options => {|SSDLC1403:options.AddServerHeader = true|});
            builder.Services.AddControllers();

            var app = builder.Build();
            app.UseHttpsRedirection();
            app.MapControllers();
            app.Run();
            """);
        Assert.StartsWith("KestrelServerOptions.AddServerHeader = true announces the server software", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_header_in_configure_options_of_a_library()
    {
        await VerifyProject.VerifyAsync(
            new[]
            {
                ("KestrelDefaults.cs", """
                    using Microsoft.AspNetCore.Server.Kestrel.Core;

                    public static class KestrelDefaults
                    {
                        public static IServiceCollection AddCompanyKestrelDefaults(this IServiceCollection services)
                            => services.Configure<KestrelServerOptions>(o =>
                            {
                                o.Limits.MaxRequestBodySize = 10_000_000;
                                {|SSDLC1403:o.AddServerHeader = true|};
                            });
                    }
                    """),
            },
            OutputKind.DynamicallyLinkedLibrary);
    }

    [Fact]
    public async Task Blazor_app_whose_middleware_sets_only_other_headers()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorComponents().AddInteractiveServerComponents();

            var app = {|SSDLC1403:builder.Build()|};
            app.Use(async (context, next) =>
            {
                context.Response.Headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
                context.Response.Headers.CacheControl = "no-store";
                await next(context);
            });
            app.UseHttpsRedirection();
            app.UseAntiforgery();
            app.MapStaticAssets();
            app.Run();
            """);
    }

    [Fact]
    public async Task Spa_host_serving_static_files_in_a_multi_file_project()
    {
        await VerifyProject.VerifyAsync(
            ("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                var app = {|SSDLC1403:builder.Build()|};
                app.UseFrontend();
                app.MapControllers();
                app.Run();
                """),
            ("Frontend.cs", """
                public static class Frontend
                {
                    public static WebApplication UseFrontend(this WebApplication app)
                    {
                        app.UseHttpsRedirection();
                        app.UseDefaultFiles();
                        app.UseStaticFiles();
                        app.MapFallbackToFile("index.html");
                        return app;
                    }
                }
                """));
    }

    [Fact]
    public async Task Web_host_builder_with_server_header_on_in_a_startup_program()
    {
        await VerifyProject.VerifyAsync(
            ("Program.cs", """
                Host.CreateDefaultBuilder(args)
                    .ConfigureWebHostDefaults(web => web
                        .UseKestrel(k => {|SSDLC1403:k.AddServerHeader = true|})
                        .UseStartup<Startup>())
                    .Build()
                    .Run();
                """),
            ("Startup.cs", """
                public class Startup
                {
                    public void ConfigureServices(IServiceCollection services) => services.AddControllers();

                    public void Configure(IApplicationBuilder app)
                    {
                        app.UseHttpsRedirection();
                        app.UseRouting();
                        app.UseEndpoints(e => e.MapControllers());
                    }
                }
                """));
    }

    // ---- Not reported ----

    [Fact]
    public async Task Header_middleware_in_program()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();

            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                context.Response.Headers["X-Content-Type-Options"] = "nosniff";
                context.Response.Headers["X-Frame-Options"] = "DENY";
                context.Response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'";
                await next(context);
            });
            app.MapRazorPages();
            app.Run();
            """);
    }

    [Fact]
    public async Task Header_middleware_class_used_from_a_startup_class()
    {
        await VerifyProject.VerifyAsync(
            ("Program.cs", """
                Host.CreateDefaultBuilder(args)
                    .ConfigureWebHostDefaults(web => web.UseStartup<Startup>())
                    .Build()
                    .Run();
                """),
            ("Startup.cs", """
                public class Startup
                {
                    public void ConfigureServices(IServiceCollection services) => services.AddControllersWithViews();

                    public void Configure(IApplicationBuilder app)
                    {
                        app.UseMiddleware<ResponseHardening>();
                        app.UseStaticFiles();
                        app.UseRouting();
                    }
                }
                """),
            ("ResponseHardening.cs", """
                public sealed class ResponseHardening
                {
                    private readonly RequestDelegate next;

                    public ResponseHardening(RequestDelegate next) => this.next = next;

                    public Task InvokeAsync(HttpContext context)
                    {
                        context.Response.OnStarting(() =>
                        {
                            context.Response.Headers.XContentTypeOptions = "nosniff";
                            context.Response.Headers.XFrameOptions = "DENY";
                            return Task.CompletedTask;
                        });
                        return next(context);
                    }
                }
                """));
    }

    [Fact]
    public async Task Header_package_security_headers()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews();

            var app = builder.Build();
            app.UseSecurityHeaders();
            app.UseStaticFiles();
            app.MapDefaultControllerRoute();
            app.Run();

            // NetEscapades.AspNetCore.SecurityHeaders is a package the tests do not reference: a stand-in.
            static class SecurityHeadersStandIn
            {
                public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app;
            }
            """);
    }

    [Fact]
    public async Task Nwebsec_style_header_middleware()
    {
        await VerifyProgram.VerifyAsync("""
            using NWebsec.AspNetCore.Middleware;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();

            var app = builder.Build();
            app.UseXContentTypeOptions();
            app.UseXfo(o => o.Deny());
            app.MapRazorPages();
            app.Run();

            // NWebsec.AspNetCore.Middleware is a package the tests do not reference: a stand-in.
            namespace NWebsec.AspNetCore.Middleware
            {
                public sealed class XfoOptions
                {
                    public void Deny() { }
                }

                public static class ApplicationBuilderExtensions
                {
                    public static IApplicationBuilder UseXContentTypeOptions(this IApplicationBuilder app) => app;
                    public static IApplicationBuilder UseXfo(this IApplicationBuilder app, Action<XfoOptions> configure) => app;
                }
            }
            """);
    }

    [Fact]
    public async Task Api_only_app_without_headers_and_server_header_off_or_from_configuration()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
            builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(
                o => o.AddServerHeader = builder.Configuration.GetValue<bool>("Kestrel:AddServerHeader"));
            builder.Services.AddControllers();

            var app = builder.Build();
            app.UseHttpsRedirection();
            app.MapControllers();
            app.MapGet("/health", () => Results.Ok());
            app.Run();
            """);
    }

    [Fact]
    public async Task Library_registering_razor_pages_has_no_pipeline()
    {
        await VerifyProject.VerifyAsync(
            new[]
            {
                ("AdminUi.cs", """
                    public static class AdminUi
                    {
                        public static IServiceCollection AddAdminUi(this IServiceCollection services) => services.AddRazorPages().Services;

                        public static IApplicationBuilder UseAdminUi(this IApplicationBuilder app) => app.UseStaticFiles();
                    }
                    """),
            },
            OutputKind.DynamicallyLinkedLibrary);
    }

    [Fact]
    public async Task Content_security_policy_meta_tag_in_a_generated_razor_view()
    {
        await VerifyProject.VerifyAsync(
            ("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllersWithViews();
                var app = builder.Build();
                app.MapDefaultControllerRoute();
                app.Run();
                """),
            ("Views_Shared__Layout.cshtml.g.cs", """
                // <auto-generated/>
                #nullable disable
                public sealed class Views_Shared__Layout
                {
                    private readonly System.Text.StringBuilder output = new();

                    private void WriteLiteral(string text) => output.Append(text);

                    public void Execute()
                    {
                        WriteLiteral("<!DOCTYPE html>\r\n<html>\r\n<head>\r\n    <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\" />\r\n");
                    }
                }
                """));
    }

    // ---- Project templates: webapi (API-only) is silent; mvc, webapp and blazor set none of the headers. ----

    [Fact]
    public async Task Template_webapi_program_is_clean() => await VerifyProgram.VerifyAsync(Templates.WebApi);

    [Theory]
    [InlineData("mvc", "AddControllersWithViews()")]
    [InlineData("webapp", "AddRazorPages()")]
    [InlineData("blazor", "AddRazorComponents()")]
    public async Task Browser_templates_are_reported_at_build(string template, string content)
    {
        string source = template switch
        {
            "mvc" => Templates.Mvc,
            "webapp" => Templates.WebApp,
            _ => Templates.Blazor,
        };
        Assert.Contains("var app = builder.Build();", source, StringComparison.Ordinal);
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync(
            source.Replace("var app = builder.Build();", "var app = {|SSDLC1403:builder.Build()|};", StringComparison.Ordinal));
        Assert.Contains($"serves browser content ({content})", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_host_needs_its_own_protection_headers()
    {
        await VerifyProject.VerifyAsync(
            ("Program.cs", """
                var site = WebApplication.CreateBuilder(args);
                site.Services.AddRazorPages();
                var siteApp = site.Build();
                siteApp.UseSecurityHeaders();
                siteApp.MapRazorPages();

                var admin = WebApplication.CreateBuilder(args);
                admin.Services.AddRazorPages();
                var adminApp = {|SSDLC1403:admin.Build()|};
                adminApp.MapRazorPages();

                await Task.WhenAll(siteApp.RunAsync(), adminApp.RunAsync());
                """),
            ("Headers.cs", """
                public static class Headers
                {
                    public static WebApplication UseSecurityHeaders(this WebApplication app)
                    {
                        app.Use(async (context, next) =>
                        {
                            context.Response.Headers.Append("X-Content-Type-Options", "nosniff");
                            await next();
                        });
                        return app;
                    }
                }
                """));
    }
}

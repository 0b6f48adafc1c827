using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Headers;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Headers.HttpsEnforcementAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Headers.HttpsEnforcementAnalyzer>;
using VerifyProject = Ssdlc.Analyzers.Tests.Verification.WebProjectVerifier<Ssdlc.Analyzers.Headers.HttpsEnforcementAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Headers;

public class HttpsEnforcementAnalyzerTests
{
    // ---- Reported ----

    [Fact]
    public async Task Api_without_redirection_or_hsts_is_reported_at_build()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();

            var app = {|SSDLC1401:builder.Build()|};
            app.UseAuthorization();
            app.MapControllers();
            app.Run();
            """);
        Assert.Equal(
            "The request pipeline has neither UseHttpsRedirection() nor UseHsts(); redirect HTTP to HTTPS with app.UseHttpsRedirection() and, for browser clients, send HSTS with app.UseHsts() outside development",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Razor_pages_app_with_redirection_but_without_hsts()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();

            var app = {|SSDLC1401:builder.Build()|};
            if (!app.Environment.IsDevelopment())
            {
                app.UseExceptionHandler("/Error");
            }

            app.UseHttpsRedirection();
            app.UseRouting();
            app.MapRazorPages();
            await app.RunAsync();
            """);
        Assert.StartsWith("The request pipeline has no UseHsts(), although the app serves browser content (AddRazorPages())", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_only_in_development_is_reported_at_the_call()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews();

            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                {|SSDLC1401:app.UseHsts()|};
            }
            else
            {
                app.UseExceptionHandler("/Home/Error");
            }

            app.UseHttpsRedirection();
            app.MapDefaultControllerRoute();
            app.Run();
            """);
        Assert.StartsWith("The request pipeline calls UseHsts() only in development", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_class_of_an_mvc_app_without_either_is_reported_at_configure()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllersWithViews();
                }

                public void {|SSDLC1401:Configure|}(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                    }

                    app.UseStaticFiles();
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapDefaultControllerRoute());
                }
            }
            """);
    }

    [Fact]
    public async Task Blazor_app_with_hsts_but_without_redirection()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorComponents().AddInteractiveServerComponents();

            var app = {|SSDLC1401:builder.Build()|};
            if (!app.Environment.IsDevelopment())
            {
                app.UseExceptionHandler("/Error", createScopeForErrors: true);
                app.UseHsts();
            }

            app.UseAntiforgery();
            app.MapStaticAssets();
            app.Run();
            """);
        Assert.StartsWith("The request pipeline has no UseHttpsRedirection()", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_with_redirection_only_in_development_is_reported_at_the_call()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            if (app.Environment.IsDevelopment())
            {
                {|SSDLC1401:app.UseHttpsRedirection()|};
            }

            app.MapGet("/orders/{id}", (int id) => Results.Ok(id));
            app.Run();
            """);
    }

    [Fact]
    public async Task Hsts_after_the_development_check_in_an_extension_of_another_file()
    {
        await VerifyProject.VerifyAsync(
            ("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddRazorPages();
                var app = builder.Build();
                app.UseWebSecurity();
                app.MapRazorPages();
                app.Run();
                """),
            ("WebSecurity.cs", """
                public static class WebSecurity
                {
                    public static WebApplication UseWebSecurity(this WebApplication app)
                    {
                        app.UseHttpsRedirection();
                        if (!app.Environment.IsDevelopment())
                        {
                            return app;
                        }

                        {|SSDLC1401:app.UseHsts()|};
                        return app;
                    }
                }
                """));
    }

    [Fact]
    public async Task Startup_configure_with_static_files_and_nothing_else_in_a_generic_host_program()
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
                    public void {|SSDLC1401:Configure|}(IApplicationBuilder app)
                    {
                        app.UseDefaultFiles();
                        app.UseStaticFiles();
                    }
                }
                """));
    }

    // ---- Not reported ----

    [Fact]
    public async Task Startup_with_redirection_and_hsts_outside_development()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddRazorPages();

                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                    }
                    else
                    {
                        app.UseExceptionHandler("/Error");
                        app.UseHsts();
                    }

                    app.UseHttpsRedirection();
                    app.UseStaticFiles();
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapRazorPages());
                }
            }
            """);
    }

    [Fact]
    public async Task Extension_method_in_another_file_sets_up_transport_security()
    {
        await VerifyProject.VerifyAsync(
            ("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllersWithViews();
                var app = builder.Build();
                app.UseTransportSecurity();
                app.MapDefaultControllerRoute();
                app.Run();
                """),
            ("Security/TransportSecurity.cs", """
                public static class TransportSecurity
                {
                    public static IApplicationBuilder UseTransportSecurity(this WebApplication app)
                    {
                        if (!app.Environment.IsDevelopment())
                        {
                            app.UseHsts();
                        }

                        return app.UseHttpsRedirection();
                    }
                }
                """));
    }

    [Fact]
    public async Task Library_with_pipeline_extensions_but_no_app()
    {
        await VerifyProject.VerifyAsync(
            new[]
            {
                ("CompanyDefaults.cs", """
                    public static class CompanyDefaults
                    {
                        public static IServiceCollection AddCompanyUi(this IServiceCollection services) => services.AddRazorPages().Services;

                        public static IApplicationBuilder UseCompanyUi(this IApplicationBuilder app)
                        {
                            app.UseStaticFiles();
                            return app.UseRouting();
                        }
                    }
                    """),
            },
            OutputKind.DynamicallyLinkedLibrary);
    }

    [Fact]
    public async Task Api_with_redirection_only_needs_no_hsts()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddProblemDetails();

            var app = builder.Build();
            app.UseExceptionHandler();
            app.UseHttpsRedirection();
            app.UseAuthorization();
            app.MapControllers();
            app.Run();
            """);
    }

    [Fact]
    public async Task Header_package_sending_hsts_with_redirection()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();

            var app = builder.Build();
            app.UseSecurityHeaders();
            app.UseHttpsRedirection();
            app.MapRazorPages();
            app.Run();

            // NetEscapades.AspNetCore.SecurityHeaders (its default policy sends Strict-Transport-Security): a stand-in.
            static class SecurityHeadersStandIn
            {
                public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app;
            }
            """);
    }

    [Fact]
    public async Task Require_https_filter_and_hsts_in_else_branch()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews(options => options.Filters.Add(new RequireHttpsAttribute()));

            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseDeveloperExceptionPage();
            }
            else
            {
                app.UseHsts();
            }

            app.MapDefaultControllerRoute();
            app.Run();
            """);
    }

    [Fact]
    public async Task Rewriter_redirect_to_https_for_an_api()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Rewrite;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseRewriter(new RewriteOptions().AddRedirectToHttpsPermanent());
            app.MapGet("/health", () => "ok");
            app.Run();
            """);
    }

    [Fact]
    public async Task Grpc_service_with_kestrel_https_endpoint_and_legacy_add_mvc_api()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Server.Kestrel.Core;

            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(kestrel =>
                kestrel.ListenAnyIP(5001, listen =>
                {
                    listen.Protocols = HttpProtocols.Http2;
                    listen.UseHttps();
                }));
            builder.Services.AddMvc();

            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """);
    }

    // ---- Project templates: all four are silent (webapi is API-only and has UseHttpsRedirection; the others have both). ----

    [Fact]
    public async Task Template_webapi_program_is_clean() => await VerifyProgram.VerifyAsync(Templates.WebApi);

    [Fact]
    public async Task Template_mvc_program_is_clean() => await VerifyProgram.VerifyAsync(Templates.Mvc);

    [Fact]
    public async Task Template_webapp_program_is_clean() => await VerifyProgram.VerifyAsync(Templates.WebApp);

    [Fact]
    public async Task Template_blazor_program_is_clean() => await VerifyProgram.VerifyAsync(Templates.Blazor);

    [Fact]
    public async Task Template_webapi_without_its_redirection_is_reported()
    {
        Assert.Contains("app.UseHttpsRedirection();", Templates.WebApi, StringComparison.Ordinal);
        await VerifyProgram.VerifyAsync(Templates.WebApi
            .Replace("app.UseHttpsRedirection();", string.Empty, StringComparison.Ordinal)
            .Replace("var app = builder.Build();", "var app = {|SSDLC1401:builder.Build()|};", StringComparison.Ordinal));
    }
}

public class HeadersDescriptorTests
{
    [Theory]
    [InlineData("SSDLC1401")]
    [InlineData("SSDLC1402")]
    [InlineData("SSDLC1403")]
    public void Application_wide_rules_are_compilation_end_diagnostics(string id)
    {
        DiagnosticDescriptor descriptor = new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new HttpsEnforcementAnalyzer(), new HstsPolicyAnalyzer(), new SecurityHeadersMissingAnalyzer() }
            .SelectMany(a => a.SupportedDiagnostics)
            .Single(d => d.Id == id);
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, descriptor.CustomTags);
        Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, Descriptors.SqlInjection.CustomTags);
    }

    [Fact]
    public async Task Each_host_of_a_compilation_is_judged_on_its_own_pipeline()
    {
        // A public site and an admin host built in a helper: the well-configured site does not hide the admin host.
        await VerifyProject.VerifyAsync(
            ("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddRazorPages();
                var site = builder.Build();
                if (!site.Environment.IsDevelopment())
                {
                    site.UseHsts();
                }

                site.UseHttpsRedirection();
                site.MapRazorPages();

                WebApplication admin = AdminHost.Create(args);
                await Task.WhenAll(site.RunAsync(), admin.RunAsync());
                """),
            ("AdminHost.cs", """
                public static class AdminHost
                {
                    public static WebApplication Create(string[] args)
                    {
                        var adminBuilder = WebApplication.CreateBuilder(args);
                        adminBuilder.Services.AddRazorPages();
                        var admin = {|SSDLC1401:adminBuilder.Build()|};
                        admin.UseSecurity();
                        admin.MapRazorPages();
                        return admin;
                    }

                    // Called for the admin host only: its calls belong to that host.
                    private static void UseSecurity(this WebApplication app) => app.UseAuthorization();
                }
                """));
    }

    [Fact]
    public async Task A_shared_helper_that_secures_every_host_covers_them_all()
    {
        await VerifyProject.VerifyAsync(
            ("Program.cs", """
                var first = WebApplication.CreateBuilder(args);
                first.Services.AddControllers();
                var api = first.Build();
                api.UseTransportSecurity();
                api.MapControllers();

                var second = WebApplication.CreateBuilder(args);
                var health = second.Build();
                health.UseTransportSecurity();
                health.MapGet("/health", () => "ok");

                await Task.WhenAll(api.RunAsync(), health.RunAsync());
                """),
            ("Security.cs", """
                public static class Security
                {
                    public static void UseTransportSecurity(this WebApplication app)
                    {
                        app.UseHsts();
                        app.UseHttpsRedirection();
                    }
                }
                """));
    }
}

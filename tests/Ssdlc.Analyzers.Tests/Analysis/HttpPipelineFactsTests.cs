using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

public class HttpPipelineFactsTests
{
    [Fact]
    public async Task Minimal_hosting_anchor_redirection_and_guarded_hsts()
    {
        (HttpPipelineFacts facts, Compilation compilation) = await FactsAsync(("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }
            if (app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }
            app.UseHttpsRedirection();
            app.MapControllers();
            app.Run();
            """));
        Assert.True(facts.HasPipeline);
        Assert.Equal("builder.Build()", Text(facts.PipelineAnchor!));
        Assert.False(facts.IsBrowserFacing);
        Assert.Equal(new[] { false, true }, facts.HstsMiddleware.Select(c => c.DevelopmentOnly));
        Assert.All(facts.HstsMiddleware, c => Assert.True(c.IsFramework));
        Assert.True(facts.SendsHsts);
        Assert.True(facts.RedirectsToHttps);
        Assert.Equal("app.UseHttpsRedirection()", Text(facts.HttpsRedirections.Single().Location));
        Assert.Null(facts.SecurityHeaders);
        Assert.NotNull(compilation);
    }

    [Fact]
    public async Task Hsts_only_in_development_is_not_sent()
    {
        (HttpPipelineFacts facts, _) = await FactsAsync(("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }
            app.MapRazorPages();
            app.Run();
            """));
        Assert.False(facts.SendsHsts);
        Assert.False(facts.RedirectsToHttps);
        Assert.Equal("AddRazorPages()", facts.BrowserContent);
    }

    [Fact]
    public async Task Startup_configure_is_the_anchor_and_extension_methods_count()
    {
        (HttpPipelineFacts facts, _) = await FactsAsync(
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

                    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                    {
                        app.UseTransportSecurity();
                        app.UseRouting();
                    }
                }
                """),
            ("Security.cs", """
                public static class SecurityExtensions
                {
                    public static IApplicationBuilder UseTransportSecurity(this IApplicationBuilder app)
                        => app.UseHttpsRedirection().UseHsts();
                }
                """));
        Assert.True(facts.HasPipeline);
        Assert.Equal("Configure", Text(facts.PipelineAnchor!));
        Assert.Equal("/src/Startup.cs", facts.PipelineAnchor!.SourceTree!.FilePath);
        Assert.Equal("AddControllersWithViews()", facts.BrowserContent);
        Assert.True(facts.RedirectsToHttps);
        Assert.True(facts.SendsHsts);
        Assert.Equal("UseHsts()", Text(facts.HstsMiddleware.Single().Location));
    }

    [Fact]
    public async Task Library_without_pipeline_has_no_anchor()
    {
        (HttpPipelineFacts facts, _) = await FactsAsync(
            new[]
            {
                ("Extensions.cs", """
                    public static class CompanyWebDefaults
                    {
                        public static IApplicationBuilder UseCompanyDefaults(this IApplicationBuilder app)
                        {
                            app.UseStaticFiles();
                            return app.UseHsts();
                        }
                    }
                    """),
            },
            OutputKind.DynamicallyLinkedLibrary);
        Assert.False(facts.HasPipeline);
        Assert.Null(facts.PipelineAnchor);
        Assert.Single(facts.HstsMiddleware);
        Assert.True(facts.IsBrowserFacing);
    }

    [Fact]
    public async Task Test_projects_have_no_pipeline()
    {
        MetadataReference xunit = CSharpCompilation.Create("xunit.core", new[] { CSharpSyntaxTree.ParseText("namespace Xunit { public class FactAttribute : System.Attribute { } }") }, TestReferences.CoreOnly, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).ToMetadataReference();
        (HttpPipelineFacts facts, _) = await FactsAsync(
            new[]
            {
                ("HostTests.cs", """
                    public class HostTests
                    {
                        [Xunit.Fact]
                        public void Starts()
                        {
                            var app = WebApplication.CreateBuilder().Build();
                            app.MapGet("/", () => "ok");
                        }
                    }
                    """),
            },
            OutputKind.DynamicallyLinkedLibrary,
            xunit);
        Assert.True(facts.IsTestProject);
        Assert.NotNull(facts.PipelineAnchor);
        Assert.False(facts.HasPipeline);
    }

    [Fact]
    public async Task Hsts_options_values()
    {
        (HttpPipelineFacts facts, _) = await FactsAsync(("Program.cs", """
            using Microsoft.AspNetCore.HttpsPolicy;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(60);
                o.IncludeSubDomains = false;
            });
            builder.Services.Configure<HstsOptions>(o =>
            {
                o.MaxAge = TimeSpan.FromHours(48);
                o.MaxAge = new TimeSpan(365, 0, 0, 0);
                o.MaxAge = TimeSpan.FromSeconds(31536000);
                o.MaxAge = builder.Configuration.GetValue<TimeSpan>("Hsts:MaxAge");
                o.IncludeSubDomains = true;
                o.IncludeSubDomains = builder.Configuration.GetValue<bool>("Hsts:SubDomains");
            });
            var app = builder.Build();
            app.UseHsts();
            app.Run();
            """));
        Assert.Equal(new double?[] { 60, 2, 365, 365, null }, facts.HstsMaxAge.Select(s => s.Value));
        Assert.Equal(new bool?[] { false, true, null }, facts.HstsIncludeSubDomains.Select(s => s.Value));
        Assert.Equal(2, facts.HstsConfigurations.Length);
        Assert.False(facts.HstsOptionsFromConfiguration);
    }

    [Fact]
    public async Task Hsts_options_bound_from_configuration()
    {
        (HttpPipelineFacts facts, _) = await FactsAsync(("Program.cs", """
            using Microsoft.AspNetCore.HttpsPolicy;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HstsOptions>(builder.Configuration.GetSection("Hsts"));
            var app = builder.Build();
            app.UseHsts();
            app.Run();
            """));
        Assert.True(facts.HstsOptionsFromConfiguration);
        Assert.Empty(facts.HstsMaxAge);
    }

    [Fact]
    public async Task Header_middleware_by_literal_header_names_and_typed_properties()
    {
        (HttpPipelineFacts literal, _) = await FactsAsync(("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                context.Response.Headers["X-Frame-Options"] = "DENY";
                await next(context);
            });
            app.Run();
            """));
        Assert.Equal("X-Frame-Options", literal.SecurityHeaders);

        (HttpPipelineFacts onStarting, _) = await FactsAsync(("Program.cs", """
            using Microsoft.Net.Http.Headers;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
                    return Task.CompletedTask;
                });
                await next(context);
            });
            app.Run();
            """));
        Assert.Equal("XContentTypeOptions", onStarting.SecurityHeaders);

        (HttpPipelineFacts typed, _) = await FactsAsync(("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                context.Response.Headers.ContentSecurityPolicy = "default-src 'self'";
                context.Response.Headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                await next(context);
            });
            app.Run();
            """));
        Assert.Equal("ContentSecurityPolicy", typed.SecurityHeaders);
        Assert.Equal("StrictTransportSecurity", typed.HstsHeader);
        Assert.True(typed.SendsHsts);
        HstsHeaderValue value = Assert.Single(typed.HstsHeaderValues);
        Assert.Equal(365, value.MaxAgeDays);
        Assert.True(value.IncludeSubDomains);
    }

    [Fact]
    public async Task Header_packages_by_method_name()
    {
        (HttpPipelineFacts facts, _) = await FactsAsync(("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseSecurityHeaders();
            app.Run();

            // NetEscapades.AspNetCore.SecurityHeaders is a package the tests do not reference: a stand-in.
            static class SecurityHeadersStandIn
            {
                public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app;
            }
            """));
        Assert.Equal("UseSecurityHeaders()", facts.SecurityHeaders);
        Assert.Equal("UseSecurityHeaders()", facts.HstsHeader);
    }

    [Fact]
    public async Task No_headers_and_kestrel_server_header_settings()
    {
        (HttpPipelineFacts facts, _) = await FactsAsync(("Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
            builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = true);
            builder.Services.AddRazorComponents();
            var app = builder.Build();
            app.MapStaticAssets();
            app.Run();
            """));
        Assert.Null(facts.SecurityHeaders);
        Assert.Null(facts.HstsHeader);
        Assert.Equal(new bool?[] { false, true }, facts.ServerHeader.Select(s => s.Value));
        Assert.Equal("AddRazorComponents()", facts.BrowserContent);
    }

    [Fact]
    public async Task Rewrite_rules_and_require_https_filter_count_as_redirection()
    {
        (HttpPipelineFacts rewrite, _) = await FactsAsync(("Program.cs", """
            using Microsoft.AspNetCore.Rewrite;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseRewriter(new RewriteOptions().AddRedirectToHttpsPermanent());
            app.Run();
            """));
        Assert.True(rewrite.RedirectsToHttps);

        (HttpPipelineFacts filter, _) = await FactsAsync(("Program.cs", """
            using Microsoft.AspNetCore.Mvc;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers(o => o.Filters.Add(new RequireHttpsAttribute()));
            var app = builder.Build();
            app.Run();
            """));
        Assert.True(filter.RedirectsToHttps);
    }

    [Fact]
    public async Task Run_is_the_anchor_when_build_is_elsewhere()
    {
        (HttpPipelineFacts facts, _) = await FactsAsync(("Program.cs", """
            WebApplication app = AppFactory.Create(args);
            app.Run();

            static class AppFactory
            {
                public static WebApplication Create(string[] args) => WebApplication.Create(args);
            }
            """));
        Assert.Equal("app.Run()", Text(facts.PipelineAnchor!));
    }

    [Theory]
    [InlineData("TimeSpan.FromDays(30)", 30.0)]
    [InlineData("TimeSpan.FromDays(0.5)", 0.5)]
    [InlineData("TimeSpan.FromHours(12)", 0.5)]
    [InlineData("TimeSpan.FromMinutes(2880)", 2.0)]
    [InlineData("new TimeSpan(2, 12, 0, 0)", 2.5)]
    [InlineData("new TimeSpan(24, 0, 0)", 1.0)]
    [InlineData("TimeSpan.Zero", 0.0)]
    [InlineData("new TimeSpan(864000000000)", 1.0)]
    public void TimeSpan_values_in_days(string expression, double days)
        => Assert.Equal(days, TimeSpanValue(expression)!.Value, 6);

    [Theory]
    [InlineData("TimeSpan.FromDays(n)")]
    [InlineData("TimeSpan.Parse(\"365.00:00:00\")")]
    [InlineData("span")]
    public void Unknown_TimeSpan_values(string expression)
        => Assert.Null(TimeSpanValue(expression));

    private static double? TimeSpanValue(string expression)
    {
        string source = $"using System; class C {{ TimeSpan M(int n, TimeSpan span) => {expression}; }}";
        Compilation compilation = AnalyzerRunner.CreateCompilation(source);
        Verify.AssertCompiles(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        var arrow = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax>().Single();
        IOperation operation = compilation.GetSemanticModel(tree).GetOperation(arrow.Expression)!;
        return HttpPipelineFacts.TimeSpanDays(operation);
    }

    private static string Text(Location location) => location.SourceTree!.GetText().ToString(location.SourceSpan);

    private static Task<(HttpPipelineFacts Facts, Compilation Compilation)> FactsAsync(params (string Name, string Source)[] files)
        => FactsAsync(files, OutputKind.ConsoleApplication);

    private static async Task<(HttpPipelineFacts Facts, Compilation Compilation)> FactsAsync(
        (string Name, string Source)[] files, OutputKind outputKind, params MetadataReference[] extraReferences)
    {
        var trees = files
            .Select(f => CSharpSyntaxTree.ParseText(f.Source, AnalyzerRunner.ParseOptions, "/src/" + f.Name, Encoding.UTF8))
            .Append(CSharpSyntaxTree.ParseText(WebSdk.ImplicitUsings, AnalyzerRunner.ParseOptions, WebSdk.ImplicitUsingsPath, Encoding.UTF8));
        Compilation compilation = CSharpCompilation.Create("FactsProbe", trees, TestReferences.All.AddRange(extraReferences), AnalyzerRunner.CompilationOptions.WithOutputKind(outputKind));
        Verify.AssertCompiles(compilation);
        var probe = new Probe();
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(probe));
        Verify.AssertNoAnalyzerFailures(result);
        Assert.NotNull(probe.Facts);
        return (probe.Facts!, compilation);
    }

#pragma warning disable RS1036, RS1025, RS2008
    /// <summary>Collects the facts of one compilation and keeps them for the test.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class Probe : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new("PROBE0001", "Probe", "Probe", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public HttpPipelineFacts? Facts { get; private set; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start => HttpPipelineFacts.Register(start, (_, facts) => Facts = facts));
        }
    }
#pragma warning restore RS1036, RS1025, RS2008
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Files.UploadLimitAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Files;

public class UploadLimitAnalyzerTests
{
    [Fact]
    public async Task DisableRequestSizeLimit_on_an_upload_action()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("files")]
            public class FilesController : ControllerBase
            {
                [HttpPost, {|SSDLC0302:DisableRequestSizeLimit|}]
                public async Task<IActionResult> Upload(IFormFile file)
                {
                    await using var target = System.IO.File.Create(Path.Combine("/data", Path.GetRandomFileName()));
                    await file.CopyToAsync(target);
                    return Ok();
                }
            }
            """);
        Assert.Equal(
            "[DisableRequestSizeLimit] removes the request or upload size limit; set an explicit finite limit sized for the largest expected upload",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task RequestSizeLimit_and_RequestFormLimits_at_max_values_on_a_controller()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [{|SSDLC0302:RequestSizeLimit(long.MaxValue)|}]
            public class MediaController : Controller
            {
                [HttpPost, {|SSDLC0302:RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)|}]
                public IActionResult Video(IFormFile video) => Ok();

                [HttpPost, {|SSDLC0302:RequestSizeLimit(int.MaxValue)|}, {|SSDLC0302:RequestFormLimits(ValueCountLimit = 100, MultipartBodyLengthLimit = int.MaxValue)|}]
                public IActionResult Archive(IFormFile archive) => Ok();
            }
            """);
    }

    [Fact]
    public async Task Kestrel_limit_removed_in_an_options_lambda()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Server.Kestrel.Core;
            using Microsoft.Extensions.DependencyInjection;

            public static class Hosting
            {
                public static void Configure(WebApplicationBuilder builder)
                {
                    builder.WebHost.ConfigureKestrel(options => {|SSDLC0302:options.Limits.MaxRequestBodySize = null|});
                    builder.Services.Configure<KestrelServerOptions>(o =>
                    {
                        o.Limits.MaxRequestLineSize = 16 * 1024;
                        {|SSDLC0302:o.Limits.MaxRequestBodySize = long.MaxValue|};
                    });
                }
            }
            """);
        Assert.StartsWith("KestrelServerLimits.MaxRequestBodySize = null removes", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task FormOptions_multipart_limit_at_max_values()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http.Features;
            using Microsoft.Extensions.DependencyInjection;

            public static class Uploads
            {
                public static void AddUploads(IServiceCollection services)
                {
                    services.Configure<FormOptions>(o =>
                    {
                        {|SSDLC0302:o.MultipartBodyLengthLimit = long.MaxValue|};
                        o.ValueLengthLimit = 4096;
                    });
                    services.Configure<FormOptions>(o => {|SSDLC0302:o.MultipartBodyLengthLimit = int.MaxValue|});
                }
            }
            """);
    }

    [Fact]
    public async Task Body_size_feature_set_to_null_in_a_minimal_api_and_middleware()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.Features;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/import", async (HttpContext context) =>
                    {
                        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>()!;
                        {|SSDLC0302:feature.MaxRequestBodySize = null|};
                        await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
                        return Results.Ok();
                    });
                    app.Use(async (context, next) =>
                    {
                        if (context.Request.Path.StartsWithSegments("/bulk"))
                        {
                            {|SSDLC0302:context.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = default|};
                        }

                        await next(context);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Endpoint_metadata_that_removes_the_limit()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/upload", (IFormFile file) => Results.Ok()).WithMetadata({|SSDLC0302:new DisableRequestSizeLimitAttribute()|});
                    app.MapPost("/backup", (IFormFile file) => Results.Ok()).WithMetadata({|SSDLC0302:new RequestSizeLimitAttribute(long.MaxValue)|});
                }
            }
            """);
    }

    [Fact]
    public async Task Finite_attribute_limits_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [RequestSizeLimit(100_000_000)]
            public class MediaController : Controller
            {
                private const long TenMegabytes = 10 * 1024 * 1024;

                [HttpPost, RequestFormLimits(MultipartBodyLengthLimit = 209_715_200)]
                public IActionResult Video(IFormFile video) => Ok();

                [HttpPost, RequestSizeLimit(TenMegabytes), RequestFormLimits(ValueCountLimit = int.MaxValue)]
                public IActionResult Avatar(IFormFile avatar) => Ok();
            }
            """);
    }

    [Fact]
    public async Task Finite_kestrel_and_form_limits_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Http.Features;
            using Microsoft.AspNetCore.Server.Kestrel.Core;
            using Microsoft.Extensions.DependencyInjection;

            public static class Hosting
            {
                public static void Configure(WebApplicationBuilder builder)
                {
                    builder.WebHost.ConfigureKestrel(options =>
                    {
                        options.Limits.MaxRequestBodySize = 50 * 1024 * 1024;
                        options.Limits.MaxRequestHeaderCount = 100;
                    });
                    builder.Services.Configure<FormOptions>(o =>
                    {
                        o.MultipartBodyLengthLimit = 256L * 1024 * 1024;
                        o.ValueLengthLimit = int.MaxValue;
                    });
                    builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxResponseBufferSize = null);
                }
            }
            """);
    }

    [Fact]
    public async Task Per_request_limit_raised_to_a_finite_value_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.Features;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/import", async (HttpContext context) =>
                    {
                        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
                        if (feature is { IsReadOnly: false })
                        {
                            feature.MaxRequestBodySize = 500L * 1024 * 1024;
                        }

                        await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
                        return Results.Ok();
                    });
                    app.MapPost("/upload", (IFormFile file) => Results.Ok()).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(20_000_000));
                }
            }
            """);
    }

    [Fact]
    public async Task Default_limits_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("files")]
            public class FilesController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Upload(IFormFile file)
                {
                    await using var target = System.IO.File.Create(Path.Combine("/data", Path.GetRandomFileName()));
                    await file.CopyToAsync(target);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task Look_alike_properties_outside_ASP_NET_Core_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.Extensions.DependencyInjection;

            public class ImportOptions
            {
                public long? MaxRequestBodySize { get; set; } = 1024;
                public long MultipartBodyLengthLimit { get; set; }
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.Configure<ImportOptions>(o =>
                    {
                        o.MaxRequestBodySize = null;
                        o.MultipartBodyLengthLimit = long.MaxValue;
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Reading_the_limits_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Http.Features;
            using Microsoft.Extensions.Options;

            public class LimitsReporter
            {
                private readonly IOptions<FormOptions> _options;
                public LimitsReporter(IOptions<FormOptions> options) => _options = options;

                public string Describe(HttpContext context)
                {
                    long? body = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
                    bool unlimited = body is null || _options.Value.MultipartBodyLengthLimit == long.MaxValue;
                    return unlimited ? "unlimited" : "limited";
                }
            }
            """);
    }
}

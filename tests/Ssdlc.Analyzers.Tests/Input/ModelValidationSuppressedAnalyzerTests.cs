using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Input.ModelValidationSuppressedAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Input;

public class ModelValidationSuppressedAnalyzerTests
{
    [Fact]
    public async Task Options_lambdas_and_assignments_that_switch_validation_off()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.Configure<ApiBehaviorOptions>(o => {|SSDLC0206:o.SuppressModelStateInvalidFilter = true|});
                    services.AddControllers().ConfigureApiBehaviorOptions(options =>
                    {
                        options.SuppressMapClientErrors = false;
                        {|SSDLC0206:options.SuppressModelStateInvalidFilter = true|};
                    });
                    services.PostConfigure<ApiBehaviorOptions>(o => {|SSDLC0206:o.SuppressModelStateInvalidFilter = true|});
                }

                public static void Program(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddControllers().ConfigureApiBehaviorOptions(o => {|SSDLC0206:o.SuppressModelStateInvalidFilter = true|});
                }

                public static ApiBehaviorOptions Create() => new ApiBehaviorOptions { {|SSDLC0206:SuppressModelStateInvalidFilter = true|} };
            }

            public class ApiSetup : Microsoft.Extensions.Options.IConfigureOptions<ApiBehaviorOptions>
            {
                public void Configure(ApiBehaviorOptions options) => {|SSDLC0206:options.SuppressModelStateInvalidFilter = true|};
            }
            """);
        Assert.StartsWith("SuppressModelStateInvalidFilter = true switches off", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_left_on_or_other_options_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public class SuppressOptions { public bool SuppressModelStateInvalidFilter { get; set; } }

            public static class Startup
            {
                public static void Configure(IServiceCollection services, bool legacy)
                {
                    services.Configure<ApiBehaviorOptions>(o => o.SuppressModelStateInvalidFilter = false);
                    services.AddControllers().ConfigureApiBehaviorOptions(o =>
                    {
                        o.SuppressInferBindingSourcesForParameters = true;
                        o.SuppressMapClientErrors = true;
                        o.InvalidModelStateResponseFactory = context => new BadRequestObjectResult(context.ModelState);
                    });
                    services.Configure<ApiBehaviorOptions>(o => o.SuppressModelStateInvalidFilter = legacy);
                    var mine = new SuppressOptions { SuppressModelStateInvalidFilter = true };
                    bool read = new ApiBehaviorOptions().SuppressModelStateInvalidFilter;
                }
            }
            """);
    }
}

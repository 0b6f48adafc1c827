using Fix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<
    Ssdlc.Analyzers.Api.OAuthFlowAnalyzer,
    Ssdlc.CodeFixes.Api.OAuthFlowCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Api;

public class OAuthFlowCodeFixTests
{
    [Fact]
    public async Task UsePkce_false_becomes_true()
    {
        await Fix.VerifyFixAsync(
            """
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.Extensions.DependencyInjection;

            public static class Login
            {
                public static void Add(IServiceCollection services)
                    => services.AddAuthentication().AddOpenIdConnect(o => {|SSDLC1203:o.UsePkce = false|});
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.Extensions.DependencyInjection;

            public static class Login
            {
                public static void Add(IServiceCollection services)
                    => services.AddAuthentication().AddOpenIdConnect(o => o.UsePkce = true);
            }
            """);
    }

    [Fact]
    public async Task Fix_all_sets_pkce_and_https_metadata_in_initialisers_and_assignments()
    {
        await Fix.VerifyFixAllAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;

            public static class OptionsFactory
            {
                public static OpenIdConnectOptions Oidc() => new OpenIdConnectOptions { {|SSDLC1203:UsePkce = false|}, {|SSDLC1203:RequireHttpsMetadata = false|} };

                public static JwtBearerOptions Bearer()
                {
                    var options = new JwtBearerOptions();
                    {|SSDLC1203:options.RequireHttpsMetadata = false|};
                    return options;
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;

            public static class OptionsFactory
            {
                public static OpenIdConnectOptions Oidc() => new OpenIdConnectOptions { UsePkce = true, RequireHttpsMetadata = true };

                public static JwtBearerOptions Bearer()
                {
                    var options = new JwtBearerOptions();
                    options.RequireHttpsMetadata = true;
                    return options;
                }
            }
            """);
    }

    [Fact]
    public async Task UsePkce_false_on_oauth_handlers_becomes_true()
    {
        await Fix.VerifyFixAllAsync(
            """
            using Microsoft.AspNetCore.Authentication.Google;
            using Microsoft.Extensions.DependencyInjection;

            public static class Login
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication()
                        .AddOAuth("partner", o => {|SSDLC1203:o.UsePkce = false|})
                        .AddGoogle(o => {|SSDLC1203:o.UsePkce = false|});
                    services.Configure<GoogleOptions>(o => {|SSDLC1203:o.UsePkce = false|});
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.Google;
            using Microsoft.Extensions.DependencyInjection;

            public static class Login
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication()
                        .AddOAuth("partner", o => o.UsePkce = true)
                        .AddGoogle(o => o.UsePkce = true);
                    services.Configure<GoogleOptions>(o => o.UsePkce = true);
                }
            }
            """);
    }

    [Fact]
    public async Task Implicit_flow_and_environment_values_have_no_fix()
    {
        await Fix.VerifyNoFixAsync("""
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.Extensions.Hosting;

            public static class OptionsFactory
            {
                public static OpenIdConnectOptions Create(IHostEnvironment env)
                    => new OpenIdConnectOptions { {|SSDLC1203:ResponseType = "id_token"|}, {|SSDLC1203:RequireHttpsMetadata = env.IsDevelopment()|} };
            }
            """);
    }
}

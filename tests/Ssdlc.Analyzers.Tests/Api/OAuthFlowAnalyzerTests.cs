using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Api.OAuthFlowAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Api.OAuthFlowAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Api;

public class OAuthFlowAnalyzerTests
{
    [Fact]
    public async Task Pkce_off_and_implicit_flow_in_AddOpenIdConnect()
    {
        var diagnostics = await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.IdentityModel.Protocols.OpenIdConnect;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(o =>
                {
                    o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                })
                .AddCookie()
                .AddOpenIdConnect(options =>
                {
                    options.Authority = "https://login.example.com";
                    options.ClientId = "portal";
                    {|SSDLC1203:options.ResponseType = OpenIdConnectResponseType.IdToken|};
                    {|SSDLC1203:options.UsePkce = false|};
                });
            var app = builder.Build();
            app.UseAuthentication();
            app.Run();
            """);
        Assert.Equal(
            "ResponseType \"id_token\" is the implicit flow, which returns tokens in the browser's URL; use the authorization code flow with PKCE over HTTPS (ResponseType = \"code\", UsePkce = true, RequireHttpsMetadata = true)",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Implicit_response_types_as_strings_in_Configure()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.Extensions.DependencyInjection;

            public static class LegacyLogin
            {
                private const string Implicit = "id_token token";

                public static void Add(IServiceCollection services)
                {
                    services.Configure<OpenIdConnectOptions>("legacy", o => {|SSDLC1203:o.ResponseType = Implicit|});
                    services.PostConfigure<OpenIdConnectOptions>("spa", o => {|SSDLC1203:o.ResponseType = "token"|});
                }
            }
            """);
    }

    [Fact]
    public async Task Metadata_over_http_for_bearer_and_oidc_in_Startup()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddAuthentication()
                        .AddJwtBearer(o =>
                        {
                            o.Authority = "http://identity:8080";
                            {|SSDLC1203:o.RequireHttpsMetadata = false|};
                        })
                        .AddOpenIdConnect("partner", o => {|SSDLC1203:o.RequireHttpsMetadata = false|});
                }
            }
            """);
    }

    [Fact]
    public async Task Development_check_used_the_wrong_way_round()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer(o =>
            {
                {|SSDLC1203:o.RequireHttpsMetadata = builder.Environment.IsDevelopment()|};
            });
            var app = builder.Build();
            app.Run();
            """);
    }

    [Fact]
    public async Task Object_initialiser_and_production_branch()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            public static class OptionsFactory
            {
                public static OpenIdConnectOptions Create(IWebHostEnvironment env)
                {
                    var options = new OpenIdConnectOptions
                    {
                        ClientId = "backoffice",
                        {|SSDLC1203:UsePkce = false|},
                        ResponseType = "code",
                    };
                    if (!env.IsDevelopment())
                    {
                        {|SSDLC1203:options.RequireHttpsMetadata = false|};
                    }

                    return options;
                }
            }
            """);
    }

    [Fact]
    public async Task Extension_method_that_registers_the_scheme()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Protocols.OpenIdConnect;

            public static class AuthenticationBuilderExtensions
            {
                public static AuthenticationBuilder AddCorporateLogin(this AuthenticationBuilder builder, string authority)
                    => builder.AddOpenIdConnect("corporate", options =>
                    {
                        options.Authority = authority;
                        {|SSDLC1203:options.ResponseType = OpenIdConnectResponseType.IdTokenToken|};
                        options.SaveTokens = true;
                    });
            }
            """);
    }

    [Fact]
    public async Task Pkce_off_for_a_plain_oauth_handler()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            using System.Security.Claims;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Authentication.Cookies;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(o =>
                {
                    o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    o.DefaultChallengeScheme = "partner";
                })
                .AddCookie()
                .AddOAuth("partner", options =>
                {
                    options.ClientId = builder.Configuration["Partner:ClientId"]!;
                    options.ClientSecret = builder.Configuration["Partner:ClientSecret"]!;
                    options.AuthorizationEndpoint = "https://partner.example.com/oauth/authorize";
                    options.TokenEndpoint = "https://partner.example.com/oauth/token";
                    options.CallbackPath = "/signin-partner";
                    {|SSDLC1203:options.UsePkce = false|};
                    options.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "id");
                });
            var app = builder.Build();
            app.UseAuthentication();
            app.Run();
            """);
        Assert.Equal(
            "UsePkce is false, so an intercepted authorization code can be redeemed by someone else; use the authorization code flow with PKCE over HTTPS (ResponseType = \"code\", UsePkce = true, RequireHttpsMetadata = true)",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Pkce_off_for_google_in_the_lambda_and_in_configure()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Google;
            using Microsoft.Extensions.DependencyInjection;

            public static class ExternalLogins
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication()
                        .AddGoogle(o =>
                        {
                            o.ClientId = "portal.apps.example.com";
                            {|SSDLC1203:o.UsePkce = false|};
                        });
                    services.PostConfigure<GoogleOptions>(GoogleDefaults.AuthenticationScheme, o => {|SSDLC1203:o.UsePkce = false|});
                }
            }
            """);
    }

    [Fact]
    public async Task Pkce_off_for_options_derived_from_OAuthOptions_in_an_initialiser()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.OAuth;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class GitHubAuthenticationOptions : OAuthOptions
            {
                public GitHubAuthenticationOptions()
                {
                    AuthorizationEndpoint = "https://github.example.com/login/oauth/authorize";
                    TokenEndpoint = "https://github.example.com/login/oauth/access_token";
                    {|SSDLC1203:UsePkce = false|};
                }
            }

            public static class GitHubLogin
            {
                private const bool Pkce = false;

                public static OAuthOptions Defaults() => new GitHubAuthenticationOptions { ClientId = "shop", {|SSDLC1203:UsePkce = Pkce|} };

                public static void Add(IServiceCollection services)
                    => services.Configure<GitHubAuthenticationOptions>("GitHub", o => {|SSDLC1203:o.UsePkce = false|});
            }
            """);
    }

    [Fact]
    public async Task Oauth_handlers_with_pkce_on_or_from_configuration_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Google;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication()
                .AddOAuth("partner", options =>
                {
                    options.ClientId = builder.Configuration["Partner:ClientId"]!;
                    options.AuthorizationEndpoint = "https://partner.example.com/oauth/authorize";
                    options.TokenEndpoint = "https://partner.example.com/oauth/token";
                    options.CallbackPath = "/signin-partner";
                    options.UsePkce = true;
                })
                .AddOAuth("legacy", options => options.UsePkce = builder.Configuration.GetValue("Legacy:UsePkce", true))
                .AddGoogle(options => options.ClientId = builder.Configuration["Google:ClientId"]!);
            builder.Services.Configure<GoogleOptions>(o => o.UsePkce = !o.SaveTokens || o.UsePkce);
            var app = builder.Build();
            app.Run();
            """);
    }

    [Fact]
    public async Task Reading_pkce_and_other_oauth_settings_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.OAuth;
            using Microsoft.Extensions.Logging;

            public static class OAuthDiagnostics
            {
                public static void Describe(OAuthOptions options, ILogger logger)
                {
                    if (!options.UsePkce)
                    {
                        logger.LogWarning("PKCE is off for {Endpoint}", options.AuthorizationEndpoint);
                    }

                    options.SaveTokens = false;
                    options.UsePkce |= options.SaveTokens;
                }
            }
            """);
    }

    [Fact]
    public async Task Code_flow_with_pkce_is_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.IdentityModel.Protocols.OpenIdConnect;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(o =>
                {
                    o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                })
                .AddCookie()
                .AddOpenIdConnect(options =>
                {
                    options.Authority = builder.Configuration["Oidc:Authority"];
                    options.ClientId = builder.Configuration["Oidc:ClientId"];
                    options.ResponseType = OpenIdConnectResponseType.Code;
                    options.UsePkce = true;
                    options.RequireHttpsMetadata = true;
                    options.SaveTokens = true;
                });
            var app = builder.Build();
            app.Run();
            """);
    }

    [Fact]
    public async Task Hybrid_flows_with_code_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Protocols.OpenIdConnect;

            public static class Login
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<OpenIdConnectOptions>(o => o.ResponseType = OpenIdConnectResponseType.CodeIdToken);
                    services.Configure<OpenIdConnectOptions>("b", o => o.ResponseType = "code id_token token");
                    services.Configure<OpenIdConnectOptions>("c", o => o.ResponseMode = OpenIdConnectResponseMode.FormPost);
                }
            }
            """);
    }

    [Fact]
    public async Task Http_metadata_in_development_only_is_silent()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer(o =>
            {
                o.Authority = builder.Configuration["Auth:Authority"];
                o.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                if (builder.Environment.IsDevelopment())
                {
                    o.RequireHttpsMetadata = false;
                }
            });
            builder.Services.AddAuthentication().AddOpenIdConnect(o =>
                o.RequireHttpsMetadata = builder.Configuration.GetValue("Oidc:RequireHttpsMetadata", true));
            var app = builder.Build();
            app.Run();
            """);
    }

    [Fact]
    public async Task Development_only_startup_and_early_exit_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class LocalIdentity
            {
                public static void AddLocalIdentityServer(this IServiceCollection services, IHostEnvironment env)
                {
                    if (!env.IsDevelopment())
                    {
                        return;
                    }

                    services.Configure<OpenIdConnectOptions>(o => o.RequireHttpsMetadata = false);
                }
            }
            """);
    }

    [Fact]
    public async Task Look_alike_options_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            public sealed class PartnerApiOptions
            {
                public bool UsePkce { get; set; } = true;
                public string ResponseType { get; set; } = "code";
                public bool RequireHttpsMetadata { get; set; } = true;
            }

            public sealed class PartnerOAuthSettings : Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions
            {
                public bool UsePkce { get; set; } = true;
            }

            public static class Defaults
            {
                public static PartnerApiOptions Local() => new PartnerApiOptions { UsePkce = false, ResponseType = "token", RequireHttpsMetadata = false };

                public static PartnerOAuthSettings Partner() => new PartnerOAuthSettings { UsePkce = false };
            }
            """);
    }

    [Fact]
    public async Task Settings_from_configuration_and_secure_values_in_Startup_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Protocols.OpenIdConnect;

            public class Startup
            {
                private readonly IConfiguration _configuration;

                public Startup(IConfiguration configuration) => _configuration = configuration;

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddAuthentication().AddOpenIdConnect(o =>
                    {
                        o.Authority = _configuration["Oidc:Authority"];
                        o.ResponseType = _configuration["Oidc:ResponseType"] ?? OpenIdConnectResponseType.Code;
                        o.UsePkce = _configuration.GetValue("Oidc:UsePkce", true);
                        o.RequireHttpsMetadata = true;
                        o.ResponseType = OpenIdConnectResponseType.None;
                    });
                    services.AddAuthentication().AddJwtBearer(o => o.RequireHttpsMetadata = true);
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

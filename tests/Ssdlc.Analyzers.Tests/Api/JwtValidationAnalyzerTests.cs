using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Api.JwtValidationAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Api.JwtValidationAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Api;

public class JwtValidationAnalyzerTests
{
    [Fact]
    public async Task Lifetime_and_signature_switched_off_in_AddJwtBearer_initialiser()
    {
        var diagnostics = await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public static class AuthenticationSetup
            {
                public static IServiceCollection AddApiAuthentication(this IServiceCollection services, SecurityKey key)
                {
                    services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                        .AddJwtBearer(options =>
                        {
                            options.Authority = "https://login.example.com";
                            options.TokenValidationParameters = new TokenValidationParameters
                            {
                                ValidIssuer = "https://login.example.com",
                                IssuerSigningKey = key,
                                {|SSDLC1201:ValidateLifetime = false|},
                                {|SSDLC1201:RequireSignedTokens = false|},
                            };
                        });
                    return services;
                }
            }
            """);
        Assert.Equal(
            "ValidateLifetime is false, so expired tokens are accepted; keep the token validation defaults and configure the issuer, audience and signing keys instead",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Assignments_through_options_in_minimal_hosting()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication().AddJwtBearer(o =>
            {
                o.TokenValidationParameters.ValidAudience = "orders-api";
                {|SSDLC1201:o.TokenValidationParameters.RequireExpirationTime = false|};
                {|SSDLC1201:o.TokenValidationParameters.ValidateIssuer = false|};
            });
            var app = builder.Build();
            app.UseAuthentication();
            app.MapGet("/orders", () => "[]").RequireAuthorization();
            app.Run();
            """);
    }

    [Fact]
    public async Task Signature_validator_that_returns_the_token_unchecked()
    {
        await VerifyCS.VerifyAsync("""
            using System.IdentityModel.Tokens.Jwt;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.JsonWebTokens;
            using Microsoft.IdentityModel.Tokens;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                    {
                        {|SSDLC1201:options.TokenValidationParameters.SignatureValidator = (token, parameters) => new JsonWebToken(token)|};
                        {|SSDLC1201:options.TokenValidationParameters.ValidateIssuerSigningKey = false|};
                        {|SSDLC1201:options.TokenValidationParameters.ValidateAudience = false|};
                    });
                    services.PostConfigure<JwtBearerOptions>("legacy", options =>
                    {
                        {|SSDLC1201:options.TokenValidationParameters.SignatureValidator = delegate (string token, TokenValidationParameters p)
                        {
                            return new JwtSecurityToken(token);
                        }|};
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Parameters_built_in_a_service_and_a_local()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.IdentityModel.JsonWebTokens;
            using Microsoft.IdentityModel.Tokens;

            public sealed class WebhookTokenReader
            {
                private readonly JsonWebTokenHandler _handler = new();
                private readonly SecurityKey _key;

                public WebhookTokenReader(SecurityKey key) => _key = key;

                public async Task<bool> IsValidAsync(string token)
                {
                    var parameters = new TokenValidationParameters { IssuerSigningKey = _key, ValidIssuer = "billing" };
                    {|SSDLC1201:parameters.ValidateLifetime = false|};
                    {|SSDLC1201:parameters.ValidateAudience = false|};
                    TokenValidationResult result = await _handler.ValidateTokenAsync(token, parameters);
                    return result.IsValid;
                }
            }
            """);
    }

    [Fact]
    public async Task Nested_initialiser_of_the_options_object()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;

            public static class TestOptions
            {
                public static readonly JwtBearerOptions Relaxed = new JwtBearerOptions
                {
                    Audience = "reports",
                    TokenValidationParameters = { {|SSDLC1201:RequireSignedTokens = false|}, {|SSDLC1201:ValidateIssuer = false|} },
                };
            }
            """);
    }

    [Fact]
    public async Task Weakening_in_the_production_branch_of_an_environment_check()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class Auth
            {
                public static void Add(IServiceCollection services, IHostEnvironment env)
                {
                    services.AddAuthentication().AddJwtBearer(o =>
                    {
                        if (env.IsDevelopment())
                        {
                            o.TokenValidationParameters.ValidateLifetime = true;
                        }
                        else
                        {
                            {|SSDLC1201:o.TokenValidationParameters.ValidateLifetime = false|};
                        }
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Defaults_and_explicit_true_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.IdentityModel.Tokens;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(options =>
                {
                    options.Authority = builder.Configuration["Auth:Authority"];
                    options.Audience = "orders-api";
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidateIssuer = true,
                        ValidateAudience = true,
                        ValidateLifetime = true,
                        ValidateIssuerSigningKey = true,
                        RequireSignedTokens = true,
                        RequireExpirationTime = true,
                        ClockSkew = TimeSpan.FromMinutes(1),
                    };
                });
            builder.Services.AddAuthorization();
            var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();
            app.Run();
            """);
    }

    [Fact]
    public async Task Audience_or_issuer_off_alone_is_not_reported()
    {
        // Graded Medium by the standard; the rule reports them only next to a Critical weakening (see the rule's docs).
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public static class InternalAuth
            {
                public static void Add(IServiceCollection services, SecurityKey key)
                {
                    services.AddAuthentication().AddJwtBearer(o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidateAudience = false,
                            ValidIssuer = "https://sts.internal",
                            IssuerSigningKey = key,
                        };
                    });
                    services.AddAuthentication().AddJwtBearer("partner", o => o.TokenValidationParameters.ValidateIssuer = false);
                    services.AddAuthentication().AddJwtBearer("other", o => o.TokenValidationParameters.ValidateLifetime = true);
                }
            }
            """);
    }

    [Fact]
    public async Task Development_only_and_computed_values_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class Auth
            {
                public static void Add(WebApplicationBuilder builder)
                {
                    builder.Services.AddAuthentication().AddJwtBearer(o =>
                    {
                        if (builder.Environment.IsDevelopment())
                        {
                            o.TokenValidationParameters.ValidateLifetime = false;
                            o.TokenValidationParameters.ValidateIssuer = false;
                        }

                        o.TokenValidationParameters.RequireSignedTokens = !builder.Environment.IsEnvironment("Testing");
                        o.TokenValidationParameters.ValidateLifetime = builder.Configuration.GetValue("Jwt:ValidateLifetime", true);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Signature_validators_that_validate_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.JsonWebTokens;
            using Microsoft.IdentityModel.Tokens;

            public interface ITokenSignatureChecker
            {
                bool VerifySignature(string token);
            }

            public static class Auth
            {
                public static void Add(IServiceCollection services, ITokenSignatureChecker checker)
                {
                    services.AddAuthentication().AddJwtBearer(o =>
                    {
                        o.TokenValidationParameters.SignatureValidator = (token, p) =>
                        {
                            var jwt = new JsonWebToken(token);
                            if (!checker.VerifySignature(token))
                            {
                                throw new SecurityTokenInvalidSignatureException("bad signature");
                            }

                            return jwt;
                        };
                        o.TokenValidationParameters.ValidateIssuerSigningKey = true;
                    });
                    services.AddAuthentication().AddJwtBearer("b", o =>
                    {
                        o.TokenValidationParameters.SignatureValidator = (token, p) => checker.VerifySignature(token)
                            ? new JsonWebToken(token)
                            : throw new SecurityTokenInvalidSignatureException("bad signature");
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Signing_key_validation_off_without_override_and_look_alike_types_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.IdentityModel.Tokens;

            public sealed class ImportSettings
            {
                public bool ValidateLifetime { get; set; } = true;
                public bool RequireSignedTokens { get; set; } = true;
            }

            public static class Factory
            {
                public static TokenValidationParameters Create(SecurityKey key)
                {
                    var settings = new ImportSettings { ValidateLifetime = false, RequireSignedTokens = false };
                    return new TokenValidationParameters
                    {
                        IssuerSigningKey = key,
                        ValidateIssuerSigningKey = false,
                        ValidIssuer = "https://sts.example.com",
                        ValidAudience = "api",
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task Flags_replaced_by_validator_delegates_are_silent()
    {
        // IdentityModel calls LifetimeValidator, IssuerValidator and AudienceValidator whatever the Validate… flag says.
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Linq;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public static class MultiTenantAuth
            {
                public static void Add(IServiceCollection services, string[] tenants)
                {
                    services.AddAuthentication().AddJwtBearer(o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidateLifetime = false,
                            LifetimeValidator = (notBefore, expires, token, p) => expires > DateTime.UtcNow,
                            ValidateIssuer = false,
                            IssuerValidator = (issuer, token, p) => tenants.Contains(issuer) ? issuer : throw new SecurityTokenInvalidIssuerException(issuer),
                        };
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Separate_configurations_do_not_lend_each_other_findings()
    {
        // ValidateAudience = false in one scheme is not reported because of ValidateLifetime = false in another.
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;

            public static class Auth
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddAuthentication()
                        .AddJwtBearer("internal", o => o.TokenValidationParameters.ValidateAudience = false)
                        .AddJwtBearer("legacy", o => {|SSDLC1201:o.TokenValidationParameters.ValidateLifetime = false|});
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

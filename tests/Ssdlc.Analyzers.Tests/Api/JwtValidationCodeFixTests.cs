using Fix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<
    Ssdlc.Analyzers.Api.JwtValidationAnalyzer,
    Ssdlc.CodeFixes.Api.JwtValidationCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Api;

public class JwtValidationCodeFixTests
{
    [Fact]
    public async Task ValidateLifetime_false_becomes_true_in_an_initialiser()
    {
        await Fix.VerifyFixAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public static class AuthenticationSetup
            {
                public static void Add(IServiceCollection services, SecurityKey key)
                    => services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidIssuer = "https://login.example.com",
                            IssuerSigningKey = key,
                            {|SSDLC1201:ValidateLifetime = false|},
                        };
                    });
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public static class AuthenticationSetup
            {
                public static void Add(IServiceCollection services, SecurityKey key)
                    => services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidIssuer = "https://login.example.com",
                            IssuerSigningKey = key,
                            ValidateLifetime = true,
                        };
                    });
            }
            """);
    }

    [Fact]
    public async Task ValidateAudience_false_through_options_becomes_true()
    {
        // Diagnostic #1 is ValidateAudience (reported because RequireExpirationTime is switched off as well).
        await Fix.VerifyFixAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;

            public static class AuthenticationSetup
            {
                public static void Add(IServiceCollection services)
                    => services.Configure<JwtBearerOptions>(o =>
                    {
                        {|SSDLC1201:o.TokenValidationParameters.RequireExpirationTime = false|};
                        {|SSDLC1201:o.TokenValidationParameters.ValidateAudience = false|};
                    });
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;

            public static class AuthenticationSetup
            {
                public static void Add(IServiceCollection services)
                    => services.Configure<JwtBearerOptions>(o =>
                    {
                        {|SSDLC1201:o.TokenValidationParameters.RequireExpirationTime = false|};
                        o.TokenValidationParameters.ValidateAudience = true;
                    });
            }
            """,
            diagnosticIndex: 1);
    }

    [Fact]
    public async Task Titles_name_the_values_the_issuer_and_audience_checks_need()
    {
        string[] titles = await Fix.GetTitlesAsync("""
            using Microsoft.IdentityModel.Tokens;

            public static class Parameters
            {
                public static TokenValidationParameters Create() => new TokenValidationParameters
                {
                    {|SSDLC1201:RequireSignedTokens = false|},
                    {|SSDLC1201:ValidateIssuer = false|},
                    {|SSDLC1201:ValidateAudience = false|},
                };
            }
            """);
        Assert.Equal(
            new[]
            {
                "Require signed tokens (RequireSignedTokens = true)",
                "Validate the issuer (set ValidIssuer too)",
                "Validate the audience (set ValidAudience too)",
            },
            titles);
    }

    [Fact]
    public async Task Fix_all_switches_every_literal_false_back_on()
    {
        await Fix.VerifyFixAllAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters
                    {
                        {|SSDLC1201:RequireSignedTokens = false|},
                        {|SSDLC1201:ValidateIssuer = false|},
                        {|SSDLC1201:ValidateAudience = false|},
                    });
                }

                public static TokenValidationParameters ForTests()
                {
                    var parameters = new TokenValidationParameters();
                    {|SSDLC1201:parameters.ValidateLifetime = false|};
                    {|SSDLC1201:parameters.RequireExpirationTime = false|};
                    return parameters;
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters
                    {
                        RequireSignedTokens = true,
                        ValidateIssuer = true,
                        ValidateAudience = true,
                    });
                }

                public static TokenValidationParameters ForTests()
                {
                    var parameters = new TokenValidationParameters();
                    parameters.ValidateLifetime = true;
                    parameters.RequireExpirationTime = true;
                    return parameters;
                }
            }
            """,
            // One at a time: once tokens must be signed, ValidateIssuer/ValidateAudience = false have no Critical
            // weakening beside them any more and are not reported (the analyzer grades them only with one).
            oneAtATimeSource: """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters
                    {
                        RequireSignedTokens = true,
                        ValidateIssuer = false,
                        ValidateAudience = false,
                    });
                }

                public static TokenValidationParameters ForTests()
                {
                    var parameters = new TokenValidationParameters();
                    parameters.ValidateLifetime = true;
                    parameters.RequireExpirationTime = true;
                    return parameters;
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_all_sets_the_signing_key_check_but_leaves_the_signature_validator()
    {
        await Fix.VerifyFixAllAsync(
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.JsonWebTokens;

            public static class AuthenticationSetup
            {
                public static void Add(IServiceCollection services)
                    => services.Configure<JwtBearerOptions>(options =>
                    {
                        {|SSDLC1201:options.TokenValidationParameters.SignatureValidator = (token, parameters) => new JsonWebToken(token)|};
                        {|SSDLC1201:options.TokenValidationParameters.ValidateIssuerSigningKey = false|};
                    });
            }
            """,
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.JsonWebTokens;

            public static class AuthenticationSetup
            {
                public static void Add(IServiceCollection services)
                    => services.Configure<JwtBearerOptions>(options =>
                    {
                        {|SSDLC1201:options.TokenValidationParameters.SignatureValidator = (token, parameters) => new JsonWebToken(token)|};
                        options.TokenValidationParameters.ValidateIssuerSigningKey = true;
                    });
            }
            """);
    }

    [Fact]
    public async Task Signature_validator_and_constants_have_no_fix()
    {
        await Fix.VerifyNoFixAsync("""
            using Microsoft.IdentityModel.JsonWebTokens;
            using Microsoft.IdentityModel.Tokens;

            public static class Parameters
            {
                private const bool CheckLifetime = false;

                public static TokenValidationParameters Create() => new TokenValidationParameters
                {
                    {|SSDLC1201:SignatureValidator = (token, parameters) => new JsonWebToken(token)|},
                    {|SSDLC1201:ValidateLifetime = CheckLifetime|},
                    {|SSDLC1201:RequireSignedTokens = !true|},
                };
            }
            """);
    }
}

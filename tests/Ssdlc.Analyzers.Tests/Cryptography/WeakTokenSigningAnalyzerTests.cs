using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.WeakTokenSigningAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class WeakTokenSigningAnalyzerTests
{
    [Fact]
    public async Task Short_literal_hmac_key_in_signing_credentials()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Text;
            using Microsoft.IdentityModel.Tokens;

            public class TokenIssuer
            {
                public SigningCredentials Credentials()
                {
                    var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("too-short-secret"));
                    return {|SSDLC1011:new SigningCredentials(key, SecurityAlgorithms.HmacSha256)|};
                }
            }
            """);
        Assert.Equal(
            "The token is signed with HS256 and a 128-bit key; sign tokens with RS256/ES256, or with HS256 and a random key of at least 32 bytes kept out of the source",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Short_keys_through_fields_consts_and_inline()
    {
        await VerifyCS.VerifyAsync("""
            using System.Text;
            using Microsoft.IdentityModel.Tokens;

            public class JwtFactory
            {
                private const string Secret = "secret";
                private static readonly SymmetricSecurityKey Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret));

                public SigningCredentials A() => {|SSDLC1011:new SigningCredentials(Key, SecurityAlgorithms.HmacSha256Signature)|};

                public SigningCredentials B() => {|SSDLC1011:new SigningCredentials(new SymmetricSecurityKey(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }), "HS512")|};

                public SigningCredentials C() => {|SSDLC1011:new SigningCredentials(new SymmetricSecurityKey("0123456789abcdef0123456789abcde"u8.ToArray()), SecurityAlgorithms.HmacSha384)|};
            }
            """);
    }

    [Fact]
    public async Task Unsigned_tokens_with_algorithm_none()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.IdentityModel.Tokens;

            public class Unsigned
            {
                private const string NoAlgorithm = "none";

                public SigningCredentials A(SecurityKey key) => new SigningCredentials(key, {|SSDLC1011:SecurityAlgorithms.None|});

                public SigningCredentials B(SecurityKey key) => new SigningCredentials(key, {|SSDLC1011:NoAlgorithm|});

                public SigningCredentials C(SecurityKey key) => new SigningCredentials(key, {|SSDLC1011:"None"|}, SecurityAlgorithms.Sha256Digest);
            }
            """);
    }

    [Fact]
    public async Task Short_key_for_token_validation_in_an_options_lambda()
    {
        await VerifyCS.VerifyAsync("""
            using System.Text;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public class BearerOptions
            {
                public TokenValidationParameters TokenValidationParameters { get; set; } = new();
            }

            public static class Auth
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<BearerOptions>(o =>
                    {
                        o.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidateIssuer = true,
                            IssuerSigningKey = {|SSDLC1011:new SymmetricSecurityKey(Encoding.ASCII.GetBytes("dev-key"))|},
                        };
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Asymmetric_and_long_enough_keys_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;
            using System.Text;
            using Microsoft.IdentityModel.Tokens;

            public class GoodIssuer
            {
                private static readonly SymmetricSecurityKey LongKey =
                    new SymmetricSecurityKey(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef"));

                public SigningCredentials Rsa(RSA rsa) => new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);

                public SigningCredentials Ec(ECDsa ec) => new SigningCredentials(new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256);

                public SigningCredentials Hs256() => new SigningCredentials(LongKey, SecurityAlgorithms.HmacSha256);

                public SigningCredentials Random() => new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), SecurityAlgorithms.HmacSha512);
            }
            """);
    }

    [Fact]
    public async Task Keys_from_configuration_or_parameters_are_not_judged()
    {
        await VerifyCS.VerifyAsync("""
            using System.Text;
            using Microsoft.Extensions.Configuration;
            using Microsoft.IdentityModel.Tokens;

            public class ConfiguredIssuer
            {
                private readonly IConfiguration _configuration;

                public ConfiguredIssuer(IConfiguration configuration) => _configuration = configuration;

                public SigningCredentials FromConfig()
                    => new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configuration["Jwt:Key"]!)), SecurityAlgorithms.HmacSha256);

                public SigningCredentials FromParameter(byte[] key) => new SigningCredentials(new SymmetricSecurityKey(key), "HS256");

                public TokenValidationParameters Validation(SecurityKey key) => new TokenValidationParameters { IssuerSigningKey = key };
            }
            """);
    }

    [Fact]
    public async Task Short_symmetric_key_for_key_wrapping_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.IdentityModel.Tokens;

            public class Encryption
            {
                public EncryptingCredentials Credentials(byte[] material)
                {
                    // A 128-bit key is the defined size for A128KW; this is not HMAC signing.
                    var key = new SymmetricSecurityKey(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
                    return new EncryptingCredentials(key, SecurityAlgorithms.Aes128KW, SecurityAlgorithms.Aes128CbcHmacSha256);
                }
            }
            """);
    }
}

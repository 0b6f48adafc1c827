using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.HardcodedKeyAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class HardcodedKeyAnalyzerTests
{
    [Fact]
    public async Task Byte_array_literals_to_key_and_iv_properties()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class LegacyCrypto
            {
                private static readonly byte[] Key = {|SSDLC1004:{ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|};

                public byte[] Encrypt(byte[] data)
                {
                    using var aes = Aes.Create();
                    aes.Key = Key;
                    aes.IV = {|SSDLC1004:new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }|};
                    return aes.EncryptCbc(data, aes.IV);
                }

                public Aes Initialised() => new AesManaged
                {
                    Key = {|SSDLC1004:new byte[] { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4 }|},
                };
            }
            """);
        Assert.Equal(
            "Aes.Key comes from constant data in the source; load keys from a key store or configuration, and generate IVs and nonces with RandomNumberGenerator for every message",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Encoded_strings_through_locals_and_consts_to_create_encryptor()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using System.Text;

            public class PayloadProtector
            {
                private const string Secret = {|SSDLC1004:"0123456789abcdef0123456789abcdef"|};

                public ICryptoTransform Encryptor()
                {
                    byte[] key = Encoding.UTF8.GetBytes(Secret);
                    var iv = Convert.FromBase64String({|SSDLC1004:"AAECAwQFBgcICQoLDA0ODw=="|});
                    using var aes = Aes.Create();
                    return aes.CreateEncryptor(key, iv);
                }

                public ICryptoTransform Decryptor(SymmetricAlgorithm algorithm)
                    => algorithm.CreateDecryptor(Encoding.ASCII.GetBytes({|SSDLC1004:"sixteen byte key"|}), {|SSDLC1004:"initialvector123"u8|}.ToArray());
            }
            """);
        Assert.StartsWith("The key passed to SymmetricAlgorithm.CreateEncryptor comes from constant data", diagnostics[0].GetMessage());
        Assert.StartsWith("The IV passed to SymmetricAlgorithm.CreateEncryptor", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Hmac_constructors_and_one_shot_hashing()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;
            using System.Text;

            public class WebhookSigner
            {
                private static readonly byte[] WebhookKey = Encoding.UTF8.GetBytes({|SSDLC1004:"whsec_do_not_share_this_value"|});

                public byte[] Sign(byte[] payload)
                {
                    using var hmac = new HMACSHA256(WebhookKey);
                    return hmac.ComputeHash(payload);
                }

                public byte[] Sign512(byte[] payload) => HMACSHA512.HashData({|SSDLC1004:"another-hardcoded-key"u8|}, payload);

                public byte[] Legacy(byte[] payload) => new HMACSHA384 { Key = WebhookKey }.ComputeHash(payload);

                public IncrementalHash Incremental() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, {|SSDLC1004:[1, 2, 3, 4, 5, 6, 7, 8]|});
            }
            """);
    }

    [Fact]
    public async Task Authenticated_ciphers_with_constant_keys_and_nonces()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class Sealer
            {
                private static byte[] Nonce => {|SSDLC1004:new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }|};

                public void Seal(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
                {
                    byte[] key = {|SSDLC1004:{ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 }|};
                    using var gcm = new AesGcm(key, 16);
                    gcm.Encrypt(Nonce, plaintext, ciphertext, tag);
                }
            }
            """);
    }

    [Fact]
    public async Task Jwt_signing_key_in_an_options_lambda()
    {
        await VerifyCS.VerifyAsync("""
            using System.Text;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;

            public class JwtOptions
            {
                public SecurityKey? IssuerSigningKey { get; set; }
            }

            public static class Auth
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<JwtOptions>(o =>
                    {
                        o.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes({|SSDLC1004:"my-super-secret-signing-key-1234567890"|}));
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Keys_held_in_other_files_options_records_helpers_and_either_branch_are_reported_where_written()
    {
        ImmutableArray<Diagnostic> diagnostics = await WebProjectVerifier<Ssdlc.Analyzers.Cryptography.HardcodedKeyAnalyzer>.VerifyAsync(new[]
        {
            ("Keys.cs", """
                using System.Text;

                public static class Keys
                {
                    public static readonly byte[] Payments = Encoding.UTF8.GetBytes({|SSDLC1004:"payments-key-0123456789abcdef01"|});
                }

                public record CipherSettings(string Key, string Iv);

                public class TokenOptions
                {
                    public string SigningKey { get; set; } = {|SSDLC1004:"default-signing-key-change-me-please"|};
                }
                """),
            ("Crypto.cs", """
                using System;
                using System.Security.Cryptography;
                using System.Text;

                public class PaymentCrypto(TokenOptions options)
                {
                    private static readonly CipherSettings Settings = new({|SSDLC1004:"cipher-key-0123456789abcdef01234"|}, Environment.GetEnvironmentVariable("IV") ?? "");

                    public byte[] Sign(byte[] data) => HMACSHA256.HashData(Keys.Payments, data);

                    public byte[] SignAgain(byte[] data) => new HMACSHA256(Keys.Payments).ComputeHash(data);

                    public byte[] Token(byte[] data) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.SigningKey), data);

                    public ICryptoTransform Encryptor(SymmetricAlgorithm algorithm)
                        => algorithm.CreateEncryptor(Encoding.UTF8.GetBytes(Settings.Key), Encoding.UTF8.GetBytes(Settings.Iv));

                    public byte[] Mac(byte[] data, bool legacy)
                        => Hash(data, legacy ? Encoding.ASCII.GetBytes({|SSDLC1004:"legacy-key-0123456789abcdef0123"|}) : RandomNumberGenerator.GetBytes(32));

                    private static byte[] Hash(byte[] data, byte[] key) => HMACSHA256.HashData(key, data);

                    public byte[] Fixed(byte[] data) => Wrap(data, {|SSDLC1004:"wrap-key-0123456789abcdef012345"u8|}.ToArray());

                    private static byte[] Wrap(byte[] data, byte[] key) => HMACSHA512.HashData(key, data);
                }
                """),
        }, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
        Diagnostic payments = diagnostics.Single(d => d.GetMessage().Contains("HMACSHA256.HashData") && d.Location.SourceTree!.FilePath.EndsWith("Keys.cs") && d.Location.GetLineSpan().StartLinePosition.Line == 4);
        Location use = Assert.Single(payments.AdditionalLocations);
        Assert.Equal("/src/Crypto.cs", use.SourceTree!.FilePath);
        Assert.Equal(8, use.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task Keys_from_random_generator_configuration_derivation_and_parameters_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Microsoft.Extensions.Configuration;
            using Microsoft.IdentityModel.Tokens;

            public class ConfiguredCrypto
            {
                private readonly IConfiguration _configuration;
                private readonly byte[] _key;

                public ConfiguredCrypto(IConfiguration configuration, byte[] key)
                {
                    _configuration = configuration;
                    _key = key;
                }

                public byte[] Encrypt(byte[] data, string password, byte[] salt)
                {
                    using var aes = Aes.Create();
                    aes.Key = RandomNumberGenerator.GetBytes(32);
                    aes.GenerateIV();
                    aes.Key = Convert.FromBase64String(_configuration["Crypto:Key"]!);
                    aes.Key = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
                    aes.Key = _key;
                    return aes.EncryptCbc(data, aes.IV);
                }

                public SymmetricSecurityKey SigningKey()
                    => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configuration["Jwt:Key"]!));

                public byte[] Mac(byte[] key, byte[] payload) => HMACSHA256.HashData(key, payload);
            }
            """);
    }

    [Fact]
    public async Task Generated_buffers_are_silent_and_a_default_replaced_later_is_still_a_key_in_the_source()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using System.Text;

            public class Rotating
            {
                // Used until Rotate is called: a key written in the source all the same.
                private byte[] _key = Encoding.UTF8.GetBytes({|SSDLC1004:"bootstrap-value-replaced-at-startup"|});
                private byte[] _generated = RandomNumberGenerator.GetBytes(32);
                private static readonly byte[] Iv = new byte[16];

                public void Rotate(byte[] fresh)
                {
                    _key = fresh;
                    _generated = fresh;
                }

                public byte[] Mac(byte[] data) => HMACSHA256.HashData(_generated, data);

                public ICryptoTransform Encryptor(SymmetricAlgorithm aes)
                {
                    var iv = new byte[16];
                    RandomNumberGenerator.Fill(iv);
                    return aes.CreateEncryptor(_key, iv);
                }

                public byte[] Hash(byte[] data)
                {
                    var prefix = new byte[] { 1, 2, 3 };
                    return SHA256.HashData(data);
                }
            }
            """);
    }

    [Fact]
    public async Task Constant_data_that_is_not_a_key_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Text;

            public class Hashing
            {
                private static readonly byte[] Magic = { 0x50, 0x4B, 0x03, 0x04 };

                public byte[] Fingerprint(string text) => SHA256.HashData(Encoding.UTF8.GetBytes("prefix:" + text));

                public byte[] Domain() => SHA256.HashData(Encoding.UTF8.GetBytes("domain-separation-label"));

                public void Write(Stream stream) => stream.Write(Magic);

                public byte[] Derive(byte[] secret) => HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.UTF8.GetBytes("app/v1/encryption"));
            }
            """);
    }
}

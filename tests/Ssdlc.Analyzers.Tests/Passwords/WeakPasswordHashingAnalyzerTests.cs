using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Passwords.WeakPasswordHashingAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Passwords;

public class WeakPasswordHashingAnalyzerTests
{
    [Fact]
    public async Task Sha256_of_a_password_in_a_service()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using System.Text;

            public class UserService
            {
                public string HashPassword(string password)
                    => Convert.ToHexString({|SSDLC0602:SHA256.HashData(Encoding.UTF8.GetBytes(password))|});
            }
            """);
        Assert.StartsWith("Password hashing with SHA256.HashData on password, a fast hash; use Identity's PasswordHasher", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instance_compute_hash_on_salted_password_through_a_local()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;
            using System.Text;

            public class LoginModel { public string Password { get; set; } = ""; public string Salt { get; set; } = ""; }

            public class Authenticator
            {
                public byte[] Hash(LoginModel model)
                {
                    var bytes = Encoding.UTF8.GetBytes(model.Salt + model.Password);
                    using var sha = SHA512.Create();
                    return {|SSDLC0602:sha.ComputeHash(bytes)|};
                }

                public byte[] Legacy(string userPwd)
                {
                    using var md5 = MD5.Create();
                    return {|SSDLC0602:md5.ComputeHash(Encoding.ASCII.GetBytes($"{userPwd}:pepper"))|};
                }
            }
            """);
    }

    [Fact]
    public async Task Legacy_rfc2898_constructors_default_to_sha1()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class PasswordStore
            {
                public (byte[] Salt, byte[] Hash) Create(string password)
                {
                    using var pbkdf2 = {|SSDLC0602:new Rfc2898DeriveBytes(password, 16, 100_000)|};
                    return (pbkdf2.Salt, pbkdf2.GetBytes(32));
                }

                public byte[] Verify(string password, byte[] salt)
                {
                    using var pbkdf2 = {|SSDLC0602:new Rfc2898DeriveBytes(password, salt)|};
                    return pbkdf2.GetBytes(32);
                }
            }
            """);
        Assert.Contains("PBKDF2 defaulting to SHA-1", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pbkdf2_with_too_few_iterations_for_its_hash()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public static class PasswordHashing
            {
                private const int Iterations = 10_000;

                public static byte[] Sha256(string password, byte[] salt)
                    => {|SSDLC0602:Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32)|};

                public static byte[] Sha512(string password, byte[] salt)
                    => {|SSDLC0602:Rfc2898DeriveBytes.Pbkdf2(password, salt, 100_000, HashAlgorithmName.SHA512, 64)|};

                public static byte[] Sha1(string password, byte[] salt)
                    => {|SSDLC0602:Rfc2898DeriveBytes.Pbkdf2(password, salt, 2_000_000, HashAlgorithmName.SHA1, 20)|};
            }
            """);
        Assert.Contains("PBKDF2-SHA256 with 10,000 iterations (at least 600,000)", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constant_and_short_salts()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;
            using System.Text;

            public class KeyStore
            {
                private static readonly byte[] Salt = Encoding.UTF8.GetBytes("static-application-salt");

                public byte[] Derive(string passphrase)
                    => {|SSDLC0602:Rfc2898DeriveBytes.Pbkdf2(passphrase, Salt, 700_000, HashAlgorithmName.SHA256, 32)|};

                public byte[] DeriveShort(string passphrase)
                {
                    byte[] salt = RandomNumberGenerator.GetBytes(8);
                    return {|SSDLC0602:Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, 700_000, HashAlgorithmName.SHA256, 32)|};
                }
            }
            """);
        Assert.Contains("a constant salt", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("a 8-byte salt", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_derivation_pbkdf2_and_password_hasher_options()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.Extensions.DependencyInjection;

            public static class Setup
            {
                public static byte[] Hash(string password, byte[] salt)
                    => {|SSDLC0602:KeyDerivation.Pbkdf2(password, salt, KeyDerivationPrf.HMACSHA1, 10000, 32)|};

                public static byte[] Hash256(string password, byte[] salt)
                    => {|SSDLC0602:KeyDerivation.Pbkdf2(password, salt, KeyDerivationPrf.HMACSHA256, 100000, 32)|};

                public static void Add(IServiceCollection services)
                {
                    services.Configure<PasswordHasherOptions>(o => {|SSDLC0602:o.IterationCount = 10_000|});
                    services.Configure<PasswordHasherOptions>(o => {|SSDLC0602:o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2|});
                }
            }
            """);
    }

    [Fact]
    public async Task Identity_password_hasher_defaults_and_strong_options_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Identity;
            using Microsoft.Extensions.DependencyInjection;

            public class AppUser { }

            public class Accounts
            {
                private readonly IPasswordHasher<AppUser> _hasher = new PasswordHasher<AppUser>();

                public string Hash(AppUser user, string password) => _hasher.HashPassword(user, password);

                public static void Add(IServiceCollection services)
                {
                    services.Configure<PasswordHasherOptions>(o => o.IterationCount = 600_000);
                    services.Configure<PasswordHasherOptions>(o => o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3);
                }
            }
            """);
    }

    [Fact]
    public async Task Pbkdf2_above_the_bar_with_random_salts_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;

            public static class PasswordHashing
            {
                public static (byte[] Salt, byte[] Hash) Hash(string password)
                {
                    byte[] salt = RandomNumberGenerator.GetBytes(16);
                    return (salt, Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32));
                }

                public static byte[] Hash512(string password, byte[] salt)
                    => Rfc2898DeriveBytes.Pbkdf2(password, salt, 210_000, HashAlgorithmName.SHA512, 64);

                public static byte[] Derive(string password, byte[] salt)
                    => KeyDerivation.Pbkdf2(password, salt, KeyDerivationPrf.HMACSHA512, 310_000, 64);

                public static byte[] Derive2(string password)
                {
                    using var kdf = new Rfc2898DeriveBytes(password, 32, 700_000, HashAlgorithmName.SHA256);
                    return kdf.GetBytes(32);
                }
            }
            """);
    }

    [Fact]
    public async Task Sha256_of_file_contents_and_etags_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.IO;
            using System.Security.Cryptography;
            using System.Text;
            using System.Threading.Tasks;

            public class BlobStore
            {
                public async Task<string> ChecksumAsync(Stream content)
                    => Convert.ToHexString(await SHA256.HashDataAsync(content));

                public string ETag(string body) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

                public byte[] Fingerprint(byte[] document)
                {
                    using var sha = SHA512.Create();
                    return sha.ComputeHash(document);
                }
            }
            """);
    }

    [Fact]
    public async Task Hashing_random_reset_tokens_and_api_keys_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;
            using System.Text;

            public class TokenStore
            {
                public byte[] StoreResetToken(string passwordResetToken) => SHA256.HashData(Encoding.UTF8.GetBytes(passwordResetToken));

                public byte[] StoreApiKey(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

                public byte[] PolicyDigest(string passwordPolicy) => SHA256.HashData(Encoding.UTF8.GetBytes(passwordPolicy));
            }
            """);
    }

    [Fact]
    public async Task Hmac_of_a_password_with_a_server_key_is_not_reported_here()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;
            using System.Text;

            public class Pepper
            {
                private readonly byte[] _pepperKey;

                public Pepper(byte[] pepperKey) => _pepperKey = pepperKey;

                // The peppered value is then hashed with PBKDF2 elsewhere.
                public byte[] Apply(string password) => HMACSHA256.HashData(_pepperKey, Encoding.UTF8.GetBytes(password));
            }
            """);
    }

    [Fact]
    public async Task Iterations_and_salts_from_configuration_are_not_judged()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class ConfiguredHasher
            {
                private readonly int _iterations;

                public ConfiguredHasher(int iterations) => _iterations = iterations;

                public byte[] Hash(string password, byte[] salt)
                    => Rfc2898DeriveBytes.Pbkdf2(password, salt, _iterations, HashAlgorithmName.SHA512, 64);
            }
            """);
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.ShortTokenAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class ShortTokenAnalyzerTests
{
    [Fact]
    public async Task Get_bytes_into_token_named_locals_fields_and_properties()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class Session
            {
                private readonly byte[] _apiKey = {|SSDLC1009:RandomNumberGenerator.GetBytes(16)|};

                public string SessionId { get; } = Convert.ToHexString({|SSDLC1009:RandomNumberGenerator.GetBytes(8)|});

                public string Issue()
                {
                    string refreshToken = Convert.ToBase64String({|SSDLC1009:RandomNumberGenerator.GetBytes(24)|});
                    return refreshToken;
                }
            }
            """);
        Assert.Equal(
            "_apiKey has only 128 bits of randomness; use at least 32 random bytes (256 bits) for tokens, keys and secrets",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Fill_on_short_buffers_and_enclosing_member_names()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class ResetTokens
            {
                public string CreateResetToken()
                {
                    var bytes = new byte[16];
                    {|SSDLC1009:RandomNumberGenerator.Fill(bytes)|};
                    return Convert.ToBase64String(bytes);
                }

                public string GenerateSecret()
                {
                    Span<byte> secret = stackalloc byte[20];
                    {|SSDLC1009:RandomNumberGenerator.Fill(secret)|};
                    return Convert.ToHexString(secret);
                }

                public string NewApiKey() => {|SSDLC1009:RandomNumberGenerator.GetHexString(32)|};
            }
            """);
    }

    [Fact]
    public async Task Legacy_instance_generator_and_async_code()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using System.Threading.Tasks;

            public class Invites
            {
                public async Task<string> CreateInviteTokenAsync(Func<string, Task> save)
                {
                    var buffer = new byte[12];
                    using var rng = RandomNumberGenerator.Create();
                    {|SSDLC1009:rng.GetBytes(buffer)|};
                    var token = Convert.ToBase64String(buffer);
                    await save(token);
                    return token;
                }
            }
            """);
    }

    [Fact]
    public async Task Long_enough_tokens_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class GoodTokens
            {
                private const int TokenBytes = 32;

                public string Token => Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes));

                public string ApiKey()
                {
                    var key = new byte[64];
                    RandomNumberGenerator.Fill(key);
                    return Convert.ToHexString(key);
                }

                public string SessionId() => RandomNumberGenerator.GetHexString(64);
            }
            """);
    }

    [Fact]
    public async Task Ivs_nonces_and_salts_of_the_algorithm_size_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class Sealing
            {
                public byte[] Encrypt(byte[] key, byte[] plaintext)
                {
                    byte[] nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
                    byte[] iv = RandomNumberGenerator.GetBytes(16);
                    var salt = new byte[16];
                    RandomNumberGenerator.Fill(salt);
                    var tokenSalt = RandomNumberGenerator.GetBytes(16);
                    return nonce;
                }

                public byte[] GenerateIv() => RandomNumberGenerator.GetBytes(16);
            }
            """);
    }

    [Fact]
    public async Task Short_random_values_that_are_not_secrets_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class Ids
            {
                public string CorrelationId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

                public string FileName() => Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) + ".tmp";

                public int Jitter()
                {
                    var buffer = new byte[4];
                    RandomNumberGenerator.Fill(buffer);
                    return BitConverter.ToInt32(buffer) % 100;
                }

                public byte[] Size(int n) => RandomNumberGenerator.GetBytes(n);
            }
            """);
    }
}

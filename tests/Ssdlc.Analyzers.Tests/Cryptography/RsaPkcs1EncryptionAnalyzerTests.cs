using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.RsaPkcs1EncryptionAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class RsaPkcs1EncryptionAnalyzerTests
{
    [Fact]
    public async Task Pkcs1_padding_passed_to_encrypt_and_decrypt()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class KeyTransport
            {
                public byte[] Wrap(RSA rsa, byte[] key) => rsa.Encrypt(key, {|SSDLC1012:RSAEncryptionPadding.Pkcs1|});
                public byte[] Unwrap(RSA rsa, byte[] wrapped) => rsa.Decrypt(wrapped, {|SSDLC1012:RSAEncryptionPadding.Pkcs1|});
            }
            """);
        Assert.Equal("RSA.Encrypt uses PKCS#1 v1.5 encryption padding, which is open to padding-oracle attacks; use OAEP (RSAEncryptionPadding.OaepSHA256)", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Pkcs1_padding_in_try_overloads_and_span_apis()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class SpanTransport
            {
                public bool TryWrap(RSA rsa, ReadOnlySpan<byte> key, Span<byte> output, out int written)
                    => rsa.TryEncrypt(key, output, {|SSDLC1012:RSAEncryptionPadding.Pkcs1|}, out written);

                public bool TryUnwrap(RSA rsa, ReadOnlySpan<byte> data, Span<byte> output, out int written)
                    => rsa.TryDecrypt(data, output, {|SSDLC1012:RSAEncryptionPadding.Pkcs1|}, out written);

                public int Into(RSA rsa, ReadOnlySpan<byte> data, Span<byte> output)
                    => rsa.Encrypt(data, output, padding: {|SSDLC1012:RSAEncryptionPadding.Pkcs1|});
            }
            """);
    }

    [Fact]
    public async Task Csp_encrypt_and_decrypt_without_oaep()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class LegacyTransport
            {
                private const bool UseOaep = false;

                public byte[] Encrypt(RSACryptoServiceProvider rsa, byte[] data) => rsa.Encrypt(data, {|SSDLC1012:false|});
                public byte[] Decrypt(RSACryptoServiceProvider rsa, byte[] data) => rsa.Decrypt(data, fOAEP: {|SSDLC1012:UseOaep|});
            }
            """);
        Assert.StartsWith("RSACryptoServiceProvider.Encrypt uses PKCS#1 v1.5 encryption padding", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pkcs1_padding_kept_in_fields_properties_and_locals()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Configured
            {
                private static readonly RSAEncryptionPadding Padding = {|SSDLC1012:RSAEncryptionPadding.Pkcs1|};
                public RSAEncryptionPadding DefaultPadding { get; set; } = {|SSDLC1012:RSAEncryptionPadding.Pkcs1|};

                public byte[] A(RSA rsa, byte[] data) => rsa.Encrypt(data, Padding);

                public byte[] B(RSA rsa, byte[] data)
                {
                    var padding = {|SSDLC1012:RSAEncryptionPadding.Pkcs1|};
                    return rsa.Decrypt(data, padding);
                }

                public void C() => DefaultPadding = {|SSDLC1012:RSAEncryptionPadding.Pkcs1|};
            }
            """);
    }

    [Fact]
    public async Task Pkcs1_in_an_async_controller_and_options_lambda()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class TransportOptions
            {
                public RSAEncryptionPadding Padding { get; set; } = RSAEncryptionPadding.OaepSHA256;
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                    => services.Configure<TransportOptions>(o => o.Padding = {|SSDLC1012:RSAEncryptionPadding.Pkcs1|});
            }

            [ApiController, Route("session-keys")]
            public class SessionKeysController(RSA rsa) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Unwrap([FromBody] string wrapped)
                {
                    await Task.Yield();
                    byte[] key = rsa.Decrypt(Convert.FromBase64String(wrapped), {|SSDLC1012:RSAEncryptionPadding.Pkcs1|});
                    return Ok(key.Length);
                }
            }
            """);
    }

    [Fact]
    public async Task Pkcs1_passed_to_a_helper()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public static class Crypto
            {
                public static byte[] Seal(RSA rsa, byte[] data, RSAEncryptionPadding padding) => rsa.Encrypt(data, padding);

                public static byte[] Legacy(RSA rsa, byte[] data) => Seal(rsa, data, {|SSDLC1012:RSAEncryptionPadding.Pkcs1|});
            }
            """);
    }

    [Fact]
    public async Task Oaep_padding_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Modern
            {
                public byte[] A(RSA rsa, byte[] data) => rsa.Encrypt(data, RSAEncryptionPadding.OaepSHA256);
                public byte[] B(RSA rsa, byte[] data) => rsa.Decrypt(data, RSAEncryptionPadding.OaepSHA512);
                public byte[] C(RSA rsa, byte[] data) => rsa.Encrypt(data, RSAEncryptionPadding.CreateOaep(HashAlgorithmName.SHA384));
                public byte[] D(RSACryptoServiceProvider rsa, byte[] data) => rsa.Encrypt(data, true);
                public byte[] E(RSACryptoServiceProvider rsa, byte[] data) => rsa.Decrypt(data, fOAEP: true);
            }
            """);
    }

    [Fact]
    public async Task Pkcs1_signature_padding_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Signatures
            {
                private static readonly RSASignaturePadding Padding = RSASignaturePadding.Pkcs1;

                public byte[] Sign(RSA rsa, byte[] data) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                public bool Verify(RSA rsa, byte[] data, byte[] signature) => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, Padding);
            }
            """);
    }

    [Fact]
    public async Task Comparisons_with_pkcs1_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class Guard
            {
                public byte[] Encrypt(RSA rsa, byte[] data, RSAEncryptionPadding padding)
                {
                    if (padding == RSAEncryptionPadding.Pkcs1 || padding.Equals(RSAEncryptionPadding.Pkcs1))
                    {
                        throw new NotSupportedException("PKCS#1 v1.5 encryption is not allowed");
                    }

                    return rsa.Encrypt(data, padding);
                }

                public bool IsLegacy(RSAEncryptionPadding padding) => padding.Mode == RSAEncryptionPaddingMode.Pkcs1 || Equals(padding, RSAEncryptionPadding.Pkcs1);
            }
            """);
    }

    [Fact]
    public async Task Csp_calls_with_a_configured_flag_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Configured
            {
                public byte[] A(RSACryptoServiceProvider rsa, byte[] data, bool oaep) => rsa.Encrypt(data, oaep);
                public byte[] B(RSACryptoServiceProvider rsa, byte[] data) => rsa.Encrypt(data, RSAEncryptionPadding.OaepSHA1);
                public byte[] C(RSACryptoServiceProvider rsa, byte[] data) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            """);
    }

    [Fact]
    public async Task Pkcs1_chosen_in_a_conditional_or_switch_expression()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Negotiated
            {
                public byte[] A(RSA rsa, byte[] data, bool legacyPeer)
                    => rsa.Encrypt(data, legacyPeer ? {|SSDLC1012:RSAEncryptionPadding.Pkcs1|} : RSAEncryptionPadding.OaepSHA256);

                public RSAEncryptionPadding B(int version) => version switch
                {
                    1 => {|SSDLC1012:RSAEncryptionPadding.Pkcs1|},
                    _ => RSAEncryptionPadding.OaepSHA256,
                };
            }
            """);
    }

    [Fact]
    public async Task Oaep_in_a_controller_and_options_lambda_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class TransportOptions
            {
                public RSAEncryptionPadding Padding { get; set; } = RSAEncryptionPadding.OaepSHA256;
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                    => services.Configure<TransportOptions>(o => o.Padding = RSAEncryptionPadding.OaepSHA384);
            }

            [ApiController, Route("session-keys")]
            public class SessionKeysController(RSA rsa) : ControllerBase
            {
                [HttpPost]
                public IActionResult Unwrap([FromBody] string wrapped)
                    => Ok(rsa.Decrypt(Convert.FromBase64String(wrapped), RSAEncryptionPadding.OaepSHA256).Length);
            }
            """);
    }

    [Fact]
    public async Task Pkcs1_signature_formatters_and_key_exchange_inspection_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Formatters
            {
                public byte[] Sign(RSA rsa, byte[] hash)
                {
                    var formatter = new RSAPKCS1SignatureFormatter(rsa);
                    formatter.SetHashAlgorithm("SHA256");
                    return formatter.CreateSignature(hash);
                }

                public string Describe(RSAEncryptionPadding padding)
                    => padding.Mode == RSAEncryptionPaddingMode.Pkcs1 ? "PKCS#1 v1.5 (rejected)" : padding.ToString();

                public bool Verify(RSA rsa, byte[] data, byte[] signature)
                    => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            """);
    }
}

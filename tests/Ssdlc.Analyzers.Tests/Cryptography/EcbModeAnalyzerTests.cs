using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.EcbModeAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class EcbModeAnalyzerTests
{
    [Fact]
    public async Task Mode_set_to_ecb_on_a_local()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class CardNumberCipher
            {
                public byte[] Encrypt(byte[] key, byte[] data)
                {
                    using var aes = Aes.Create();
                    aes.Key = key;
                    aes.Mode = {|SSDLC1003:CipherMode.ECB|};
                    aes.Padding = PaddingMode.PKCS7;
                    using ICryptoTransform encryptor = aes.CreateEncryptor();
                    return encryptor.TransformFinalBlock(data, 0, data.Length);
                }
            }
            """);
        Assert.Equal("Aes.Mode encrypts in ECB mode, which leaks patterns of the plaintext; use AES-GCM, or CBC with a random IV and a MAC", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Mode_set_to_ecb_in_object_initialisers_and_fields()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            #pragma warning disable SYSLIB0021, SYSLIB0022
            public class LegacyCiphers
            {
                private const CipherMode LegacyMode = CipherMode.ECB;
                private readonly SymmetricAlgorithm _cipher = new AesCryptoServiceProvider { Mode = {|SSDLC1003:CipherMode.ECB|}, Padding = PaddingMode.PKCS7 };

                public SymmetricAlgorithm A() => new RijndaelManaged { Mode = {|SSDLC1003:LegacyMode|} };

                public void B(SymmetricAlgorithm algorithm) => algorithm.Mode = {|SSDLC1003:(CipherMode)2|};
            }
            """);
    }

    [Fact]
    public async Task One_shot_ecb_methods()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class KeyWrap
            {
                private readonly Aes _aes = Aes.Create();

                public byte[] Wrap(byte[] data) => {|SSDLC1003:_aes.EncryptEcb(data, PaddingMode.PKCS7)|};
                public byte[] Unwrap(byte[] data) => {|SSDLC1003:_aes.DecryptEcb(data, PaddingMode.PKCS7)|};
                public bool TryWrap(ReadOnlySpan<byte> data, Span<byte> output, out int written)
                    => {|SSDLC1003:_aes.TryEncryptEcb(data, output, PaddingMode.None, out written)|};
                public bool TryUnwrap(ReadOnlySpan<byte> data, Span<byte> output, out int written)
                    => {|SSDLC1003:_aes.TryDecryptEcb(data, output, PaddingMode.None, out written)|};
            }
            """);
        Assert.StartsWith("Aes.EncryptEcb encrypts in ECB mode", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ecb_passed_to_a_helper_taking_the_mode()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public static class CipherFactory
            {
                public static SymmetricAlgorithm Create(byte[] key, CipherMode mode)
                {
                    var aes = Aes.Create();
                    aes.Key = key;
                    aes.Mode = mode;
                    return aes;
                }

                public static SymmetricAlgorithm Legacy(byte[] key) => Create(key, {|SSDLC1003:CipherMode.ECB|});
            }
            """);
    }

    [Fact]
    public async Task Ecb_in_an_options_lambda_and_an_async_controller()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class ExportOptions
            {
                public CipherMode Mode { get; set; } = CipherMode.CBC;
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                    => services.Configure<ExportOptions>(o => o.Mode = {|SSDLC1003:CipherMode.ECB|});
            }

            [ApiController, Route("exports")]
            public class ExportsController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Export([FromBody] byte[] content, [FromServices] Aes aes)
                {
                    aes.Mode = {|SSDLC1003:CipherMode.ECB|};
                    using var output = new MemoryStream();
                    await using (var crypto = new CryptoStream(output, aes.CreateEncryptor(), CryptoStreamMode.Write))
                    {
                        await crypto.WriteAsync(content);
                    }

                    return File(output.ToArray(), "application/octet-stream");
                }
            }
            """);
    }

    [Fact]
    public async Task Ecb_with_triple_des_in_a_using_statement()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Legacy
            {
                public byte[] Encrypt(byte[] key, byte[] data)
                {
                    using (var tdes = TripleDES.Create())
                    {
                        tdes.Key = key;
                        tdes.Mode = {|SSDLC1003:CipherMode.ECB|};
                        return tdes.CreateEncryptor().TransformFinalBlock(data, 0, data.Length);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Gcm_cbc_and_cfb_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class ModernCipher
            {
                public byte[] Cbc(byte[] key, byte[] iv, byte[] data)
                {
                    using var aes = Aes.Create();
                    aes.Key = key;
                    aes.Mode = CipherMode.CBC;
                    return aes.EncryptCbc(data, iv);
                }

                public byte[] Cfb(byte[] key, byte[] iv, byte[] data)
                {
                    using var aes = Aes.Create();
                    aes.Key = key;
                    return aes.EncryptCfb(data, iv, PaddingMode.None, 128);
                }

                public void Gcm(byte[] key, byte[] nonce, byte[] plain, byte[] cipher, byte[] tag)
                {
                    using var gcm = new AesGcm(key, 16);
                    gcm.Encrypt(nonce, plain, cipher, tag);
                }

                public SymmetricAlgorithm Initialised() => new AesCng { Mode = CipherMode.CBC };
            }
            """);
    }

    [Fact]
    public async Task Checks_and_comparisons_against_ecb_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class Guard
            {
                public void Reject(SymmetricAlgorithm algorithm)
                {
                    if (algorithm.Mode == CipherMode.ECB)
                    {
                        throw new NotSupportedException("ECB is not allowed");
                    }
                }

                public bool IsEcb(SymmetricAlgorithm algorithm) => algorithm.Mode is CipherMode.ECB;

                public string Describe(CipherMode mode) => mode switch
                {
                    CipherMode.ECB => "electronic codebook (rejected)",
                    _ => mode.ToString(),
                };

                public bool Same(CipherMode mode) => mode.Equals(CipherMode.ECB) || Enum.IsDefined(CipherMode.ECB);
            }
            """);
    }

    [Fact]
    public async Task Modes_from_configuration_and_other_enums_named_ecb_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public enum BookMode { ECB = 2, Other = 1 }

            public sealed class Settings
            {
                public CipherMode Mode { get; set; }
                public BookMode Book { get; set; }
            }

            public class Configured
            {
                public void Apply(SymmetricAlgorithm algorithm, Settings settings)
                {
                    algorithm.Mode = settings.Mode;
                    settings.Book = BookMode.ECB;
                }

                public byte[] Cts(Aes aes, byte[] data, byte[] iv) => aes.EncryptCbc(data, iv, PaddingMode.PKCS7);
            }
            """);
    }

    [Fact]
    public async Task Ecb_as_the_default_of_an_options_property_or_field()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public sealed class LegacyCipherOptions
            {
                public CipherMode Mode { get; set; } = {|SSDLC1003:CipherMode.ECB|};
                public static readonly CipherMode Fallback = {|SSDLC1003:CipherMode.ECB|};
                public CipherMode Safe { get; set; } = CipherMode.CBC;
                private const CipherMode Rejected = CipherMode.ECB;

                public bool IsRejected(CipherMode mode) => mode == Rejected;
            }
            """);
    }

    [Fact]
    public async Task Other_cipher_mode_values_in_initialisers_and_helpers_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public static class Factory
            {
                public static SymmetricAlgorithm Create(CipherMode mode) { var aes = Aes.Create(); aes.Mode = mode; return aes; }

                public static SymmetricAlgorithm Cbc() => Create(CipherMode.CBC);
                public static SymmetricAlgorithm Cts() => Create(CipherMode.CTS);
                public static Aes Initialised() { var aes = Aes.Create(); aes.Mode = CipherMode.CFB; aes.FeedbackSize = 8; return aes; }
            }
            """);
    }

    [Fact]
    public async Task Ecb_mentioned_in_strings_and_names_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Security.Cryptography;

            public class Docs
            {
                private readonly Dictionary<string, string> _modes = new() { ["ECB"] = "electronic codebook" };
                public string Ecb { get; set; } = "ECB";
                public string Describe(string mode) => _modes.TryGetValue(mode, out var text) ? text : "unknown";
                public byte[] EncryptEcbLike(Aes aes, byte[] data, byte[] iv) => aes.EncryptCbc(data, iv);
            }
            """);
    }

    [Fact]
    public async Task Padding_modes_and_authenticated_encryption_in_a_controller_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("notes")]
            public class NotesController(byte[] key) : ControllerBase
            {
                [HttpPost]
                public IActionResult Seal([FromBody] byte[] note)
                {
                    byte[] nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
                    byte[] tag = new byte[AesGcm.TagByteSizes.MaxSize];
                    byte[] cipher = new byte[note.Length];
                    using var gcm = new AesGcm(key, tag.Length);
                    gcm.Encrypt(nonce, note, cipher, tag);
                    return Ok(new { nonce, tag, cipher });
                }

                [HttpPost("legacy")]
                public IActionResult Cbc([FromBody] byte[] note)
                {
                    using var aes = Aes.Create();
                    aes.Key = key;
                    aes.Padding = PaddingMode.PKCS7;
                    return Ok(aes.EncryptCbc(note, RandomNumberGenerator.GetBytes(16)));
                }
            }
            """);
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.WeakSymmetricCipherAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class WeakSymmetricCipherAnalyzerTests
{
    [Fact]
    public async Task Des_triple_des_and_rc2_factories_in_locals_and_using_declarations()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class LegacyCrypto
            {
                public byte[] EncryptDes(byte[] key, byte[] iv, byte[] data)
                {
                    using var des = {|SSDLC1002:DES.Create()|};
                    des.Key = key;
                    return des.EncryptCbc(data, iv);
                }

                public byte[] EncryptTripleDes(byte[] key, byte[] iv, byte[] data)
                {
                    using (TripleDES tdes = {|SSDLC1002:TripleDES.Create()|})
                    {
                        tdes.Key = key;
                        return tdes.EncryptCbc(data, iv);
                    }
                }

                public SymmetricAlgorithm Rc2() => {|SSDLC1002:RC2.Create()|};
            }
            """);
        Assert.Equal("DES.Create uses the weak cipher DES; use AES (AesGcm for authenticated encryption) or ChaCha20-Poly1305", diagnostics[0].GetMessage());
        Assert.Equal("TripleDES.Create uses the weak cipher Triple DES; use AES (AesGcm for authenticated encryption) or ChaCha20-Poly1305", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task CryptoServiceProvider_classes_in_fields_and_expressions()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            #pragma warning disable SYSLIB0021 // the obsolete types are the point of this sample
            public class PaymentTokenCipher
            {
                private readonly SymmetricAlgorithm _cipher = {|SSDLC1002:new TripleDESCryptoServiceProvider()|};
                private static readonly DES Des = {|SSDLC1002:new DESCryptoServiceProvider()|};

                public ICryptoTransform Encryptor(byte[] key, byte[] iv) => {|SSDLC1002:new RC2CryptoServiceProvider()|}.CreateEncryptor(key, iv);

                public ICryptoTransform Existing(byte[] key, byte[] iv) => _cipher.CreateEncryptor(key, iv);
            }
            """);
    }

    [Fact]
    public async Task Name_based_factories_with_weak_cipher_names()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            #pragma warning disable SYSLIB0045 // name-based factories are obsolete; they are still found in old code
            public class ConfiguredCipher
            {
                private const string Legacy = "3DES";

                public SymmetricAlgorithm? A() => {|SSDLC1002:SymmetricAlgorithm.Create("DES")|};
                public SymmetricAlgorithm? B() => {|SSDLC1002:SymmetricAlgorithm.Create(Legacy)|};
                public SymmetricAlgorithm? C() => {|SSDLC1002:SymmetricAlgorithm.Create("TripleDES")|};
                public SymmetricAlgorithm? D() => {|SSDLC1002:SymmetricAlgorithm.Create("RC2")|};
                public object? E() => {|SSDLC1002:CryptoConfig.CreateFromName("System.Security.Cryptography.DESCryptoServiceProvider")|};
                public TripleDES? F() => {|SSDLC1002:TripleDES.Create("TripleDES")|};
            }
            """);
        Assert.Equal("SymmetricAlgorithm.Create uses the weak cipher Triple DES; use AES (AesGcm for authenticated encryption) or ChaCha20-Poly1305", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Rijndael_with_a_block_size_other_than_128()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            #pragma warning disable SYSLIB0022 // Rijndael is obsolete; old code still uses it
            public class RijndaelCipher
            {
                private const int Block = 192;

                public ICryptoTransform A(byte[] key)
                {
                    var rijndael = new RijndaelManaged { KeySize = 256, {|SSDLC1002:BlockSize = 256|} };
                    return rijndael.CreateEncryptor(key, new byte[32]);
                }

                public void B(Rijndael r)
                {
                    {|SSDLC1002:r.BlockSize = Block|};
                }

                public Rijndael C()
                {
                    Rijndael r = Rijndael.Create();
                    {|SSDLC1002:r.BlockSize = 256|};
                    return r;
                }
            }
            """);
        Assert.StartsWith("RijndaelManaged.BlockSize = 256 uses the weak cipher Rijndael with a 256-bit block (not AES)", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triple_des_in_a_controller_and_options_lambda()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class CipherOptions
            {
                public Func<SymmetricAlgorithm>? Factory { get; set; }
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                    => services.Configure<CipherOptions>(o => o.Factory = () => {|SSDLC1002:TripleDES.Create()|});
            }

            [ApiController, Route("vouchers")]
            public class VouchersController : ControllerBase
            {
                [HttpPost("encrypt")]
                public IActionResult Encrypt([FromBody] string code, [FromServices] byte[] key)
                {
                    using var des = {|SSDLC1002:DES.Create()|};
                    des.Key = key;
                    return Ok(Convert.ToBase64String(des.EncryptEcb(Encoding.UTF8.GetBytes(code), PaddingMode.PKCS7)));
                }
            }
            """);
    }

    [Fact]
    public async Task Aes_and_authenticated_ciphers_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            #pragma warning disable SYSLIB0045
            public class ModernCipher
            {
                public byte[] Cbc(byte[] key, byte[] iv, byte[] data)
                {
                    using var aes = Aes.Create();
                    aes.Key = key;
                    aes.BlockSize = 128;
                    return aes.EncryptCbc(data, iv);
                }

                public void Gcm(byte[] key, byte[] nonce, byte[] plain, byte[] cipher, byte[] tag)
                {
                    using var gcm = new AesGcm(key, 16);
                    gcm.Encrypt(nonce, plain, cipher, tag);
                }

                public void Ccm(byte[] key, byte[] nonce, byte[] plain, byte[] cipher, byte[] tag)
                {
                    using var ccm = new AesCcm(key);
                    ccm.Encrypt(nonce, plain, cipher, tag);
                }

                public void ChaCha(byte[] key, byte[] nonce, byte[] plain, byte[] cipher, byte[] tag)
                {
                    using var chacha = new ChaCha20Poly1305(key);
                    chacha.Encrypt(nonce, plain, cipher, tag);
                }

                public SymmetricAlgorithm? Named() => SymmetricAlgorithm.Create("AES");
            }
            """);
    }

    [Fact]
    public async Task Rijndael_with_128_bit_blocks_is_aes_and_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            #pragma warning disable SYSLIB0022
            public class RijndaelAes
            {
                public ICryptoTransform A(byte[] key, byte[] iv)
                {
                    var rijndael = new RijndaelManaged { BlockSize = 128, KeySize = 256 };
                    return rijndael.CreateEncryptor(key, iv);
                }

                public void B(Rijndael r) => r.KeySize = 192;

                public void C(Aes aes, int configured) => aes.BlockSize = configured;
            }
            """);
    }

    [Fact]
    public async Task Names_mentioning_des_and_weak_key_checks_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Security.Cryptography;

            public class Descriptions
            {
                private readonly Dictionary<string, string> _des = new() { ["DES"] = "Data Encryption Standard" };
                public string Describe(string des) => _des.TryGetValue(des, out var text) ? text : "3DES";
                public bool IsWeak(byte[] key) => DES.IsWeakKey(key);
                public object? Other() => CryptoConfig.CreateFromName("AES");
                public string Name(SymmetricAlgorithm algorithm) => algorithm.GetType().Name == "TripleDES" ? "legacy" : "modern";
            }
            """);
    }

    [Fact]
    public async Task Parameters_of_the_weak_types_are_not_reported_again()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Decryptor
            {
                // Only the creation is the choice of algorithm; consumers of an injected instance are not reported.
                public byte[] Decrypt(TripleDES tdes, byte[] data, byte[] iv) => tdes.DecryptCbc(data, iv);
                public int KeyBits(DES des) => des.KeySize;
                public bool IsTripleDes(SymmetricAlgorithm algorithm) => algorithm is TripleDES;
            }
            """);
    }

    [Fact]
    public async Task Generated_code_is_not_analysed()
    {
        await VerifyCS.VerifyAsync("""
            // <auto-generated/>
            using System.Security.Cryptography;

            public class Generated
            {
                public SymmetricAlgorithm A() => DES.Create();
            }
            """);
    }

    [Fact]
    public async Task Des_in_a_minimal_api_handler_and_an_async_stream()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app, byte[] key, byte[] iv)
                {
                    app.MapPost("/legacy/encrypt", async (HttpRequest request) =>
                    {
                        using var rc2 = {|SSDLC1002:RC2.Create()|};
                        using var output = new MemoryStream();
                        await using (var crypto = new CryptoStream(output, rc2.CreateEncryptor(key, iv), CryptoStreamMode.Write))
                        {
                            await request.Body.CopyToAsync(crypto);
                        }

                        return Results.Bytes(output.ToArray());
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Aes_from_name_based_factories_and_configured_block_sizes_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            #pragma warning disable SYSLIB0045, SYSLIB0022
            public class Configured
            {
                public SymmetricAlgorithm? A() => SymmetricAlgorithm.Create("System.Security.Cryptography.AesManaged");
                public object? B(string configuredName) => CryptoConfig.CreateFromName(configuredName);
                public void C(RijndaelManaged rijndael, int blockSize) => rijndael.BlockSize = blockSize;
                public Aes D() => Aes.Create();
            }
            """);
    }
}

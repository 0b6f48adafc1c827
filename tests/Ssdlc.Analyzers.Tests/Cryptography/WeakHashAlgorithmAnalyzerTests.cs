using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.WeakHashAlgorithmAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class WeakHashAlgorithmAnalyzerTests
{
    [Fact]
    public async Task Md5_and_sha1_factories_and_one_shot_hashing()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Threading.Tasks;

            public class FileFingerprint
            {
                public byte[] Md5Of(byte[] content)
                {
                    using var md5 = {|SSDLC1001:MD5.Create()|};
                    return md5.ComputeHash(content);
                }

                public byte[] Sha1Of(byte[] content) => {|SSDLC1001:SHA1.HashData(content)|};

                public async Task<byte[]> Sha1OfStream(Stream stream) => await {|SSDLC1001:SHA1.HashDataAsync(stream)|};

                public string Etag(byte[] content) => System.Convert.ToHexString({|SSDLC1001:MD5.HashData(content)|});
            }
            """);
        Assert.Equal("MD5.Create uses the broken hash algorithm MD5; use SHA-256 or stronger", diagnostics[0].GetMessage());
        Assert.Equal("SHA1.HashData uses the broken hash algorithm SHA-1; use SHA-256 or stronger", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Legacy_implementation_classes_and_hmac_md5()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            #pragma warning disable SYSLIB0021 // the obsolete types are the point of this sample
            public class LegacyHashing
            {
                private readonly HashAlgorithm _field = {|SSDLC1001:new SHA1Managed()|};

                public byte[] A(byte[] data) => {|SSDLC1001:new MD5CryptoServiceProvider()|}.ComputeHash(data);
                public byte[] B(byte[] data) => {|SSDLC1001:new SHA1CryptoServiceProvider()|}.ComputeHash(data);
                public byte[] C(byte[] key, byte[] data)
                {
                    using var hmac = {|SSDLC1001:new HMACMD5(key)|};
                    return hmac.ComputeHash(data);
                }

                public byte[] D(byte[] key, byte[] data) => {|SSDLC1001:HMACMD5.HashData(key, data)|};
            }
            """);
    }

    [Fact]
    public async Task Name_based_factories_with_broken_algorithm_names()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            #pragma warning disable SYSLIB0045 // name-based factories are obsolete; they are still found in old code
            public class ConfiguredHashing
            {
                private const string Algorithm = "SHA1";

                public object? A() => {|SSDLC1001:HashAlgorithm.Create("MD5")|};
                public object? B() => {|SSDLC1001:HashAlgorithm.Create(Algorithm)|};
                public object? C() => {|SSDLC1001:CryptoConfig.CreateFromName("SHA")|};
                public object? D() => {|SSDLC1001:CryptoConfig.CreateFromName("System.Security.Cryptography.MD5")|};
                public string? E() => {|SSDLC1001:CryptoConfig.MapNameToOID("SHA1")|};
                public object? F() => {|SSDLC1001:KeyedHashAlgorithm.Create("HMACMD5")|};
            }
            """);
    }

    [Fact]
    public async Task Hash_algorithm_name_md5_or_sha1_in_signatures_and_hash_apis()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;
            using System.Security.Cryptography.X509Certificates;

            public class Signer
            {
                public byte[] Sign(RSA rsa, byte[] data)
                    => rsa.SignData(data, {|SSDLC1001:HashAlgorithmName.SHA1|}, RSASignaturePadding.Pkcs1);

                public bool Verify(ECDsa ecdsa, byte[] data, byte[] signature)
                    => ecdsa.VerifyData(data, signature, {|SSDLC1001:HashAlgorithmName.MD5|});

                public byte[] Incremental(byte[] data)
                {
                    using var hash = IncrementalHash.CreateHash({|SSDLC1001:HashAlgorithmName.SHA1|});
                    hash.AppendData(data);
                    return hash.GetHashAndReset();
                }

                public IncrementalHash HmacMd5(byte[] key) => IncrementalHash.CreateHMAC({|SSDLC1001:HashAlgorithmName.MD5|}, key);

                public CertificateRequest Request(RSA key)
                    => new CertificateRequest("CN=test", key, {|SSDLC1001:new HashAlgorithmName("SHA1")|}, RSASignaturePadding.Pkcs1);

                public byte[] Legacy(RSACryptoServiceProvider rsa, byte[] data) => rsa.SignData(data, {|SSDLC1001:"SHA1"|});
            }
            """);
        Assert.Equal("RSA.SignData uses the broken hash algorithm SHA-1; use SHA-256 or stronger", diagnostics[0].GetMessage());
        Assert.Equal("IncrementalHash.CreateHMAC uses the broken hash algorithm MD5; use SHA-256 or stronger", diagnostics[3].GetMessage());
        Assert.StartsWith("new CertificateRequest uses the broken hash algorithm SHA-1", diagnostics[4].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weak_hash_in_a_controller_computing_an_integrity_check()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using System.Text;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("downloads")]
            public class DownloadsController : ControllerBase
            {
                [HttpGet("{name}/checksum")]
                public IActionResult Checksum(string name)
                {
                    byte[] content = Encoding.UTF8.GetBytes(name);
                    using (var hasher = {|SSDLC1001:SHA1.Create()|})
                    {
                        return Ok(Convert.ToHexString(hasher.ComputeHash(content)));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Sha2_family_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Security.Cryptography;
            using System.Threading.Tasks;

            public class Fingerprint
            {
                public byte[] A(byte[] data) { using var sha = SHA256.Create(); return sha.ComputeHash(data); }
                public byte[] B(byte[] data) => SHA384.HashData(data);
                public byte[] C(byte[] data) => SHA512.HashData(data);
                public ValueTask<byte[]> D(Stream s) => SHA256.HashDataAsync(s);
                public byte[] E(RSA rsa, byte[] data) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
                public IncrementalHash F() => IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
                public byte[] G(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);
            }
            """);
    }

    [Fact]
    public async Task Hmac_sha1_for_protocols_like_totp_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Buffers.Binary;
            using System.Security.Cryptography;

            public static class Totp
            {
                public static int Code(byte[] secret, long step)
                {
                    Span<byte> counter = stackalloc byte[8];
                    BinaryPrimitives.WriteInt64BigEndian(counter, step);
                    using var hmac = new HMACSHA1(secret);
                    byte[] hash = hmac.ComputeHash(counter.ToArray());
                    int offset = hash[^1] & 0x0F;
                    return (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
                }

                public static byte[] Webhook(byte[] key, byte[] body) => HMACSHA1.HashData(key, body);

                public static IncrementalHash Incremental(byte[] key) => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key);

                public static byte[] Derived(byte[] ikm) => HKDF.DeriveKey(HashAlgorithmName.SHA1, ikm, 32);
            }
            """);
    }

    [Fact]
    public async Task Pbkdf2_with_sha1_is_left_to_the_password_hashing_rule()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public static class Passwords
            {
                public static byte[] A(string password, byte[] salt)
                    => Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA1, 32);

                public static byte[] B(string password, byte[] salt)
                {
                    using var kdf = new Rfc2898DeriveBytes(password, salt, 600_000, HashAlgorithmName.SHA1);
                    return kdf.GetBytes(32);
                }
            }
            """);
    }

    [Fact]
    public async Task Names_that_merely_mention_md5_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Security.Cryptography;

            public class Catalog
            {
                private readonly Dictionary<string, string> _md5ByFile = new();
                public string Md5 { get; set; } = "";

                public string Describe(string md5)
                {
                    var algorithm = "MD5";
                    var sha1 = "SHA1";
                    string label = $"{algorithm}/{sha1}: {md5}";
                    _md5ByFile["a"] = ComputeMd5Label(label);
                    return label.Replace("MD5", "legacy checksum");
                }

                private static string ComputeMd5Label(string s) => s.ToUpperInvariant();

                public object? Strong() => CryptoConfig.CreateFromName("SHA256");
            }
            """);
    }
}

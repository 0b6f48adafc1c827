using Fix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<
    Ssdlc.Analyzers.Cryptography.WeakHashAlgorithmAnalyzer,
    Ssdlc.CodeFixes.Cryptography.WeakHashCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class WeakHashCodeFixTests
{
    [Fact]
    public async Task Static_factory_and_one_shot_hash_move_to_sha256()
    {
        await Fix.VerifyFixAllAsync(
            """
            using System.IO;
            using System.Security.Cryptography;

            public static class Fingerprints
            {
                public static byte[] OfFile(Stream s)
                {
                    using var hash = {|SSDLC1001:MD5.Create()|};
                    return hash.ComputeHash(s);
                }

                public static byte[] OfBytes(byte[] data) => {|SSDLC1001:SHA1.HashData(data)|};
            }
            """,
            """
            using System.IO;
            using System.Security.Cryptography;

            public static class Fingerprints
            {
                public static byte[] OfFile(Stream s)
                {
                    using var hash = SHA256.Create();
                    return hash.ComputeHash(s);
                }

                public static byte[] OfBytes(byte[] data) => SHA256.HashData(data);
            }
            """);
    }

    [Fact]
    public async Task Legacy_classes_become_the_sha256_factory_keeping_the_qualification()
    {
        await Fix.VerifyFixAllAsync(
            """
            using System.Security.Cryptography;

            public class Legacy
            {
                private readonly HashAlgorithm _a = {|SSDLC1001:new MD5CryptoServiceProvider()|};
                private readonly HashAlgorithm _b = {|SSDLC1001:new System.Security.Cryptography.SHA1Managed()|};
            }
            """,
            """
            using System.Security.Cryptography;

            public class Legacy
            {
                private readonly HashAlgorithm _a = SHA256.Create();
                private readonly HashAlgorithm _b = System.Security.Cryptography.SHA256.Create();
            }
            """);
    }

    [Fact]
    public async Task No_fix_for_hmac_md5_or_name_based_factories()
    {
        await Fix.VerifyNoFixAsync(
            """
            using System.Security.Cryptography;

            public class Keyed
            {
                public byte[] Mac(byte[] key, byte[] data) => {|SSDLC1001:HMACMD5.HashData(key, data)|};
            }
            """);
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.WeakAsymmetricKeyAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class WeakAsymmetricKeyAnalyzerTests
{
    [Fact]
    public async Task Rsa_created_with_a_short_explicit_key_size()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            #pragma warning disable CA1416 // RSACng is Windows-only; the sample is about key sizes
            public class KeyGenerator
            {
                private const int Bits = 1024;
                private readonly RSA _field = {|SSDLC1005:RSA.Create(2048)|};

                public byte[] A()
                {
                    using var rsa = {|SSDLC1005:RSA.Create(Bits)|};
                    return rsa.ExportRSAPrivateKey();
                }

                public RSA B() => {|SSDLC1005:new RSACryptoServiceProvider(2048)|};
                public RSA C() => {|SSDLC1005:new RSACng(keySize: 2048)|};
                public RSA D() => {|SSDLC1005:RSA.Create(keySizeInBits: 1024)|};
            }
            """);
        Assert.Equal("RSA.Create generates a 2048-bit RSA key; use RSA with at least 3072 bits or ECDSA/ECDH on P-256 or larger", diagnostics[0].GetMessage());
        Assert.Equal("new RSACryptoServiceProvider generates a 2048-bit RSA key; use RSA with at least 3072 bits or ECDSA/ECDH on P-256 or larger", diagnostics[2].GetMessage());
    }

    [Fact]
    public async Task Parameterless_rsa_that_generates_its_default_key_in_the_method()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;
            using System.Security.Cryptography.X509Certificates;

            public class Keys
            {
                public byte[] Sign(byte[] data)
                {
                    using var rsa = {|SSDLC1005:RSA.Create()|};
                    return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
                }

                public string NewKeyPem()
                {
                    using (RSA rsa = {|SSDLC1005:RSA.Create()|})
                    {
                        return rsa.ExportRSAPrivateKeyPem();
                    }
                }

                public byte[] Inline() => {|SSDLC1005:RSA.Create()|}.ExportSubjectPublicKeyInfo();

                public X509Certificate2 SelfSigned()
                {
                    using var key = {|SSDLC1005:RSA.Create()|};
                    var request = new CertificateRequest("CN=dev", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    return request.CreateSelfSigned(System.DateTimeOffset.Now, System.DateTimeOffset.Now.AddYears(1));
                }

                public string Legacy()
                {
                    var csp = {|SSDLC1005:new RSACryptoServiceProvider()|};
                    return csp.ToXmlString(includePrivateParameters: true);
                }
            }
            """);
        Assert.Equal("RSA.Create generates a key of the default size, 2048 bits; use RSA with at least 3072 bits or ECDSA/ECDH on P-256 or larger", diagnostics[0].GetMessage());
        Assert.StartsWith("new RSACryptoServiceProvider generates a key of the default size, 1024 bits", diagnostics[4].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_size_properties_below_policy()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Sizes
            {
                public RSA A()
                {
                    var rsa = RSA.Create();
                    {|SSDLC1005:rsa.KeySize = 2048|};
                    return rsa;
                }

                public RSA B() => new RSACryptoServiceProvider { {|SSDLC1005:KeySize = 1024|} };

                public void C(ECDsa ecdsa) => {|SSDLC1005:ecdsa.KeySize = 224|};
            }
            """);
    }

    [Fact]
    public async Task Dsa_in_any_form()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Signatures
            {
                public DSA A() => {|SSDLC1005:DSA.Create()|};
                public DSA B() => {|SSDLC1005:DSA.Create(3072)|};
                public DSA C() => {|SSDLC1005:new DSACryptoServiceProvider()|};
                public bool Verify(DSAParameters parameters, byte[] data, byte[] signature)
                {
                    using var dsa = {|SSDLC1005:DSA.Create(parameters)|};
                    return dsa.VerifyData(data, signature, HashAlgorithmName.SHA256);
                }
            }
            """);
        Assert.StartsWith("DSA.Create creates a DSA key; DSA is no longer approved", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Elliptic_curves_below_256_bits()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            #pragma warning disable CA1416 // ECDsaCng is Windows-only; the sample is about key sizes
            public class Curves
            {
                private static readonly ECCurve Small = {|SSDLC1005:ECCurve.NamedCurves.brainpoolP160r1|};

                public ECDsa A() => ECDsa.Create({|SSDLC1005:ECCurve.CreateFromFriendlyName("secp160r1")|});
                public ECDsa B() => ECDsa.Create({|SSDLC1005:ECCurve.NamedCurves.brainpoolP224t1|});
                public ECDiffieHellman C() => ECDiffieHellman.Create({|SSDLC1005:ECCurve.CreateFromValue("1.2.840.10045.3.1.1")|});
                public ECDsa D() => ECDsa.Create({|SSDLC1005:ECCurve.CreateFromFriendlyName("nistP192")|});
                public ECDsa E() => {|SSDLC1005:new ECDsaCng(192)|};
                public ECDsa F() => ECDsa.Create({|SSDLC1005:ECCurve.CreateFromOid(new Oid("1.3.132.0.33"))|});
            }
            """);
        Assert.StartsWith("ECCurve.NamedCurves.brainpoolP160r1 selects the 160-bit curve brainpoolP160r1", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("ECCurve.CreateFromFriendlyName selects the 160-bit curve secp160r1", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwt_signing_key_service_and_options_lambda()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class SigningOptions
            {
                public Func<RSA>? KeyFactory { get; set; }
            }

            public sealed class TokenSigner
            {
                private readonly RSA _key = {|SSDLC1005:RSA.Create(2048)|};

                public byte[] Sign(byte[] payload) => _key.SignData(payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<SigningOptions>(o => o.KeyFactory = () => {|SSDLC1005:RSA.Create(1024)|});
                    services.AddSingleton(_ => {|SSDLC1005:DSA.Create()|});
                }
            }
            """);
    }

    [Fact]
    public async Task Rsa_3072_and_larger_and_strong_curves_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class StrongKeys
            {
                private const int Bits = 4096;
                private readonly RSA _field = RSA.Create(3072);

                public byte[] A()
                {
                    using var rsa = RSA.Create(Bits);
                    return rsa.ExportRSAPrivateKey();
                }

                public RSA B() => new RSACryptoServiceProvider(4096);
                public RSA C() { var r = RSA.Create(); r.KeySize = 3072; return r; }
                public ECDsa D() => ECDsa.Create(ECCurve.NamedCurves.nistP256);
                public ECDsa E() => ECDsa.Create(ECCurve.CreateFromFriendlyName("secp384r1"));
                public ECDiffieHellman F() => ECDiffieHellman.Create(ECCurve.NamedCurves.brainpoolP256r1);
                public ECDsa G() => ECDsa.Create();
                public RSA H(int configured) => RSA.Create(configured);
            }
            """);
    }

    [Fact]
    public async Task Rsa_objects_that_import_an_existing_key_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class Importers
            {
                public byte[] FromPem(string pem, byte[] data)
                {
                    using var rsa = RSA.Create();
                    rsa.ImportFromPem(pem);
                    return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
                }

                public byte[] FromParameters(RSAParameters parameters, byte[] data)
                {
                    using RSA rsa = RSA.Create();
                    rsa.ImportParameters(parameters);
                    return rsa.Encrypt(data, RSAEncryptionPadding.OaepSHA256);
                }

                public bool Verify(byte[] spki, byte[] data, byte[] signature)
                {
                    using var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(spki, out _);
                    return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
                }

                public byte[] FromPrivateKey(byte[] key, byte[] data)
                {
                    var rsa = RSA.Create();
                    rsa.ImportRSAPrivateKey(key, out _);
                    return rsa.Decrypt(data, RSAEncryptionPadding.OaepSHA256);
                }

                public string Legacy(string xml)
                {
                    var csp = new RSACryptoServiceProvider();
                    csp.FromXmlString(xml);
                    return csp.ToXmlString(false);
                }

                public RSA Direct(RSAParameters parameters) => RSA.Create(parameters);
            }
            """);
    }

    [Fact]
    public async Task Rsa_objects_handed_elsewhere_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class KeyStore
            {
                private RSA? _key;

                public RSA Create() => RSA.Create();

                public void Load(string pem)
                {
                    var rsa = RSA.Create();
                    Fill(rsa, pem);
                    _ = rsa.SignData(new byte[1], HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
                }

                public void Keep()
                {
                    var rsa = RSA.Create();
                    _key = rsa;
                }

                public RSA Unused()
                {
                    using var rsa = RSA.Create();
                    return RSA.Create(3072);
                }

                private static void Fill(RSA rsa, string pem) => rsa.ImportFromPem(pem);
            }
            """);
    }

    [Fact]
    public async Task Names_that_look_like_weak_curves_elsewhere_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Security.Cryptography;

            public class Inventory
            {
                public string Curve { get; set; } = "secp160r1";
                public Dictionary<string, int> Sizes { get; } = new() { ["P-192"] = 192 };
                public int KeySize { get; set; } = 1024;

                public Oid Oid() => new Oid("1.2.840.10045.3.1.1");
                public ECCurve Strong() => ECCurve.CreateFromFriendlyName("nistP521");
                public int Size(RSA rsa) => rsa.KeySize;
                public bool Small(RSA rsa) => rsa.KeySize == 2048;
            }
            """);
    }

    [Fact]
    public async Task Curves_that_are_only_inspected_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public class CurveAudit
            {
                public bool IsLegacy(ECParameters parameters)
                    => parameters.Curve.Oid.Value == ECCurve.NamedCurves.brainpoolP160r1.Oid.Value
                       || parameters.Curve.Oid.FriendlyName == ECCurve.CreateFromFriendlyName("secp160r1").Oid.FriendlyName;

                public ECDsa Chosen(bool legacy)
                    => ECDsa.Create(legacy ? {|SSDLC1005:ECCurve.NamedCurves.brainpoolP192t1|} : ECCurve.NamedCurves.nistP256);
            }
            """);
    }

    [Fact]
    public async Task Rsa_keys_loaded_from_certificates_and_key_stores_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;
            using System.Security.Cryptography.X509Certificates;

            public class CertificateKeys
            {
                public byte[] Sign(X509Certificate2 certificate, byte[] data)
                {
                    using RSA? rsa = certificate.GetRSAPrivateKey();
                    return rsa!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
                }

                public byte[] Pkcs8(byte[] pkcs8, byte[] data)
                {
                    using var rsa = RSA.Create();
                    rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                    return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
                }

                public byte[] Encrypted(string pem, string password, byte[] data)
                {
                    using var rsa = RSA.Create();
                    rsa.ImportFromEncryptedPem(pem, password);
                    return rsa.Decrypt(data, RSAEncryptionPadding.OaepSHA256);
                }

                public ECDsa Device(ECParameters parameters) => ECDsa.Create(parameters);
            }
            """);
    }

    [Fact]
    public async Task Key_sizes_on_either_branch_of_a_conditional_or_from_a_setting_field()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public static class KeySettings
            {
                public static readonly int LegacyBits = 2048;
                public static readonly int Bits = 4096;
            }

            public class Keys
            {
                public RSA Either(bool legacy) => {|SSDLC1005:RSA.Create(legacy ? 1024 : 4096)|};
                public RSA Modern(bool large) => RSA.Create(large ? 4096 : 3072);
                public RSA FromSettings() => {|SSDLC1005:RSA.Create(KeySettings.LegacyBits)|};
                public RSA Strong() => RSA.Create(KeySettings.Bits);

                public void Resize(RSA rsa, bool compatible)
                {
                    {|SSDLC1005:rsa.KeySize = compatible ? 2048 : 3072|};
                }
            }
            """);
    }
}

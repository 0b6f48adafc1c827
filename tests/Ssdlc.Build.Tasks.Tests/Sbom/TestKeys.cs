using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ssdlc.Tests.Sbom;

/// <summary>
/// Signing keys and certificates made at run time for the SBOM signature tests (nothing is committed): an EC or RSA key
/// with a self-signed certificate, or a leaf issued by a test CA, written as PFX, PEM, encrypted PEM, certificate and
/// public key files into a directory the test chooses (never the project under test).
/// </summary>
internal sealed class TestKey : IDisposable
{
    public const string Password = "test-only-pfx-password";

    private TestKey(string directory, string name, X509Certificate2 certificate, AsymmetricAlgorithm key, X509Certificate2? issuer)
    {
        Certificate = certificate;
        Key = key;
        Issuer = issuer;
        Directory.CreateDirectory(directory);
        PfxFile = Path.Combine(directory, name + ".pfx");
        PemFile = Path.Combine(directory, name + ".pem");
        EncryptedPemFile = Path.Combine(directory, name + ".encrypted.pem");
        CertificateFile = Path.Combine(directory, name + ".cer");
        PublicKeyFile = Path.Combine(directory, name + ".pub.pem");
        IssuerFile = Path.Combine(directory, name + ".issuer.cer");

        var collection = new X509Certificate2Collection(certificate);
        if (issuer != null)
        {
            collection.Add(X509CertificateLoader.LoadCertificate(issuer.RawData));
            File.WriteAllBytes(IssuerFile, issuer.RawData);
        }

        File.WriteAllBytes(PfxFile, collection.Export(X509ContentType.Pkcs12, Password)!);
        string privatePem = key switch
        {
            ECDsa ec => ec.ExportPkcs8PrivateKeyPem(),
            RSA rsa => rsa.ExportPkcs8PrivateKeyPem(),
            _ => throw new NotSupportedException(),
        };
        File.WriteAllText(PemFile, privatePem + "\n" + certificate.ExportCertificatePem() + "\n");
        var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000);
        string encryptedPem = key switch
        {
            ECDsa ec => ec.ExportEncryptedPkcs8PrivateKeyPem(Password, pbe),
            RSA rsa => rsa.ExportEncryptedPkcs8PrivateKeyPem(Password, pbe),
            _ => throw new NotSupportedException(),
        };
        File.WriteAllText(EncryptedPemFile, encryptedPem + "\n");
        File.WriteAllBytes(CertificateFile, certificate.RawData);
        string publicPem = key switch
        {
            ECDsa ec => ec.ExportSubjectPublicKeyInfoPem(),
            RSA rsa => rsa.ExportSubjectPublicKeyInfoPem(),
            _ => throw new NotSupportedException(),
        };
        File.WriteAllText(PublicKeyFile, publicPem + "\n");
    }

    /// <summary>The signing certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public AsymmetricAlgorithm Key { get; }

    public X509Certificate2? Issuer { get; }

    public string PfxFile { get; }

    /// <summary>PKCS#8 private key followed by the certificate.</summary>
    public string PemFile { get; }

    public string EncryptedPemFile { get; }

    public string CertificateFile { get; }

    public string PublicKeyFile { get; }

    /// <summary>The issuing CA's certificate (only for keys made with <see cref="IssuedBy"/>).</summary>
    public string IssuerFile { get; }

    /// <summary>"ES256", "ES384", "RSA" (3072 bits): a key with a self-signed certificate.</summary>
    public static TestKey Create(string directory, string kind, string name = "sbom-signing")
    {
        AsymmetricAlgorithm key = NewKey(kind);
        CertificateRequest request = Request("CN=Ssdlc test SBOM signer " + kind, key);
        X509Certificate2 self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return new TestKey(directory, name, self, key, null);
    }

    /// <summary>A leaf key certified by a freshly made CA (the CA's private key is thrown away).</summary>
    public static TestKey IssuedBy(string directory, string kind, string name = "sbom-signing-leaf")
    {
        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Ssdlc test SBOM CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));

        AsymmetricAlgorithm key = NewKey(kind);
        CertificateRequest request = Request("CN=Ssdlc test SBOM leaf " + kind, key);
        byte[] serial = RandomNumberGenerator.GetBytes(8);
        using X509Certificate2 leaf = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        X509Certificate2 withKey = key is ECDsa ec ? leaf.CopyWithPrivateKey(ec) : leaf.CopyWithPrivateKey((RSA)key);
        return new TestKey(directory, name, withKey, key, X509CertificateLoader.LoadCertificate(ca.RawData));
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
        Issuer?.Dispose();
    }

    private static AsymmetricAlgorithm NewKey(string kind) => kind switch
    {
        "ES256" => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        "ES384" => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        "RSA" => RSA.Create(3072),
        _ => throw new ArgumentException(kind),
    };

    private static CertificateRequest Request(string subject, AsymmetricAlgorithm key)
    {
        CertificateRequest request = key switch
        {
            ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new NotSupportedException(),
        };
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return request;
    }
}

using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;

namespace CompliantApp.Services;

/// <summary>The same features as VulnerableApp's LegacyCrypto, done right.</summary>
public sealed class ModernCrypto
{
    // AES-GCM: authenticated encryption with a random nonce (nonce || tag || ciphertext).
    public byte[] EncryptVoucher(byte[] key, byte[] voucher)
    {
        byte[] output = new byte[AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize + voucher.Length];
        Span<byte> nonce = output.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        Span<byte> tag = output.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, AesGcm.TagByteSizes.MaxSize);
        aes.Encrypt(nonce, voucher, output.AsSpan(nonce.Length + tag.Length), tag);
        return output;
    }

    // A 3072-bit RSA key.
    public string NewSigningKeyPem()
    {
        using var rsa = RSA.Create(3072);
        return rsa.ExportRSAPrivateKeyPem();
    }

    // An existing key is imported, not generated.
    public byte[] Sign(string privateKeyPem, byte[] data)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }

    // ECDSA on P-256.
    public ECDsa NewDeviceKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    // TLS 1.2 and 1.3 only.
    public SslClientAuthenticationOptions PartnerTls(string host) => new()
    {
        TargetHost = host,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
    };

    // OAEP with SHA-256.
    public byte[] WrapSessionKey(RSA partnerKey, byte[] sessionKey) => partnerKey.Encrypt(sessionKey, RSAEncryptionPadding.OaepSHA256);
}

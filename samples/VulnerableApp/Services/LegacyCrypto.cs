using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;

namespace VulnerableApp.Services;

#pragma warning disable SYSLIB0039 // TLS 1.0/1.1 are obsolete: that is the point of this sample

/// <summary>Cryptography as it is still found in older code; every member breaks the standard.</summary>
public sealed class LegacyCrypto
{
    public byte[] EncryptVoucher(byte[] key, byte[] iv, byte[] voucher)
    {
        // SSDLC1002: Triple DES (64-bit blocks, withdrawn).
        using var tdes = TripleDES.Create();
        tdes.Key = key;
        return tdes.EncryptCbc(voucher, iv);
    }

    public byte[] EncryptCardNumber(byte[] key, byte[] cardNumber)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        // SSDLC1003: ECB shows the structure of the data through the encryption.
        aes.Mode = CipherMode.ECB;
        using ICryptoTransform encryptor = aes.CreateEncryptor();
        return encryptor.TransformFinalBlock(cardNumber, 0, cardNumber.Length);
    }

    public string NewSigningKeyPem()
    {
        // SSDLC1005: a new RSA key of the default 2048 bits.
        using var rsa = RSA.Create();
        return rsa.ExportRSAPrivateKeyPem();
    }

    public SslClientAuthenticationOptions PartnerTls(string host) => new()
    {
        TargetHost = host,
        // SSDLC1006: TLS 1.0 and 1.1 enabled for an outgoing connection.
        EnabledSslProtocols = SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12,
    };

    // SSDLC1012: PKCS#1 v1.5 encryption padding.
    public byte[] WrapSessionKey(RSA partnerKey, byte[] sessionKey) => partnerKey.Encrypt(sessionKey, RSAEncryptionPadding.Pkcs1);
}

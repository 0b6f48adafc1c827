using System.Security.Cryptography;
using System.Text;

namespace VulnerableApp.Services;

// Deliberately wrong: each member below breaks one B.10 control.
public sealed class TokenService
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    // SSDLC1004: the encryption key is written in the source (reported here, where it is written; used in Protect).
    private static readonly byte[] PayloadKey = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");

    private readonly Random _random = new();

    public string GeneratePasswordResetToken()
    {
        var chars = new char[32];
        for (int i = 0; i < chars.Length; i++)
        {
            // SSDLC1008: System.Random makes reset tokens predictable.
            chars[i] = Alphabet[_random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }

    // SSDLC1009: 128 bits are too few for a session identifier.
    public string CreateSessionId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public byte[] Protect(byte[] data)
    {
        using var aes = Aes.Create();
        aes.Key = PayloadKey;
        return aes.EncryptCbc(data, aes.IV);
    }
}

using System.Security.Cryptography;

namespace CompliantApp.Services;

// The same features as VulnerableApp's TokenService, done right.
public sealed class TokenService(IConfiguration configuration)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    // A cryptographically secure generator for secrets.
    public string GeneratePasswordResetToken() => RandomNumberGenerator.GetString(Alphabet, 32);

    // 256 bits for a session identifier.
    public string CreateSessionId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    // The key comes from configuration (a key store in production); the IV is fresh for every message.
    public byte[] Protect(byte[] data)
    {
        using var aes = Aes.Create();
        aes.Key = Convert.FromBase64String(configuration["Crypto:PayloadKey"] ?? throw new InvalidOperationException("Crypto:PayloadKey is not configured."));
        byte[] iv = RandomNumberGenerator.GetBytes(16);
        return [.. iv, .. aes.EncryptCbc(data, iv)];
    }
}

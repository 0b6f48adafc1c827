using System.Security.Cryptography;

namespace CompliantApp.Services;

// The same features as VulnerableApp's PasswordHashing, done right (or use Identity's PasswordHasher).
public static class PasswordHashing
{
    private const int Iterations = 600_000;

    public static (byte[] Salt, byte[] Hash) HashPassword(string password)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        return (salt, Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32));
    }

    public static string ContentETag(byte[] body) => Convert.ToHexString(SHA256.HashData(body));
}

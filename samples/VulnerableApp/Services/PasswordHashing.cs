using System.Security.Cryptography;
using System.Text;

namespace VulnerableApp.Services;

// Deliberately wrong: passwords stored with hashes an attacker can brute-force quickly.
public static class PasswordHashing
{
    // SSDLC0602: SHA-256 is a fast hash; a GPU tests billions of password guesses per second.
    public static string HashPassword(string password) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    public static byte[] DeriveHash(string password, byte[] salt)
    {
        // SSDLC0602: PBKDF2 with SHA-1 and 1,000 iterations.
        using var pbkdf2 = new Rfc2898DeriveBytes(password, salt, 1000);
        return pbkdf2.GetBytes(32);
    }
}

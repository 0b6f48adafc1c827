using Ssdlc.Analyzers.Cryptography;
using Ssdlc.CodeFixes.Cryptography;
using Verifier = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<Ssdlc.Analyzers.Cryptography.InsecureRandomAnalyzer, Ssdlc.CodeFixes.Cryptography.InsecureRandomCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class InsecureRandomCodeFixTests
{
    [Fact]
    public async Task Next_bytes_becomes_fill_and_adds_the_using()
    {
        await Verifier.VerifyFixAsync(
            """
            using System;

            public class Keys
            {
                public byte[] NewKey()
                {
                    var key = new byte[32];
                    {|SSDLC1008:new Random().NextBytes(key)|};
                    return key;
                }
            }
            """,
            """
            using System;
            using System.Security.Cryptography;

            public class Keys
            {
                public byte[] NewKey()
                {
                    var key = new byte[32];
                    RandomNumberGenerator.Fill(key);
                    return key;
                }
            }
            """);
    }

    [Fact]
    public async Task Next_with_bounds_becomes_get_int32()
    {
        await Verifier.VerifyFixAsync(
            """
            using System;
            using System.Security.Cryptography;

            public class Otp
            {
                private readonly Random _random = new Random();

                public int GenerateOtp() => {|SSDLC1008:_random.Next(100000, 1000000)|};
            }
            """,
            """
            using System;
            using System.Security.Cryptography;

            public class Otp
            {
                private readonly Random _random = new Random();

                public int GenerateOtp() => RandomNumberGenerator.GetInt32(100000, 1000000);
            }
            """);
    }

    [Fact]
    public async Task Fix_all_in_document()
    {
        await Verifier.VerifyFixAllAsync(
            """
            using System;

            public class Secrets
            {
                private const string Alphabet = "abcdefghijkmnpqrstuvwxyz";

                public string GeneratePassword()
                {
                    var chars = new char[20];
                    for (int i = 0; i < chars.Length; i++)
                    {
                        chars[i] = Alphabet[{|SSDLC1008:Random.Shared.Next(Alphabet.Length)|}];
                    }

                    return new string(chars);
                }

                public void Salt(byte[] salt) => {|SSDLC1008:Random.Shared.NextBytes(salt)|};
            }
            """,
            """
            using System;
            using System.Security.Cryptography;

            public class Secrets
            {
                private const string Alphabet = "abcdefghijkmnpqrstuvwxyz";

                public string GeneratePassword()
                {
                    var chars = new char[20];
                    for (int i = 0; i < chars.Length; i++)
                    {
                        chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
                    }

                    return new string(chars);
                }

                public void Salt(byte[] salt) => RandomNumberGenerator.Fill(salt);
            }
            """);
    }

    [Fact]
    public async Task No_fix_where_the_replacement_is_not_mechanical()
    {
        await Verifier.VerifyNoFixAsync("""
            using System;

            public class Tokens
            {
                public string GenerateToken() => {|SSDLC1008:Random.Shared.NextInt64()|}.ToString("x");
                public double SessionIdSeed() => {|SSDLC1008:Random.Shared.NextDouble()|};
            }
            """);
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Analysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.InsecureRandomAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class InsecureRandomAnalyzerTests
{
    [Fact]
    public async Task Receiving_variable_field_and_property_names()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;

            public class Account
            {
                private static readonly Random Rng = new Random();
                private int _otp;

                public string ResetToken { get; set; } = "";

                public void Prepare()
                {
                    int resetCode = {|SSDLC1008:Rng.Next(100000, 1000000)|};
                    _otp = {|SSDLC1008:Random.Shared.Next(1000000)|};
                    ResetToken = {|SSDLC1008:Rng.NextInt64()|}.ToString("x");
                    string sessionId = $"s-{{|SSDLC1008:Random.Shared.Next()|}}";
                    Console.WriteLine(resetCode + sessionId);
                }
            }
            """);
        Assert.Equal(
            "Random.Next produces a security value (resetCode) with System.Random, which is predictable; use RandomNumberGenerator",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Next_bytes_into_keys_salts_and_ivs()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;

            public class KeyMaterial
            {
                private readonly byte[] _signingKey = new byte[32];

                public byte[] Salt()
                {
                    var salt = new byte[16];
                    {|SSDLC1008:new Random().NextBytes(salt)|};
                    return salt;
                }

                public void Init(Random random)
                {
                    {|SSDLC1008:random.NextBytes(_signingKey)|};
                    Span<byte> iv = stackalloc byte[16];
                    {|SSDLC1008:random.NextBytes(iv)|};
                }
            }
            """);
        Assert.Contains("an IV, nonce or salt (salt)", diagnostics[0].GetMessage());
        Assert.Contains("a security value (_signingKey)", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task Enclosing_member_names_for_generic_receivers()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Linq;
            using System.Text;

            public class TokenService
            {
                private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
                private readonly Random _random = new Random();

                public string GenerateToken()
                {
                    var chars = new char[32];
                    for (int i = 0; i < chars.Length; i++)
                    {
                        chars[i] = Alphabet[{|SSDLC1008:_random.Next(Alphabet.Length)|}];
                    }

                    return new string(chars);
                }

                public string CreateApiKey()
                    => new string(Enumerable.Range(0, 40).Select(_ => Alphabet[{|SSDLC1008:_random.Next(Alphabet.Length)|}]).ToArray());

                public string NewPassword()
                {
                    var sb = new StringBuilder();
                    for (int i = 0; i < 16; i++)
                    {
                        sb.Append(Alphabet[{|SSDLC1008:Random.Shared.Next(Alphabet.Length)|}]);
                    }

                    return sb.ToString();
                }

                public int GetVerificationCode() => {|SSDLC1008:_random.Next(100000, 999999)|};

                public char RecoveryCodeCharacter() => Alphabet.ElementAt({|SSDLC1008:_random.Next(Alphabet.Length)|});
            }
            """);
    }

    [Fact]
    public async Task Get_items_get_string_and_generic_members_of_a_password_generator()
    {
        await VerifyCS.VerifyAsync("""
            using System;

            public class PasswordGenerator
            {
                private static readonly char[] Choices = "abcdefghijkmnpqrstuvwxyz23456789".ToCharArray();

                public string Generate() => new string({|SSDLC1008:Random.Shared.GetItems(Choices, 20)|});

                public string Nonce() => new string({|SSDLC1008:Random.Shared.GetItems<char>(Choices, 12)|});
            }

            public static class Invitations
            {
                public static void Send(Action<string> send)
                {
                    string inviteCode = Convert.ToBase64String(BitConverter.GetBytes({|SSDLC1008:Random.Shared.NextInt64()|}));
                    send(inviteCode);
                }
            }
            """);
    }

    [Fact]
    public async Task Security_named_parameters_and_async_code()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Threading.Tasks;

            public interface IUserStore
            {
                Task SetPasswordAsync(string userName, string password);
                Task SaveAsync(string userName, int pin);
            }

            public class Onboarding
            {
                private readonly IUserStore _store;
                private readonly Random _random = new();

                public Onboarding(IUserStore store) => _store = store;

                public async Task CreateAsync(string user)
                {
                    await _store.SetPasswordAsync(user, {|SSDLC1008:_random.Next()|}.ToString("x8"));
                    await _store.SaveAsync(user, {|SSDLC1008:_random.Next(1000, 10000)|});
                }
            }
            """);
    }

    [Fact]
    public async Task Field_initialisers_local_functions_and_property_getters()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Linq;

            public static class Defaults
            {
                private static readonly Random Rng = new(42);
                private static readonly string ApiKey = {|SSDLC1008:Rng.NextInt64()|}.ToString("x16");

                public static string Csrf => $"{{|SSDLC1008:Random.Shared.Next()|}:x8}";

                public static string Invite()
                {
                    return NewMagicCode();

                    static string NewMagicCode() => string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('a' + {|SSDLC1008:Random.Shared.Next(26)|})));
                }
            }
            """);
    }

    [Fact]
    public async Task Random_for_shuffles_jitter_sampling_dice_and_test_data_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public class Retrying
            {
                private readonly Random _random = new Random();

                public async Task RefreshTokenAsync(Func<Task> refresh)
                {
                    int jitter = _random.Next(0, 250);
                    await Task.Delay(TimeSpan.FromMilliseconds(500 + jitter));
                    await Task.Delay(_random.Next(100, 200));
                    await refresh();
                }

                public void Shuffle<T>(T[] cards) => _random.Shuffle(cards);

                public int RollDice() => _random.Next(1, 7);

                public bool ShouldSample(double rate) => _random.NextDouble() < rate;

                public string RandomUserName() => "user" + _random.Next(1000);

                public List<int> TestData()
                {
                    var values = new List<int>();
                    for (int i = 0; i < 10; i++)
                    {
                        values.Add(_random.Next(100));
                    }

                    return values;
                }
            }
            """);
    }

    [Fact]
    public async Task Names_that_contain_security_words_in_another_sense_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Collections.Generic;

            public class Cache
            {
                private readonly Random _random = new Random();

                public void Fill(Dictionary<int, string> map)
                {
                    int cacheKey = _random.Next();
                    int partitionKey = _random.Next(16);
                    int tokenLength = _random.Next(8, 16);
                    int passwordPolicyIndex = _random.Next(3);
                    map[cacheKey + partitionKey] = "x" + tokenLength + passwordPolicyIndex;
                }

                public string Greeting()
                {
                    var greetings = new[] { "Hi", "Hello", "Hey" };
                    return greetings[_random.Next(greetings.Length)];
                }
            }
            """);
    }

    [Fact]
    public async Task Cryptographic_generator_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class TokenService
            {
                public string GenerateToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

                public int GenerateOtp() => RandomNumberGenerator.GetInt32(100000, 1000000);

                public byte[] Salt()
                {
                    var salt = new byte[16];
                    RandomNumberGenerator.Fill(salt);
                    return salt;
                }

                public string GeneratePassword() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 20);
            }
            """);
    }

    [Fact]
    public async Task A_class_derived_from_Random_with_its_own_generator_is_judged_by_the_member_that_runs()
    {
        // The overriding class brings its own (here cryptographic) generator: its NextBytes/Next are not System.Random's.
        // A derived class that overrides nothing, or only other members, still runs System.Random's algorithm.
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Security.Cryptography;

            public class CryptoRandom : Random
            {
                public override void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
                public override int Next(int maxValue) => RandomNumberGenerator.GetInt32(maxValue);
            }

            public sealed class SystemBackedCryptoRandom : CryptoRandom { }

            public class SampleRandom : Random
            {
                protected override double Sample() => RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
            }

            public class SeededRandom : Random
            {
                public SeededRandom(int seed) : base(seed) { }
            }

            public class KeyGenerator
            {
                private readonly CryptoRandom _random = new CryptoRandom();

                public byte[] GenerateKey(SystemBackedCryptoRandom random)
                {
                    var key = new byte[32];
                    random.NextBytes(key);
                    _random.NextBytes(key);
                    int otp = _random.Next(1000000);
                    int resetCode = new SampleRandom().Next(1000000);
                    int sessionId = {|SSDLC1008:new SeededRandom(42).Next()|};
                    {|SSDLC1008:new SeededRandom(7).NextBytes(key)|};
                    int token = {|SSDLC1008:_random.Next()|};
                    return key;
                }
            }

            public class WeakRandom : CryptoRandom
            {
                public double Salt()
                {
                    double salt = {|SSDLC1008:base.NextDouble()|};
                    long nonce = {|SSDLC1008:NextInt64()|};
                    return salt + nonce;
                }
            }
            """);
    }

    [Theory]
    [InlineData("resetToken", nameof(SecurityValueKind.Secret))]
    [InlineData("API_KEY", nameof(SecurityValueKind.Secret))]
    [InlineData("_sessionId", nameof(SecurityValueKind.Secret))]
    [InlineData("GenerateOTP", nameof(SecurityValueKind.Secret))]
    [InlineData("emailVerificationCode", nameof(SecurityValueKind.Secret))]
    [InlineData("aesIv", nameof(SecurityValueKind.IvNonceOrSalt))]
    [InlineData("passwordSalt", nameof(SecurityValueKind.IvNonceOrSalt))]
    [InlineData("cacheKey", nameof(SecurityValueKind.None))]
    [InlineData("tokenLength", nameof(SecurityValueKind.None))]
    [InlineData("passwordPolicy", nameof(SecurityValueKind.None))]
    [InlineData("zipCode", nameof(SecurityValueKind.None))]
    [InlineData("keyboardLayout", nameof(SecurityValueKind.None))]
    [InlineData("session", nameof(SecurityValueKind.None))]
    public void Security_value_names(string identifier, string expected)
        => Assert.Equal(expected, SecurityValueNames.Classify(identifier).ToString());
}

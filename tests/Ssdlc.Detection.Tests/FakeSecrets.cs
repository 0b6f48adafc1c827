using System.Text;
using Ssdlc.Detection.Secrets;

namespace Ssdlc.Detection.Tests;

/// <summary>
/// Fake but format-valid secrets, generated at run time from a seeded random source. Prefixes are split by
/// concatenation so that no real-looking secret literal is ever committed (our own SSDLC1101 and hosted secret
/// scanners would rightly flag one).
/// </summary>
internal sealed class FakeSecrets
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Alnum = Upper + Lower + Digits;
    private const string Base64 = Alnum + "+/";
    private const string Base64Url = Alnum + "-_";
    private const string LowerHex = "0123456789abcdef";

    private readonly Random _random;

    public FakeSecrets(int seed) => _random = new Random(seed);

    public string Chars(string alphabet, int length)
    {
        var builder = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            builder.Append(alphabet[_random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    public string GitHubClassic()
    {
        string random = Chars(Alnum, 30);
        return "gh" + "p_" + random + KnownFormats.GitHubChecksum(random);
    }

    public string GitHubClassicBadChecksum()
    {
        string valid = GitHubClassic();
        char last = valid[^1] == 'A' ? 'B' : 'A';
        return valid[..^1] + last;
    }

    public string GitHub(char type) => "gh" + type + "_" + Chars(Alnum, 36);

    public string GitHubFineGrained() => "github" + "_pat_" + Chars(Alnum, 22) + "_" + Chars(Alnum, 59);

    public string GitLab() => "gl" + "pat-" + Chars(Base64Url, 20);

    public string AwsAccessKeyId() => "AK" + "IA" + Chars(Upper + Digits, 16);

    public string AwsSecretKey() => Chars(Base64, 40);

    public string GoogleApiKey() => "AI" + "za" + Chars(Base64Url, 35);

    public string AzureStorageKey() => Chars(Base64, 86) + "==";

    public string SasSignature() => Chars(Alnum, 43) + "%3D";

    public string AzureAdClientSecret() => Chars(Alnum, 3) + "8" + "Q~" + Chars(Alnum + "_~.-", 34);

    public string SlackBot() => "xo" + "xb-" + Chars(Digits, 12) + "-" + Chars(Digits, 13) + "-" + Chars(Alnum, 24);

    public string SlackWebhookPath() => "hooks.slack" + ".com/services/T" + Chars(Upper + Digits, 10) + "/B" + Chars(Upper + Digits, 10) + "/" + Chars(Alnum, 24);

    public string StripeLive() => "sk" + "_live_" + Chars(Alnum, 24);

    public string StripeRestricted() => "rk" + "_live_" + Chars(Alnum, 24);

    public string SendGrid() => "S" + "G." + Chars(Base64Url, 22) + "." + Chars(Base64Url, 43);

    public string TwilioApiKey() => "S" + "K" + Chars(LowerHex, 32);

    public string TwilioAccountSid() => "A" + "C" + Chars(LowerHex, 32);

    public string HexToken(int length) => Chars(LowerHex, length);

    public string Npm() => "np" + "m_" + Chars(Alnum, 36);

    public string NuGet() => "oy" + "2" + Chars(Lower + Digits, 43);

    public string Jwt(string alg = "HS256")
    {
        string header = B64Url("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
        string payload = B64Url("{\"sub\":\"" + Chars(Digits, 10) + "\",\"name\":\"Jane\",\"iat\":1516239022}");
        return header + "." + payload + "." + Chars(Base64Url, 43);
    }

    public string UnsignedJwt() => B64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + B64Url("{\"sub\":\"1\"}") + "." + Chars(Base64Url, 20);

    public string Pem(string label, bool jsonEscaped = false)
    {
        string newline = jsonEscaped ? "\\n" : "\n";
        var builder = new StringBuilder("-----" + "BEGIN " + label + "-----" + newline);
        for (int line = 0; line < 6; line++)
        {
            builder.Append(Chars(Base64, 64)).Append(newline);
        }

        builder.Append("-----" + "END " + label + "-----");
        return builder.ToString();
    }

    public string Password() => Chars(Upper, 1) + Chars(Lower, 6) + Chars(Digits, 3) + "!";

    public string HighEntropy(int length) => Chars(Alnum, length);

    private static string B64Url(string json)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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

    /// <summary>A Service Bus / Event Hubs SharedAccessKey or a SignalR AccessKey: 32 random bytes in base64.</summary>
    public string AzureAccessKey() => Chars(Base64, 43) + "=";

    public string NpmLegacyToken() => new Guid(Bytes(16)).ToString();

    public string PyPi() => "py" + "pi-AgE" + Chars(Base64Url, 150);

    /// <summary>Host and path of a Discord webhook, built from parts (format scanners would flag a literal).</summary>
    public string DiscordWebhookPath() => "disc" + "ord.com/api/web" + "hooks/" + Chars(Digits, 18) + "/" + Chars(Base64Url, 68);

    /// <summary>A Microsoft Teams incoming webhook URL, built from parts.</summary>
    public string TeamsWebhookUrl()
        => "https://" + "contoso.web" + "hook.office" + ".com/webhookb2/" + new Guid(Bytes(16)) + "@" + new Guid(Bytes(16))
           + "/Incoming" + "Webhook/" + Chars(LowerHex, 32) + "/" + new Guid(Bytes(16));

    public string SlackWorkflowWebhookPath() => "hooks.slack" + ".com/triggers/T" + Chars(Upper + Digits, 10) + "/" + Chars(Digits, 13) + "/" + Chars(LowerHex, 32);

    /// <summary>The unencrypted master key of a Data Protection key ring: 64 random bytes in base64.</summary>
    public string MasterKey() => Convert.ToBase64String(Bytes(64));

    public string Base64Text(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    public static string B64UrlBytes(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The well-known Azurite/Storage Emulator account key, public on purpose (built from parts).</summary>
    public static string AzuriteKey => "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq" + "/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The well-known Cosmos DB Emulator key, public on purpose (built from parts).</summary>
    public static string CosmosEmulatorKey => "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTq" + "obD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    // Real keys and containers, generated at run time with the platform's cryptography (fresh every run).

    /// <summary>A PKCS#12 container (self-signed EC certificate with its private key) in base64.</summary>
    public static string Pkcs12Base64(out string certificateBase64)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fake.test", key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        certificateBase64 = Convert.ToBase64String(certificate.Export(X509ContentType.Cert));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pfx, "p"));
    }

    public static string EcPkcs8Base64(out string publicKeyBase64)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        publicKeyBase64 = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
    }

    public static string EcSec1Base64()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportECPrivateKey());
    }

    public static string RsaPkcs1Base64()
    {
        using var key = RSA.Create(1024);
        return Convert.ToBase64String(key.ExportRSAPrivateKey());
    }

    /// <summary>An RSA key in .NET's XML form; <paramref name="publicXml"/> is the same key without its private parts.</summary>
    public static string RsaXml(out string publicXml)
    {
        using var key = RSA.Create(1024);
        publicXml = key.ToXmlString(false);
        return key.ToXmlString(true);
    }

    /// <summary>An EC private JWK; <paramref name="publicJwk"/> is the same key without "d"; <paramref name="d"/> the private member.</summary>
    public static string EcJwk(out string publicJwk, out string d)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters p = key.ExportParameters(true);
        d = B64UrlBytes(p.D!);
        string common = "\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"" + B64UrlBytes(p.Q.X!) + "\", \"y\": \"" + B64UrlBytes(p.Q.Y!) + "\", \"kid\": \"k1\"";
        publicJwk = "{ " + common + ", \"use\": \"sig\" }";
        return "{ \"d\": \"" + d + "\", " + common + " }";
    }

    public string HighEntropy(int length) => Chars(Alnum, length);

    private static string B64Url(string json)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

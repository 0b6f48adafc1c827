using Ssdlc.Detection.Secrets;
using Xunit.Abstractions;

namespace Ssdlc.Detection.Tests;

public class CorpusTests
{
    private readonly ITestOutputHelper _output;

    public CorpusTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Precision_is_one_and_recall_at_least_95_percent(int seed)
    {
        IReadOnlyList<CorpusSample> corpus = Corpus.Build(seed);
        int positives = corpus.Count(s => s.Secret is not null);
        int truePositives = 0;
        int falsePositives = 0;
        var problems = new List<string>();
        foreach (CorpusSample sample in corpus)
        {
            IReadOnlyList<SecretMatch> matches = SecretScanner.ScanText(sample.Text, sample.FileName);
            bool hit = false;
            foreach (SecretMatch match in matches)
            {
                string value = sample.Text.Substring(match.Offset, match.Length);
                if (sample.Secret is not null && !hit && value == sample.Secret)
                {
                    hit = true;
                    truePositives++;
                }
                else
                {
                    falsePositives++;
                    problems.Add("false positive in '" + sample.Label + "': " + match); // SecretMatch.ToString is masked
                }
            }

            if (sample.Secret is not null && !hit)
            {
                problems.Add("missed in '" + sample.Label + "' (" + Describe(sample.Secret) + ")");
            }
        }

        double precision = truePositives + falsePositives == 0 ? 1.0 : (double)truePositives / (truePositives + falsePositives);
        double recall = (double)truePositives / positives;
        _output.WriteLine($"samples {corpus.Count}, positives {positives}, precision {precision:F3}, recall {recall:F3}");
        Assert.True(positives >= 50 && corpus.Count - positives >= 30, "the corpus is too small to measure anything");
        Assert.True(precision == 1.0, "precision " + precision + ":\n" + string.Join("\n", problems));
        Assert.True(recall >= 0.95, "recall " + recall + ":\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Every_strict_sample_is_found_at_its_exact_span(int seed)
    {
        var strict = Corpus.Build(seed).Where(s => s.Strict).ToList();
        Assert.True(strict.Count >= 40, "strict samples: " + strict.Count);
        var missed = new List<string>();
        foreach (CorpusSample sample in strict)
        {
            IReadOnlyList<SecretMatch> matches = SecretScanner.ScanText(sample.Text, sample.FileName);
            if (!matches.Any(m => sample.Text.Substring(m.Offset, m.Length) == sample.Secret))
            {
                missed.Add(sample.Label + ": " + string.Join(", ", matches.Select(m => m.ToString())));
            }
        }

        Assert.True(missed.Count == 0, "missed:\n" + string.Join("\n", missed));
    }

    /// <summary>The shape of a missed secret, without the secret: length, first and last character class.</summary>
    private static string Describe(string secret)
        => secret.Length + " chars, starts with " + Class(secret[0]) + ", ends with " + Class(secret[^1]);

    private static string Class(char c) => char.IsLetterOrDigit(c) ? "alphanumeric" : "'" + c + "'";

    [Fact]
    public void Every_positive_kind_is_found_with_the_expected_kind_name()
    {
        var f = new FakeSecrets(7);
        Assert.Equal("GitHub personal access token", Single(f.GitHubClassic()).Kind);
        Assert.Equal("AWS access key ID", Single(f.AwsAccessKeyId()).Kind);
        Assert.Equal("Google API key", Single(f.GoogleApiKey()).Kind);
        Assert.Equal("Slack token", Single(f.SlackBot()).Kind);
        Assert.Equal("Stripe secret key", Single(f.StripeLive()).Kind);
        Assert.Equal("SendGrid API key", Single(f.SendGrid()).Kind);
        Assert.Equal("npm access token", Single(f.Npm()).Kind);
        Assert.Equal("NuGet API key", Single(f.NuGet()).Kind);
        Assert.Equal("signed JSON Web Token", Single(f.Jwt()).Kind);
        Assert.Equal("OpenSSH private key", Single(f.Pem("OPENSSH PRIVATE KEY")).Kind);
        Assert.Equal("encrypted private key (PKCS#8)", Single(f.Pem("ENCRYPTED PRIVATE KEY")).Kind);
        Assert.Equal("GitLab personal access token", Single(f.GitLab()).Kind);
        Assert.Equal("Twilio API key", Single(f.TwilioApiKey()).Kind);

        static SecretMatch Single(string text) => Assert.Single(SecretScanner.ScanText(" " + text + " ", null));
    }

    [Fact]
    public void Formats_of_the_configuration_file_kinds_report_their_kind()
    {
        var f = new FakeSecrets(13);
        Assert.Equal("Discord webhook URL", Single("https://" + f.DiscordWebhookPath()).Kind);
        Assert.Equal("Microsoft Teams webhook URL", Single(f.TeamsWebhookUrl()).Kind);
        Assert.Equal("Slack webhook URL", Single("https://" + f.SlackWorkflowWebhookPath()).Kind);
        Assert.Equal("PyPI API token", Single(f.PyPi()).Kind);
        Assert.Equal("Azure shared access key", Single("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKey=" + f.AzureAccessKey()).Kind);
        Assert.Equal("Azure SignalR or Web PubSub access key", Single("Endpoint=https://x.service.signalr.net;AccessKey=" + f.AzureAccessKey() + ";Version=1.0;").Kind);
        Assert.Equal("private key container (PKCS#12, base64)", Single(FakeSecrets.Pkcs12Base64(out _)).Kind);
        Assert.Equal("private key (PKCS#8, base64 DER)", Single(FakeSecrets.EcPkcs8Base64(out _)).Kind);
        Assert.Equal("RSA private key (base64 DER)", Single(FakeSecrets.RsaPkcs1Base64()).Kind);
        Assert.Equal("EC private key (base64 DER)", Single(FakeSecrets.EcSec1Base64()).Kind);
        Assert.Equal("RSA private key (XML)", Single(FakeSecrets.RsaXml(out _)).Kind);
        Assert.Equal("private JSON Web Key", Single(FakeSecrets.EcJwk(out _, out _)).Kind);
        Assert.Equal("ASP.NET Core Data Protection master key", Single("<masterKey p4:requiresEncryption=\"true\"><value>" + f.MasterKey() + "</value></masterKey>").Kind);
        Assert.Equal("basic authentication credentials", Assert.Single(SecretScanner.ScanText("Authorization: Basic " + f.Base64Text("ci:" + f.Password()), "a.http")).Kind);
        Assert.Equal("bearer token in an Authorization header", Assert.Single(SecretScanner.ScanText("Authorization: Bearer " + f.HighEntropy(40), "a.http")).Kind);

        static SecretMatch Single(string text) => Assert.Single(SecretScanner.ScanText(" " + text + " ", null));
    }

    [Fact]
    public void Emulator_keys_are_recognised_by_fingerprint_and_nothing_else_is()
    {
        Assert.True(SecretHeuristics.IsWellKnownPublicKey(FakeSecrets.AzuriteKey));
        Assert.True(SecretHeuristics.IsWellKnownPublicKey(FakeSecrets.CosmosEmulatorKey));
        Assert.True(SecretHeuristics.IsWellKnownPublicKey(Uri.EscapeDataString(FakeSecrets.CosmosEmulatorKey)));
        Assert.False(SecretHeuristics.IsWellKnownPublicKey(new FakeSecrets(3).AzureStorageKey()));
        Assert.False(SecretHeuristics.IsWellKnownPublicKey(FakeSecrets.AzuriteKey[..^3] + "A=="));
    }

    [Fact]
    public void Line_and_column_are_one_based_and_point_at_the_value()
    {
        var f = new FakeSecrets(11);
        string secret = f.Password();
        string text = "{\n  \"Db\": {\n    \"Password\": \"" + secret + "\"\n  }\n}";
        SecretMatch match = Assert.Single(SecretScanner.ScanText(text, "appsettings.json"));
        Assert.Equal(3, match.Line);
        Assert.Equal(18, match.Column);
        Assert.Equal(text.IndexOf(secret, StringComparison.Ordinal), match.Offset);
        Assert.Equal(secret.Length, match.Length);
        Assert.Equal("password", match.Kind);
    }

    [Fact]
    public void Adversarial_input_is_scanned_in_linear_time()
    {
        // Patterns that would make a naive scanner quadratic: many PEM headers without an end marker, many
        // connection-string keys, long base64 runs, many separators.
        string[] pieces =
        {
            "-----" + "BEGIN RSA PRIVATE KEY-----", "Password=;", "pwd=", "eyJ" + new string('a', 40) + ".", "://", "AKIA", "\"password\":",
            new string('A', 300), "<machineKey ", "xox" + "b-", "sig=", "<Password>",
            "{\"kty\":", "\"key\": \"", "\"value\":", "{", "[", "<masterKey ", "<RSAKeyValue><D>", "MII" + new string('B', 100), "IncomingWebhook/",
            "discord.com/api/webhooks/", "AccountKey=", "AccessKey=", "Authorization: Basic ", "<Key>", "key = ", "name=\"Password\" ",
        };
        var builder = new System.Text.StringBuilder();
        int k = 0;
        while (builder.Length < 2_000_000)
        {
            builder.Append(pieces[k++ % pieces.Length]);
        }

        string text = builder.ToString();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SecretScanner.ScanText(text, null);
        watch.Stop();
        // Generous for a loaded CI machine; a quadratic scan of this input takes many minutes.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "2 MB adversarial input took " + watch.Elapsed);
    }
}

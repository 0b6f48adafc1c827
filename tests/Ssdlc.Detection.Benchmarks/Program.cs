using System.Diagnostics;
using System.Text;
using Ssdlc.Detection.Secrets;

// Usage: Ssdlc.Detection.Benchmarks [megabytes=8] [--adversarial] [--parts] [--kinds]
//        Ssdlc.Detection.Benchmarks --config-tree [files=5000]   (the configuration scan on a generated repository tree)
//        Ssdlc.Detection.Benchmarks --scan <directory>   (lists masked findings in a source tree: a precision check on real code)
//        Ssdlc.Detection.Benchmarks --config-scan <directory>   (the configuration scan's own file selection and findings on a real tree)
// Generates a multi-MB corpus of configuration and source text (realistic, mostly clean, with a few generated fake
// secrets) and reports SecretScanner.ScanText throughput in MB/s (UTF-16 chars counted as bytes of source text).
if (args.Length >= 1 && args[0] == "--config-tree")
{
    ConfigTreeBenchmark.Run(args.Length > 1 && int.TryParse(args[1], out int treeFiles) ? treeFiles : 5000);
    return;
}

if (args.Length == 2 && args[0] == "--config-scan")
{
    ConfigTreeBenchmark.ScanDirectory(args[1]);
    return;
}

if (args.Length == 2 && args[0] == "--scan")
{
    string[] extensions = { ".cs", ".json", ".config", ".xml", ".yml", ".yaml", ".env", ".props", ".targets", ".csproj", ".md", ".ini" };
    int files = 0;
    long chars = 0;
    var scanWatch = Stopwatch.StartNew();
    foreach (string file in Directory.EnumerateFiles(args[1], "*", SearchOption.AllDirectories))
    {
        if (file.Contains("/bin/") || file.Contains("/obj/") || file.Contains("/.git/") || !extensions.Contains(Path.GetExtension(file)))
        {
            continue;
        }

        string content = File.ReadAllText(file);
        files++;
        chars += content.Length;
        foreach (SecretMatch match in SecretScanner.ScanText(content, Path.GetFileName(file)))
        {
            Console.WriteLine($"{Path.GetRelativePath(args[1], file)}({match.Line},{match.Column}): {match.Kind} {match.Masked} {match.Fingerprint}");
        }
    }

    Console.WriteLine($"{files} files, {chars / (1024.0 * 1024.0):F1} MB in {scanWatch.Elapsed.TotalSeconds:F1} s");
    return;
}

int megabytes = args.Length > 0 && int.TryParse(args[0], out int mb) ? mb : 8;
bool adversarial = args.Contains("--adversarial");

string[] clean =
{
    "{\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Information\", \"Microsoft.AspNetCore\": \"Warning\" } },\n",
    "  \"ConnectionStrings\": { \"Shop\": \"Server=.;Database=shop;Integrated Security=true;TrustServerCertificate=true\" },\n",
    "  \"Identity\": { \"PasswordPolicy\": \"Strict\", \"PasswordLength\": 12, \"TokenUrl\": \"https://login.example.org/token\" },\n",
    "public async Task<IActionResult> Get(int id, CancellationToken ct) => Ok(await _db.Products.FindAsync(new object[] { id }, ct));\n",
    "<add key=\"ApiKey\" value=\"#{Payments.ApiKey}#\" />\n<add name=\"Db\" connectionString=\"Data Source=.;Trusted_Connection=yes\" />\n",
    "password: ${DB_PASSWORD}\nimage: registry.internal/shop/api:1.4.2\nreplicas: 3\n",
    "\"contentHash\": \"" + new string('Q', 20) + "b3V0cHV0IGhhc2ggb2YgYSBwYWNrYWdlIGluIGEgbG9jayBmaWxl" + "==\",\n",
    "<script src=\"/lib/jquery.min.js\" integrity=\"sha384-vtXRMe3mGCbOeY7l30aIg8H9p3GdeSe4IFlP6G8JMa7o7lXvnz3GFKzPxzJdPfGK\"></script>\n",
    "// The quick brown fox jumps over the lazy dog; lorem ipsum dolor sit amet, consectetur adipiscing elit.\n",
};
string[] hostile =
{
    "-----" + "BEGIN RSA PRIVATE KEY-----", "Password=;", "pwd=", "eyJ" + new string('a', 40) + ".", "://", "AKIA", "\"password\":",
    new string('A', 300), "<machineKey ", "xox" + "b-", "sig=", "<Password>",
    "{\"kty\":", "\"key\": \"", "\"value\":", "{", "[", "<masterKey ", "<RSAKeyValue><D>", "MII" + new string('B', 100), "IncomingWebhook/",
    "discord.com/api/webhooks/", "AccountKey=", "AccessKey=", "Authorization: Basic ", "<Key>", "key = ", "name=\"Password\" ",
};
string[] pieces = adversarial ? hostile : clean;

var random = new Random(1);
var builder = new StringBuilder(megabytes * 1024 * 1024 + 4096);
int k = 0;
while (builder.Length < megabytes * 1024 * 1024)
{
    builder.Append(pieces[k++ % pieces.Length]);
    if (!adversarial && k % 500 == 0)
    {
        builder.Append("  \"Smtp\": { \"Password\": \"Winter").Append(random.Next(1000, 9999)).Append("!x\" },\n");
    }
}

string text = builder.ToString();
SecretScanner.ScanText(text, "appsettings.json"); // warm-up (tiered JIT)
var watch = Stopwatch.StartNew();
const int Rounds = 3;
int found = 0;
for (int round = 0; round < Rounds; round++)
{
    found = SecretScanner.ScanText(text, "appsettings.json").Count;
}

watch.Stop();
double megabytesScanned = (double)text.Length * Rounds / (1024 * 1024);
Console.WriteLine($"corpus: {text.Length / (1024.0 * 1024.0):F1} MB ({(adversarial ? "adversarial" : "configuration")}), findings: {found}");
if (args.Contains("--parts"))
{
    var w = Stopwatch.StartNew();
    KnownFormats.Scan(text, new List<Candidate>());
    Console.WriteLine($"  known formats: {text.Length / (1024.0 * 1024.0) / w.Elapsed.TotalSeconds:F1} MB/s");
    w.Restart();
    KeyValueTokenizer.Scan(text, false, new List<Candidate>());
    Console.WriteLine($"  key/value tokenizer: {text.Length / (1024.0 * 1024.0) / w.Elapsed.TotalSeconds:F1} MB/s");
}

if (args.Contains("--kinds"))
{
    foreach (var group in SecretScanner.ScanText(text, "appsettings.json").GroupBy(m => m.Kind))
    {
        Console.WriteLine($"  {group.Key}: {group.Count()} (e.g. line {group.First().Line}, {group.First().Masked})");
    }
}

Console.WriteLine($"throughput: {megabytesScanned / watch.Elapsed.TotalSeconds:F1} MB/s");

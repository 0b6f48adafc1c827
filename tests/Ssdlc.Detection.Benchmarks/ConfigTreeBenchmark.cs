using System.Diagnostics;
using Ssdlc.Build.Tasks.Configuration;
using Ssdlc.Detection.Findings;

/// <summary>
/// The configuration scan (SSDLC3305/SSDLC5201) on a generated repository-sized tree: configuration files of every
/// kind the scan reads, source files it must skip by name, and bin/obj/node_modules folders it must skip by path.
/// Times what the build task does per file (filter, read, scan); MSBuild's glob expansion is not included.
/// </summary>
internal static class ConfigTreeBenchmark
{
    public static void Run(int fileCount)
    {
        string root = Directory.CreateTempSubdirectory("ssdlc-config-bench-").FullName;
        try
        {
            Generate(root, fileCount);
            var candidates = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();

            var found = new List<Finding>();
            Scan(root, candidates, found); // warm-up
            var watch = Stopwatch.StartNew();
            (int scanned, long bytes, int findings) = Scan(root, candidates);
            watch.Stop();
            double seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"tree: {candidates.Count} files, {scanned} configuration files scanned or sniffed in key folders ({bytes / (1024.0 * 1024.0):F1} MB), findings: {findings}");
            Console.WriteLine($"throughput: {scanned / seconds:F0} files/s, {bytes / (1024.0 * 1024.0) / seconds:F1} MB/s ({seconds * 1000:F0} ms)");
            Console.WriteLine("findings by kind: " + string.Join(", ", found.GroupBy(f => f.Message[..f.Message.IndexOf(" in ", StringComparison.Ordinal)]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " " + g.Count())));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The configuration scan over a real tree, with the build's file selection: lists the (masked) findings.</summary>
    public static void ScanDirectory(string root)
    {
        root = Path.GetFullPath(root);
        var findings = new List<Finding>();
        var watch = Stopwatch.StartNew();
        (int scanned, long bytes, _) = Scan(root, Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList(), findings);
        foreach (Finding finding in findings)
        {
            Console.WriteLine($"{Path.GetRelativePath(root, finding.File ?? root)}({finding.Line},{finding.Column}): {finding.RuleId} {finding.Message}");
        }

        Console.WriteLine($"{scanned} files scanned, {bytes / (1024.0 * 1024.0):F1} MB in {watch.Elapsed.TotalSeconds:F1} s, {findings.Count} findings");
    }

    private static (int Scanned, long Bytes, int Findings) Scan(string root, List<string> candidates, List<Finding>? findings = null)
    {
        findings ??= [];
        int scanned = 0;
        long bytes = 0;
        foreach (string file in candidates)
        {
            if (ConfigurationScanner.IsInSkippedFolder(file, root))
            {
                continue;
            }

            // What the task does: files named like configuration are scanned, small files in key folders are sniffed.
            bool configuration = ConfigurationScanner.IsConfigurationFileName(file);
            if (!configuration && !ConfigurationScanner.IsInKeyFolder(file, root))
            {
                continue;
            }

            scanned++;
            bytes += new FileInfo(file).Length;
            ConfigurationScanner.ScanFile(file, findings, sniffPrivateKey: !configuration);
        }

        return (scanned, bytes, findings.Count);
    }

    private static void Generate(string root, int fileCount)
    {
        var random = new Random(1);
        string[] padding =
        [
            "  \"Logging\": { \"LogLevel\": { \"Default\": \"Information\", \"Microsoft.AspNetCore\": \"Warning\" } },\n",
            "  \"Features\": { \"Checkout\": true, \"Recommendations\": false, \"PageSize\": 50, \"Culture\": \"en-GB\" },\n",
            "  \"Services\": { \"Catalog\": \"https://catalog.corp.example/api\", \"Timeout\": \"00:00:30\" },\n",
        ];
        const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        string Chars(int length)
        {
            var chars = new char[length];
            for (int k = 0; k < length; k++)
            {
                chars[k] = Base64[random.Next(Base64.Length)];
            }

            return new string(chars);
        }

        for (int i = 0; i < fileCount; i++)
        {
            string service = Path.Combine(root, "src", "Service" + (i / 50));
            string dir = Path.Combine(service, (i % 5) switch { 0 => "Properties", 1 => "deploy", _ => string.Empty });
            Directory.CreateDirectory(dir);
            bool secret = i % 97 == 0;
            string password = "Pw" + random.Next(100000, 999999) + "#x" + random.Next(10, 99);
            var body = new System.Text.StringBuilder();
            switch (i % 20)
            {
                case 0:
                    body.Append("{\n");
                    for (int k = 0; k < 40; k++)
                    {
                        body.Append(padding[k % padding.Length].Replace("\"Logging\"", "\"Logging" + k + "\"", StringComparison.Ordinal).Replace("\"Features\"", "\"Features" + k + "\"", StringComparison.Ordinal).Replace("\"Services\"", "\"Services" + k + "\"", StringComparison.Ordinal));
                    }

                    body.Append("  \"ConnectionStrings\": { \"Db\": \"Server=db;Database=x;User Id=app;Password=").Append(secret ? password : "${DB_PASSWORD}").Append("\" }\n}\n");
                    File.WriteAllText(Path.Combine(dir, "appsettings." + i + ".json"), body.ToString());
                    break;
                case 1:
                    body.Append("<configuration>\n  <system.web>\n    <compilation targetFramework=\"4.8\" />\n  </system.web>\n  <appSettings>\n");
                    for (int k = 0; k < 60; k++)
                    {
                        body.Append("    <add key=\"Setting").Append(k).Append("\" value=\"value-").Append(k).Append("\" />\n");
                    }

                    body.Append("  </appSettings>\n</configuration>\n");
                    File.WriteAllText(Path.Combine(dir, "web." + i + ".config"), body.ToString());
                    break;
                case 2:
                    body.Append("services:\n  api:\n    image: shop/api:1.").Append(i).Append('\n').Append("    environment:\n");
                    for (int k = 0; k < 40; k++)
                    {
                        body.Append("      FEATURE_").Append(k).Append(": \"on\"\n");
                    }

                    body.Append("      DB_PASSWORD: ").Append(secret ? password : "${DB_PASSWORD}").Append('\n');
                    File.WriteAllText(Path.Combine(dir, "compose." + i + ".yml"), body.ToString());
                    break;
                case 3:
                    File.WriteAllText(Path.Combine(dir, "service" + i + ".env"), "ASPNETCORE_URLS=http://+:8080\nLOG_LEVEL=info\nAPI_TOKEN=" + (secret ? password + "Zq9" : "") + "\n");
                    break;
                case 4:
                    File.WriteAllText(Path.Combine(dir, "Dockerfile." + i), "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nWORKDIR /app\nCOPY out/ .\nENTRYPOINT [\"dotnet\", \"api.dll\"]\n");
                    break;
                case 13:
                    // REST client file: variables, headers, a JSON body.
                    body.Append("@host = https://localhost:7001\n@token = {{login.response.body.$.token}}\n");
                    for (int k = 0; k < 12; k++)
                    {
                        body.Append("\n###\nGET {{host}}/api/orders/").Append(k).Append("?page=2&size=50\nAccept: application/json\nAuthorization: Bearer {{token}}\n");
                    }

                    body.Append("\n###\nPOST {{host}}/login\nContent-Type: application/json\n\n{ \"userName\": \"admin\", \"password\": \"").Append(secret ? password : "{{password}}").Append("\" }\n");
                    File.WriteAllText(Path.Combine(dir, "orders" + i + ".http"), body.ToString());
                    break;
                case 14:
                    // Azure Functions local settings and a copied user-secrets file.
                    string key = secret ? Chars(43) + "=" : "<shared-access-key>";
                    string functions = Path.Combine(dir, "Functions" + i);
                    Directory.CreateDirectory(functions);
                    File.WriteAllText(
                        Path.Combine(functions, i % 40 == 14 ? "local.settings.json" : "secrets.json"),
                        "{\n  \"IsEncrypted\": false,\n  \"Values\": {\n    \"AzureWebJobsStorage\": \"UseDevelopmentStorage=true\",\n    \"FUNCTIONS_WORKER_RUNTIME\": \"dotnet-isolated\",\n"
                        + "    \"Bus\": \"Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + key + "\",\n    \"Jwt:Issuer\": \"https://login.corp.example\"\n  }\n}\n");
                    break;
                case 15:
                    // Settings.settings or a cloud service configuration.
                    body.Append("<SettingsFile xmlns=\"http://schemas.microsoft.com/VisualStudio/2004/01/settings\">\n  <Settings>\n");
                    for (int k = 0; k < 20; k++)
                    {
                        body.Append("    <Setting Name=\"Option").Append(k).Append("\" Type=\"System.String\" Scope=\"User\"><Value Profile=\"(Default)\">value-").Append(k).Append("</Value></Setting>\n");
                    }

                    body.Append("    <Setting Name=\"SmtpPassword\" Type=\"System.String\" Scope=\"Application\"><Value Profile=\"(Default)\">").Append(secret ? password : string.Empty).Append("</Value></Setting>\n  </Settings>\n</SettingsFile>\n");
                    File.WriteAllText(Path.Combine(dir, i % 40 == 15 ? "Settings" + i + ".settings" : "ServiceConfiguration" + i + ".cscfg"), body.ToString());
                    break;
                case 16:
                    // Package-manager rc files.
                    string client = Path.Combine(dir, "ClientApp" + i);
                    Directory.CreateDirectory(client);
                    File.WriteAllText(
                        Path.Combine(client, (i % 60) switch { 16 => ".npmrc", 36 => ".yarnrc.yml", _ => ".pypirc" }),
                        "@corp:registry=https://npm.corp.example/\n//npm.corp.example/:_authToken=" + (secret ? Chars(36).Replace('/', 'a').Replace('+', 'b') : "${NPM_TOKEN}") + "\nalways-auth=true\n");
                    break;
                case 17:
                    // Data Protection key ring (encrypted), seed data and a public JWKS.
                    string keyRing = Path.Combine(service, "keys");
                    Directory.CreateDirectory(keyRing);
                    File.WriteAllText(Path.Combine(keyRing, "key-" + i + ".xml"), "<key id=\"" + i + "\" version=\"1\">\n  <descriptor>\n    <encryptedSecret decryptorType=\"DpapiXmlDecryptor\">\n      <encryptedKey>\n        <value>" + Chars(300) + "</value>\n      </encryptedKey>\n    </encryptedSecret>\n  </descriptor>\n</key>\n");
                    body.Append("[\n");
                    for (int k = 0; k < 20; k++)
                    {
                        body.Append("  { \"UserName\": \"user").Append(k).Append("\", \"Email\": \"user").Append(k).Append("@corp.example\", \"PasswordHash\": \"AQAAAAIAAYagAAAAE").Append(Chars(40)).Append("\" },\n");
                    }

                    body.Append("  { \"UserName\": \"admin\", \"Password\": \"").Append(secret ? password : string.Empty).Append("\" }\n]\n");
                    File.WriteAllText(Path.Combine(dir, "seed-users" + i + ".json"), body.ToString());
                    File.WriteAllText(Path.Combine(dir, "jwks" + i + ".json"), "{ \"keys\": [ { \"kty\": \"RSA\", \"e\": \"AQAB\", \"use\": \"sig\", \"kid\": \"k" + i + "\", \"n\": \"" + Chars(342).Replace('/', '_').Replace('+', '-') + "\" } ] }\n");
                    break;
                default:
                    // Source files and build output: enumerated, never scanned.
                    for (int k = 0; k < 60; k++)
                    {
                        body.Append("    public int Property").Append(k).Append(" { get; set; }\n");
                    }

                    File.WriteAllText(Path.Combine(dir, "Class" + i + ".cs"), "namespace Shop;\npublic sealed class C" + i + "\n{\n" + body + "}\n");
                    if (i % 20 == 5 || i % 20 == 7)
                    {
                        string bin = Path.Combine(service, "bin", "Release");
                        Directory.CreateDirectory(bin);
                        File.WriteAllText(Path.Combine(bin, "appsettings." + i + ".json"), "{ \"Password\": \"" + password + "\" }");
                        File.WriteAllText(Path.Combine(service, "package-lock.json"), "{ \"lockfileVersion\": 3, \"packages\": { \"\": { \"name\": \"client\" } } }\n");
                    }
                    else if (i % 20 == 6)
                    {
                        // Key folders: a C# file (sniffed, not a key), a public key, and now and then a private key.
                        string keys = Path.Combine(service, "Security", "Keys");
                        Directory.CreateDirectory(keys);
                        File.WriteAllText(Path.Combine(keys, "KeyStore" + i + ".cs"), "namespace Shop.Security;\npublic sealed class KeyStore" + i + "\n{\n" + body + "}\n");
                        File.WriteAllText(Path.Combine(keys, "id_ed25519_" + i + ".pub"), "ssh-ed25519 " + Chars(68) + " ci@build\n");
                        if (secret || i % 1000 == 6)
                        {
                            File.WriteAllText(Path.Combine(keys, "deploy_" + i), "-----" + "BEGIN OPENSSH PRIVATE KEY-----\n" + Chars(70) + "\n" + Chars(70) + "\n" + Chars(70) + "\n-----" + "END OPENSSH PRIVATE KEY-----\n");
                        }
                    }

                    break;
            }
        }
    }
}

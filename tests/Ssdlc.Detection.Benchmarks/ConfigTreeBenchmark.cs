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

            Scan(root, candidates); // warm-up
            var watch = Stopwatch.StartNew();
            (int scanned, long bytes, int findings) = Scan(root, candidates);
            watch.Stop();
            double seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"tree: {candidates.Count} files, {scanned} configuration files scanned ({bytes / (1024.0 * 1024.0):F1} MB), findings: {findings}");
            Console.WriteLine($"throughput: {scanned / seconds:F0} files/s, {bytes / (1024.0 * 1024.0) / seconds:F1} MB/s ({seconds * 1000:F0} ms)");
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
        for (int i = 0; i < fileCount; i++)
        {
            string dir = Path.Combine(root, "src", "Service" + (i / 50), (i % 5) switch { 0 => "Properties", 1 => "deploy", _ => string.Empty });
            Directory.CreateDirectory(dir);
            bool secret = i % 97 == 0;
            string password = "Pw" + random.Next(100000, 999999) + "#x" + random.Next(10, 99);
            var body = new System.Text.StringBuilder();
            switch (i % 10)
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
                default:
                    // Source files and build output: enumerated, never scanned.
                    for (int k = 0; k < 60; k++)
                    {
                        body.Append("    public int Property").Append(k).Append(" { get; set; }\n");
                    }

                    File.WriteAllText(Path.Combine(dir, "Class" + i + ".cs"), "namespace Shop;\npublic sealed class C" + i + "\n{\n" + body + "}\n");
                    if (i % 10 == 5)
                    {
                        string bin = Path.Combine(root, "src", "Service" + (i / 50), "bin", "Release");
                        Directory.CreateDirectory(bin);
                        File.WriteAllText(Path.Combine(bin, "appsettings." + i + ".json"), "{ \"Password\": \"" + password + "\" }");
                    }

                    break;
            }
        }
    }
}

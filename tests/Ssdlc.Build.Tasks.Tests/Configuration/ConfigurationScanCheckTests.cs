using Microsoft.Build.Framework;
using Ssdlc.Build.Tasks.Configuration;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using Ssdlc.Detection.Secrets;
using Ssdlc.Detection.Tests;
using Xunit.Abstractions;
using static Ssdlc.Build.Tasks.Tests.Items;

namespace Ssdlc.Build.Tasks.Tests.Configuration;

public sealed class ConfigurationScanCheckTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Labelled_corpus_has_full_recall_and_precision(int seed)
    {
        IReadOnlyList<ConfigSample> corpus = ConfigurationCorpus.Build(seed);
        var files = new List<ITaskItem>();
        foreach (ConfigSample sample in corpus)
        {
            files.Add(Item(_dir.Write(sample.Path, sample.Text)));
        }

        List<Finding> findings = Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [.. files] }, out string findingsText);
        List<Finding> secrets = findings.Where(f => f.RuleId == RuleIds.ConfigurationSecret).ToList();

        int expected = 0, truePositives = 0, falsePositives = 0;
        var log = new List<string>();
        foreach (ConfigSample sample in corpus)
        {
            string path = _dir.File(sample.Path);
            var found = secrets.Where(f => f.File == path).ToList();
            var expectedLines = sample.Secrets.Select(s => LineOf(sample.Text, s)).ToList();
            expected += sample.Secrets.Count;
            foreach (int line in expectedLines)
            {
                if (found.Any(f => f.Line == line))
                {
                    truePositives++;
                }
                else
                {
                    log.Add($"missed: {sample.Label} line {line}");
                }
            }

            foreach (Finding f in found.Where(f => !expectedLines.Contains(f.Line)))
            {
                falsePositives++;
                log.Add($"false positive: {sample.Label}: {f.Message}");
            }

            // Masking: no secret appears in any message or in the findings file.
            foreach (string secret in sample.Secrets)
            {
                Assert.DoesNotContain(secret, findingsText, StringComparison.Ordinal);
                Assert.All(findings, f => Assert.DoesNotContain(secret, f.Message, StringComparison.Ordinal));
            }
        }

        double recall = (double)truePositives / expected;
        double precision = truePositives + falsePositives == 0 ? 1 : (double)truePositives / (truePositives + falsePositives);
        output.WriteLine($"seed {seed}: {corpus.Count} files, {expected} secrets, recall {recall:P1}, precision {precision:P1}");
        log.ForEach(output.WriteLine);
        Assert.True(expected >= 20, "the corpus holds at least 20 secrets");
        Assert.True(recall >= 1.0, string.Join("\n", log));
        Assert.True(precision >= 1.0, string.Join("\n", log));
        Assert.DoesNotContain(findings, f => f.RuleId == RuleIds.InvalidConfiguration);
    }

    [Fact]
    public void A_secret_is_reported_with_file_line_column_kind_mask_fingerprint_and_advice()
    {
        string token = new FakeSecrets(7).GitHubClassic();
        string file = _dir.Write("appsettings.json", "{\n  \"GitHub\": {\n    \"Token\": \"" + token + "\"\n  }\n}\n");

        Finding finding = Assert.Single(Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item("appsettings.json")] }, out string text));

        Assert.Equal(RuleIds.ConfigurationSecret, finding.RuleId);
        Assert.Equal(Criticality.High, finding.Criticality);
        Assert.Equal(file, finding.File);
        Assert.Equal((3, 15), (finding.Line, finding.Column));
        Assert.Equal(SecretMasking.Fingerprint(token), finding.Subject);
        Assert.StartsWith("GitHub personal access token in appsettings.json at line 3, column 15: ", finding.Message, StringComparison.Ordinal);
        Assert.Contains(SecretMasking.Mask(token), finding.Message, StringComparison.Ordinal);
        Assert.Contains("fingerprint " + SecretMasking.Fingerprint(token), finding.Message, StringComparison.Ordinal);
        Assert.Contains("user-secrets", finding.Message, StringComparison.Ordinal);
        Assert.Contains("environment variables or a secret store", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token[..12], text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("appsettings.Development.json", "Server=localhost;Database=orders;User Id=sa;Password={0}", "Medium")]
    [InlineData("appsettings.Development.json", "Server=(localdb)\\\\mssqllocaldb;Database=orders;User Id=dev;Password={0}", "Medium")]
    [InlineData("appsettings.Development.json", "Host=127.0.0.1;Port=5432;Username=dev;Password={0}", "Medium")]
    [InlineData("appsettings.Development.json", "Server=host.docker.internal,1433;User Id=sa;Password={0}", "Medium")]
    [InlineData("appsettings.Development.json", "Server=sql01.corp.example;User Id=dev;Password={0}", "High")]
    [InlineData("appsettings.json", "Server=localhost;Database=orders;User Id=sa;Password={0}", "High")]
    [InlineData("appsettings.Production.json", "Server=localhost;Database=orders;User Id=sa;Password={0}", "High")]
    [InlineData("Properties/launchSettings.json", "Server=localhost;Database=orders;User Id=sa;Password={0}", "Medium")]
    public void A_development_secret_for_a_local_host_is_Medium_everything_else_High(string name, string connectionString, string expected)
    {
        string password = new FakeSecrets(11).Password();
        _dir.Write(name, "{\n  \"ConnectionStrings\": {\n    \"Orders\": \"" + string.Format(System.Globalization.CultureInfo.InvariantCulture, connectionString, password) + "\"\n  }\n}\n");

        Finding finding = Assert.Single(Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item(name)] }, out string text));

        Assert.Equal(expected, finding.Criticality.ToString());
        Assert.Equal(3, finding.Line);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.Contains(name.Contains("Development", StringComparison.Ordinal) || name.Contains("launch", StringComparison.Ordinal) ? "move it to user-secrets" : "rotate it", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pfx_is_reported_as_a_private_key_container_by_content_fingerprint()
    {
        byte[] bytes = [0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03, 0x00, 0x11, 0x22];
        string file = _dir.File("certs/signing.pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);

        Finding finding = Assert.Single(Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item(file)] }, out _));

        Assert.Equal(RuleIds.ConfigurationSecret, finding.RuleId);
        Assert.Contains("Private key container (PKCS#12) signing.pfx", finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("sha256:", finding.Subject, StringComparison.Ordinal);
        Assert.Equal(23, finding.Subject!.Length);
    }

    [Fact]
    public void Web_config_hardening_switches_are_reported_at_their_line()
    {
        string file = _dir.Write("web.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <system.web>
                <compilation debug="true" targetFramework="4.8" />
                <customErrors mode="Off" />
                <httpRuntime targetFramework="4.8" enableVersionHeader="true" />
              </system.web>
              <system.webServer>
                <httpErrors errorMode="Detailed" />
              </system.webServer>
            </configuration>
            """);

        List<Finding> findings = Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item(file)] }, out _);

        Assert.All(findings, f => Assert.Equal(RuleIds.HardeningDisabled, f.RuleId));
        Assert.All(findings, f => Assert.Equal(Criticality.Medium, f.Criticality));
        Assert.Equal(
            [(4, "compilation debug"), (5, "customErrors"), (6, "httpRuntime enableVersionHeader"), (9, "httpErrors")],
            findings.Select(f => (f.Line, f.Subject!)).OrderBy(x => x.Line).ToList());
        Assert.Equal(6, findings.Single(f => f.Subject == "customErrors").Column);
    }

    [Fact]
    public void Hardened_web_config_and_other_config_files_are_not_reported()
    {
        _dir.Write("web.config", """
            <configuration>
              <system.web>
                <compilation debug="false" targetFramework="4.8" />
                <customErrors mode="RemoteOnly" defaultRedirect="~/Error" />
                <httpRuntime targetFramework="4.8" />
              </system.web>
              <system.webServer>
                <httpErrors errorMode="DetailedLocalOnly" />
                <aspNetCore processPath="dotnet" arguments=".\api.dll" hostingModel="inprocess" />
              </system.webServer>
            </configuration>
            """);
        // A transform and an app.config are not the shipped web.config.
        _dir.Write("web.Debug.config", "<configuration><system.web><compilation debug=\"true\" /></system.web></configuration>");
        _dir.Write("app.config", "<configuration><system.web><customErrors mode=\"Off\" /></system.web></configuration>");

        Assert.Empty(Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item("web.config"), Item("web.Debug.config"), Item("app.config")] }, out _));
    }

    [Theory]
    [InlineData("appsettings.json", "true", true)]
    [InlineData("appsettings.Production.json", "true", true)]
    [InlineData("appsettings.Staging.json", "\"true\"", true)]
    [InlineData("appsettings.json", "false", false)]
    [InlineData("appsettings.Development.json", "true", false)]
    public void DetailedErrors_true_is_reported_outside_development(string name, string value, bool reported)
    {
        string file = _dir.Write(name, "{\n  // comment\n  \"Logging\": { \"DetailedErrors\": true },\n  \"DetailedErrors\": " + value + ",\n}\n");

        List<Finding> findings = Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item(name)] }, out _);

        if (!reported)
        {
            Assert.Empty(findings);
            return;
        }

        Finding finding = Assert.Single(findings);
        Assert.Equal(RuleIds.HardeningDisabled, finding.RuleId);
        Assert.Equal((file, 4, 3), (finding.File!, finding.Line, finding.Column));
        Assert.Equal("DetailedErrors", finding.Subject);
    }

    [Fact]
    public void Malformed_json_is_reported_at_its_line_and_still_scanned_for_secrets()
    {
        string token = new FakeSecrets(3).StripeLive();
        string file = _dir.Write("appsettings.json", "{\n  \"Stripe\": { \"Key\": \"" + token + "\" },\n  \"Broken\": [1, 2\n}\n");

        List<Finding> findings = Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item(file)] }, out string text);

        Finding invalid = Assert.Single(findings, f => f.RuleId == RuleIds.InvalidConfiguration);
        Assert.Equal(Criticality.Low, invalid.Criticality);
        Assert.Equal(4, invalid.Line);
        Assert.Contains("appsettings.json is not valid JSON", invalid.Message, StringComparison.Ordinal);
        Finding secret = Assert.Single(findings, f => f.RuleId == RuleIds.ConfigurationSecret);
        Assert.Equal(2, secret.Line);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_is_reported_at_its_line_and_still_scanned_for_secrets()
    {
        string key = new FakeSecrets(5).SendGrid();
        string file = _dir.Write("web.config", "<configuration>\n  <appSettings>\n    <add key=\"SendGridApiKey\" value=\"" + key + "\" />\n  </appSetings>\n</configuration>\n");

        List<Finding> findings = Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item(file)] }, out string text);

        Finding invalid = Assert.Single(findings, f => f.RuleId == RuleIds.InvalidConfiguration);
        Assert.Equal(4, invalid.Line);
        Assert.Contains("web.config is not well-formed XML", invalid.Message, StringComparison.Ordinal);
        Assert.Single(findings, f => f.RuleId == RuleIds.ConfigurationSecret && f.Line == 3);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_are_filtered_by_name_excludes_apply_and_build_folders_are_skipped()
    {
        var f = new FakeSecrets(9);
        string linked = Path.Combine(_dir.Path, "shared", "appsettings.Shared.json");
        _dir.Write("shared/appsettings.Shared.json", "{ \"Smtp\": { \"Password\": \"" + f.Password() + "\" } }");
        _dir.Write("app/Program.cs", "// Password=\"" + f.Password() + "\"");
        _dir.Write("app/bin/Debug/appsettings.json", "{ \"Smtp\": { \"Password\": \"" + f.Password() + "\" } }");
        _dir.Write("app/obj/x.config", "<add key=\"ApiKey\" value=\"" + f.HighEntropy(40) + "\" />");
        _dir.Write("app/TestData/appsettings.json", "{ \"Smtp\": { \"Password\": \"" + f.Password() + "\" } }");
        _dir.Write("app/secrets.txt", "password: " + f.Password());

        List<Finding> findings = Run(new ConfigurationScanCheck
        {
            ProjectDirectory = Path.Combine(_dir.Path, "app"),
            ProjectItems =
            [
                Item(linked), Item("Program.cs"), Item("bin/Debug/appsettings.json"), Item("obj/x.config"), Item("TestData/appsettings.json"),
            ],
            Files = [Item("secrets.txt"), Item("TestData/appsettings.json")],
            ExcludedFiles = [Item("TestData/appsettings.json")],
        }, out _);

        // The linked file is named like configuration, secrets.txt came from an include glob; the rest is filtered.
        Assert.Equal(new[] { linked, Path.Combine(_dir.Path, "app", "secrets.txt") }.Order(StringComparer.Ordinal), findings.Select(x => x.File!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("appsettings.json", true)]
    [InlineData("appsettings.Production.json", true)]
    [InlineData("web.config", true)]
    [InlineData("launchSettings.json", true)]
    [InlineData(".env", true)]
    [InlineData(".env.production", true)]
    [InlineData("prod.env", true)]
    [InlineData("Dockerfile", true)]
    [InlineData("ci.yml", true)]
    [InlineData("Prod.pubxml", true)]
    [InlineData("key.pem", true)]
    [InlineData("signing.pfx", true)]
    [InlineData("local.settings.json", true)]
    [InlineData("secrets.json", true)]
    [InlineData("http-client.env.json", true)]
    [InlineData("http-client.private.env.json", true)]
    [InlineData("users.seed.json", true)]
    [InlineData("package.json", true)]
    [InlineData("orders.http", true)]
    [InlineData("orders.rest", true)]
    [InlineData("Settings.settings", true)]
    [InlineData("ServiceConfiguration.Cloud.cscfg", true)]
    [InlineData("ServiceDefinition.csdef", true)]
    [InlineData(".npmrc", true)]
    [InlineData(".yarnrc", true)]
    [InlineData(".yarnrc.yml", true)]
    [InlineData(".pypirc", true)]
    [InlineData("tempkey.jwk", true)]
    [InlineData("keys.jwks", true)]
    [InlineData("AuthKey_ABC123.p8", true)]
    [InlineData("key-3f1c5e1a-9c1b-4b7e-8d2a-1f0e6c2b9a77.xml", true)]
    [InlineData("Program.cs", false)]
    [InlineData("README.md", false)]
    [InlineData("id_ed25519", false)]
    [InlineData("packages.lock.json", false)]
    [InlineData("package-lock.json", false)]
    [InlineData("npm-shrinkwrap.json", false)]
    [InlineData("project.assets.json", false)]
    [InlineData("Shop.deps.json", false)]
    [InlineData("Shop.runtimeconfig.json", false)]
    public void Configuration_file_names(string name, bool expected)
        => Assert.Equal(expected, ConfigurationScanner.IsConfigurationFileName(Path.Combine("x", name)));

    [Fact]
    public void The_default_globs_of_the_targets_and_the_item_name_filter_agree()
    {
        string targets = File.ReadAllText(Path.Combine(Ssdlc.Tests.RepoPaths.Root, "src", "Ssdlc.Sdk", "build", "Ssdlc.Sdk.Core.targets"));
        string globs = System.Text.RegularExpressions.Regex.Match(targets, "<_SsdlcConfigScanDefaultGlobs>(.*?)</_SsdlcConfigScanDefaultGlobs>").Groups[1].Value;
        string[] patterns = globs.Split(';', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(patterns.Length >= 15, globs);
        foreach (string pattern in patterns)
        {
            Assert.StartsWith("**/", pattern, StringComparison.Ordinal);
            string example = pattern[3..].Replace("*", "Production", StringComparison.Ordinal);
            Assert.True(ConfigurationScanner.IsConfigurationFileName(Path.Combine("src", example)), pattern);
        }
    }

    [Fact]
    public void The_key_folder_globs_of_the_targets_select_what_the_task_sniffs()
    {
        string targets = File.ReadAllText(Path.Combine(Ssdlc.Tests.RepoPaths.Root, "src", "Ssdlc.Sdk", "build", "Ssdlc.Sdk.Core.targets"));
        string globs = System.Text.RegularExpressions.Regex.Match(targets, "<_SsdlcConfigScanKeyFolderGlobs>(.*?)</_SsdlcConfigScanKeyFolderGlobs>").Groups[1].Value;
        string[] patterns = globs.Split(';', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("**/*ssh*/**", patterns);
        foreach (string pattern in patterns)
        {
            Assert.Matches(@"^\*\*/\*[A-Za-z]+\*/\*\*$", pattern);
            string folder = pattern[3..^3].Replace("*", "deploy", StringComparison.Ordinal);
            Assert.True(ConfigurationScanner.IsInKeyFolder(Path.Combine(_dir.Path, "src", folder, "id_rsa"), _dir.Path), pattern);
        }

        Assert.False(ConfigurationScanner.IsInKeyFolder(Path.Combine(_dir.Path, "src", "Services", "id_rsa"), _dir.Path));
    }

    [Fact]
    public void Small_files_in_key_folders_are_scanned_when_they_start_with_a_private_key_block()
    {
        var f = new FakeSecrets(21);
        string sshKey = f.Pem("OPENSSH PRIVATE KEY");
        string deployKey = f.Pem("RSA PRIVATE KEY");
        _dir.Write("app/ssh/id_ed25519", sshKey + "\n");
        _dir.Write("app/deploy/keys/deploy_key", "\uFEFF\n" + deployKey + "\n");
        _dir.Write("app/ssh/id_ed25519.pub", "ssh-ed25519 " + f.HighEntropy(68) + " ci@build\n");
        _dir.Write("app/certs/server.crt", "-----" + "BEGIN CERTIFICATE-----\n" + f.HighEntropy(64) + "\n-----" + "END CERTIFICATE-----\n");
        _dir.Write("app/Secrets/KeyService.cs", "// -----" + "BEGIN RSA PRIVATE KEY----- is parsed here\nclass KeyService { string Password = \"" + f.Password() + "\"; }\n");
        _dir.Write("app/Secrets/README", "Keys are provisioned at deployment.\n" + f.Pem("PRIVATE KEY"));
        _dir.Write("app/keys/huge", f.Pem("PRIVATE KEY") + "\n" + new string('#', (int)ConfigurationScanner.MaxSniffedFileBytes));
        _dir.Write("app/src/id_rsa", f.Pem("RSA PRIVATE KEY"));
        string[] all = ["ssh/id_ed25519", "deploy/keys/deploy_key", "ssh/id_ed25519.pub", "certs/server.crt", "Secrets/KeyService.cs", "Secrets/README", "keys/huge", "src/id_rsa"];

        List<Finding> findings = Run(new ConfigurationScanCheck { ProjectDirectory = Path.Combine(_dir.Path, "app"), KeyFolderFiles = [.. all.Select(a => Item(a))] }, out string text);

        Assert.Equal(
            [("deploy_key", 2, "RSA private key"), ("id_ed25519", 1, "OpenSSH private key")],
            findings.Select(x => (Path.GetFileName(x.File!), x.Line, x.Message[..x.Message.IndexOf(" in ", StringComparison.Ordinal)])).Order().ToList());
        Assert.DoesNotContain(sshKey[40..80], text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_p8_is_reported_as_a_private_key_file_and_excludes_apply_to_key_folders()
    {
        byte[] der = [0x30, 0x81, 0x87, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x00, 0x11];
        string p8 = _dir.File("AuthKey_ABC.p8");
        File.WriteAllBytes(p8, der);
        _dir.Write("ssh/id_rsa", new FakeSecrets(2).Pem("RSA PRIVATE KEY"));

        List<Finding> findings = Run(new ConfigurationScanCheck
        {
            ProjectDirectory = _dir.Path,
            Files = [Item(p8)],
            KeyFolderFiles = [Item("ssh/id_rsa")],
            ExcludedFiles = [Item("ssh/id_rsa")],
        }, out _);

        Finding finding = Assert.Single(findings);
        Assert.StartsWith("Private key file (PKCS#8, DER) AuthKey_ABC.p8 is kept in the project (19 bytes)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(Criticality.High, finding.Criticality);
    }

    [Theory]
    [InlineData("local.settings.json")]
    [InlineData("secrets.json")]
    [InlineData("http-client.private.env.json")]
    public void Local_development_files_give_local_hosts_Medium(string name)
    {
        string password = new FakeSecrets(17).Password();
        _dir.Write(name, "{\n  \"Values\": {\n    \"Db\": \"Server=localhost;User Id=sa;Password=" + password + "\"\n  }\n}\n");

        Finding finding = Assert.Single(Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item(name)] }, out _));

        Assert.Equal(Criticality.Medium, finding.Criticality);
        Assert.Contains("move it to user-secrets", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_locked_file_is_reported_and_the_other_files_are_still_scanned()
    {
        string token = new FakeSecrets(23).StripeLive();
        _dir.Write("appsettings.json", "{ \"Stripe\": { \"Key\": \"" + token + "\" } }");
        string locked = _dir.Write("web.config", "<configuration />");
        _dir.Write("ssh/id_rsa", new FakeSecrets(24).Pem("RSA PRIVATE KEY"));
        List<Finding> findings;
        using (new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        using (new FileStream(_dir.File("ssh/id_rsa"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            findings = Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item("appsettings.json"), Item("web.config")], KeyFolderFiles = [Item("ssh/id_rsa")] }, out _);
        }

        Assert.Single(findings, f => f.RuleId == RuleIds.ConfigurationSecret && f.File == _dir.File("appsettings.json"));
        Finding unreadable = Assert.Single(findings, f => f.RuleId == RuleIds.InvalidConfiguration);
        Assert.Equal(Criticality.Low, unreadable.Criticality);
        Assert.StartsWith("web.config could not be read (IOException)", unreadable.Message, StringComparison.Ordinal);
        Assert.Equal(2, findings.Count);
    }

    [Fact]
    public void An_unreadable_file_does_not_crash_the_build()
    {
        List<Finding> findings = Run(new ConfigurationScanCheck { ProjectDirectory = _dir.Path, Files = [Item("missing.json"), Item("")] }, out _);

        Assert.Empty(findings);
    }

    private List<Finding> Run(ConfigurationScanCheck task, out string findingsText)
    {
        var engine = new FakeBuildEngine();
        task.BuildEngine = engine;
        task.FindingsFile = _dir.File("findings-" + Guid.NewGuid().ToString("N") + ".json");
        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        findingsText = File.ReadAllText(task.FindingsFile);
        List<Finding> findings = FindingsFile.Read(task.FindingsFile);
        Assert.DoesNotContain(findings, f => f.Message.Contains("could not complete", StringComparison.Ordinal));
        return findings;
    }

    private static int LineOf(string text, string secret)
    {
        int at = text.IndexOf(secret, StringComparison.Ordinal);
        Assert.True(at >= 0, "secret in sample");
        return text[..at].Count(c => c == '\n') + 1;
    }
}

/// <summary>The samples' configuration files say what the end-to-end sample tests expect.</summary>
public sealed class SampleConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void VulnerableApp_has_a_configuration_secret_and_detailed_errors_and_CompliantApp_has_neither()
    {
        List<Finding> vulnerable = Scan("VulnerableApp");
        Assert.Equal([RuleIds.ConfigurationSecret, RuleIds.HardeningDisabled], vulnerable.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.Contains(vulnerable, f => f.RuleId == RuleIds.ConfigurationSecret && f.Criticality == Criticality.High && f.File!.EndsWith("appsettings.json", StringComparison.Ordinal));

        Assert.Empty(Scan("CompliantApp"));
    }

    private List<Finding> Scan(string sample)
    {
        string project = Path.Combine(Ssdlc.Tests.RepoPaths.Root, "samples", sample);
        var files = Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories).Select(f => Item(f)).ToArray();
        var task = new ConfigurationScanCheck
        {
            BuildEngine = new FakeBuildEngine(),
            ProjectDirectory = project,
            ProjectItems = files,
            FindingsFile = _dir.File(sample + ".json"),
        };
        Assert.True(task.Execute());
        return FindingsFile.Read(task.FindingsFile);
    }
}

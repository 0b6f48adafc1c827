using Ssdlc.Detection.Secrets;
using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>The configuration scan (SSDLC3305) on a generated project: reported with file, line and masked value, accepted by fingerprint.</summary>
[Collection(PackedPackagesCollection.Name)]
public class ConfigurationScanTests(PackedPackages packages)
{
    [Fact]
    public void A_secret_in_appsettings_fails_the_build_masked_and_an_accepted_fingerprint_lets_it_pass()
    {
        // Generated at run time: no secret literal in the repository.
        string password = "Pw" + Guid.NewGuid().ToString("N")[..10] + "#" + Random.Shared.Next(100, 999);
        string fingerprint = SecretMasking.Fingerprint(password);
        Workspace ws = packages.CreateWorkspace("configscan");
        ws.Write("app/app.csproj", Projects.Console("<SsdlcBuildDate>2026-11-22</SsdlcBuildDate>"));
        ws.Write("app/Program.cs", Projects.CleanCode);
        ws.Write("app/appsettings.json", "{\n  \"ConnectionStrings\": {\n    \"Orders\": \"Server=sql01.corp.example;Database=orders;User Id=app;Password=" + password + "\"\n  }\n}\n");

        BuildResult build = ws.Build("app/app.csproj");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.DiagnosticLines, l => l.Contains("appsettings.json(3,", StringComparison.Ordinal)
            && l.Contains("error SSDLC3305", StringComparison.Ordinal)
            && l.Contains("Password in connection string in appsettings.json at line 3", StringComparison.OrdinalIgnoreCase)
            && l.Contains(SecretMasking.Mask(password), StringComparison.Ordinal)
            && l.Contains(fingerprint, StringComparison.Ordinal));
        Assert.DoesNotContain(password, build.Output, StringComparison.Ordinal);
        Assert.Contains("FAILED", build.SummaryLine, StringComparison.Ordinal);

        ws.Write("app/app.csproj", Projects.Console(
            "<SsdlcBuildDate>2026-11-22</SsdlcBuildDate>",
            $"<SsdlcAcceptedRisk Include=\"SSDLC3305\" Subject=\"{fingerprint}\" Justification=\"Sandbox database, rotated; tracked in SEC-1.\" Expires=\"2027-06-30\" />"));

        BuildResult accepted = ws.Build("app/app.csproj");

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.DoesNotContain("error SSDLC3305", accepted.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, accepted.Output, StringComparison.Ordinal);
        Assert.Contains("PASSED", accepted.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_globs_reach_rest_client_files_and_key_folders_and_skip_generated_and_emulator_files()
    {
        // Generated at run time: no secret literal in the repository.
        string apiKey = "k" + Guid.NewGuid().ToString("N")[..20] + "Q" + Random.Shared.Next(1000, 9999);
        string keyBody = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(240));
        string sshKey = "-----" + "BEGIN OPENSSH PRIVATE KEY-----\n" + string.Join("\n", keyBody.Chunk(70).Select(c => new string(c))) + "\n-----" + "END OPENSSH PRIVATE KEY-----\n";
        Workspace ws = packages.CreateWorkspace("configscan-kinds");
        ws.Write("app/app.csproj", Projects.Console("<SsdlcBuildDate>2026-11-22</SsdlcBuildDate>"));
        ws.Write("app/Program.cs", Projects.CleanCode);
        ws.Write("app/orders.http", "@host = https://localhost:7001\n@apiKey = " + apiKey + "\n\nGET {{host}}/orders\nX-Api-Key: {{apiKey}}\n");
        ws.Write("app/deploy/ssh/id_ed25519", sshKey);
        ws.Write("app/Keys/KeyStore.cs", "namespace App.Keys;\n\ninternal static class KeyStore\n{\n    internal const string Folder = \"keys\";\n}\n");
        ws.Write("app/local.settings.json", "{ \"Values\": { \"AzureWebJobsStorage\": \"UseDevelopmentStorage=true\", \"FUNCTIONS_WORKER_RUNTIME\": \"dotnet-isolated\" } }\n");
        ws.Write("app/ClientApp/package-lock.json", "{ \"lockfileVersion\": 3, \"password\": \"" + apiKey + "\" }\n");

        BuildResult build = ws.Build("app/app.csproj");

        Assert.NotEqual(0, build.ExitCode);
        var secrets = build.DiagnosticLines.Where(l => l.Contains("error SSDLC3305", StringComparison.Ordinal)).ToList();
        Assert.Contains(secrets, l => l.Contains("orders.http(2,11)", StringComparison.Ordinal) && l.Contains("API key in orders.http", StringComparison.Ordinal));
        Assert.Contains(secrets, l => l.Contains("id_ed25519(1,1)", StringComparison.Ordinal) && l.Contains("OpenSSH private key", StringComparison.Ordinal));
        Assert.Equal(2, secrets.Count);
        Assert.DoesNotContain(apiKey, build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(keyBody[..40], build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_file_is_scanned_a_no_op_build_still_reports_and_excludes_apply()
    {
        string token = "sk" + "_live_" + Guid.NewGuid().ToString("N")[..24];
        Workspace ws = packages.CreateWorkspace("configscan-incremental");
        ws.Write("app/app.csproj", Projects.Console("<SsdlcBuildDate>2026-11-22</SsdlcBuildDate>"));
        ws.Write("app/Program.cs", Projects.CleanCode);
        ws.Write("app/appsettings.json", "{ \"AllowedHosts\": \"*\" }\n");

        BuildResult clean = ws.Build("app/app.csproj");
        Assert.True(clean.ExitCode == 0, clean.ToString());

        // A new file (not an MSBuild item of a console project) changes the scanned file list: the check runs again.
        ws.Write("app/deploy/.env", "ASPNETCORE_URLS=http://+:8080\nSTRIPE_KEY=" + token + "\n");
        BuildResult added = ws.Build("app/app.csproj");
        Assert.NotEqual(0, added.ExitCode);
        Assert.Contains(added.DiagnosticLines, l => l.Contains(".env(2,12)", StringComparison.Ordinal) && l.Contains("error SSDLC3305", StringComparison.Ordinal));
        Assert.DoesNotContain(token, added.Output, StringComparison.Ordinal);

        // Nothing changed: the check is skipped and the gate reports the same finding from the last scan.
        BuildResult again = ws.Build("app/app.csproj");
        Assert.Contains(again.DiagnosticLines, l => l.Contains(".env(2,12)", StringComparison.Ordinal) && l.Contains("error SSDLC3305", StringComparison.Ordinal));

        ws.Write("app/app.csproj", Projects.Console("<SsdlcBuildDate>2026-11-22</SsdlcBuildDate>", "<SsdlcConfigScanExclude Include=\"deploy/**\" />"));
        BuildResult excluded = ws.Build("app/app.csproj");
        Assert.True(excluded.ExitCode == 0, excluded.ToString());
        Assert.DoesNotContain("SSDLC3305", excluded.Output, StringComparison.Ordinal);
    }
}

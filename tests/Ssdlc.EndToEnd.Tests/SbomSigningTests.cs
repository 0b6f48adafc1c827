using System.IO.Compression;
using System.Text.Json;
using Ssdlc.EndToEnd.Tests.Infrastructure;
using Ssdlc.Tests.Sbom;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// SSDLC2508 (A.2.5.8/9) with the packed package: at High a pack without a signing key fails; with a key from the
/// environment the packed SBOM is signed; the release-pipeline target verifies the package and rejects a changed SBOM.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class SbomSigningTests(PackedPackages packages)
{
    [Fact]
    public void At_High_pack_needs_a_key_signs_the_packed_SBOM_and_the_pipeline_target_verifies_the_package()
    {
        Workspace ws = packages.CreateWorkspace("sbom-signed");
        string keys = Path.Combine(packages.Root, "keys-" + Guid.NewGuid().ToString("N")[..6]);
        using TestKey key = TestKey.Create(keys, "ES256");
        string project = ws.Write("app/app.csproj", Projects.Console("<SsdlcRiskClass>High</SsdlcRiskClass><Version>1.0.0</Version><IsPackable>true</IsPackable>"));
        ws.Write("app/Program.cs", Projects.CleanCode);
        string output = Path.Combine(ws.Directory, "out");

        // A debug build is not deployed: no key needed.
        BuildResult debug = ws.Build("app/app.csproj");
        Assert.True(debug.ExitCode == 0, debug.ToString());
        Assert.DoesNotContain("SSDLC2508", debug.Output, StringComparison.Ordinal);

        ProcessResult unsigned = ws.Dotnet("pack", project, "-nologo", "-v:m", "-o", output);
        Assert.NotEqual(0, unsigned.ExitCode);
        Assert.Contains("error SSDLC2508", unsigned.Output, StringComparison.Ordinal);
        Assert.Contains("is not signed", unsigned.Output, StringComparison.Ordinal);

        var environment = new Dictionary<string, string?>
        {
            ["SSDLC_SBOM_SIGNING_KEY"] = key.PfxFile,
            ["SSDLC_SBOM_SIGNING_KEY_PASSWORD"] = TestKey.Password,
        };
        ProcessResult signed = ws.Dotnet(environment, "pack", project, "-nologo", "-v:m", "-o", output);
        Assert.True(signed.ExitCode == 0, signed.ToString());
        Assert.DoesNotContain(TestKey.Password, signed.Output, StringComparison.Ordinal);

        string package = Path.Combine(output, "app.1.0.0.nupkg");
        string extracted = Path.Combine(ws.Directory, "packed.cdx.json");
        using (ZipArchive zip = ZipFile.OpenRead(package))
        {
            zip.GetEntry("sbom/net10.0/app.cdx.json")!.ExtractToFile(extracted);
        }

        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(extracted)))
        {
            Assert.Equal("ES256", doc.RootElement.GetProperty("signature").GetProperty("algorithm").GetString());
        }

        (int exitCode, string independent) = SbomSchemaValidator.VerifyJsf(key.PublicKeyFile, extracted);
        Assert.True(exitCode == 0, independent);
        SbomSchemaValidator.AssertValid(extracted);

        ProcessResult verify = ws.Dotnet("msbuild", project, "-t:SsdlcVerifySbom", "-nologo", "-v:m", $"-p:SsdlcSbomTrustedCertificate={key.CertificateFile}", $"-p:SsdlcSbomToVerify={package}");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("app.1.0.0.nupkg:sbom/net10.0/app.cdx.json: signature valid (ES256", verify.Output, StringComparison.Ordinal);

        // One changed character in the packed SBOM: the pipeline stops.
        string tampered = Path.Combine(output, "tampered.1.0.0.nupkg");
        File.Copy(package, tampered);
        using (ZipArchive zip = ZipFile.Open(tampered, ZipArchiveMode.Update))
        {
            ZipArchiveEntry entry = zip.GetEntry("sbom/net10.0/app.cdx.json")!;
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("sbom/net10.0/app.cdx.json").Open());
            writer.Write(text.Replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.1\"", StringComparison.Ordinal));
        }

        ProcessResult rejected = ws.Dotnet("msbuild", project, "-t:SsdlcVerifySbom", "-nologo", "-v:m", $"-p:SsdlcSbomTrustedCertificate={key.CertificateFile}", $"-p:SsdlcSbomToVerify={tampered}");
        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("error SSDLC2508", rejected.Output, StringComparison.Ordinal);
        Assert.Contains("does not match the content", rejected.Output, StringComparison.Ordinal);

        // Without SsdlcSbomToVerify the target verifies the project's own (release) SBOM.
        ProcessResult own = ws.Dotnet("msbuild", project, "-t:SsdlcVerifySbom", "-nologo", "-v:m", "-p:Configuration=Release", $"-p:SsdlcSbomTrustedPublicKey={key.PublicKeyFile}");
        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.Contains("app.cdx.json: signature valid", own.Output, StringComparison.Ordinal);
    }
}

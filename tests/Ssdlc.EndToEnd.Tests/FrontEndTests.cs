using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ssdlc.EndToEnd.Tests.Infrastructure;
using Ssdlc.Tests.Sbom;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// A.2.6 for front-end dependencies with the packed package: package.json, its lock file and libman.json are checked at
/// their lines (SSDLC2606, SSDLC2601), and the SBOM lists the locked npm packages with their integrity hashes.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class FrontEndTests(PackedPackages packages)
{
    [Fact]
    public void Npm_and_LibMan_dependencies_are_checked_and_the_locked_packages_are_in_the_SBOM()
    {
        Workspace ws = packages.CreateWorkspace("frontend");
        // Approved feeds: the NuGet sources of the workspace (by their nuget.config keys) and one LibMan provider.
        string approved = string.Concat(packages.MachineSources.Append("ssdlc-local").Append("jsdelivr").Select(f => $"<SsdlcApprovedFeed Include=\"{f}\" />"));
        ws.Write("app/app.csproj", Projects.Console(items: approved));
        ws.Write("app/Program.cs", Projects.CleanCode);
        ws.Write("app/client/package.json", """
            {
              "name": "client",
              "dependencies": {
                "left-pad": "^1.3.0"
              },
              "devDependencies": { "typescript": "5.6.3" }
            }
            """);
        byte[] leftPad = SHA512.HashData(Encoding.UTF8.GetBytes("left-pad 1.3.0"));
        string lockFile = ws.Write("app/client/package-lock.json", $$"""
            {
              "name": "client",
              "lockfileVersion": 3,
              "packages": {
                "": { "name": "client", "dependencies": { "left-pad": "^1.3.0" }, "devDependencies": { "typescript": "5.6.3" } },
                "node_modules/left-pad": { "version": "1.3.0", "integrity": "sha512-{{Convert.ToBase64String(leftPad)}}" },
                "node_modules/typescript": { "version": "5.6.3", "integrity": "sha512-{{Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes("ts")))}}", "dev": true }
              }
            }
            """);
        ws.Write("app/libman.json", """{ "libraries": [ { "provider": "unpkg", "library": "htmx.org@2.0.4", "destination": "wwwroot/lib/htmx/" } ] }""");
        // Dependencies installed into node_modules are never read.
        ws.Write("app/client/node_modules/left-pad/package.json", """{ "name": "left-pad", "dependencies": { "x": "*" } }""");

        BuildResult build = ws.Build("app/app.csproj");

        Assert.True(build.ExitCode != 0, build.ToString());
        string floating = Assert.Single(build.DiagnosticLines, l => l.Contains("SSDLC2606", StringComparison.Ordinal));
        Assert.Contains("package.json(4", floating, StringComparison.Ordinal);
        Assert.Contains("warning SSDLC2606", floating, StringComparison.Ordinal);
        Assert.Contains("the lock file has 1.3.0", floating, StringComparison.Ordinal);
        string provider = Assert.Single(build.DiagnosticLines, l => l.Contains("SSDLC2601", StringComparison.Ordinal));
        Assert.Contains("libman.json(1", provider, StringComparison.Ordinal);
        Assert.Contains("error SSDLC2601", provider, StringComparison.Ordinal);

        string sbom = Path.Combine(ws.Directory, "app", "bin", "Debug", "net10.0", "app.cdx.json");
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(sbom)))
        {
            Dictionary<string, JsonElement> components = doc.RootElement.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("bom-ref").GetString()!);
            JsonElement pad = components["pkg:npm/left-pad@1.3.0"];
            Assert.Equal("required", pad.GetProperty("scope").GetString());
            Assert.Equal(Convert.ToHexString(leftPad).ToLowerInvariant(), pad.GetProperty("hashes")[0].GetProperty("content").GetString());
            Assert.Equal("excluded", components["pkg:npm/typescript@5.6.3"].GetProperty("scope").GetString());
            Assert.True(components.ContainsKey("pkg:npm/htmx.org@2.0.4"));
        }

        SbomSchemaValidator.AssertValid(sbom);

        // At High a package.json without its lock file fails the build; the next build notices the deleted lock file.
        File.Delete(lockFile);
        BuildResult high = ws.Build("app/app.csproj", "-p:SsdlcRiskClass=High");
        Assert.Contains(high.DiagnosticLines, l => l.Contains("error SSDLC2606", StringComparison.Ordinal) && l.Contains("no lock file", StringComparison.Ordinal));
    }
}

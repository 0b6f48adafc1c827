using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// A.2.6.6 at VeryHigh with the packed package: NuGet.Packaging loads in MSBuild's task context and reads the signatures
/// of the packages restore put into the packages folder. Without signatureValidationMode=require the build fails
/// (SSDLC2601); with it, a package that entered the folder before the policy and that no trusted signer covers (the
/// unsigned, locally built Ssdlc.Sdk) is SSDLC2606, while a package signed by a trusted author is not.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class PackageSignatureTests(PackedPackages packages)
{
    [Fact]
    public void At_VeryHigh_signature_validation_is_required_and_packages_without_a_trusted_signer_are_named()
    {
        Workspace ws = packages.CreateWorkspace("signatures");
        ws.Write("app/app.csproj", Projects.Console(
            "<SsdlcRiskClass>VeryHigh</SsdlcRiskClass>",
            "<PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.4\" />"));
        ws.Write("app/Program.cs", Projects.CleanCode);

        BuildResult accept = ws.Build("app/app.csproj");

        Assert.NotEqual(0, accept.ExitCode);
        Assert.DoesNotContain("MSB4018", accept.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB4062", accept.Output, StringComparison.Ordinal);
        Assert.Equal(new HashSet<string> { "error SSDLC2601" }, accept.Diagnostics);
        string mode = accept.DiagnosticLines.SingleOrDefault(l => l.Contains("error SSDLC2601", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("One SSDLC2601 error expected:\n" + accept);
        Assert.Contains("signatureValidationMode is 'accept'", mode, StringComparison.Ordinal);
        Assert.Contains("2 of 2 packages of the graph are not covered by a trusted signer: Newtonsoft.Json 13.0.4, Ssdlc.Sdk 0.1.0", mode, StringComparison.Ordinal);

        // Trust Newtonsoft.Json's author (NuGet's own client reads the certificate from the package) and require signatures.
        string config = Path.Combine(ws.Directory, "nuget.config");
        string newtonsoft = Path.Combine(packages.PackagesFolder, "newtonsoft.json", "13.0.4", "newtonsoft.json.13.0.4.nupkg");
        ProcessResult trust = ws.Dotnet("nuget", "trust", "author", "JsonNetAuthor", newtonsoft, "--configfile", config);
        Assert.True(trust.ExitCode == 0, trust.ToString());
        File.WriteAllText(config, File.ReadAllText(config).Replace(
            "</configuration>",
            "<config><add key=\"signatureValidationMode\" value=\"require\" /></config></configuration>",
            StringComparison.Ordinal));

        BuildResult require = ws.Build("app/app.csproj");

        Assert.NotEqual(0, require.ExitCode);
        string unsigned = require.DiagnosticLines.SingleOrDefault(l => l.Contains("error SSDLC2606", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("One SSDLC2606 error expected:\n" + require);
        Assert.Contains("Package Ssdlc.Sdk 0.1.0", unsigned, StringComparison.Ordinal);
        Assert.Contains("is not covered by a trusted signer: it is not signed", unsigned, StringComparison.Ordinal);
        Assert.DoesNotContain(require.DiagnosticLines, l => l.Contains("Newtonsoft.Json", StringComparison.Ordinal));
        // The machine's feed has no repository trusted signer; the local feed is covered by the author signer.
        Assert.All(
            require.DiagnosticLines.Where(l => l.Contains("error SSDLC2601", StringComparison.Ordinal)),
            l => Assert.Contains("has no repository entry in <trustedSigners>", l, StringComparison.Ordinal));
        Assert.DoesNotContain(require.DiagnosticLines, l => l.Contains("Local folder feed", StringComparison.Ordinal));
    }
}

using System.IO.Compression;
using System.Text.Json;
using Ssdlc.EndToEnd.Tests.Infrastructure;
using Ssdlc.Tests.Sbom;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// A.2.5.7 (SSDLC2507): every build writes a CycloneDX 1.6 SBOM per target framework next to the assembly, complete
/// and exact against the project's own restore result, schema-valid, and <c>dotnet pack</c> ships it in the package.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class SbomTests(PackedPackages packages)
{
    private const string App = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework></TargetFramework>
            <TargetFrameworks>net10.0;net8.0</TargetFrameworks>
            <Version>1.4.2</Version>
            <IsPackable>true</IsPackable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Ssdlc.Sdk" Version="0.1.0" PrivateAssets="all" />
            <!-- net8.0 is past its end of support (SSDLC2605); this test is about the SBOM of each framework. -->
            <SsdlcAcceptedRisk Include="SSDLC2605" Subject="net8.0" Justification="Kept to test one SBOM per target framework." Expires="2099-12-31" />
            <PackageReference Include="Microsoft.Extensions.Logging" Version="9.0.0" />
            <PackageReference Include="Microsoft.CodeAnalysis.Analyzers" Version="3.3.4" PrivateAssets="all" />
            <ProjectReference Include="../lib/lib.csproj" />
          </ItemGroup>
        </Project>
        """;

    private const string Lib = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net8.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Newtonsoft.Json" Version="13.0.4" />
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public void Build_writes_a_complete_valid_SBOM_per_target_framework_and_pack_puts_it_into_the_package()
    {
        Workspace ws = packages.CreateWorkspace("sbom");
        ws.Write("lib/lib.csproj", Lib);
        ws.Write("lib/Greeter.cs", "namespace Lib; public static class Greeter { public static string Hello() => Newtonsoft.Json.JsonConvert.SerializeObject(\"hello\"); }");
        ws.Write("app/app.csproj", App);
        ws.Write("app/Program.cs", "System.Console.WriteLine(Lib.Greeter.Hello());\n");

        BuildResult build = ws.Build("app/app.csproj");
        Assert.True(build.ExitCode == 0, build.ToString());

        string[] sboms = ["net10.0", "net8.0"];
        foreach (string tfm in sboms)
        {
            string sbom = Path.Combine(ws.Directory, "app", "bin", "Debug", tfm, "app.cdx.json");
            Assert.True(File.Exists(sbom), $"no SBOM next to the {tfm} assembly:\n{build}");
            AssertMatchesRestoreResult(sbom, Path.Combine(ws.Directory, "app", "obj", "project.assets.json"), tfm, Path.Combine(ws.Directory, "app", "bin", "Debug", tfm, "app.dll"));
        }

        SbomSchemaValidator.AssertValid(sboms.Select(t => Path.Combine(ws.Directory, "app", "bin", "Debug", t, "app.cdx.json")).ToArray());

        ProcessResult pack = ws.Dotnet("pack", Path.Combine(ws.Directory, "app", "app.csproj"), "-nologo", "-v:m", "-o", Path.Combine(ws.Directory, "out"));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(ws.Directory, "out", "app.1.4.2.nupkg"));
        foreach (string tfm in sboms)
        {
            ZipArchiveEntry entry = package.GetEntry($"sbom/{tfm}/app.cdx.json") ?? throw new Xunit.Sdk.XunitException(
                $"sbom/{tfm}/app.cdx.json is not in the package: {string.Join(", ", package.Entries.Select(e => e.FullName))}");
            using var reader = new StreamReader(entry.Open());
            string packed = reader.ReadToEnd();
            // The packed SBOM is the one of the packed (Release) build, byte for byte.
            Assert.Equal(File.ReadAllText(Path.Combine(ws.Directory, "app", "bin", "Release", tfm, "app.cdx.json")), packed);
            using JsonDocument doc = JsonDocument.Parse(packed);
            Assert.Equal("pkg:nuget/app@1.4.2", doc.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("purl").GetString());
        }
    }

    [Fact]
    public void Switching_the_SBOM_off_fails_at_High_and_writes_none()
    {
        Workspace ws = packages.CreateWorkspace("sbom-off");
        ws.Write("app/app.csproj", Projects.Console("<SsdlcRiskClass>High</SsdlcRiskClass><SsdlcSbom>false</SsdlcSbom>"));
        ws.Write("app/Program.cs", Projects.CleanCode);

        BuildResult build = ws.Build("app/app.csproj");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal(new HashSet<string> { "error SSDLC2507" }, build.Diagnostics);
        Assert.Contains("SsdlcSbom=false", build.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(ws.Directory, "app", "bin"), "*.cdx.json", SearchOption.AllDirectories));
    }

    /// <summary>Every package and project of targets[tfm] with its version and hash, every edge, the scopes, the project and the framework.</summary>
    private static void AssertMatchesRestoreResult(string sbomFile, string assetsFile, string tfm, string assembly)
    {
        using JsonDocument sbom = JsonDocument.Parse(File.ReadAllBytes(sbomFile));
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllBytes(assetsFile));
        JsonElement bom = sbom.RootElement;
        JsonElement graph = assets.RootElement.GetProperty("targets").GetProperty(tfm);
        JsonElement libraries = assets.RootElement.GetProperty("libraries");
        Dictionary<string, JsonElement> components = bom.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("bom-ref").GetString()!);
        var versions = graph.EnumerateObject().ToDictionary(p => p.Name.Split('/')[0], p => p.Name.Split('/')[1], StringComparer.OrdinalIgnoreCase);

        var expectedRefs = new SortedSet<string>(StringComparer.Ordinal);
        var expectedEdges = new SortedSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty entry in graph.EnumerateObject())
        {
            string purl = $"pkg:nuget/{entry.Name.Replace("/", "@", StringComparison.Ordinal)}";
            expectedRefs.Add(purl);
            JsonElement component = Assert.Contains(purl, components);
            Assert.Equal(versions[entry.Name.Split('/')[0]], component.GetProperty("version").GetString());
            if (entry.Value.GetProperty("type").GetString() == "package")
            {
                string hex = Convert.ToHexString(Convert.FromBase64String(libraries.GetProperty(entry.Name).GetProperty("sha512").GetString()!)).ToLowerInvariant();
                Assert.Equal(hex, Assert.Single(component.GetProperty("hashes").EnumerateArray()).GetProperty("content").GetString());
            }

            if (entry.Value.TryGetProperty("dependencies", out JsonElement deps))
            {
                foreach (JsonProperty d in deps.EnumerateObject())
                {
                    expectedEdges.Add($"{purl} -> pkg:nuget/{d.Name}@{versions[d.Name]}");
                }
            }
        }

        // Nothing extra: the graph plus the shared framework.
        JsonElement framework = Assert.Single(components.Values, c => c.GetProperty("type").GetString() == "framework");
        Assert.Equal("Microsoft.NETCore.App", framework.GetProperty("name").GetString());
        Assert.StartsWith(tfm == "net8.0" ? "8.0." : "10.0.", framework.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.Equal(expectedRefs, new SortedSet<string>(components.Keys.Where(k => k != framework.GetProperty("bom-ref").GetString()), StringComparer.Ordinal));

        string root = bom.GetProperty("metadata").GetProperty("component").GetProperty("bom-ref").GetString()!;
        Assert.Equal("pkg:nuget/app@1.4.2", root);
        var actualEdges = new SortedSet<string>(
            bom.GetProperty("dependencies").EnumerateArray()
                .Where(d => d.GetProperty("ref").GetString() != root)
                .SelectMany(d => d.GetProperty("dependsOn").EnumerateArray().Select(t => $"{d.GetProperty("ref").GetString()} -> {t.GetString()}")),
            StringComparer.Ordinal);
        Assert.Equal(expectedEdges, actualEdges);
        Assert.True(expectedEdges.Count >= 4, "Microsoft.Extensions.Logging brings a graph with edges");

        string[] direct = bom.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("ref").GetString() == root)
            .GetProperty("dependsOn").EnumerateArray().Select(t => t.GetString()!).ToArray();
        Assert.Equal(
            new[] { "pkg:nuget/Microsoft.CodeAnalysis.Analyzers@3.3.4", "pkg:nuget/Microsoft.Extensions.Logging@9.0.0", framework.GetProperty("bom-ref").GetString()!, "pkg:nuget/Ssdlc.Sdk@0.1.0", "pkg:nuget/lib@1.0.0" }.Order(StringComparer.Ordinal),
            direct);

        string Scope(string id) => components.Values.Single(c => c.GetProperty("name").GetString() == id).GetProperty("scope").GetString()!;
        Assert.Equal("required", Scope("Microsoft.Extensions.Logging"));
        Assert.Equal("required", Scope("Microsoft.Extensions.Options"));
        Assert.Equal("required", Scope("Newtonsoft.Json")); // through the project reference
        Assert.Equal("required", Scope("lib"));
        Assert.Equal("excluded", Scope("Microsoft.CodeAnalysis.Analyzers")); // PrivateAssets="all"
        Assert.Equal("excluded", Scope("Ssdlc.Sdk"));

        JsonElement newtonsoft = components["pkg:nuget/Newtonsoft.Json@13.0.4"];
        Assert.Equal("MIT", Assert.Single(newtonsoft.GetProperty("licenses").EnumerateArray()).GetProperty("expression").GetString());
        Assert.Equal("vcs", Assert.Single(newtonsoft.GetProperty("externalReferences").EnumerateArray()).GetProperty("type").GetString());

        JsonElement subject = bom.GetProperty("metadata").GetProperty("component");
        string sha512 = Convert.ToHexString(System.Security.Cryptography.SHA512.HashData(File.ReadAllBytes(assembly))).ToLowerInvariant();
        Assert.Contains(subject.GetProperty("hashes").EnumerateArray(), h => h.GetProperty("alg").GetString() == "SHA-512" && h.GetProperty("content").GetString() == sha512);
        Assert.Contains(subject.GetProperty("properties").EnumerateArray(), p => p.GetProperty("name").GetString() == "ssdlc:targetFramework" && p.GetProperty("value").GetString() == tfm);
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Build.Tasks.Sbom;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using Ssdlc.Tests;
using Ssdlc.Tests.Sbom;
using static Ssdlc.Build.Tasks.Tests.Items;

namespace Ssdlc.Build.Tasks.Tests.Sbom;

public sealed class GenerateSbomTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, byte[]> _hashes = [];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_package_and_project_of_the_graph_is_a_component_with_exact_version_hash_and_purl()
    {
        (JsonElement bom, _) = Generate(HandMadeAssets());

        Dictionary<string, JsonElement> components = Components(bom);
        Assert.Equal(
            new[]
            {
                "pkg:nuget/A@1.0.0", "pkg:nuget/B@2.0.0", "pkg:nuget/C@1.2.3-beta.1", "pkg:nuget/Dev@1.0.0", "pkg:nuget/DevDep@1.0.0",
                "pkg:nuget/Lib@1.0.0", "pkg:nuget/Microsoft.NETCore.App.Ref@8.0.11", "pkg:nuget/Shared@1.0.0", "pkg:nuget/Tool@3.0.0", "pkg:nuget/ToolDep@1.0.0",
            },
            components.Keys.Order(StringComparer.Ordinal));
        foreach ((string id, byte[] hash) in _hashes)
        {
            JsonElement c = components.Values.Single(c => c.GetProperty("name").GetString() == id);
            Assert.Equal(c.GetProperty("bom-ref").GetString(), c.GetProperty("purl").GetString());
            JsonElement h = Assert.Single(c.GetProperty("hashes").EnumerateArray());
            Assert.Equal("SHA-512", h.GetProperty("alg").GetString());
            Assert.Equal(Convert.ToHexString(hash).ToLowerInvariant(), h.GetProperty("content").GetString());
        }

        Assert.Equal("1.2.3-beta.1", components["pkg:nuget/C@1.2.3-beta.1"].GetProperty("version").GetString());
        JsonElement lib = components["pkg:nuget/Lib@1.0.0"];
        Assert.False(lib.TryGetProperty("hashes", out _));
        Assert.Contains(lib.GetProperty("properties").EnumerateArray(), p => p.GetProperty("name").GetString() == "ssdlc:reference" && p.GetProperty("value").GetString() == "project");
        JsonElement framework = components["pkg:nuget/Microsoft.NETCore.App.Ref@8.0.11"];
        Assert.Equal("framework", framework.GetProperty("type").GetString());
        Assert.Equal("Microsoft.NETCore.App", framework.GetProperty("name").GetString());
    }

    [Fact]
    public void Every_edge_of_the_graph_is_a_dependency_and_the_project_depends_on_its_direct_references()
    {
        (JsonElement bom, _) = Generate(HandMadeAssets());

        Dictionary<string, string[]> deps = bom.GetProperty("dependencies").EnumerateArray().ToDictionary(
            d => d.GetProperty("ref").GetString()!,
            d => d.GetProperty("dependsOn").EnumerateArray().Select(x => x.GetString()!).ToArray());
        Assert.Equal(["pkg:nuget/B@2.0.0", "pkg:nuget/Shared@1.0.0"], deps["pkg:nuget/A@1.0.0"]);
        Assert.Equal(["pkg:nuget/Shared@1.0.0", "pkg:nuget/ToolDep@1.0.0"], deps["pkg:nuget/Tool@3.0.0"]);
        Assert.Equal(["pkg:nuget/DevDep@1.0.0"], deps["pkg:nuget/Dev@1.0.0"]);
        Assert.Equal(["pkg:nuget/C@1.2.3-beta.1"], deps["pkg:nuget/Lib@1.0.0"]);
        Assert.Empty(deps["pkg:nuget/B@2.0.0"]);
        Assert.Equal(
            ["pkg:nuget/A@1.0.0", "pkg:nuget/Dev@1.0.0", "pkg:nuget/Lib@1.0.0", "pkg:nuget/Microsoft.NETCore.App.Ref@8.0.11", "pkg:nuget/Tool@3.0.0"],
            deps["pkg:nuget/App@2.1.0"]);
        // One entry per component plus the project, nothing else.
        Assert.Equal(Components(bom).Count + 1, deps.Count);
        Assert.Equal("pkg:nuget/App@2.1.0", bom.GetProperty("metadata").GetProperty("component").GetProperty("bom-ref").GetString());
    }

    [Fact]
    public void Build_only_references_and_what_only_they_bring_are_excluded()
    {
        (JsonElement bom, _) = Generate(HandMadeAssets());

        Dictionary<string, string> scopes = Components(bom).Values.ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("scope").GetString()!);
        Assert.Equal("required", scopes["A"]);
        Assert.Equal("required", scopes["B"]);
        Assert.Equal("required", scopes["Lib"]);
        Assert.Equal("required", scopes["C"]);
        Assert.Equal("required", scopes["Shared"]); // reachable from A as well as from the PrivateAssets="all" Tool
        Assert.Equal("required", scopes["Microsoft.NETCore.App"]);
        Assert.Equal("excluded", scopes["Tool"]); // PrivateAssets="all"
        Assert.Equal("excluded", scopes["ToolDep"]);
        Assert.Equal("excluded", scopes["Dev"]); // developmentDependency in its nuspec
        Assert.Equal("excluded", scopes["DevDep"]);
    }

    [Fact]
    public void Licenses_authors_description_and_repository_come_from_the_nuspec()
    {
        (JsonElement bom, _) = Generate(HandMadeAssets());
        Dictionary<string, JsonElement> c = Components(bom).Values.ToDictionary(c => c.GetProperty("name").GetString()!);

        JsonElement a = c["A"];
        Assert.Equal("MIT OR Apache-2.0", Assert.Single(a.GetProperty("licenses").EnumerateArray()).GetProperty("expression").GetString());
        Assert.Equal("Ann Author, Bob", a.GetProperty("author").GetString());
        Assert.Equal("The A library.", a.GetProperty("description").GetString());
        JsonElement vcs = Assert.Single(a.GetProperty("externalReferences").EnumerateArray());
        Assert.Equal(("vcs", "https://example.com/a.git"), (vcs.GetProperty("type").GetString(), vcs.GetProperty("url").GetString()));

        JsonElement bLicense = Assert.Single(c["B"].GetProperty("licenses").EnumerateArray()).GetProperty("license");
        Assert.Equal("https://example.com/b-license", bLicense.GetProperty("url").GetString());

        JsonElement toolLicense = Assert.Single(c["Tool"].GetProperty("licenses").EnumerateArray()).GetProperty("license");
        Assert.Contains("LICENSE.txt", toolLicense.GetProperty("name").GetString(), StringComparison.Ordinal);

        Assert.False(c["Shared"].TryGetProperty("licenses", out _)); // no nuspec in the packages folder
    }

    [Fact]
    public void The_project_is_the_metadata_component_with_the_assembly_hash_and_target_framework()
    {
        byte[] assembly = [1, 2, 3, 4, 5];
        string assemblyFile = _dir.File("bin/App.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(assemblyFile)!);
        File.WriteAllBytes(assemblyFile, assembly);

        (JsonElement bom, _) = Generate(HandMadeAssets(), t => t.AssemblyFile = assemblyFile);

        JsonElement metadata = bom.GetProperty("metadata");
        JsonElement subject = metadata.GetProperty("component");
        Assert.Equal("application", subject.GetProperty("type").GetString());
        Assert.Equal("App", subject.GetProperty("name").GetString());
        Assert.Equal("2.1.0", subject.GetProperty("version").GetString());
        Assert.Contains(subject.GetProperty("hashes").EnumerateArray(), h => h.GetProperty("alg").GetString() == "SHA-256" && h.GetProperty("content").GetString() == Convert.ToHexString(SHA256.HashData(assembly)).ToLowerInvariant());
        Assert.Contains(subject.GetProperty("properties").EnumerateArray(), p => p.GetProperty("name").GetString() == "ssdlc:targetFramework" && p.GetProperty("value").GetString() == "net8.0");
        Assert.Equal("build", Assert.Single(metadata.GetProperty("lifecycles").EnumerateArray()).GetProperty("phase").GetString());
        Assert.Equal("Ssdlc.Sdk", Assert.Single(metadata.GetProperty("tools").GetProperty("components").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("1.6", bom.GetProperty("specVersion").GetString());
    }

    [Fact]
    public void Output_is_byte_identical_for_the_same_inputs_and_has_no_timestamp_without_SOURCE_DATE_EPOCH()
    {
        string assets = HandMadeAssets();
        (JsonElement first, string firstFile) = Generate(assets);
        (_, string secondFile) = Generate(assets);

        Assert.Equal(File.ReadAllBytes(firstFile), File.ReadAllBytes(secondFile));
        Assert.False(first.GetProperty("metadata").TryGetProperty("timestamp", out _));
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", first.GetProperty("serialNumber").GetString());
        Assert.DoesNotContain("\r", File.ReadAllText(firstFile), StringComparison.Ordinal);
    }

    [Fact]
    public void SOURCE_DATE_EPOCH_sets_the_timestamp_and_a_different_content_a_different_serial_number()
    {
        string assets = HandMadeAssets();
        (JsonElement plain, _) = Generate(assets);
        (JsonElement dated, string datedFile) = Generate(assets, t => t.SourceDateEpoch = "1700000000");
        (_, string datedAgain) = Generate(assets, t => t.SourceDateEpoch = "1700000000");

        Assert.Equal("2023-11-14T22:13:20Z", dated.GetProperty("metadata").GetProperty("timestamp").GetString());
        Assert.NotEqual(plain.GetProperty("serialNumber").GetString(), dated.GetProperty("serialNumber").GetString());
        Assert.Equal(File.ReadAllBytes(datedFile), File.ReadAllBytes(datedAgain));
    }

    [Fact]
    public void Hand_made_and_real_SBOMs_are_valid_CycloneDX_1_6()
    {
        (_, string handMade) = Generate(HandMadeAssets(), t => t.SourceDateEpoch = "1700000000");
        (_, string real) = Generate(RealAssetsFile(), t => t.TargetFramework = "net10.0");

        string output = SbomSchemaValidator.AssertValid(handMade, real);

        Assert.Contains("OK " + handMade, output, StringComparison.Ordinal);
        Assert.Contains("OK " + real, output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_restore_result_is_listed_completely_with_every_edge()
    {
        string assetsFile = RealAssetsFile();
        (JsonElement bom, _) = Generate(assetsFile, t => t.TargetFramework = "net10.0");

        using JsonDocument assets = JsonDocument.Parse(File.ReadAllBytes(assetsFile));
        JsonElement graph = assets.RootElement.GetProperty("targets").GetProperty("net10.0");
        JsonElement libraries = assets.RootElement.GetProperty("libraries");
        Dictionary<string, JsonElement> components = Components(bom);
        var versions = graph.EnumerateObject().ToDictionary(p => p.Name.Split('/')[0], p => p.Name.Split('/')[1], StringComparer.OrdinalIgnoreCase);
        Assert.True(versions.Count > 20, "the test project's graph should be large");
        var expectedEdges = new HashSet<string>();
        foreach (JsonProperty entry in graph.EnumerateObject())
        {
            string purl = SbomBuilder.Purl(entry.Name.Split('/')[0], entry.Name.Split('/')[1]);
            JsonElement c = Assert.Contains(purl, components);
            if (entry.Value.GetProperty("type").GetString() == "package")
            {
                string hex = Convert.ToHexString(Convert.FromBase64String(libraries.GetProperty(entry.Name).GetProperty("sha512").GetString()!)).ToLowerInvariant();
                Assert.Equal(hex, Assert.Single(c.GetProperty("hashes").EnumerateArray()).GetProperty("content").GetString());
            }

            if (entry.Value.TryGetProperty("dependencies", out JsonElement deps))
            {
                foreach (JsonProperty d in deps.EnumerateObject())
                {
                    expectedEdges.Add(purl + " -> " + SbomBuilder.Purl(d.Name, versions[d.Name]));
                }
            }
        }

        Assert.Equal(graph.EnumerateObject().Count(), components.Values.Count(c => c.GetProperty("type").GetString() != "framework"));
        var actualEdges = bom.GetProperty("dependencies").EnumerateArray()
            .Where(d => d.GetProperty("ref").GetString() != bom.GetProperty("metadata").GetProperty("component").GetProperty("bom-ref").GetString())
            .SelectMany(d => d.GetProperty("dependsOn").EnumerateArray().Select(t => d.GetProperty("ref").GetString() + " -> " + t.GetString()))
            .ToHashSet();
        Assert.Equal(expectedEdges.Order(), actualEdges.Order());
        Assert.Contains(components.Values, c => c.GetProperty("name").GetString() == "xunit.core" && c.TryGetProperty("licenses", out _));
    }

    [Fact]
    public void A_runtime_specific_build_uses_the_runtime_graph_and_a_self_contained_one_the_runtime_pack()
    {
        string assets = _dir.Write("obj/project.assets.json", $$"""
            {
              "version": 3,
              "targets": {
                "net8.0": { "A/1.0.0": { "type": "package" } },
                "net8.0/linux-x64": {
                  "A/1.0.0": { "type": "package", "dependencies": { "runtime.native.A": "1.0.0" } },
                  "runtime.native.A/1.0.0": { "type": "package" }
                }
              },
              "libraries": {
                "A/1.0.0": { "sha512": "{{Hash("A")}}", "type": "package", "path": "a/1.0.0" },
                "runtime.native.A/1.0.0": { "sha512": "{{Hash("runtime.native.A")}}", "type": "package", "path": "runtime.native.a/1.0.0" }
              },
              "projectFileDependencyGroups": { "net8.0": [ "A >= 1.0.0" ] },
              "project": { "frameworks": { "net8.0": { "dependencies": { "A": { "target": "Package", "version": "[1.0.0, )" } } } } }
            }
            """);

        (JsonElement bom, _) = Generate(assets, t =>
        {
            t.RuntimeIdentifier = "linux-x64";
            t.FrameworkReferences =
            [
                Item("Microsoft.NETCore.App", ("TargetingPackName", "Microsoft.NETCore.App.Ref"), ("TargetingPackVersion", "8.0.11"), ("RuntimePackName", "Microsoft.NETCore.App.Runtime.linux-x64"), ("RuntimePackVersion", "8.0.12")),
            ];
        });

        Dictionary<string, JsonElement> components = Components(bom);
        Assert.Equal(
            ["pkg:nuget/A@1.0.0", "pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@8.0.12", "pkg:nuget/runtime.native.A@1.0.0"],
            components.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("required", components["pkg:nuget/runtime.native.A@1.0.0"].GetProperty("scope").GetString());
        Assert.Contains(bom.GetProperty("metadata").GetProperty("component").GetProperty("properties").EnumerateArray(), p => p.GetProperty("value").GetString() == "linux-x64");
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("""{ "targets": { "net8.0": { "A": {} } }, "libraries": {} }""")]
    [InlineData("""{ "targets": { "net6.0": {} }, "libraries": {} }""")]
    [InlineData("""{ "libraries": {} }""")]
    public void A_malformed_restore_result_is_an_SSDLC2507_finding_and_no_SBOM(string content)
    {
        string assets = _dir.Write("obj/project.assets.json", content);
        string sbom = _dir.File("bin/App.cdx.json");
        File.WriteAllText(_dir.Write("bin/App.cdx.json", "stale"), "stale");

        Finding finding = Assert.Single(Run(Task(assets, sbom)));

        Assert.Equal(RuleIds.SbomNotGenerated, finding.RuleId);
        Assert.Equal(Criticality.High, finding.Criticality);
        Assert.Contains("could not be generated", finding.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(sbom));
    }

    [Fact]
    public void A_missing_restore_result_is_an_SSDLC2507_finding()
    {
        Finding finding = Assert.Single(Run(Task(_dir.File("obj/none.json"), _dir.File("bin/App.cdx.json"))));

        Assert.Equal(RuleIds.SbomNotGenerated, finding.RuleId);
        Assert.Contains("does not exist", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("High", true)]
    [InlineData("VeryHigh", true)]
    [InlineData("Standard", false)]
    public void Switching_the_SBOM_off_is_a_High_finding_at_High_and_above(string riskClass, bool reported)
    {
        GenerateSbom task = Task(HandMadeAssets(), _dir.File("bin/App.cdx.json"));
        task.Enabled = false;
        task.RiskClass = riskClass;

        List<Finding> findings = Run(task);

        Assert.False(File.Exists(_dir.File("bin/App.cdx.json")));
        if (reported)
        {
            Finding finding = Assert.Single(findings);
            Assert.Equal((RuleIds.SbomNotGenerated, Criticality.High, "SsdlcSbom"), (finding.RuleId, finding.Criticality, finding.Subject));
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Fact]
    public void An_invalid_SOURCE_DATE_EPOCH_is_reported_and_the_SBOM_is_still_written_without_a_timestamp()
    {
        GenerateSbom task = Task(HandMadeAssets(), _dir.File("bin/App.cdx.json"));
        task.SourceDateEpoch = "yesterday";

        Finding finding = Assert.Single(Run(task));

        Assert.Equal(RuleIds.InvalidConfiguration, finding.RuleId);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(_dir.File("bin/App.cdx.json")));
        Assert.False(doc.RootElement.GetProperty("metadata").TryGetProperty("timestamp", out _));
    }

    private (JsonElement Bom, string File) Generate(string assetsFile, Action<GenerateSbom>? configure = null)
    {
        string sbom = _dir.File($"bin/{Guid.NewGuid():N}/App.cdx.json");
        GenerateSbom task = Task(assetsFile, sbom);
        configure?.Invoke(task);
        List<Finding> findings = Run(task);
        Assert.DoesNotContain(findings, f => f.RuleId == RuleIds.SbomNotGenerated);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(sbom));
        return (doc.RootElement.Clone(), sbom);
    }

    private GenerateSbom Task(string assetsFile, string sbomFile) => new()
    {
        ProjectFile = _dir.File("App.csproj"),
        SbomFile = sbomFile,
        ProjectAssetsFile = assetsFile,
        TargetFramework = "net8.0",
        TargetFrameworkMoniker = ".NETCoreApp,Version=v8.0",
        ComponentName = "App",
        Version = "2.1.0",
        OutputType = "Exe",
        FrameworkReferences = [Item("Microsoft.NETCore.App", ("TargetingPackName", "Microsoft.NETCore.App.Ref"), ("TargetingPackVersion", "8.0.11"))],
    };

    private List<Finding> Run(GenerateSbom task)
    {
        var engine = new FakeBuildEngine();
        task.BuildEngine = engine;
        task.FindingsFile = _dir.File("findings-" + Guid.NewGuid().ToString("N") + ".json");
        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
        return FindingsFile.Read(task.FindingsFile);
    }

    private static Dictionary<string, JsonElement> Components(JsonElement bom)
        => bom.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("bom-ref").GetString()!, StringComparer.Ordinal);

    /// <summary>This test project's own restore result (net10.0, xunit and MSBuild packages, project references).</summary>
    private static string RealAssetsFile()
    {
        string file = Path.Combine(RepoPaths.Root, "tests", "Ssdlc.Build.Tasks.Tests", "obj", "project.assets.json");
        Assert.True(File.Exists(file), "restore writes " + file);
        return file;
    }

    /// <summary>
    /// App -> A -> B, A -> Shared; App -> Tool (PrivateAssets=all) -> ToolDep, Tool -> Shared; App -> Dev (developmentDependency)
    /// -> DevDep; App -> Lib (project) -> C.
    /// </summary>
    private string HandMadeAssets()
    {
        string packages = _dir.File("packages") + "/";
        Nuspec(packages, "A", "1.0.0", """
            <authors>Ann Author, Bob</authors><description>The A library.</description>
            <license type="expression">MIT OR Apache-2.0</license><licenseUrl>https://licenses.example.test/MIT%20OR%20Apache-2.0</licenseUrl>
            <repository type="git" url="https://example.com/a.git" />
            """);
        Nuspec(packages, "B", "2.0.0", "<authors>B</authors><licenseUrl>https://example.com/b-license</licenseUrl><repository url=\"not a url\" />");
        Nuspec(packages, "Tool", "3.0.0", "<authors>T</authors><license type=\"file\">LICENSE.txt</license>");
        Nuspec(packages, "Dev", "1.0.0", "<authors>D</authors><developmentDependency>true</developmentDependency>");

        string Lib(string id, string version) => $$"""
            "{{id}}/{{version}}": { "sha512": "{{Hash(id)}}", "type": "package", "path": "{{id.ToLowerInvariant()}}/{{version}}", "files": [] }
            """;
        return _dir.Write("obj/project.assets.json", $$"""
            {
              "version": 3,
              "targets": {
                "net8.0": {
                  "A/1.0.0": { "type": "package", "dependencies": { "B": "2.0.0", "Shared": "[1.0.0, )" } },
                  "B/2.0.0": { "type": "package" },
                  "C/1.2.3-beta.1": { "type": "package" },
                  "Dev/1.0.0": { "type": "package", "dependencies": { "DevDep": "1.0.0" } },
                  "DevDep/1.0.0": { "type": "package" },
                  "Shared/1.0.0": { "type": "package" },
                  "Tool/3.0.0": { "type": "package", "dependencies": { "ToolDep": "1.0.0", "Shared": "1.0.0" } },
                  "ToolDep/1.0.0": { "type": "package" },
                  "Lib/1.0.0": { "type": "project", "framework": ".NETCoreApp,Version=v8.0", "dependencies": { "C": "1.2.3-beta.1" } }
                }
              },
              "libraries": {
                {{Lib("A", "1.0.0")}}, {{Lib("B", "2.0.0")}}, {{Lib("C", "1.2.3-beta.1")}}, {{Lib("Dev", "1.0.0")}}, {{Lib("DevDep", "1.0.0")}},
                {{Lib("Shared", "1.0.0")}}, {{Lib("Tool", "3.0.0")}}, {{Lib("ToolDep", "1.0.0")}},
                "Lib/1.0.0": { "type": "project", "path": "../Lib/Lib.csproj", "msbuildProject": "../Lib/Lib.csproj" }
              },
              "projectFileDependencyGroups": { "net8.0": [ "A >= 1.0.0", "Dev >= 1.0.0", "Lib >= 1.0.0", "Tool >= 3.0.0" ] },
              "packageFolders": { "{{packages.Replace("\\", "\\\\")}}": {} },
              "project": {
                "version": "2.1.0",
                "frameworks": {
                  "net8.0": {
                    "targetAlias": "net8.0",
                    "dependencies": {
                      "A": { "target": "Package", "version": "[1.0.0, )" },
                      "Dev": { "target": "Package", "version": "[1.0.0, )" },
                      "Tool": { "suppressParent": "All", "target": "Package", "version": "[3.0.0, )" }
                    },
                    "frameworkReferences": { "Microsoft.NETCore.App": { "privateAssets": "all" } }
                  }
                }
              }
            }
            """);
    }

    private string Hash(string id)
    {
        byte[] hash = SHA512.HashData(System.Text.Encoding.UTF8.GetBytes("package " + id));
        _hashes[id] = hash;
        return Convert.ToBase64String(hash);
    }

    private static void Nuspec(string packages, string id, string version, string metadata)
    {
        string dir = Path.Combine(packages, id.ToLowerInvariant(), version);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, id.ToLowerInvariant() + ".nuspec"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{id}</id><version>{version}</version>{metadata}</metadata>
            </package>
            """);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ssdlc.Build.Tasks.FrontEnd;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Build.Tasks.Sbom;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using Ssdlc.Tests.Sbom;
using static Ssdlc.Build.Tasks.Tests.Items;

namespace Ssdlc.Build.Tasks.Tests.FrontEnd;

/// <summary>A.2.6 for npm and LibMan: SSDLC2606, SSDLC2601 and SSDLC2602 at exact lines, look-alikes that stay silent, and the SBOM.</summary>
public sealed class FrontEndDependencyCheckTests : IDisposable
{
    private const string Registry = "https://npm.example.test/registry";

    private readonly TempDirectory _dir = new();

    public FrontEndDependencyCheckTests() => Directory.CreateDirectory(_dir.File("app/.git"));

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("^4.17.21", "a caret range")]
    [InlineData("~4.17.21", "a tilde range")]
    [InlineData("*", "any version")]
    [InlineData("", "any version")]
    [InlineData("latest", "the dist-tag 'latest'")]
    [InlineData(">=4.0.0 <5", "a version range")]
    [InlineData("4.x", "a version range")]
    [InlineData("git+https://git.example.test/team/lib.git#main", "a git source")]
    [InlineData("github:team/lib", "a git source")]
    [InlineData("team/lib#v1", "a git source")]
    [InlineData("https://files.example.test/lib-1.0.0.tgz", "a tarball URL")]
    [InlineData("npm:lodash@^4.17.0", "a caret range")]
    [InlineData("4.17.21", null)]
    [InlineData("=4.17.21", null)]
    [InlineData("1.0.0-beta.2+build.5", null)]
    [InlineData("file:../shared", null)]
    [InlineData("workspace:*", null)]
    [InlineData("npm:lodash@4.17.21", null)]
    public void Specifications_are_classified(string specification, string? expected)
    {
        string? why = FrontEndDependencyCheck.Floating(specification);

        if (expected == null)
        {
            Assert.Null(why);
        }
        else
        {
            Assert.NotNull(why);
            Assert.StartsWith(expected, why, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Floating_versions_are_reported_at_their_package_json_line_with_what_the_lock_file_resolved()
    {
        string manifest = _dir.Write("app/package.json", """
            {
              "name": "shop-ui",
              "dependencies": {
                "lodash": "^4.17.0",
                "left-pad": "1.3.0",
                "shared": "file:../shared"
              },
              "devDependencies": {
                "vite": "latest"
              },
              "peerDependencies": { "react": "^18.0.0" }
            }
            """);
        WriteLock("app", ("lodash", "4.17.21", false), ("left-pad", "1.3.0", false), ("vite", "5.4.0", true));

        List<Finding> findings = Run(Task(manifest));

        Assert.Equal([("lodash", 4, Criticality.Medium), ("vite", 9, Criticality.Medium)], findings.Select(f => (f.Subject!, f.Line, f.Criticality)).ToArray());
        Assert.All(findings, f => Assert.Equal((RuleIds.UnpinnedDependency, manifest), (f.RuleId, f.File)));
        Assert.Contains("the lock file has 4.17.21", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("\"lodash\": \"4.17.21\"", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("devDependencies 'vite'", findings[1].Message, StringComparison.Ordinal);

        List<Finding> high = Run(Task(manifest), "High");
        Assert.All(high, f => Assert.Equal(Criticality.High, f.Criticality));
    }

    [Fact]
    public void A_missing_lock_file_is_High_at_High_and_above_only()
    {
        string manifest = _dir.Write("app/package.json", """{ "dependencies": { "left-pad": "1.3.0" } }""");

        Finding finding = Assert.Single(Run(Task(manifest), "High"));
        Assert.Equal((RuleIds.UnpinnedDependency, Criticality.High, "package-lock.json"), (finding.RuleId, finding.Criticality, finding.Subject));
        Assert.Contains("no lock file", finding.Message, StringComparison.Ordinal);
        Assert.Empty(Run(Task(manifest), "Standard"));

        // A lock file at the workspace root (npm workspaces) counts; so does a yarn.lock.
        string workspace = _dir.Write("app/packages/ui/package.json", """{ "dependencies": { "left-pad": "1.3.0" } }""");
        _dir.Write("app/yarn.lock", "# yarn lockfile v1\n\nleft-pad@1.3.0:\n  version \"1.3.0\"\n  resolved \"" + Registry + "/left-pad/-/left-pad-1.3.0.tgz\"\n  integrity sha512-AAAA\n");
        Assert.Empty(Run(Task(workspace), "High"));
        // A project without dependencies needs none.
        Assert.Empty(Run(Task(_dir.Write("tools/package.json", """{ "name": "scripts", "scripts": { "build": "vite build" } }""")), "High"));
    }

    [Fact]
    public void Registries_from_npmrc_and_the_lock_file_must_be_approved_and_encrypted()
    {
        string npmrc = _dir.Write("app/.npmrc", $"""
            ; company registry
            registry={Registry}/
            @internal:registry=http://legacy.example.test/npm/
            save-exact=true
            """);
        string manifest = _dir.Write("app/package.json", """{ "dependencies": { "left-pad": "1.3.0", "@internal/ui": "2.0.0" } }""");
        string lockFile = WriteLock("app", ("left-pad", "1.3.0", false), ("@internal/ui", "2.0.0", false));

        List<Finding> findings = Run(Task(manifest, approvedFeeds: [Registry]));

        Assert.Equal(
            [(Criticality.Critical, npmrc, 3), (Criticality.High, npmrc, 3), (Criticality.High, lockFile, 0)],
            findings.Select(f => (f.Criticality, f.File!, f.Line)).ToArray());
        Assert.All(findings, f => Assert.Equal(RuleIds.UnapprovedFeed, f.RuleId));
        Assert.Contains("plain HTTP", findings[0].Message, StringComparison.Ordinal);
        Assert.Equal("https://other.example.test", findings[2].Subject);
        Assert.Contains("e.g. @internal/ui 2.0.0", findings[2].Message, StringComparison.Ordinal);

        // Without an approved list only the plain-HTTP registry is reported.
        Assert.Equal([Criticality.Critical], Run(Task(manifest)).Select(f => f.Criticality));
    }

    [Fact]
    public void Approved_and_denied_package_lists_apply_to_the_locked_graph()
    {
        string manifest = _dir.Write("app/package.json", """{ "dependencies": { "left-pad": "1.3.0", "event-stream": "3.3.6" } }""");
        WriteLock("app", ("left-pad", "1.3.0", false), ("event-stream", "3.3.6", false), ("flatmap-stream", "0.1.1", false));

        FrontEndDependencyCheck task = Task(manifest);
        task.DeniedPackages = [Item("flatmap-stream", ("Reason", "compromised release"))];
        task.ApprovedPackages = [Item("left-pad"), Item("event-stream", ("Version", "[3.3.4,3.3.6)")), Item("Newtonsoft.Json", ("Ecosystem", "nuget"))];
        List<Finding> findings = Run(task);

        Assert.Equal(["event-stream", "flatmap-stream"], findings.Select(f => f.Subject!).ToArray());
        Assert.All(findings, f => Assert.Equal(RuleIds.UnapprovedPackage, f.RuleId));
        Assert.Contains("not on the approved list", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("denied list (compromised release)", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LibMan_libraries_need_exact_versions_and_approved_providers()
    {
        string libman = _dir.Write("app/libman.json", """
            {
              "version": "1.0",
              "defaultProvider": "cdnjs",
              "libraries": [
                { "library": "jquery@3.7.1", "destination": "wwwroot/lib/jquery/" },
                { "library": "bootstrap@latest", "destination": "wwwroot/lib/bootstrap/" },
                { "provider": "unpkg", "library": "htmx.org", "destination": "wwwroot/lib/htmx/" },
                { "provider": "filesystem", "library": "../shared/site.css", "destination": "wwwroot/css/" }
              ]
            }
            """);

        List<Finding> findings = Run(new FrontEndDependencyCheck { LibmanFiles = [Item(libman)], ApprovedFeeds = [Item("cdnjs")] });

        Assert.Equal(
            [(RuleIds.UnpinnedDependency, 6, "bootstrap"), (RuleIds.UnpinnedDependency, 7, "htmx.org"), (RuleIds.UnapprovedFeed, 7, "unpkg")],
            findings.Select(f => (f.RuleId, f.Line, f.Subject!)).ToArray());
        Assert.Contains("the dist-tag 'latest'", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("no version", findings[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("package.json", "{ \"dependencies\": { \"a\": \"1.0.0\", }", 1)]
    [InlineData("package.json", "{\n  \"dependencies\": {\n    \"a\": 1.0.0\n  }\n}", 3)]
    [InlineData("libman.json", "[ \"not an object\" ]", 1)]
    public void Broken_files_are_SSDLC0002_warnings_at_their_line(string name, string content, int line)
    {
        string file = _dir.Write("app/" + name, content);
        var task = name == "package.json" ? Task(file) : new FrontEndDependencyCheck { LibmanFiles = [Item(file)] };

        Finding finding = Assert.Single(Run(task));

        Assert.Equal((RuleIds.InvalidConfiguration, Criticality.Low, file, line), (finding.RuleId, finding.Criticality, finding.File, finding.Line));
    }

    [Fact]
    public void The_SBOM_lists_the_locked_packages_with_npm_purls_integrity_hashes_scopes_and_edges()
    {
        string manifest = _dir.Write("app/package.json", """{ "dependencies": { "@scope/ui": "2.0.0" }, "devDependencies": { "vite": "5.4.0" } }""");
        WriteLock("app", ("@scope/ui", "2.0.0", false), ("left-pad", "1.3.0", false), ("vite", "5.4.0", true));
        string libman = _dir.Write("app/libman.json", """{ "libraries": [ { "provider": "unpkg", "library": "htmx.org@2.0.4" }, { "library": "jquery@3.7.1" } ] }""");
        string assets = _dir.Write("app/obj/project.assets.json", """
            { "version": 3, "targets": { "net10.0": {} }, "libraries": {}, "project": { "frameworks": { "net10.0": { "targetAlias": "net10.0" } } } }
            """);
        string sbom = _dir.File("app/bin/App.cdx.json");
        var task = new GenerateSbom
        {
            ProjectFile = _dir.File("app/App.csproj"), ProjectDirectory = _dir.File("app"), SbomFile = sbom, ProjectAssetsFile = assets,
            TargetFramework = "net10.0", ComponentName = "App", Version = "1.0.0", FrontEndFiles = [Item(manifest), Item(libman)],
            BuildEngine = new FakeBuildEngine(), FindingsFile = _dir.File("sbom.findings.json"),
        };
        Assert.True(task.Execute());
        Assert.Empty(FindingsFile.Read(task.FindingsFile));

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(sbom));
        Dictionary<string, JsonElement> components = doc.RootElement.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("bom-ref").GetString()!);
        JsonElement ui = components["pkg:npm/%40scope/ui@2.0.0"];
        Assert.Equal(("required", "SHA-512", Convert.ToHexString(Integrity("@scope/ui")).ToLowerInvariant()), (ui.GetProperty("scope").GetString(), ui.GetProperty("hashes")[0].GetProperty("alg").GetString(), ui.GetProperty("hashes")[0].GetProperty("content").GetString()));
        Assert.Equal("excluded", components["pkg:npm/vite@5.4.0"].GetProperty("scope").GetString());
        Assert.True(components.ContainsKey("pkg:npm/htmx.org@2.0.4"));
        Assert.True(components.ContainsKey("pkg:generic/jquery@3.7.1"));
        Dictionary<string, string[]> deps = doc.RootElement.GetProperty("dependencies").EnumerateArray()
            .ToDictionary(d => d.GetProperty("ref").GetString()!, d => d.GetProperty("dependsOn").EnumerateArray().Select(x => x.GetString()!).ToArray());
        Assert.Equal(["pkg:npm/left-pad@1.3.0"], deps["pkg:npm/%40scope/ui@2.0.0"]);
        Assert.Contains("pkg:npm/%40scope/ui@2.0.0", deps["pkg:nuget/App@1.0.0"]);
        Assert.Contains("pkg:npm/vite@5.4.0", deps["pkg:nuget/App@1.0.0"]);
        Assert.DoesNotContain("pkg:npm/left-pad@1.3.0", deps["pkg:nuget/App@1.0.0"]);
        SbomSchemaValidator.AssertValid(sbom);
    }

    /// <summary>A package-lock.json v3 in the folder; the first package depends on the second; returns its path.</summary>
    private string WriteLock(string folder, params (string Name, string Version, bool Dev)[] packages)
    {
        var entries = new List<string> { $$"""
            "": { "name": "app", "dependencies": { {{string.Join(", ", packages.Where(p => !p.Dev && p.Name != "left-pad" && p.Name != "flatmap-stream" || packages.Length == 2 && !p.Dev).Select(p => $"\"{p.Name}\": \"{p.Version}\""))}} }, "devDependencies": { {{string.Join(", ", packages.Where(p => p.Dev).Select(p => $"\"{p.Name}\": \"{p.Version}\""))}} } }
            """ };
        for (int i = 0; i < packages.Length; i++)
        {
            (string name, string version, bool dev) = packages[i];
            string host = name.StartsWith("@internal", StringComparison.Ordinal) ? "https://other.example.test/npm" : Registry;
            string deps = i == 0 && packages.Length > 1 && !packages[1].Dev ? $", \"dependencies\": {{ \"{packages[1].Name}\": \"^{packages[1].Version}\" }}" : string.Empty;
            entries.Add($$"""
                "node_modules/{{name}}": { "version": "{{version}}", "resolved": "{{host}}/{{name}}/-/{{name.Split('/').Last()}}-{{version}}.tgz", "integrity": "sha512-{{Convert.ToBase64String(Integrity(name))}}"{{(dev ? ", \"dev\": true" : string.Empty)}}{{deps}} }
                """);
        }

        return _dir.Write(folder + "/package-lock.json", "{ \"name\": \"app\", \"lockfileVersion\": 3, \"packages\": {\n" + string.Join(",\n", entries) + "\n} }");
    }

    private static byte[] Integrity(string name) => SHA512.HashData(Encoding.UTF8.GetBytes("npm " + name));

    private FrontEndDependencyCheck Task(string manifest, string[]? approvedFeeds = null) => new()
    {
        PackageJsonFiles = [Item(manifest)],
        ProjectDirectory = _dir.File("app"),
        ApprovedFeeds = (approvedFeeds ?? []).Select(f => Item(f)).ToArray(),
    };

    private List<Finding> Run(FrontEndDependencyCheck task, string riskClass = "Standard")
    {
        task.BuildEngine = new FakeBuildEngine();
        task.FindingsFile = _dir.File($"findings-{Guid.NewGuid():N}.json");
        task.RiskClass = riskClass;
        Assert.True(task.Execute());
        List<Finding> findings = FindingsFile.Read(task.FindingsFile);
        Assert.DoesNotContain(findings, f => f.Message.Contains("could not complete", StringComparison.Ordinal));
        return findings;
    }
}

using Ssdlc.Build.Tasks.Dependencies;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using static Ssdlc.Build.Tasks.Tests.Items;

namespace Ssdlc.Build.Tasks.Tests.Dependencies;

/// <summary>Feeds, approved and denied packages, vulnerabilities and end of support, on hand-made restore results.</summary>
public sealed class DependencyRulesTests : IDisposable
{
    private const string Https = "https://packages.example.test/v3/index.json";
    private const string Http = "http://mirror.example.test/nuget";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_plain_HTTP_source_is_critical_and_points_at_its_nuget_config_line()
    {
        string config = _dir.Write("nuget.config", $"""
            <configuration>
              <packageSources>
                <add key="secure" value="{Https}" />
                <add key="mirror" value="{Http}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="secure"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        string assets = new AssetsBuilder().Source(Https).Source(Http).Config(config).WriteTo(_dir);

        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { ProjectAssetsFile = assets }, RuleIds.UnapprovedFeed));

        Assert.Equal(Criticality.Critical, finding.Criticality);
        Assert.Equal((config, 4), (finding.File, finding.Line));
        Assert.Equal("mirror", finding.Subject);
        Assert.Contains("plain HTTP", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_sources_without_mapping_are_a_dependency_confusion_risk()
    {
        string config = _dir.Write("nuget.config", $"""
            <configuration>
              <packageSources>
                <add key="a" value="{Https}" />
                <add key="local" value="./feed" />
              </packageSources>
            </configuration>
            """);
        string assets = new AssetsBuilder().Source(Https).Source(Path.Combine(_dir.Path, "feed")).Config(config).WriteTo(_dir);

        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { ProjectAssetsFile = assets }, RuleIds.UnapprovedFeed));

        Assert.Contains("without package source mapping", finding.Message, StringComparison.Ordinal);
        Assert.Equal(Criticality.High, finding.Criticality);
    }

    [Fact]
    public void Sources_off_the_approved_list_are_reported_and_local_folders_are_named_as_such()
    {
        string config = _dir.Write("nuget.config", $"""
            <configuration>
              <packageSources>
                <add key="corp" value="{Https}" />
                <add key="local" value="./feed" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="corp"><package pattern="*" /></packageSource>
                <packageSource key="local"><package pattern="Ssdlc.*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        string assets = new AssetsBuilder().Source(Https + "/").Source(Path.Combine(_dir.Path, "feed")).Config(config).WriteTo(_dir);

        List<Finding> byKey = Run(new DependencyPolicyCheck { ProjectAssetsFile = assets, ApprovedFeeds = [Item("corp")] }, RuleIds.UnapprovedFeed);
        Finding local = Assert.Single(byKey);
        Assert.StartsWith("Local folder feed 'local'", local.Message, StringComparison.Ordinal);
        Assert.Equal(4, local.Line);

        Assert.Empty(Run(new DependencyPolicyCheck { ProjectAssetsFile = assets, ApprovedFeeds = [Item(Https), Item("local")] }, RuleIds.UnapprovedFeed));
    }

    [Fact]
    public void Clear_text_feed_passwords_are_reported_without_the_password()
    {
        string secret = "s3cr" + "et-feed-pa55";
        string config = _dir.Write("nuget.config", $"""
            <configuration>
              <packageSources>
                <add key="corp feed" value="{Https}" />
              </packageSources>
              <packageSourceCredentials>
                <corp_x0020_feed>
                  <add key="Username" value="build" />
                  <add key="ClearTextPassword" value="{secret}" />
                </corp_x0020_feed>
                <other>
                  <add key="ClearTextPassword" value="%FEED_TOKEN%" />
                </other>
              </packageSourceCredentials>
            </configuration>
            """);
        string assets = new AssetsBuilder().Source(Https).Config(config).WriteTo(_dir);

        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { ProjectAssetsFile = assets }, RuleIds.UnapprovedFeed));

        Assert.Equal("corp feed", finding.Subject);
        Assert.Equal(8, finding.Line);
        Assert.DoesNotContain(secret, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, File.ReadAllText(_dir.File("findings.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_nuget_config_is_an_SSDLC0002_finding_with_its_line()
    {
        string config = _dir.Write("nuget.config", "<configuration>\n  <packageSources>\n    <add key=\"a\" value=\"x\" \n</configuration>");
        string assets = new AssetsBuilder().Source(Https).Config(config).WriteTo(_dir);

        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { ProjectAssetsFile = assets }, RuleIds.InvalidConfiguration));

        Assert.Equal(config, finding.File);
        Assert.Equal(4, finding.Line);
    }

    [Theory]
    [InlineData("{\n  \"version\": 3,\n  \"targets\": {\n", 4)]
    [InlineData("{ \"version\": 3, \"targets\": { \"net8.0\": { \"Newtonsoft.Json\": {} } } }", 0)]
    public void A_malformed_restore_result_is_an_SSDLC0002_finding_and_no_crash(string content, int line)
    {
        string assets = _dir.Write("obj/project.assets.json", content);

        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { ProjectAssetsFile = assets }, RuleIds.InvalidConfiguration));

        Assert.Equal((assets, line), (finding.File, finding.Line));
        Assert.Contains("cannot be read as a NuGet restore result", finding.Message, StringComparison.Ordinal);
        Assert.Contains("run a restore again", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Denied_transitive_packages_are_reported_with_the_path_from_the_project()
    {
        string assets = new AssetsBuilder()
            .Package("Vendor.Client", "2.1.0", direct: true, "Old.Json")
            .Package("Old.Json", "9.0.1")
            .Package("Fine", "1.0.0", direct: true)
            .WriteTo(_dir);
        string project = _dir.Write("App.csproj", """
            <Project>
              <ItemGroup>
                <SsdlcDeniedPackage Include="Old.Json" Version="(,13.0.1)" Reason="GHSA-5crp-9r3c-p9vr" />
              </ItemGroup>
            </Project>
            """);

        Finding finding = Assert.Single(Run(
            new DependencyPolicyCheck
            {
                ProjectFile = project,
                ProjectAssetsFile = assets,
                TargetFramework = "net10.0",
                DeniedPackages = [Item("Old.Json", ("Version", "(,13.0.1)"), ("Reason", "GHSA-5crp-9r3c-p9vr"), ("DefiningProjectFullPath", project))],
            },
            RuleIds.UnapprovedPackage));

        Assert.Contains("Old.Json 9.0.1 (App -> Vendor.Client 2.1.0 -> Old.Json 9.0.1) is on the denied list (GHSA-5crp-9r3c-p9vr)", finding.Message, StringComparison.Ordinal);
        Assert.Equal((project, 3), (finding.File, finding.Line));
    }

    [Fact]
    public void With_an_approved_list_everything_else_is_reported_and_prefixes_and_ranges_apply()
    {
        string assets = new AssetsBuilder()
            .Package("Microsoft.Extensions.Logging", "10.0.0", direct: true, "Microsoft.Extensions.Primitives")
            .Package("Microsoft.Extensions.Primitives", "10.0.0")
            .Package("Newtonsoft.Json", "12.0.1", direct: true)
            .Package("Unknown.Lib", "1.0.0", direct: true)
            .WriteTo(_dir);

        List<Finding> findings = Run(
            new DependencyPolicyCheck
            {
                ProjectAssetsFile = assets,
                ApprovedPackages = [Item("Microsoft.Extensions.*"), Item("Newtonsoft.Json", ("Version", "[13.0.1,14.0)"))],
            },
            RuleIds.UnapprovedPackage);

        Assert.Equal(["Newtonsoft.Json", "Unknown.Lib"], findings.Select(f => f.Subject).Order());
        Assert.All(findings, f => Assert.Contains("not on the approved list", f.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("NU1901", "Low")]
    [InlineData("NU1902", "Medium")]
    [InlineData("NU1903", "High")]
    [InlineData("NU1904", "Critical")]
    public void NuGet_audit_results_keep_the_advisorys_severity(string code, string criticality)
    {
        string assets = new AssetsBuilder().Log(code, "Newtonsoft.Json", "Package 'Newtonsoft.Json' 12.0.1 has a known vulnerability.").WriteTo(_dir);

        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { ProjectAssetsFile = assets }, RuleIds.VulnerableDependency));

        Assert.Equal(Enum.Parse<Criticality>(criticality), finding.Criticality);
        Assert.Equal("Newtonsoft.Json", finding.Subject);
        Assert.Contains(code, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_vulnerability_data_is_said_once()
    {
        string assets = new AssetsBuilder().Log("NU1900", "", "Error occurred while getting package vulnerability data.").Log("NU1900", "", "again").WriteTo(_dir);

        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { ProjectAssetsFile = assets }, RuleIds.VulnerableDependency));

        Assert.Equal(Criticality.Low, finding.Criticality);
        Assert.Contains("not checked", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false", "all", "low", "Standard", 0)]
    [InlineData("false", "all", "low", "High", 1)]
    [InlineData("true", "direct", "low", "High", 1)]
    [InlineData("true", "all", "high", "VeryHigh", 1)]
    [InlineData("true", "direct", "moderate", "High", 2)]
    [InlineData("true", "all", "low", "VeryHigh", 0)]
    public void At_High_and_above_the_audit_must_cover_everything(string enabled, string mode, string level, string riskClass, int expected)
    {
        string assets = new AssetsBuilder().Audit(enabled, mode, level).WriteTo(_dir);

        Assert.Equal(expected, Run(new DependencyPolicyCheck { ProjectAssetsFile = assets, RiskClass = riskClass }, RuleIds.VulnerableDependency).Count);
    }

    [Theory]
    [InlineData(".NETCoreApp", "v8.0", "2026-11-22", "High")]
    [InlineData(".NETCoreApp", "v8.0", "2026-06-01", "Medium")]
    [InlineData(".NETCoreApp", "v8.0", "2026-01-01", null)]
    [InlineData(".NETCoreApp", "v3.1", "2026-11-22", "High")]
    [InlineData(".NETFramework", "v4.6.1", "2026-11-22", "High")]
    [InlineData(".NETFramework", "v4.8", "2026-11-22", null)]
    [InlineData(".NETStandard", "v2.0", "2026-11-22", null)]
    [InlineData(".NETCoreApp", "v10.0", "2026-11-22", null)]
    public void Target_frameworks_are_checked_against_the_support_table(string identifier, string version, string today, string? expected)
    {
        List<Finding> findings = Run(
            new DependencyPolicyCheck { TargetFrameworkIdentifier = identifier, TargetFrameworkVersion = version, BuildDate = today, FrameworkSupport = Table() },
            RuleIds.UnsupportedFramework);

        Assert.Equal(expected, findings.SingleOrDefault()?.Criticality.ToString());
        if (expected != null)
        {
            Assert.Contains("move to net10.0 (supported until 2028-11-14)", findings[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_project_can_override_the_table_and_the_SDK_and_runtime_are_checked()
    {
        List<Finding> findings = Run(
            new DependencyPolicyCheck
            {
                TargetFrameworkIdentifier = ".NETCoreApp",
                TargetFrameworkVersion = "v8.0",
                RuntimeFrameworkVersion = "6.0.36",
                SdkVersion = "9.0.100",
                BuildDate = "2026-11-22",
                FrameworkSupport = [.. Table(), Item("net8.0", ("EndOfSupport", "2027-12-31"))],
            },
            RuleIds.UnsupportedFramework);

        Assert.Equal(["net6.0", "net9.0"], findings.Select(f => f.Subject).Order());
        Assert.Contains(findings, f => f.Message.StartsWith("RuntimeFrameworkVersion 6.0.36", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.StartsWith(".NET SDK 9.0.100", StringComparison.Ordinal));
    }

    private static Microsoft.Build.Framework.ITaskItem[] Table() =>
    [
        Item("netcoreapp3.1", ("EndOfSupport", "2022-12-13")),
        Item("net6.0", ("EndOfSupport", "2024-11-12")),
        Item("net8.0", ("EndOfSupport", "2026-11-10")),
        Item("net9.0", ("EndOfSupport", "2026-11-10")),
        Item("net10.0", ("EndOfSupport", "2028-11-14")),
        Item("net461", ("EndOfSupport", "2022-04-26")),
    ];

    private List<Finding> Run(DependencyPolicyCheck task, string ruleId)
    {
        var engine = new FakeBuildEngine();
        task.BuildEngine = engine;
        task.FindingsFile = _dir.File("findings.json");
        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
        return FindingsFile.Read(task.FindingsFile).Where(f => f.RuleId == ruleId).ToList();
    }
}

using System.Diagnostics;
using System.Text.Json;
using Ssdlc.Build.Tasks.Dependencies;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using Ssdlc.Tests;
using static Ssdlc.Build.Tasks.Tests.Items;

namespace Ssdlc.Build.Tasks.Tests.Dependencies;

/// <summary>SSDLC2604 against a NuGet V3 feed that the test serves on the loopback interface.</summary>
public sealed class PackageMetadataCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LocalNuGetFeed _feed = new();

    public void Dispose()
    {
        _feed.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Deprecated_packages_are_graded_by_reason_and_name_the_alternative_and_the_path()
    {
        _feed.Add(
            new FeedPackage("Legacy.Client", "1.0.0") { DeprecationReasons = ["Legacy"], DeprecationMessage = "No longer maintained.\nUse the new client.", AlternateId = "Modern.Client", AlternateRange = "[2.0.0, )" },
            new FeedPackage("Legacy.Client", "2.0.0"),
            new FeedPackage("Buggy.Parser", "3.1.0") { DeprecationReasons = ["CriticalBugs"] },
            new FeedPackage("Renamed.Thing", "1.2.0") { DeprecationReasons = ["Other"], DeprecationMessage = "Renamed." },
            new FeedPackage("Helper", "1.0.0") { Dependencies = [("Buggy.Parser", "3.1.0")] });
        string assets = Assets(a => a
            .Package("Legacy.Client", "1.0.0", direct: true)
            .Package("Helper", "1.0.0", direct: true, "Buggy.Parser")
            .Package("Buggy.Parser", "3.1.0")
            .Package("Renamed.Thing", "1.2.0", direct: true));

        List<Finding> findings = Run(assets, "Standard");

        Assert.Equal(3, findings.Count);
        Finding legacy = Assert.Single(findings, f => f.Subject == "Legacy.Client");
        Assert.Equal(Criticality.High, legacy.Criticality);
        Assert.Equal("Package Legacy.Client 1.0.0 is deprecated on 'test feed' (legacy: no longer maintained): \"No longer maintained. Use the new client.\". Its owner recommends Modern.Client [2.0.0, ) instead.", legacy.Message);
        Assert.Equal((_dir.File("app.csproj"), 3), (legacy.File, legacy.Line));

        Finding buggy = Assert.Single(findings, f => f.Subject == "Buggy.Parser");
        Assert.Equal(Criticality.High, buggy.Criticality);
        Assert.StartsWith("Package Buggy.Parser 3.1.0 (app -> Helper 1.0.0 -> Buggy.Parser 3.1.0) is deprecated on 'test feed' (critical bugs). Move to a maintained package or version.", buggy.Message, StringComparison.Ordinal);
        Assert.Equal(0, buggy.Line);

        Finding other = Assert.Single(findings, f => f.Subject == "Renamed.Thing");
        Assert.Equal(Criticality.Medium, other.Criticality);
        Assert.Contains("(other reasons): \"Renamed.\"", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unlisted_versions_are_medium_and_the_registrations_vulnerabilities_are_named()
    {
        _feed.Add(
            new FeedPackage("Withdrawn", "2.0.0") { Listed = false, Vulnerabilities = [("https://advisories.example.test/GHSA-0001", 2), ("https://advisories.example.test/GHSA-0002", 1)] },
            new FeedPackage("Withdrawn", "2.0.1"));
        string assets = Assets(a => a.Package("Withdrawn", "2.0.0", direct: true));

        Finding finding = Assert.Single(Run(assets, "Standard"));

        Assert.Equal(Criticality.Medium, finding.Criticality);
        Assert.Equal("Package Withdrawn 2.0.0 is unlisted on 'test feed': its owner withdrew this version. Move to a listed version (newest stable: 2.0.1). The feed lists 2 known vulnerabilities for it (highest severity: high): https://advisories.example.test/GHSA-0001, https://advisories.example.test/GHSA-0002.", finding.Message);
    }

    [Fact]
    public void Safe_look_alikes_stay_silent()
    {
        _feed.Add(
            // Another version of the package is deprecated or unlisted, not the one restore resolved.
            new FeedPackage("Library", "1.0.0") { DeprecationReasons = ["Legacy"] },
            new FeedPackage("Library", "1.1.0"),
            new FeedPackage("Library", "1.2.0") { Listed = false },
            // A newer major exists only as a prerelease, or only one major ahead.
            new FeedPackage("Framework", "2.5.0"),
            new FeedPackage("Framework", "3.0.0"),
            new FeedPackage("Framework", "9.0.0-preview.1"),
            // Far behind, but transitive: its version is the parent's choice.
            new FeedPackage("Parent", "1.0.0") { Dependencies = [("Old.Transitive", "1.0.0")] },
            new FeedPackage("Old.Transitive", "1.0.0"),
            new FeedPackage("Old.Transitive", "7.0.0"));
        string assets = Assets(a => a
            .Package("Library", "1.1.0", direct: true)
            .Package("Framework", "2.5.0", direct: true)
            .Package("Parent", "1.0.0", direct: true, "Old.Transitive")
            .Package("Old.Transitive", "1.0.0"));

        Assert.Empty(Run(assets, "High"));
    }

    [Fact]
    public void Major_versions_behind_are_low_at_High_by_default_off_at_Standard_and_configurable()
    {
        _feed.Add(
            new FeedPackage("Old.Direct", "1.4.0"),
            new FeedPackage("Old.Direct", "2.0.0"),
            new FeedPackage("Old.Direct", "3.2.1"),
            new FeedPackage("Old.Direct", "4.0.0") { Listed = false });
        string assets = Assets(a => a.Package("Old.Direct", "1.4.0", direct: true));

        Finding finding = Assert.Single(Run(assets, "High"));
        Assert.Equal(Criticality.Low, finding.Criticality);
        Assert.Equal("Package Old.Direct 1.4.0 is 2 major versions behind the newest stable version 3.2.1 on 'test feed' (SsdlcMajorVersionsBehind=2); plan the upgrade, old major versions rarely get fixes.", finding.Message);

        Assert.Empty(Run(assets, "Standard"));
        Assert.Single(Run(assets, "Standard", majorsBehind: "1"));
        Assert.Empty(Run(assets, "VeryHigh", majorsBehind: "3"));
        Assert.Empty(Run(assets, "High", majorsBehind: "0"));
    }

    [Fact]
    public void A_second_run_reuses_the_answers_in_obj_and_asks_the_feed_nothing()
    {
        _feed.Add(new FeedPackage("Legacy.Client", "1.0.0") { DeprecationReasons = ["Legacy"] });
        string assets = Assets(a => a.Package("Legacy.Client", "1.0.0", direct: true));
        DateTime start = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

        List<Finding> first = Run(assets, "Standard", now: start);
        int requests = _feed.Requests.Count;
        _feed.Stop();
        List<Finding> second = Run(assets, "Standard", now: start.AddHours(1));

        Assert.True(requests > 0);
        Assert.Equal(first.Select(f => f.Message), second.Select(f => f.Message));
        Assert.Equal(Criticality.High, Assert.Single(second).Criticality);
        Assert.Equal(requests, _feed.Requests.Count);
        Assert.Equal(start, CachedFetchTime());
    }

    [Fact]
    public void Answers_older_than_a_day_or_from_other_sources_are_asked_again()
    {
        _feed.Add(new FeedPackage("Legacy.Client", "1.0.0") { DeprecationReasons = ["Legacy"] });
        string assets = Assets(a => a.Package("Legacy.Client", "1.0.0", direct: true));
        DateTime start = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        Run(assets, "Standard", now: start);

        Run(assets, "Standard", now: start.AddHours(23));
        Assert.Equal(start, CachedFetchTime());

        List<Finding> later = Run(assets, "Standard", now: start.AddHours(25));
        Assert.Equal(start.AddHours(25), CachedFetchTime());
        Assert.Equal(Criticality.High, Assert.Single(later).Criticality);

        // The same answers, but restore now uses another source: the cache does not count.
        File.WriteAllText(_dir.File("cache.json"), File.ReadAllText(_dir.File("cache.json")).Replace(_feed.ServiceIndex, "https://other.example.test/v3/index.json", StringComparison.Ordinal));
        Run(assets, "Standard", now: start.AddHours(26));
        Assert.Equal(start.AddHours(26), CachedFetchTime());
        Assert.Contains(_feed.ServiceIndex, File.ReadAllText(_dir.File("cache.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_feed_is_said_once_at_Low_and_quickly_and_does_not_fail_the_check()
    {
        _feed.Add(new FeedPackage("A", "1.0.0"), new FeedPackage("B", "1.0.0"), new FeedPackage("C", "1.0.0"));
        string assets = Assets(a => a.Package("A", "1.0.0", direct: true).Package("B", "1.0.0", direct: true).Package("C", "1.0.0", direct: true));
        _feed.Stop();

        Stopwatch watch = Stopwatch.StartNew();
        Finding finding = Assert.Single(Run(assets, "VeryHigh", timeout: "3"));
        watch.Stop();

        Assert.Equal(Criticality.Low, finding.Criticality);
        Assert.StartsWith("Package metadata could not be read for 3 of 3 packages (", finding.Message, StringComparison.Ordinal);
        Assert.Contains("(source 'test feed' did not answer within 3 s (SsdlcPackageMetadataTimeout))", finding.Message, StringComparison.Ordinal);
        Assert.Contains("The build goes on", finding.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        // Nothing unanswered is cached: the next lookup asks again.
        Assert.DoesNotContain("\"id\"", File.ReadAllText(_dir.File("cache.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_slow_feed_is_cut_off_at_the_timeout()
    {
        _feed.Add(new FeedPackage("A", "1.0.0") { DeprecationReasons = ["Legacy"] });
        _feed.Delay = TimeSpan.FromSeconds(20);
        string assets = Assets(a => a.Package("A", "1.0.0", direct: true));

        Stopwatch watch = Stopwatch.StartNew();
        Finding finding = Assert.Single(Run(assets, "Standard", timeout: "1"));
        watch.Stop();

        Assert.Equal(Criticality.Low, finding.Criticality);
        Assert.Contains("source 'test feed' did not answer within 1 s (SsdlcPackageMetadataTimeout)", finding.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_source_without_the_registration_resource_is_named()
    {
        _feed.Add(new FeedPackage("A", "1.0.0") { DeprecationReasons = ["Legacy"] });
        _feed.OffersRegistration = false;
        string assets = Assets(a => a.Package("A", "1.0.0", direct: true));

        Finding finding = Assert.Single(Run(assets, "Standard"));

        Assert.Equal(Criticality.Low, finding.Criticality);
        Assert.Contains("source 'test feed': The source '" + _feed.ServiceIndex + "' does not provide RegistrationResourceV3.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_and_package_source_mapping_come_from_the_nuget_config_restore_read()
    {
        string password = "feed-" + "pa55word";
        _feed.RequiredCredentials = ("build", password);
        _feed.Add(new FeedPackage("Legacy.Client", "1.0.0") { DeprecationReasons = ["Legacy"] }, new FeedPackage("Local.Only", "1.0.0") { DeprecationReasons = ["Legacy"] });
        string localFeed = Directory.CreateDirectory(_dir.File("local")).FullName;
        string config = NuGetConfig(
            $"""<add key="local" value="{localFeed}" />""",
            $"""
            <packageSourceCredentials>
              <test_x0020_feed>
                <add key="Username" value="build" />
                <add key="ClearTextPassword" value="{password}" />
              </test_x0020_feed>
            </packageSourceCredentials>
            <packageSourceMapping>
              <packageSource key="test feed"><package pattern="*" /></packageSource>
              <packageSource key="local"><package pattern="Local.*" /></packageSource>
            </packageSourceMapping>
            """);
        string assets = new AssetsBuilder().Source(_feed.ServiceIndex).Source(localFeed).Config(config)
            .Package("Legacy.Client", "1.0.0", direct: true).Package("Local.Only", "1.0.0", direct: true).WriteTo(_dir);

        Finding finding = Assert.Single(Run(assets, "Standard"));

        Assert.Equal("Legacy.Client", finding.Subject);
        Assert.DoesNotContain(_feed.Requests, r => r.Contains("local.only", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(password, File.ReadAllText(_dir.File("findings.json")) + File.ReadAllText(_dir.File("cache.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Local_folder_sources_have_no_metadata_and_are_not_asked()
    {
        string localFeed = Directory.CreateDirectory(_dir.File("local")).FullName;
        string config = NuGetConfig(string.Empty, string.Empty).Replace(_feed.ServiceIndex, localFeed, StringComparison.Ordinal);
        string assets = new AssetsBuilder().Source(localFeed).Config(config).Package("A", "1.0.0", direct: true).WriteTo(_dir);

        Assert.Empty(Run(assets, "VeryHigh"));
        Assert.Empty(_feed.Requests);
    }

    [Theory]
    [InlineData("two", "", "SsdlcMajorVersionsBehind")]
    [InlineData("", "0", "SsdlcPackageMetadataTimeout")]
    [InlineData("-1", "", "SsdlcMajorVersionsBehind")]
    public void A_setting_that_is_not_a_number_is_an_SSDLC0002_finding(string majorsBehind, string timeout, string setting)
    {
        string assets = Assets(a => a.Package("A", "1.0.0", direct: true));
        _feed.Add(new FeedPackage("A", "1.0.0"));

        List<Finding> findings = Run(assets, "Standard", majorsBehind: majorsBehind, timeout: timeout, ruleId: RuleIds.InvalidConfiguration);

        Assert.Equal(setting, Assert.Single(findings).Subject);
    }

    [Fact]
    public void No_restore_result_means_nothing_to_check()
    {
        Assert.Empty(Run(_dir.File("obj/project.assets.json"), "High"));
        Assert.Empty(_feed.Requests);
    }

    private string NuGetConfig(string moreSources, string moreSections)
        => _dir.Write("nuget.config", $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="test feed" value="{_feed.ServiceIndex}" allowInsecureConnections="true" />
                {moreSources}
              </packageSources>
              {moreSections}
            </configuration>
            """);

    private string Assets(Func<AssetsBuilder, AssetsBuilder> packages)
        => packages(new AssetsBuilder().Source(_feed.ServiceIndex).Config(NuGetConfig(string.Empty, string.Empty))).WriteTo(_dir);

    private DateTime CachedFetchTime()
    {
        using JsonDocument cache = JsonDocument.Parse(File.ReadAllText(_dir.File("cache.json")));
        return cache.RootElement.GetProperty("packages")[0].GetProperty("fetched").GetDateTime().ToUniversalTime();
    }

    private List<Finding> Run(string assets, string riskClass, string majorsBehind = "", string timeout = "", DateTime? now = null, string ruleId = RuleIds.OutdatedDependency)
    {
        string project = _dir.Write("app.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Legacy.Client" Version="1.0.0" />
              </ItemGroup>
            </Project>
            """);
        var engine = new FakeBuildEngine();
        var task = new PackageMetadataCheck
        {
            BuildEngine = engine,
            FindingsFile = _dir.File("findings.json"),
            CacheFile = _dir.File("cache.json"),
            ProjectFile = project,
            ProjectAssetsFile = assets,
            TargetFramework = "net10.0",
            RiskClass = riskClass,
            MajorVersionsBehind = majorsBehind,
            Timeout = timeout,
            PackageReferences = [Item("Legacy.Client", ("DefiningProjectFullPath", project))],
        };
        if (now is DateTime fixedNow)
        {
            task.UtcNow = () => fixedNow;
        }

        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
        return FindingsFile.Read(task.FindingsFile).Where(f => f.RuleId == ruleId).ToList();
    }
}

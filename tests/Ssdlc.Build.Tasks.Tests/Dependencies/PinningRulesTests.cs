using Microsoft.Build.Framework;
using Ssdlc.Build.Tasks.Dependencies;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using static Ssdlc.Build.Tasks.Tests.Items;

namespace Ssdlc.Build.Tasks.Tests.Dependencies;

public sealed class PinningRulesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("13.0.*", "a floating version")]
    [InlineData("*", "a floating version")]
    [InlineData("13.*-*", "a floating version")]
    [InlineData("[13.0.1,)", "a range without an upper bound")]
    [InlineData("(13.0.1,)", "a range without an upper bound")]
    public void Floating_and_open_versions_are_reported_at_their_declaration(string version, string problem)
    {
        string project = _dir.Write("app.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Other" Version="1.0.0" />
                <PackageReference Include="Newtonsoft.Json" Version="{version}" />
              </ItemGroup>
            </Project>
            """);

        List<Finding> findings = Run(new DependencyPolicyCheck
        {
            PackageReferences = [Item("Newtonsoft.Json", ("Version", version), ("DefiningProjectFullPath", project))],
        });

        Finding finding = Assert.Single(findings);
        Assert.Equal(RuleIds.UnpinnedDependency, finding.RuleId);
        Assert.Equal(Criticality.Medium, finding.Criticality);
        Assert.Equal((4, 5), (finding.Line, finding.Column));
        Assert.Equal(project, finding.File);
        Assert.Contains(problem, finding.Message, StringComparison.Ordinal);
        Assert.Contains("Newtonsoft.Json", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Newtonsoft.Json", finding.Subject);
    }

    [Theory]
    [InlineData("13.0.4")]
    [InlineData("[13.0.4]")]
    [InlineData("[13.0.1,14.0.0)")]
    [InlineData("1.0.0-beta.2")]
    public void Exact_minimum_and_bounded_versions_are_not_reported(string version)
    {
        List<Finding> findings = Run(new DependencyPolicyCheck
        {
            PackageReferences = [Item("Newtonsoft.Json", ("Version", version))],
            PackageVersions = [Item("Dapper", ("Version", version))],
            GlobalPackageReferences = [Item("Analyzer", ("Version", version))],
            PackageDownloads = [Item("Tool", ("Version", version))],
        });

        Assert.Empty(findings);
    }

    [Fact]
    public void Every_declaration_kind_is_checked_and_implicit_references_are_not()
    {
        List<Finding> findings = Run(new DependencyPolicyCheck
        {
            PackageReferences =
            [
                Item("A", ("VersionOverride", "2.*")),
                Item("Implicit", ("Version", "*"), ("IsImplicitlyDefined", "true")),
            ],
            PackageVersions = [Item("B", ("Version", "[1.0,)"))],
            GlobalPackageReferences = [Item("C", ("Version", "3.*"))],
            PackageDownloads = [Item("D", ("Version", "4.*"))],
        });

        Assert.Equal(["A", "B", "C", "D"], findings.Select(f => f.Subject).Order());
        Assert.Contains(findings, f => f.Message.StartsWith("PackageReference VersionOverride 'A'", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.StartsWith("GlobalPackageReference 'C'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_resolved_version_comes_from_the_restore_result()
    {
        string assets = _dir.Write("project.assets.json", """
            { "version": 3, "libraries": { "Newtonsoft.Json/13.0.4": { "type": "package" }, "Lib/1.0.0": { "type": "project" } }, "logs": [] }
            """);

        Finding finding = Assert.Single(Run(new DependencyPolicyCheck
        {
            ProjectAssetsFile = assets,
            PackageReferences = [Item("newtonsoft.json", ("Version", "13.*"))],
        }));

        Assert.Contains("restore resolved 13.0.4", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Version=\"13.0.4\"", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NU1603_from_restore_is_an_unpinned_dependency()
    {
        string assets = _dir.Write("project.assets.json", """
            { "version": 3, "libraries": {}, "logs": [ { "code": "NU1603", "level": "Warning", "libraryId": "Dapper", "message": "App depends on Dapper (>= 2.0.999) but Dapper 2.0.999 was not found. Dapper 2.1.0 was resolved instead." } ] }
            """);

        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { ProjectAssetsFile = assets }));

        Assert.Equal("Dapper", finding.Subject);
        Assert.Contains("NU1603", finding.Message, StringComparison.Ordinal);
        Assert.Contains("Dapper 2.1.0 was resolved instead", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_restore_result_is_an_SSDLC0002_finding_with_its_line()
    {
        string assets = _dir.Write("project.assets.json", "{\n  \"version\": 3,\n  \"libraries\": {\n    \"A/1.0.0\": { \"type\": ");

        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { ProjectAssetsFile = assets }));

        Assert.Equal(RuleIds.InvalidConfiguration, finding.RuleId);
        Assert.Equal(assets, finding.File);
        Assert.Equal(4, finding.Line);
    }

    [Fact]
    public void An_unparseable_version_is_an_SSDLC0002_finding()
    {
        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { PackageVersions = [Item("A", ("Version", "1.0.x"))] }));

        Assert.Equal(RuleIds.InvalidConfiguration, finding.RuleId);
        Assert.Contains("'1.0.x'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_High_a_project_with_packages_needs_a_lock_file_and_CI_needs_locked_mode()
    {
        ITaskItem[] references = [Item("Newtonsoft.Json", ("Version", "13.0.4"))];
        string lockFile = _dir.File("packages.lock.json");

        Assert.Empty(Run(new DependencyPolicyCheck { RiskClass = "Standard", PackageReferences = references, LockFile = lockFile }));

        Finding missing = Assert.Single(Run(new DependencyPolicyCheck { RiskClass = "High", PackageReferences = references, LockFile = lockFile }));
        Assert.Equal(Criticality.High, missing.Criticality);
        Assert.Contains("packages.lock.json", missing.Message, StringComparison.Ordinal);

        File.WriteAllText(lockFile, "{}");
        Assert.Empty(Run(new DependencyPolicyCheck { RiskClass = "VeryHigh", PackageReferences = references, LockFile = lockFile }));
        Finding ci = Assert.Single(Run(new DependencyPolicyCheck { RiskClass = "VeryHigh", PackageReferences = references, LockFile = lockFile, IsContinuousIntegration = true }));
        Assert.Contains("RestoreLockedMode", ci.Message, StringComparison.Ordinal);
        Assert.Empty(Run(new DependencyPolicyCheck { RiskClass = "VeryHigh", PackageReferences = references, LockFile = lockFile, IsContinuousIntegration = true, RestoreLockedMode = true }));
    }

    [Fact]
    public void At_High_a_floating_version_is_a_High_finding()
    {
        Finding finding = Assert.Single(Run(new DependencyPolicyCheck { RiskClass = "High", PackageVersions = [Item("A", ("Version", "1.*"))] }));

        Assert.Equal(Criticality.High, finding.Criticality);
    }

    private List<Finding> Run(DependencyPolicyCheck task)
    {
        var engine = new FakeBuildEngine();
        task.BuildEngine = engine;
        task.FindingsFile = _dir.File("findings-" + Guid.NewGuid().ToString("N") + ".json");
        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
        return FindingsFile.Read(task.FindingsFile);
    }
}

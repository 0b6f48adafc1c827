using System.Security.Cryptography.X509Certificates;
using Ssdlc.Build.Tasks.Dependencies;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Tests.Dependencies;

/// <summary>
/// A.2.6.6 at VeryHigh: NuGet's signature validation is required with trusted signers for every source (SSDLC2601), and
/// every package of the graph in the packages folder is signed by a trusted signer (SSDLC2606). Packages and certificates
/// are made at run time and signed with NuGet.Packaging.
/// </summary>
public sealed class PackageSignatureRulesTests : IDisposable
{
    private const string Feed = "https://packages.example.test/v3/index.json";

    private static readonly Lazy<X509Certificate2> AuthorCertificate = new(() => SignedPackages.Certificate("Contoso package author"));
    private static readonly Lazy<X509Certificate2> OtherAuthorCertificate = new(() => SignedPackages.Certificate("Someone else"));
    private static readonly Lazy<X509Certificate2> RepositoryCertificate = new(() => SignedPackages.Certificate("Example repository"));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Packages => _dir.File("packages");

    [Theory]
    [InlineData("Standard")]
    [InlineData("High")]
    public void Below_VeryHigh_nothing_is_checked(string riskClass)
    {
        SignedPackages.Create(Packages, "Unsigned.Lib", "1.0.0");
        string assets = Assets(Config(mode: null), ("Unsigned.Lib", "1.0.0"));

        Assert.Empty(Run(assets, riskClass));
    }

    [Fact]
    public void Without_require_mode_one_finding_says_so_and_lists_the_packages_no_trusted_signer_covers()
    {
        SignedPackages.Create(Packages, "Unsigned.Lib", "1.0.0");
        SignedPackages.Create(Packages, "Signed.Lib", "2.0.0", author: AuthorCertificate.Value);
        string config = Config(mode: "accept", authors: [AuthorCertificate.Value]);
        string assets = Assets(config, ("Unsigned.Lib", "1.0.0"), ("Signed.Lib", "2.0.0"));

        Finding finding = Assert.Single(Run(assets));

        Assert.Equal((RuleIds.UnapprovedFeed, Criticality.High, "signatureValidationMode"), (finding.RuleId, finding.Criticality, finding.Subject));
        Assert.Equal((config, 3), (finding.File, finding.Line));
        Assert.Contains("signatureValidationMode is 'accept'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("1 of 2 packages of the graph are not covered by a trusted signer: Unsigned.Lib 1.0.0.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_require_mode_every_package_not_signed_by_a_trusted_signer_is_reported()
    {
        SignedPackages.Create(Packages, "Unsigned.Lib", "1.0.0");
        SignedPackages.Create(Packages, "Trusted.Lib", "2.0.0", author: AuthorCertificate.Value);
        SignedPackages.Create(Packages, "Stranger.Lib", "3.0.0", author: OtherAuthorCertificate.Value);
        SignedPackages.Create(Packages, "Countersigned.Lib", "4.0.0", author: OtherAuthorCertificate.Value, repository: RepositoryCertificate.Value, owners: ["contoso"]);
        SignedPackages.Create(Packages, "Repo.Owned", "5.0.0", repository: RepositoryCertificate.Value, owners: ["contoso", "fabrikam"]);
        SignedPackages.Create(Packages, "Repo.Foreign", "6.0.0", repository: RepositoryCertificate.Value, owners: ["mallory"]);
        string config = Config(mode: "require", authors: [AuthorCertificate.Value], repository: (RepositoryCertificate.Value, Feed, ["contoso"]));
        string assets = Assets(config, ("Unsigned.Lib", "1.0.0"), ("Trusted.Lib", "2.0.0"), ("Stranger.Lib", "3.0.0"), ("Countersigned.Lib", "4.0.0"), ("Repo.Owned", "5.0.0"), ("Repo.Foreign", "6.0.0"));

        List<Finding> findings = Run(assets);

        Assert.All(findings, f => Assert.Equal((RuleIds.UnpinnedDependency, Criticality.High), (f.RuleId, f.Criticality)));
        Assert.Equal(["Repo.Foreign", "Stranger.Lib", "Unsigned.Lib"], findings.Select(f => f.Subject!).Order(StringComparer.Ordinal));
        Assert.Contains("it is not signed", findings.Single(f => f.Subject == "Unsigned.Lib").Message, StringComparison.Ordinal);
        string stranger = findings.Single(f => f.Subject == "Stranger.Lib").Message;
        Assert.Contains("author-signed by 'Someone else' (SHA256 " + SignedPackages.Fingerprint(OtherAuthorCertificate.Value)[..16], stranger, StringComparison.Ordinal);
        Assert.Contains("(from " + Feed + ")", stranger, StringComparison.Ordinal);
        Assert.Contains("owners mallory", findings.Single(f => f.Subject == "Repo.Foreign").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_without_a_trusted_signer_are_reported_and_covered_ones_are_not()
    {
        string local = _dir.File("feed");
        string config = Config(mode: "require", repository: (RepositoryCertificate.Value, Feed, []));
        string other = "https://other.example.test/v3/index.json";

        // (FeedRules also asks for package source mapping with several sources; that is not this rule.)
        List<Finding> findings = Run(Assets(config, [Feed, other, local])).Where(f => f.Subject != "packageSourceMapping").ToList();

        Assert.All(findings, f => Assert.Equal(RuleIds.UnapprovedFeed, f.RuleId));
        Assert.Equal([local, other], findings.Select(f => f.Subject!).Order(StringComparer.Ordinal));
        Assert.Contains("no author is a trusted signer", findings.Single(f => f.Subject == local).Message, StringComparison.Ordinal);
        Assert.Contains("has no repository entry in <trustedSigners>", findings.Single(f => f.Subject == other).Message, StringComparison.Ordinal);
        Assert.Equal(config, findings[0].File);

        // An author trusted signer covers the local folder.
        string withAuthor = Config(mode: "require", authors: [AuthorCertificate.Value], repository: (RepositoryCertificate.Value, Feed, []), name: "with-author");
        Assert.DoesNotContain(Run(Assets(withAuthor, [Feed, local])), f => f.Subject != "packageSourceMapping");
    }

    [Fact]
    public void The_nearest_nuget_config_decides_the_mode_and_a_clear_drops_the_trusted_signers_above_it()
    {
        SignedPackages.Create(Packages, "Trusted.Lib", "2.0.0", author: AuthorCertificate.Value);
        string user = Config(mode: "require", authors: [AuthorCertificate.Value], name: "user");
        string project = _dir.Write("project/nuget.config", """
            <configuration>
              <config><add key="signatureValidationMode" value="require" /></config>
              <trustedSigners><clear /></trustedSigners>
            </configuration>
            """);

        Finding finding = Assert.Single(Run(Assets([project, user], [Feed], ("Trusted.Lib", "2.0.0"))), f => f.RuleId == RuleIds.UnpinnedDependency);
        Assert.Equal("Trusted.Lib", finding.Subject);

        // Without the clear the user-level author applies; the nearer file keeps deciding the mode.
        string plain = _dir.Write("project2/nuget.config", """
            <configuration>
              <config><add key="signatureValidationMode" value="require" /></config>
            </configuration>
            """);
        Assert.DoesNotContain(Run(Assets([plain, user], [Feed], ("Trusted.Lib", "2.0.0"))), f => f.RuleId == RuleIds.UnpinnedDependency);
        string accepting = _dir.Write("project3/nuget.config", "<configuration><config><add key=\"signatureValidationMode\" value=\"accept\" /></config></configuration>");
        Finding mode = Assert.Single(Run(Assets([accepting, user], [Feed], ("Trusted.Lib", "2.0.0"))));
        Assert.Equal(("signatureValidationMode", accepting), (mode.Subject, mode.File));
    }

    [Fact]
    public void A_package_missing_from_the_packages_folder_is_reported_once_and_a_damaged_one_per_package()
    {
        string damaged = SignedPackages.Create(Packages, "Damaged.Lib", "1.0.0");
        File.WriteAllText(damaged, "not a zip");
        string config = Config(mode: "require", authors: [AuthorCertificate.Value]);

        List<Finding> findings = Run(Assets(config, ("Missing.A", "1.0.0"), ("Missing.B", "1.0.0"), ("Damaged.Lib", "1.0.0")));

        Finding missing = Assert.Single(findings, f => f.Subject == "package signatures");
        Assert.Contains("2 package(s) cannot be checked", missing.Message, StringComparison.Ordinal);
        Assert.Contains("Missing.A 1.0.0, Missing.B 1.0.0", missing.Message, StringComparison.Ordinal);
        Assert.Contains("its signature cannot be read", Assert.Single(findings, f => f.Subject == "Damaged.Lib").Message, StringComparison.Ordinal);
    }

    private string Config(string? mode, X509Certificate2[]? authors = null, (X509Certificate2 Certificate, string ServiceIndex, string[] Owners)? repository = null, string name = "nuget")
    {
        string authorEntries = string.Concat((authors ?? []).Select((a, i) => $"""<author name="author{i}"><certificate fingerprint="{SignedPackages.Fingerprint(a)}" hashAlgorithm="SHA256" allowUntrustedRoot="true" /></author>"""));
        string repositoryEntry = repository is { } r
            ? $"""<repository name="repo" serviceIndex="{r.ServiceIndex}"><certificate fingerprint="{SignedPackages.Fingerprint(r.Certificate)}" hashAlgorithm="SHA256" allowUntrustedRoot="true" />{(r.Owners.Length > 0 ? $"<owners>{string.Join(";", r.Owners)}</owners>" : string.Empty)}</repository>"""
            : string.Empty;
        return _dir.Write($"{name}/nuget.config", $"""
            <configuration>
              <config>
                {(mode == null ? string.Empty : $"<add key=\"signatureValidationMode\" value=\"{mode}\" />")}
              </config>
              <trustedSigners>{authorEntries}{repositoryEntry}</trustedSigners>
            </configuration>
            """);
    }

    private string Assets(string config, params (string Id, string Version)[] packages) => Assets([config], [Feed], packages);

    private string Assets(string config, string[] sources) => Assets([config], sources);

    private string Assets(string[] configs, string[] sources, params (string Id, string Version)[] packages)
    {
        var builder = new AssetsBuilder().PackageFolder(Packages);
        foreach (string config in configs)
        {
            builder.Config(config);
        }

        foreach (string source in sources)
        {
            builder.Source(source);
        }

        foreach ((string id, string version) in packages)
        {
            builder.Package(id, version, direct: true);
        }

        return builder.WriteTo(_dir);
    }

    private List<Finding> Run(string assets, string riskClass = "VeryHigh")
    {
        var task = new DependencyPolicyCheck
        {
            ProjectAssetsFile = assets,
            RiskClass = riskClass,
            ProjectFile = _dir.File("App.csproj"),
            TargetFramework = "net10.0",
            BuildEngine = new FakeBuildEngine(),
            FindingsFile = _dir.File($"findings-{Guid.NewGuid():N}.json"),
        };
        Assert.True(task.Execute());
        return FindingsFile.Read(task.FindingsFile).Where(f => f.RuleId is RuleIds.UnapprovedFeed or RuleIds.UnpinnedDependency).ToList();
    }
}

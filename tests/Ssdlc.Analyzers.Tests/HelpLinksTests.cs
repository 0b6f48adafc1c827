namespace Ssdlc.Analyzers.Tests;

/// <summary>
/// Where the analyzers find the rule pages for their help links: next to the package they were loaded from, else (a
/// shadow copy or an in-memory load) in NuGet's global packages folder at their own version, else nowhere (no link).
/// </summary>
public sealed class HelpLinksTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ssdlc-helplinks-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void The_pages_next_to_the_package_the_analyzers_were_loaded_from_come_first()
    {
        string package = Path.Combine(_root, "packages", "ssdlc.sdk", "0.1.0");
        string own = Page(package, "SSDLC1001");
        Page(Path.Combine(_root, "global", "ssdlc.analyzers", "0.1.0"), "SSDLC1001");
        string assembly = Path.Combine(package, "analyzers", "dotnet", "cs", "Ssdlc.Analyzers.dll");

        string? pages = HelpLinks.FindPagesDirectory(assembly, "0.1.0", Path.Combine(_root, "global"), userProfile: null);

        Assert.Equal(Path.GetDirectoryName(own), pages);
        string link = HelpLinks.PageLink(pages!, "SSDLC1001");
        Assert.StartsWith("file:///", link, StringComparison.Ordinal);
        Assert.Equal(own, new Uri(link).LocalPath);
    }

    [Fact]
    public void A_shadow_copied_analyzer_finds_its_package_in_the_global_packages_folder_at_its_own_version()
    {
        string global = Path.Combine(_root, "global");
        Page(Path.Combine(global, "ssdlc.sdk", "0.1.0"), "SSDLC1001");
        Page(Path.Combine(global, "ssdlc.sdk", "0.2.0"), "SSDLC1001");
        string shadow = Path.Combine(_root, "tmp", "AnalyzerShadowCopies", "3f2a", "7", "Ssdlc.Analyzers.dll");

        Assert.Equal(Path.Combine(global, "ssdlc.sdk", "0.1.0", "docs", "rules"), HelpLinks.FindPagesDirectory(shadow, "0.1.0", global, userProfile: null));
        Assert.Equal(Path.Combine(global, "ssdlc.sdk", "0.2.0", "docs", "rules"), HelpLinks.FindPagesDirectory(shadow, "0.2.0", global, userProfile: null));
        Assert.Null(HelpLinks.FindPagesDirectory(shadow, "0.3.0", global, userProfile: null));

        // Loaded from memory: no location at all.
        Assert.Equal(Path.Combine(global, "ssdlc.sdk", "0.1.0", "docs", "rules"), HelpLinks.FindPagesDirectory(string.Empty, "0.1.0", global, userProfile: null));
    }

    [Fact]
    public void Without_NUGET_PACKAGES_the_users_default_folder_is_used_with_the_version_in_lower_case()
    {
        string home = Path.Combine(_root, "home");
        Page(Path.Combine(home, ".nuget", "packages", "ssdlc.analyzers", "1.0.0-preview.2"), "SSDLC0401");
        Page(Path.Combine(home, ".nuget", "packages", "ssdlc.sdk", "1.0.0-preview.2"), "SSDLC0401");

        string? pages = HelpLinks.FindPagesDirectory(null, "1.0.0-Preview.2", nugetPackagesVariable: " ", userProfile: home);

        // Ssdlc.Analyzers is the package that holds only the analyzers: it is asked first.
        Assert.Equal(Path.Combine(home, ".nuget", "packages", "ssdlc.analyzers", "1.0.0-preview.2", "docs", "rules"), pages);
        Assert.Null(HelpLinks.FindPagesDirectory(null, "1.0.0-preview.2", Path.Combine(_root, "elsewhere"), userProfile: home));
    }

    [Fact]
    public void No_page_no_link()
    {
        string package = Path.Combine(_root, "pkg");
        Page(package, "SSDLC1001");
        string pages = Path.Combine(package, "docs", "rules");

        Assert.Equal(string.Empty, HelpLinks.PageLink(pages, "SSDLC1002"));
        Assert.Equal(string.Empty, HelpLinks.PageLink(Path.Combine(_root, "missing"), "SSDLC1001"));
        Assert.Null(HelpLinks.FindPagesDirectory(Path.Combine(_root, "bin", "Debug", "netstandard2.0", "Ssdlc.Analyzers.dll"), "0.1.0", Path.Combine(_root, "none"), Path.Combine(_root, "nohome")));
    }

    [Theory]
    [InlineData("relative/analyzers/dotnet/cs/Ssdlc.Analyzers.dll", null)]
    [InlineData("/a\0b/Ssdlc.Analyzers.dll", "0.1.0")]
    [InlineData(null, "")]
    [InlineData("/x/Ssdlc.Analyzers.dll", "0.1.0\0")]
    public void Odd_locations_and_versions_give_no_link_and_never_throw(string? assembly, string? version)
    {
        Assert.Null(HelpLinks.FindPagesDirectory(assembly, version, "relative/packages", userProfile: null));
        Assert.Equal(string.Empty, HelpLinks.PageLink("\0", "SSDLC1001"));
    }

    private static string Page(string packageRoot, string id)
    {
        string page = Path.Combine(packageRoot, "docs", "rules", id + ".md");
        Directory.CreateDirectory(Path.GetDirectoryName(page)!);
        File.WriteAllText(page, $"# {id}: title\n");
        return page;
    }
}

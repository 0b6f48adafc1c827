using Ssdlc.Tests;

namespace Ssdlc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Packs Ssdlc.Sdk and Ssdlc.Analyzers once per test run into a temporary folder feed, and gives every test a
/// workspace that consumes them as a user would: a nuget.config written now (the machine's own configuration
/// supplies the public feed) and a packages folder of this run's own, so a stale cached package never counts.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    public const string Version = "0.1.0";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    public PackedPackages()
    {
        Root = Path.Combine(Path.GetTempPath(), "ssdlc-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        PackagesFolder = Path.Combine(Root, "packages");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(PackagesFolder);
        foreach (string project in new[] { "src/Ssdlc.Sdk/Ssdlc.Sdk.csproj", "src/Ssdlc.Analyzers.Package/Ssdlc.Analyzers.Package.csproj" })
        {
            ProcessResult pack = ProcessRunner.Run(
                RepoPaths.Root,
                "dotnet",
                ["pack", Path.Combine(RepoPaths.Root, project), "-c", "Release", "-o", Feed, "-nologo", "-p:ContinuousIntegrationBuild=true"],
                // The repository's own restore settings: the run's private packages folder is for consumers only,
                // and a restore of the repository's projects into it would rewrite their assets files under the other test projects.
                // Packed without a public address for the rule pages (whatever the environment says): the help links lead
                // to the pages shipped in the packages, which HelpLinkTests follow.
                new Dictionary<string, string?> { ["MSBUILDDISABLENODEREUSE"] = "1", ["SsdlcHelpLinkBase"] = null },
                Timeout);
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
            }
        }
    }

    public string Root { get; }

    /// <summary>The names of the machine's enabled package sources (read at run time; no file names a feed).</summary>
    public IReadOnlyList<string> MachineSources { get; } = ReadMachineSources();

    public string Feed { get; }

    public string PackagesFolder { get; }

    public string SdkPackage => Path.Combine(Feed, $"Ssdlc.Sdk.{Version}.nupkg");

    /// <summary>A fresh directory with the nuget.config and the samples' Directory.Build.props.</summary>
    public Workspace CreateWorkspace(string name)
    {
        string dir = Path.Combine(Root, "ws", name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="ssdlc-local" value="{Feed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="ssdlc-local"><package pattern="Ssdlc.*" /></packageSource>
                {string.Concat(MachineSources.Select(name => $"<packageSource key=\"{name}\"><package pattern=\"*\" /></packageSource>"))}
              </packageSourceMapping>
            </configuration>
            """);
        foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, "samples", file), Path.Combine(dir, file));
        }

        return new Workspace(this, dir);
    }

    private static List<string> ReadMachineSources()
    {
        string dir = Directory.CreateTempSubdirectory("ssdlc-sources-").FullName;
        try
        {
            ProcessResult list = ProcessRunner.Run(dir, "dotnet", ["nuget", "list", "source"], new Dictionary<string, string?>(), TimeSpan.FromMinutes(2));
            return list.Output.Split('\n')
                .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\s*\d+\.\s+(.+?)\s+\[Enabled\]\s*$"))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .ToList();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    internal Dictionary<string, string?> BaseEnvironment() => new()
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        // Package metadata (SSDLC2604) is the one check that asks a feed: only its own tests turn it on, against the
        // feed they serve on the loopback interface, so no other build depends on what a public feed says today.
        ["SsdlcPackageMetadata"] = "false",
        // The tests decide themselves whether a build is a CI build.
        ["CI"] = null,
        ["ContinuousIntegrationBuild"] = null,
        ["TF_BUILD"] = null,
        ["GITHUB_ACTIONS"] = null,
    };

    public ProcessResult Dotnet(string workingDirectory, params string[] arguments)
        => ProcessRunner.Run(workingDirectory, "dotnet", arguments, BaseEnvironment(), Timeout);

    /// <summary>As <see cref="Dotnet(string, string[])"/>, with some environment variables set (or, when null, removed).</summary>
    public ProcessResult Dotnet(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        Dictionary<string, string?> merged = BaseEnvironment();
        foreach ((string key, string? value) in environment)
        {
            merged[key] = value;
        }

        return ProcessRunner.Run(workingDirectory, "dotnet", arguments, merged, Timeout);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "packed packages";
}

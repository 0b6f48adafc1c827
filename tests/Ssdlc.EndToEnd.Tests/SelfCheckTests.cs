using System.Text.RegularExpressions;
using Ssdlc.EndToEnd.Tests.Infrastructure;
using Ssdlc.Tests;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// Ssdlc eats its own cooking: a copy of this repository's product projects, each given the additive SDK form of the
/// packed package, builds in CI mode at the risk class the repository declares, with no finding but the accepted ones.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public partial class SelfCheckTests(PackedPackages packages)
{
    private static readonly string[] ProductProjects = ["Ssdlc.CodeFixes", "Ssdlc.Build.Tasks"];

    [Fact]
    public void The_repository_builds_clean_with_its_own_package()
    {
        Workspace ws = packages.CreateWorkspace("self");
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(ws.Directory, file), overwrite: true);
        }

        ws.Write("global.json", $$"""{ "msbuild-sdks": { "Ssdlc.Sdk": "{{PackedPackages.Version}}" } }""");
        CopyProducts(ws.Directory);

        var summaries = new List<string>();
        foreach (string project in ProductProjects)
        {
            BuildResult build = ws.Build($"src/{project}/{project}.csproj", "-p:ContinuousIntegrationBuild=true");

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Empty(build.DiagnosticLines);
            summaries.AddRange(build.SummaryLines);
        }

        // Detection, Analyzers, CodeFixes (netstandard2.0) and Build.Tasks (net8.0 and net10.0), each at least once.
        Assert.All(summaries, s => Assert.Matches(@"risk class High: 0 critical, 0 high, 0 medium, 0 low( \[1 accepted, 0 suppressed\])? - PASSED", s));
        foreach (string project in new[] { "Ssdlc.Detection", "Ssdlc.Analyzers", "Ssdlc.CodeFixes", "Ssdlc.Build.Tasks" })
        {
            Assert.Contains(summaries, s => s.StartsWith($"Ssdlc: {project} (", StringComparison.Ordinal));
        }

        // The one accepted risk: the tasks' net8.0 target (see Directory.Build.props), and nothing else.
        Assert.Contains(summaries, s => s.StartsWith("Ssdlc: Ssdlc.Build.Tasks (net10.0)", StringComparison.Ordinal));
        Assert.All(summaries, s => Assert.Equal(s.StartsWith("Ssdlc: Ssdlc.Build.Tasks (net8.0)", StringComparison.Ordinal), s.Contains("[1 accepted", StringComparison.Ordinal)));
    }

    private static void CopyProducts(string workspace)
    {
        string source = Path.Combine(RepoPaths.Root, "src");
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            string[] parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj"))
            {
                continue;
            }

            string destination = Path.Combine(workspace, "src", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (file.EndsWith(".csproj", StringComparison.Ordinal))
            {
                // The additive SDK form leaves the project's restore graph, and so its lock file, as it is.
                File.WriteAllText(destination, ProjectElement().Replace(File.ReadAllText(file), "$0\n  <Sdk Name=\"Ssdlc.Sdk\" />", 1));
            }
            else
            {
                File.Copy(file, destination);
            }
        }
    }

    [GeneratedRegex("<Project Sdk=\"Microsoft.NET.Sdk\">")]
    private static partial Regex ProjectElement();
}

using System.Text.RegularExpressions;
using Ssdlc.Tests;

namespace Ssdlc.EndToEnd.Tests.Infrastructure;

/// <summary>A temporary directory with projects that consume the packed packages.</summary>
public sealed partial class Workspace(PackedPackages packages, string directory)
{
    public string Directory { get; } = directory;

    public string CopySample(string sample)
    {
        string source = Path.Combine(RepoPaths.Root, "samples", sample);
        string target = Path.Combine(Directory, sample);
        foreach (string file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            // Build outputs and lock files of earlier local runs (the lock file pins an older pack's hash) stay behind.
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || relative == "packages.lock.json")
            {
                continue;
            }

            string destination = Path.Combine(target, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public string Write(string relativePath, string content)
    {
        string path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public BuildResult Build(string project, params string[] arguments)
        => new(packages.Dotnet(Directory, ["build", Path.Combine(Directory, project), "-nologo", "-v:m", "-clp:NoSummary", .. arguments]));

    /// <summary>A build with some environment variables set (or, when null, removed).</summary>
    public BuildResult Build(IReadOnlyDictionary<string, string?> environment, string project, params string[] arguments)
        => new(packages.Dotnet(Directory, environment, ["build", Path.Combine(Directory, project), "-nologo", "-v:m", "-clp:NoSummary", .. arguments]));

    public ProcessResult Dotnet(params string[] arguments) => packages.Dotnet(Directory, arguments);

    public ProcessResult Dotnet(IReadOnlyDictionary<string, string?> environment, params string[] arguments) => packages.Dotnet(Directory, environment, arguments);
}

public sealed partial class BuildResult(ProcessResult process)
{
    public int ExitCode => process.ExitCode;

    public string Output => process.Output;

    /// <summary>Distinct (severity, id) pairs of the Ssdlc diagnostics the build printed.</summary>
    public IReadOnlySet<string> Diagnostics => DiagnosticPattern().Matches(Output).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToHashSet();

    public IReadOnlySet<string> Ids => DiagnosticPattern().Matches(Output).Select(m => m.Groups[2].Value).ToHashSet();

    /// <summary>Every Ssdlc diagnostic line, de-duplicated (MSBuild repeats errors at the end).</summary>
    public IReadOnlyList<string> DiagnosticLines => Output.Split('\n').Select(l => l.Trim()).Where(l => DiagnosticPattern().IsMatch(l)).Distinct().ToList();

    public string SummaryLine => Output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("Ssdlc: ", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException("No Ssdlc summary line in the build output:\n" + Output);

    public IReadOnlyList<string> SummaryLines => Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Ssdlc: ", StringComparison.Ordinal)).ToList();

    public override string ToString() => process.ToString();

    [GeneratedRegex(@"\b(error|warning) (SSDLC\d{4})\b")]
    private static partial Regex DiagnosticPattern();
}

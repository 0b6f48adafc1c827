using Ssdlc.Detection.Rules;
using Ssdlc.EndToEnd.Tests.Infrastructure;
using Ssdlc.Tests;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// Precision on code nobody here wrote: the packed Ssdlc.Analyzers builds the real-code corpus beside the repository
/// (../shared/realcode: Newtonsoft.Json with its tests, BouncyCastle) with its own scan.sh, and every finding must be
/// in tests/realcode/triage.tsv as a true finding. A new finding, a finding triaged as false beyond the allowance, or a
/// triaged finding that is gone (a recall loss on real code) fails the test, with the lines to review.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class RealCodeScanTests(PackedPackages packages)
{
    private const int MaxFalseFindings = 5;

    private static readonly string[] Corpora = ["newtonsoft-json", "bc-csharp"];

    [Fact]
    public void Every_finding_on_the_real_code_corpus_is_triaged_as_true()
    {
        string corpus = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "realcode"));
        Assert.True(File.Exists(Path.Combine(corpus, "scan.sh")), $"The real-code corpus is expected beside the repository, at {corpus} (see README, Precision on real code).");
        var found = new List<Finding>();
        foreach (string name in Corpora)
        {
            // One corpus per run: scan.sh (pipefail) stops with exit code 1 after a corpus that has no finding at all, so
            // its verdict is read from the build log: the build succeeded and no analyzer crashed.
            string output = Path.Combine(packages.Root, "realcode-scan", name);
            ProcessResult scan = ProcessRunner.Run(
                RepoPaths.Root,
                "bash",
                [Path.Combine(corpus, "scan.sh"), packages.Feed, PackedPackages.Version, output],
                new Dictionary<string, string?>
                {
                    ["CORPORA"] = name,
                    ["MSBUILDDISABLENODEREUSE"] = "1",
                    ["NUGET_PACKAGES"] = Path.Combine(packages.Root, "realcode-packages"),
                },
                TimeSpan.FromMinutes(20));
            string log = Path.Combine(output, name + ".log");
            Assert.True(File.Exists(log), $"scan.sh did not build {name}:\n{scan}");
            string text = File.ReadAllText(log);
            Assert.True(text.Contains("Build succeeded.", StringComparison.Ordinal), $"{name} did not build with Ssdlc.Analyzers:\n{Tail(text)}");
            Assert.False(text.Contains("AD0001", StringComparison.Ordinal), $"An analyzer crashed (AD0001) on {name}:\n" + string.Join("\n", text.Split('\n').Where(l => l.Contains("AD0001", StringComparison.Ordinal)).Distinct().Take(10)));
            string tsv = Path.Combine(output, "findings.tsv");
            if (File.Exists(tsv))
            {
                found.AddRange(ReadFindings(tsv));
            }
        }

        Dictionary<string, Triage> triage = ReadTriage(Path.Combine(RepoPaths.Root, "tests", "realcode", "triage.tsv"));

        var untriaged = found.Where(f => !triage.ContainsKey(f.Key)).Select(f => f.Line).ToList();
        var falseFindings = found.Where(f => triage.TryGetValue(f.Key, out Triage? t) && !t.IsTrue).ToList();
        var gone = triage.Values.Where(t => !found.Any(f => f.Key == t.Key)).Select(t => t.Key).ToList();
        var falseErrors = falseFindings.Where(f => RiskClasses.Fails(RuleCatalog.Get(f.Rule).Criticality, RiskClass.Standard)).ToList();

        Assert.True(untriaged.Count == 0, "Findings not in tests/realcode/triage.tsv (triage each: true or false, and why):\n" + string.Join("\n", untriaged));
        Assert.True(gone.Count == 0, "Triaged findings no longer reported (a recall loss, or update the triage):\n" + string.Join("\n", gone));
        Assert.True(falseErrors.Count == 0, "False findings at error severity:\n" + string.Join("\n", falseErrors.Select(f => f.Line)));
        Assert.True(falseFindings.Count <= MaxFalseFindings, $"{falseFindings.Count} false findings (at most {MaxFalseFindings}):\n" + string.Join("\n", falseFindings.Select(f => f.Line)));
        Assert.NotEmpty(found); // the corpus holds true findings (Json.NET's tests enable TypeNameHandling): an empty scan means nothing ran
    }

    private static string Tail(string text) => string.Join("\n", text.Split('\n').TakeLast(40));

    private static List<Finding> ReadFindings(string path)
        => File.ReadLines(path)
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(c => new Finding($"{c[0]}\t{c[1]}\t{c[2]}\t{c[3]}", c[3], string.Join('\t', c)))
            .ToList();

    private static Dictionary<string, Triage> ReadTriage(string path)
    {
        var triage = new Dictionary<string, Triage>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("corpus\t", StringComparison.Ordinal)))
        {
            string[] c = line.Split('\t');
            Assert.True(c.Length == 6 && c[4] is "true" or "false" && c[5].Length > 10, "A triage line needs corpus, file, line, rule, verdict (true/false) and a reason: " + line);
            string key = $"{c[0]}\t{c[1]}\t{c[2]}\t{c[3]}";
            triage[key] = new Triage(key, c[4] == "true");
        }

        return triage;
    }

    private sealed record Finding(string Key, string Rule, string Line);

    private sealed record Triage(string Key, bool IsTrue);
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests;

/// <summary>
/// The samples (samples/VulnerableApp, samples/CompliantApp) as they are on disk, through every analyzer: they must
/// compile; in VulnerableApp every finding sits on the first line after a comment <c>// SSDLCxxxx: why</c> (comments may
/// stack) and every such comment has its finding; CompliantApp has no finding at all. (The end-to-end tests build the same samples with the
/// packed package and check the gate.)
/// </summary>
public class SampleAppTests
{
    [Fact]
    public async Task VulnerableApp_findings_are_exactly_the_commented_lines()
    {
        SampleAnalysis sample = await SampleApps.AnalyzeAsync("VulnerableApp");
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in sample.Trees)
        {
            string[] lines = tree.GetText().ToString().Split('\n');
            for (int i = 0; i < lines.Length - 1; i++)
            {
                System.Text.RegularExpressions.Match comment = System.Text.RegularExpressions.Regex.Match(lines[i], @"^\s*// (SSDLC\d{4}):");
                if (comment.Success && comment.Groups[1].Value != "SSDLC0001")
                {
                    // Comments may stack above one line (two app-wide rules reported at builder.Build(), say).
                    int target = i + 1;
                    while (target < lines.Length - 1 && lines[target].TrimStart().StartsWith("//", StringComparison.Ordinal))
                    {
                        target++;
                    }

                    expected.Add(Describe(tree, target + 1, comment.Groups[1].Value));
                }
            }
        }

        // SSDLC0001 reports the suppression itself, which by design has no comment saying why.
        var actual = sample.Diagnostics
            .Where(d => d.Id != "SSDLC0001")
            .Select(d => Describe(d.Location.SourceTree!, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(expected.Count >= 30, "the sample should show every analyzer rule it is meant to show");
        string[] missing = expected.Where(e => !actual.Contains(e)).Order(StringComparer.Ordinal).ToArray();
        string[] unexpected = actual.Where(a => !expected.Contains(a)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(
            missing.Length == 0 && unexpected.Length == 0,
            $"Commented but not reported: {string.Join(", ", missing)}\nReported but not commented: {string.Join(", ", unexpected)}");
    }

    [Fact]
    public async Task VulnerableApp_messages_say_what_was_found()
    {
        ImmutableArray<Diagnostic> diagnostics = (await SampleApps.AnalyzeAsync("VulnerableApp")).Diagnostics;

        Assert.Contains(diagnostics, d => d.Id == "SSDLC1006" && d.GetMessage().Contains("TLS 1.0, TLS 1.1", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "SSDLC1005" && d.GetMessage().Contains("default size, 2048 bits", StringComparison.Ordinal));
        Assert.Single(diagnostics, d => d.Id == "SSDLC0001");
    }

    [Fact]
    public async Task CompliantApp_has_no_findings()
    {
        ImmutableArray<Diagnostic> diagnostics = (await SampleApps.AnalyzeAsync("CompliantApp")).Diagnostics;
        Assert.True(diagnostics.IsEmpty, string.Join("\n", diagnostics.Select(AnalyzerRunner.Describe)));
    }

    private static string Describe(SyntaxTree tree, int line, string id) => $"{Path.GetFileName(tree.FilePath)}:{line}:{id}";
}

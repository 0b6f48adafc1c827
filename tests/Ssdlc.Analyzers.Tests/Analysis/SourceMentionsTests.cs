using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Injection;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

public class SourceMentionsTests
{
    [Theory]
    [InlineData("Process.Start(\"ls\");", true)]
    [InlineData("var p = new Process();", true)]
    [InlineData("using P = System.Diagnostics.Process;", true)]
    [InlineData("engine.ProcessBlock(input, 0, output, 0);", false)]
    [InlineData("StartProcess(command);", false)]
    [InlineData("var info = new ProcessStartInfo(\"sh\");", false)]
    [InlineData("Process", true)]
    [InlineData("System.Diagnostics.Process.Start(info);", true)]
    public void A_word_is_named_only_as_a_whole_identifier(string text, bool expected)
        => Assert.Equal(expected, SourceMentions.ContainsWord(text, "Process"));

    [Theory]
    [InlineData("System.Diagnostics.Process.Start(info);", true)]
    [InlineData("Process.StartInfo.FileName = name;", false)]
    [InlineData("worker.Process.Start();", true)]
    [InlineData("MyProcess.Start();", false)]
    public void A_dotted_name_is_named_as_a_whole(string text, bool expected)
        => Assert.Equal(expected, SourceMentions.ContainsWord(text, "Process.Start"));

    [Theory]
    [InlineData("headers[\"content-disposition\"] = value;", false, true)]
    [InlineData("headers[\"Content-Disposition\"] = value;", true, true)]
    [InlineData("headers[\"X-Content-Dispositions\"] = value;", false, false)]
    public void A_header_name_is_found_in_any_case_when_asked(string text, bool ordinal, bool ignoringCase)
    {
        Assert.Equal(ordinal, SourceMentions.ContainsWord(text, "Content-Disposition"));
        Assert.Equal(ignoringCase, SourceMentions.ContainsWord(text, "Content-Disposition", ignoreCase: true));
    }

    [Fact]
    public void Any_file_of_the_compilation_counts()
    {
        Compilation compilation = CSharpCompilation.Create(
            "Mentions",
            new[]
            {
                CSharpSyntaxTree.ParseText("class A { void Run() => ProcessBlock(); void ProcessBlock() { } }", AnalyzerRunner.ParseOptions),
                CSharpSyntaxTree.ParseText("class B { System.Diagnostics.ProcessStartInfo Info = new(); }", AnalyzerRunner.ParseOptions),
            },
            TestReferences.All,
            AnalyzerRunner.CompilationOptions);

        SourceMentions mentions = SourceMentions.For(compilation);
        Assert.False(mentions.Names("Process", CancellationToken.None));
        Assert.True(mentions.Names("ProcessStartInfo", CancellationToken.None));
        Assert.Same(mentions, SourceMentions.For(compilation));
    }

    [Fact]
    public async Task A_rule_gated_on_a_name_still_finds_the_sink_named_in_another_file()
    {
        // SSDLC0403 registers nothing when no file names ProcessStartInfo, StartInfo, StandardInput or Process.Start;
        // each file names one of them, and the finding is in the file that builds the start info.
        ImmutableArray<Diagnostic> findings = await CommandInjectionFindingsAsync(
            ("/src/Shell.cs", "public static class Shell { public static System.Diagnostics.ProcessStartInfo Bash(string command) => new(\"bash\", \"-c \" + command); }"),
            ("/src/Jobs.cs", "public static class Jobs { public static void Run(string name) => System.Diagnostics.Process.Start(Shell.Bash(name)); }"));

        Assert.Contains(findings, d => d.Location.SourceTree!.FilePath == "/src/Shell.cs");
    }

    [Fact]
    public async Task A_process_started_after_using_static_is_still_judged()
    {
        ImmutableArray<Diagnostic> findings = await CommandInjectionFindingsAsync(
            ("/src/Jobs.cs", "using static System.Diagnostics.Process; public static class Jobs { public static void Run(string name) => Start(\"sh\", \"-c \" + name); }"));

        Assert.Single(findings);
    }

    private static async Task<ImmutableArray<Diagnostic>> CommandInjectionFindingsAsync(params (string Path, string Source)[] files)
    {
        Compilation compilation = CSharpCompilation.Create(
            "Gate",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, AnalyzerRunner.ParseOptions, f.Path)),
            TestReferences.All,
            AnalyzerRunner.CompilationOptions);
        Verify.AssertCompiles(compilation);

        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, [new CommandInjectionAnalyzer()]);

        Assert.Empty(result.AnalyzerFailures);
        return result.Diagnostics.Where(d => d.Id == "SSDLC0403").ToImmutableArray();
    }
}

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
    public void A_word_is_named_only_as_a_whole_identifier(string text, bool expected)
        => Assert.Equal(expected, SourceMentions.ContainsWord(text, "Process"));

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
        // SSDLC0403 registers nothing when no file names Process or ProcessStartInfo; here only the helper's file does.
        Compilation compilation = CSharpCompilation.Create(
            "Gate",
            new[]
            {
                CSharpSyntaxTree.ParseText(
                    "public static class Shell { public static System.Diagnostics.ProcessStartInfo Bash(string command) => new(\"bash\", \"-c \" + command); }",
                    AnalyzerRunner.ParseOptions,
                    "/src/Shell.cs"),
                CSharpSyntaxTree.ParseText(
                    "public static class Jobs { public static void Run(string name) => System.Diagnostics.Process.Start(Shell.Bash(name)); }",
                    AnalyzerRunner.ParseOptions,
                    "/src/Jobs.cs"),
            },
            TestReferences.All,
            AnalyzerRunner.CompilationOptions);
        Verify.AssertCompiles(compilation);

        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, [new CommandInjectionAnalyzer()]);

        Assert.Empty(result.AnalyzerFailures);
        Assert.Contains(result.Diagnostics, d => d.Id == "SSDLC0403" && d.Location.SourceTree!.FilePath == "/src/Shell.cs");
    }
}

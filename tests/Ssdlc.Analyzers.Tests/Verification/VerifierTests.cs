using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>The verifier must fail for the right reasons, or every rule test built on it proves nothing.</summary>
public class VerifierTests
{
    [Fact]
    public void Markup_yields_source_and_spans()
    {
        (string source, ImmutableArray<ExpectedDiagnostic> expected) = Markup.Parse("a {|X1:bc|} d {|Y2:e|}");
        Assert.Equal("a bc d e", source);
        Assert.Equal(new[] { new ExpectedDiagnostic("X1", new TextSpan(2, 2)), new ExpectedDiagnostic("Y2", new TextSpan(7, 1)) }, expected);
    }

    [Theory]
    [InlineData("{|X1:unterminated")]
    [InlineData("{|:no id|}")]
    [InlineData("{|X1:a {|X2:nested|} b|}")]
    public void Malformed_markup_is_rejected(string markup) => Assert.Throws<FormatException>(() => Markup.Parse(markup));

    [Fact]
    public async Task Matching_markup_passes()
        => await Verify.DiagnosticsAsync("class C { string s = {|TEST0001:\"boom\"|}; string t = \"fine\"; }", new BoomAnalyzer());

    [Theory]
    [InlineData("class C { string s = \"boom\"; }")] // unexpected diagnostic
    [InlineData("class C { string s = {|TEST0001:\"fine\"|}; }")] // missing diagnostic
    [InlineData("class C { string s = {|TEST0001:\"boom|}\"; }")] // wrong span
    [InlineData("class C { string s = {|TEST0002:\"boom\"|}; }")] // wrong ID
    [InlineData("class C { string s = {|TEST0001:\"boom\"|} }")] // does not compile
    public async Task Mismatches_and_broken_samples_fail(string markup)
        => await Assert.ThrowsAnyAsync<XunitException>(() => Verify.DiagnosticsAsync(markup, new BoomAnalyzer()));

    [Fact]
    public async Task An_analyzer_exception_fails_the_test()
    {
        var error = await Assert.ThrowsAnyAsync<XunitException>(() => Verify.DiagnosticsAsync("class C { string s = \"x\"; }", new ThrowingAnalyzer()));
        Assert.Contains("InvalidOperationException", error.Message, StringComparison.Ordinal);
    }

#pragma warning disable RS1036, RS2008 // test-only analyzers: never shipped, so no extended rules or release tracking
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class BoomAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "boom", "boom", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    if (c.Node.ToString() == "\"boom\"")
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, c.Node.GetLocation()));
                    }
                },
                SyntaxKind.StringLiteralExpression);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0003", "throws", "throws", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(_ => throw new InvalidOperationException("analyzer bug"), SyntaxKind.StringLiteralExpression);
        }
    }
#pragma warning restore RS1036, RS2008
}

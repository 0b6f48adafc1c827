using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>The verifiers must fail for the right reasons, or every rule test built on them proves nothing.</summary>
public class VerifierTests
{
    [Fact]
    public async Task Matching_markup_passes_and_returns_the_diagnostics()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerVerifier<BoomAnalyzer>.VerifyAsync(
            "class C { string s = {|TEST0001:\"boom\"|}; string t = \"fine\"; string u = {|TEST0001:\"boom\"|}; }");
        Assert.Equal(2, diagnostics.Length);
        Assert.Equal("boom at field s", diagnostics[0].GetMessage());
        Assert.Equal("boom at field u", diagnostics[1].GetMessage());
        Assert.Equal("s", diagnostics[0].AdditionalLocations.Single().SourceTree!.GetText().ToString(diagnostics[0].AdditionalLocations[0].SourceSpan));
    }

    [Theory]
    [InlineData("class C { string s = \"boom\"; }")] // unexpected diagnostic
    [InlineData("class C { string s = {|TEST0001:\"fine\"|}; }")] // missing diagnostic
    [InlineData("class C { string s = {|TEST0001:\"boom|}\"; }")] // wrong span
    [InlineData("class C { string s = {|TEST0002:\"boom\"|}; }")] // wrong ID
    [InlineData("class C { string s = {|TEST0001:\"boom\"|} }")] // does not compile
    public async Task Mismatches_and_broken_samples_fail(string markup)
        => await Assert.ThrowsAnyAsync<XunitException>(() => AnalyzerVerifier<BoomAnalyzer>.VerifyAsync(markup));

    [Theory]
    [InlineData("class C { string s = {|TEST0001:\"boom\"; }")] // unterminated
    [InlineData("class C { string s = |}\"boom\"; }")] // unopened
    public async Task Malformed_markup_is_rejected(string markup)
        => await Assert.ThrowsAsync<ArgumentException>(() => AnalyzerVerifier<BoomAnalyzer>.VerifyAsync(markup));

    [Fact]
    public async Task An_analyzer_exception_fails_the_test()
    {
        var error = await Assert.ThrowsAnyAsync<XunitException>(() => AnalyzerVerifier<ThrowingAnalyzer>.VerifyAsync("class C { string s = \"x\"; }"));
        Assert.Contains("InvalidOperationException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_descriptors_of_one_ID_one_reported_at_compilation_end_are_accepted()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerVerifier<CompilationEndAnalyzer>.VerifyAsync(
            "class C { string s = {|TEST0004:\"here\"|}; string t = {|TEST0004:\"elsewhere\"|}; }");
        Assert.Equal(new[] { "found here", "found at compilation end" }, diagnostics.Select(d => d.GetMessage()));
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, diagnostics[1].Descriptor.CustomTags);
    }

    [Fact]
    public async Task A_fix_is_applied_one_at_a_time_and_with_Fix_All_in_every_scope()
        => await CodeFixVerifier<BoomAnalyzer, BoomToFineFix>.VerifyFixAllAsync(
            "class C { string s = {|TEST0001:\"boom\"|}; string t = {|TEST0001:\"boom\"|}; }",
            "class C { string s = \"fine\"; string t = \"fine\"; }");

    [Fact]
    public async Task A_fix_that_leaves_its_diagnostic_fails()
    {
        // The fixed text is exactly what the fix produces: only the analysis of the fixed source can fail it.
        var error = await Assert.ThrowsAnyAsync<XunitException>(() => CodeFixVerifier<BoomAnalyzer, BoomStaysFix>.VerifyFixAsync(
            "class C { string s = {|TEST0001:\"boom\"|}; }",
            "class C { string s = \"boom\" ; }"));
        Assert.Contains("Diagnostics of fixed state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fixing_one_of_several_diagnostics_expects_the_others_in_the_fixed_markup()
    {
        const string Markup = "class C { string s = {|TEST0001:\"boom\"|}; string t = {|TEST0001:\"boom\"|}; }";
        await CodeFixVerifier<BoomAnalyzer, BoomToFineFix>.VerifyFixAsync(Markup, "class C { string s = {|TEST0001:\"boom\"|}; string t = \"fine\"; }", diagnosticIndex: 1);
        await Assert.ThrowsAnyAsync<XunitException>(() => CodeFixVerifier<BoomAnalyzer, BoomToFineFix>.VerifyFixAsync(
            Markup, "class C { string s = \"boom\"; string t = \"fine\"; }", diagnosticIndex: 1));
    }

    [Fact]
    public async Task A_wrong_fixed_source_fails()
        => await Assert.ThrowsAnyAsync<XunitException>(() => CodeFixVerifier<BoomAnalyzer, BoomToFineFix>.VerifyFixAsync(
            "class C { string s = {|TEST0001:\"boom\"|}; }",
            "class C { string s = \"fines\"; }"));

    [Fact]
    public async Task No_fix_fails_when_a_fix_is_offered()
        => await Assert.ThrowsAnyAsync<XunitException>(() => CodeFixVerifier<BoomAnalyzer, BoomToFineFix>.VerifyNoFixAsync(
            "class C { string s = {|TEST0001:\"boom\"|}; }"));

#pragma warning disable RS1036, RS2008 // test-only analyzers: never shipped, so no extended rules or release tracking
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class BoomAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "boom", "boom at field {0}", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                c =>
                {
                    if (c.Node.ToString() == "\"boom\"" && c.Node.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is { } field)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, c.Node.GetLocation(), new[] { field.Identifier.GetLocation() }, field.Identifier.ValueText));
                    }
                },
                SyntaxKind.StringLiteralExpression);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class ThrowingAnalyzer : DiagnosticAnalyzer
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

    /// <summary>Reports "here" where it is seen, "elsewhere" at compilation end with a second descriptor of the same ID.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class CompilationEndAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Local = new("TEST0004", "found", "found here", "Test", DiagnosticSeverity.Warning, true);
        private static readonly DiagnosticDescriptor AtEnd = new("TEST0004", "found", "found at compilation end", "Test", DiagnosticSeverity.Warning, true, customTags: WellKnownDiagnosticTags.CompilationEnd);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Local, AtEnd);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var later = new System.Collections.Concurrent.ConcurrentBag<Location>();
                start.RegisterSyntaxNodeAction(
                    c =>
                    {
                        switch (c.Node.ToString())
                        {
                            case "\"here\"":
                                c.ReportDiagnostic(Diagnostic.Create(Local, c.Node.GetLocation()));
                                break;
                            case "\"elsewhere\"":
                                later.Add(c.Node.GetLocation());
                                break;
                        }
                    },
                    SyntaxKind.StringLiteralExpression);
                start.RegisterCompilationEndAction(end =>
                {
                    foreach (Location location in later)
                    {
                        end.ReportDiagnostic(Diagnostic.Create(AtEnd, location));
                    }
                });
            });
        }
    }
#pragma warning restore RS1036, RS2008

    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    internal sealed class BoomToFineFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TEST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
            SyntaxNode literal = root.FindNode(context.Span, getInnermostNodeForTie: true);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Say fine",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, SyntaxFactory.ParseExpression("\"fine\"").WithTriviaFrom(literal)))),
                    equivalenceKey: "fine"),
                context.Diagnostics);
        }
    }

    [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
    internal sealed class BoomStaysFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TEST0001");

        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
            SyntaxNode literal = root.FindNode(context.Span, getInnermostNodeForTie: true);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add a space",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, literal.WithTrailingTrivia(SyntaxFactory.Space)))),
                    equivalenceKey: "space"),
                context.Diagnostics);
        }
    }
}

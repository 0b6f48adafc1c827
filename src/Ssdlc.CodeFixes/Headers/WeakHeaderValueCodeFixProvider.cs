using System;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Analyzers.Headers;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.Headers
{
    /// <summary>
    /// SSDLC1404: <c>Referrer-Policy: "unsafe-url"</c> → <c>"strict-origin-when-cross-origin"</c> (the browsers' default),
    /// when the reported value is that single string literal. There is deliberately no fix for <c>X-Frame-Options: ALLOW-FROM</c>
    /// (the code wants one partner origin to frame the page; <c>SAMEORIGIN</c> would break that embedding, and the right
    /// replacement, <c>Content-Security-Policy: frame-ancestors</c>, has to be merged with any existing policy) nor for
    /// Content-Security-Policy findings (a policy needs a human).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakHeaderValueCodeFixProvider))]
    [Shared]
    public sealed class WeakHeaderValueCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC1404.ReferrerPolicy";

        public WeakHeaderValueCodeFixProvider()
            : base(RuleIds.WeakHeaderValue, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            SyntaxNode node = request.Node is ArgumentSyntax argument ? argument.Expression : request.Node;
            if (request.Property(WeakHeaderValueAnalyzer.HeaderProperty) != "Referrer-Policy"
                || !(node is LiteralExpressionSyntax literal)
                || !literal.IsKind(SyntaxKind.StringLiteralExpression)
                || literal.Span != request.Diagnostic.Location.SourceSpan
                || !literal.Token.ValueText.Trim().Equals("unsafe-url", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            Document document = request.Document;
            return Fix(
                "Use Referrer-Policy: strict-origin-when-cross-origin",
                ct => ReplaceNodeAsync(
                    document,
                    literal,
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("strict-origin-when-cross-origin")).WithTriviaFrom(literal),
                    ct));
        }
    }
}

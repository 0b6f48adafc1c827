using System;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Analyzers.ClientSide;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.ClientSide
{
    /// <summary>
    /// SSDLC1302: the JS interop identifier <c>"localStorage.setItem"</c> (also <c>"window.localStorage.setItem"</c>, the
    /// prefix kept) → <c>"sessionStorage.setItem"</c>, when the identifier is a string literal at the reported call. The
    /// diagnostic points at the stored value; the analyzer passes the identifier literal as its first additional location
    /// (with <see cref="TokenInLocalStorageAnalyzer.LiteralIdentifierProperty"/>), and that literal is what changes. Only that
    /// call changes: the code that reads or removes the same key (<c>getItem</c>/<c>removeItem</c>) must move to
    /// <c>sessionStorage</c> too, which the fix title says. Identifiers held in constants or variables and Blazored-style
    /// <c>ILocalStorageService</c> calls have no mechanical fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TokenInLocalStorageCodeFixProvider))]
    [Shared]
    public sealed class TokenInLocalStorageCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC1302.SessionStorage";

        private const string LocalStorage = "localStorage.setItem";

        public TokenInLocalStorageCodeFixProvider()
            : base(RuleIds.TokenInLocalStorage, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            if (request.Property(TokenInLocalStorageAnalyzer.LiteralIdentifierProperty) != "true"
                || request.Diagnostic.AdditionalLocations.Count == 0
                || request.Diagnostic.AdditionalLocations[0] is not { IsInSource: true } location
                || location.SourceTree != request.Node.SyntaxTree)
            {
                return null;
            }

            SyntaxNode root = request.Node.SyntaxTree.GetRoot(request.CancellationToken);
            if (!(root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal)
                || !literal.IsKind(SyntaxKind.StringLiteralExpression)
                || literal.Span != location.SourceSpan)
            {
                return null;
            }

            string text = literal.Token.ValueText;
            string trimmed = text.Trim();
            string prefix = trimmed.Substring(0, Math.Max(0, trimmed.Length - LocalStorage.Length));
            if (!trimmed.EndsWith(LocalStorage, StringComparison.Ordinal)
                || !IsGlobalPrefix(prefix))
            {
                return null;
            }

            string replacement = prefix + "sessionStorage.setItem";
            Document document = request.Document;
            return Fix(
                "Store it in sessionStorage instead (move the matching getItem/removeItem too)",
                ct => ReplaceNodeAsync(
                    document,
                    literal,
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement)).WithTriviaFrom(literal),
                    ct));
        }

        // "", "window.", "globalThis.", "self." and repetitions of them, as the analyzer strips them.
        private static bool IsGlobalPrefix(string prefix)
        {
            string rest = prefix;
            while (rest.Length > 0)
            {
                string? matched = null;
                foreach (string candidate in new[] { "window.", "globalThis.", "self." })
                {
                    if (rest.StartsWith(candidate, StringComparison.Ordinal))
                    {
                        matched = candidate;
                        break;
                    }
                }

                if (matched is null)
                {
                    return false;
                }

                rest = rest.Substring(matched.Length);
            }

            return true;
        }
    }
}

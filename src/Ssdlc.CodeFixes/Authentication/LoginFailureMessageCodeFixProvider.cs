using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.Authentication
{
    /// <summary>
    /// SSDLC0502: a revealing login failure message written as a plain string literal ("Wrong password", "User not found")
    /// → the neutral <c>"Invalid user name or password."</c>. Constants, interpolated strings and resource lookups have no
    /// mechanical fix (a constant may be used elsewhere; a resource needs its translations changed).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LoginFailureMessageCodeFixProvider))]
    [Shared]
    public sealed class LoginFailureMessageCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0502.NeutralMessage";

        public const string NeutralMessage = "Invalid user name or password.";

        public LoginFailureMessageCodeFixProvider()
            : base(RuleIds.LoginFailureMessageRevealsAccount, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            SyntaxNode node = request.Node is ArgumentSyntax argument ? argument.Expression : request.Node;
            if (!(node is LiteralExpressionSyntax literal)
                || !literal.IsKind(SyntaxKind.StringLiteralExpression)
                || literal.Span != request.Diagnostic.Location.SourceSpan)
            {
                return null;
            }

            Document document = request.Document;
            return Fix(
                "Use the neutral message \"" + NeutralMessage + "\"",
                ct => ReplaceNodeAsync(
                    document,
                    literal,
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(NeutralMessage)).WithTriviaFrom(literal),
                    ct));
        }
    }
}

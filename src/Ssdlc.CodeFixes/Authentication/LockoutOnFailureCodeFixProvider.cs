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
    /// SSDLC0501: <c>lockoutOnFailure: false</c> → <c>lockoutOnFailure: true</c> in <c>PasswordSignInAsync</c> and
    /// <c>CheckPasswordSignInAsync</c> (only a literal <c>false</c>; the lockout options findings have no mechanical fix).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LockoutOnFailureCodeFixProvider))]
    [Shared]
    public sealed class LockoutOnFailureCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0501.LockoutOnFailure";

        public LockoutOnFailureCodeFixProvider()
            : base(RuleIds.LockoutDisabled, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            ArgumentSyntax? argument = request.Node as ArgumentSyntax ?? request.Node.Parent as ArgumentSyntax;
            if (argument is null
                || argument.Span != request.Diagnostic.Location.SourceSpan
                || !(argument.Expression is LiteralExpressionSyntax literal)
                || !literal.IsKind(SyntaxKind.FalseLiteralExpression))
            {
                return null;
            }

            Document document = request.Document;
            return Fix(
                "Count failed sign-ins towards lockout (lockoutOnFailure: true)",
                ct => ReplaceWithTrueAsync(document, literal, ct));
        }
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
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
    public sealed class LockoutOnFailureCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0501.LockoutOnFailure";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.LockoutDisabled);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                ArgumentSyntax? argument = node as ArgumentSyntax ?? node.Parent as ArgumentSyntax;
                if (argument is null
                    || argument.Span != diagnostic.Location.SourceSpan
                    || !(argument.Expression is LiteralExpressionSyntax literal)
                    || !literal.IsKind(SyntaxKind.FalseLiteralExpression))
                {
                    continue;
                }

                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create("Count failed sign-ins towards lockout (lockoutOnFailure: true)", ct => ReplaceAsync(document, literal, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null
                ? document
                : document.WithSyntaxRoot(root.ReplaceNode(
                    literal,
                    SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(literal)));
        }
    }
}

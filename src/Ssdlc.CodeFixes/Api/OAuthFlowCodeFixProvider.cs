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

namespace Ssdlc.CodeFixes.Api
{
    /// <summary>
    /// SSDLC1203: <c>UsePkce = false</c> → <c>UsePkce = true</c> and <c>RequireHttpsMetadata = false</c> →
    /// <c>RequireHttpsMetadata = true</c>, when the value is the literal <c>false</c>. Implicit response types and
    /// values computed from the environment have no mechanical fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OAuthFlowCodeFixProvider))]
    [Shared]
    public sealed class OAuthFlowCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC1203.SetTrue";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.OAuthFlowWeakened);

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
                if (!(node is AssignmentExpressionSyntax { Right: LiteralExpressionSyntax literal } assignment)
                    || !literal.IsKind(SyntaxKind.FalseLiteralExpression)
                    || assignment.Span != diagnostic.Location.SourceSpan)
                {
                    continue;
                }

                string? property = assignment.Left switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    _ => null,
                };
                if (property is not ("UsePkce" or "RequireHttpsMetadata"))
                {
                    continue;
                }

                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create($"Set {property} to true", ct => ReplaceAsync(document, literal, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null
                ? document
                : document.WithSyntaxRoot(root.ReplaceNode(literal, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(literal)));
        }
    }
}

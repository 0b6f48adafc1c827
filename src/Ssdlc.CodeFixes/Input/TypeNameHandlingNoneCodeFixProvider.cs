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

namespace Ssdlc.CodeFixes.Input
{
    /// <summary>
    /// SSDLC0202: <c>TypeNameHandling.All/Auto/Objects/Arrays</c> → <c>TypeNameHandling.None</c>. Offered only where the
    /// reported value is a plain <c>TypeNameHandling.X</c> member access (the deserializer findings have no mechanical fix).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TypeNameHandlingNoneCodeFixProvider))]
    [Shared]
    public sealed class TypeNameHandlingNoneCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0202.TypeNameHandlingNone";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.InsecureDeserializer);

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
                if (node is ArgumentSyntax argument)
                {
                    node = argument.Expression;
                }

                if (node is AttributeArgumentSyntax attributeArgument)
                {
                    node = attributeArgument.Expression;
                }

                if (!(node is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } member)
                    || member.Span != diagnostic.Location.SourceSpan
                    || name.Identifier.ValueText == "None")
                {
                    continue;
                }

                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use TypeNameHandling.None",
                        ct => ReplaceAsync(document, name, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, IdentifierNameSyntax name, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            SyntaxToken none = SyntaxFactory.Identifier("None").WithTriviaFrom(name.Identifier);
            return document.WithSyntaxRoot(root.ReplaceToken(name.Identifier, none));
        }
    }
}

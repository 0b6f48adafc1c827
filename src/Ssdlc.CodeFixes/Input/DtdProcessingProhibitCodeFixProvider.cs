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
    /// <summary>SSDLC0201: <c>DtdProcessing.Parse</c> → <c>DtdProcessing.Prohibit</c> (resolver and XSLT findings have no mechanical fix).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DtdProcessingProhibitCodeFixProvider))]
    [Shared]
    public sealed class DtdProcessingProhibitCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0201.DtdProcessingProhibit";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.XmlExternalEntities);

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
                if (!(node is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "Parse" } name } member)
                    || member.Span != diagnostic.Location.SourceSpan)
                {
                    continue;
                }

                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create("Use DtdProcessing.Prohibit", ct => ReplaceAsync(document, name, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, IdentifierNameSyntax name, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null
                ? document
                : document.WithSyntaxRoot(root.ReplaceToken(name.Identifier, SyntaxFactory.Identifier("Prohibit").WithTriviaFrom(name.Identifier)));
        }
    }
}

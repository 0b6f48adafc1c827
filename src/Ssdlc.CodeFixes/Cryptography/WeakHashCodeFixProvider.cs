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

namespace Ssdlc.CodeFixes.Cryptography
{
    /// <summary>
    /// SSDLC1001: <c>MD5.Create()</c>, <c>SHA1.HashData(…)</c> and the other static members of MD5/SHA1 → the same member of
    /// SHA256; <c>new MD5CryptoServiceProvider()</c>/<c>new SHA1Managed()</c>… → <c>SHA256.Create()</c>. The hash value
    /// changes, so the action says so: it is right wherever nothing stored or exchanged expects the old digest.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WeakHashCodeFixProvider))]
    [Shared]
    public sealed class WeakHashCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC1001.UseSha256";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.WeakHash);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                SyntaxNode? replacement = Replacement(node, model, context.CancellationToken);
                if (replacement is null)
                {
                    continue;
                }

                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use SHA-256 (the digest changes: only where nothing stored or exchanged expects the old one)",
                        ct => ReplaceAsync(document, node, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static SyntaxNode? Replacement(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                && model.GetSymbolInfo(node, cancellationToken).Symbol is IMethodSymbol { IsStatic: true } method
                && IsMd5OrSha1(method.ContainingType))
            {
                SimpleNameSyntax sha256 = SyntaxFactory.IdentifierName("SHA256");
                ExpressionSyntax target = access.Expression switch
                {
                    MemberAccessExpressionSyntax qualified => qualified.WithName(sha256),
                    AliasQualifiedNameSyntax alias => alias.WithName(sha256),
                    QualifiedNameSyntax qualified => qualified.WithRight(sha256),
                    _ => sha256,
                };
                return node.ReplaceNode(access.Expression, target.WithTriviaFrom(access.Expression));
            }

            if (node is BaseObjectCreationExpressionSyntax creation
                && model.GetTypeInfo(creation, cancellationToken).Type is INamedTypeSymbol created
                && (IsMd5OrSha1(created.BaseType) || IsMd5OrSha1(created))
                && (creation.ArgumentList is null || creation.ArgumentList.Arguments.Count == 0))
            {
                // Keep the qualification the code used: new System.Security.Cryptography.SHA1Managed() → System.Security.Cryptography.SHA256.Create().
                string prefix = creation is ObjectCreationExpressionSyntax { Type: QualifiedNameSyntax qualified } ? qualified.Left.ToString() + "." : string.Empty;
                return SyntaxFactory.ParseExpression(prefix + "SHA256.Create()").WithTriviaFrom(creation);
            }

            return null;
        }

        private static bool IsMd5OrSha1(INamedTypeSymbol? type)
            => type is { Name: "MD5" or "SHA1", ContainingNamespace: { Name: "Cryptography", ContainingNamespace: { Name: "Security", ContainingNamespace: { Name: "System" } } } };

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            SyntaxNode? replacement = model is null ? null : Replacement(node, model, cancellationToken);
            if (root is null || replacement is null)
            {
                return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
        }
    }
}

using System.Composition;
using System.Threading;
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
    public sealed class WeakHashCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC1001.UseSha256";

        public WeakHashCodeFixProvider()
            : base(RuleIds.WeakHash, EquivalenceKey, needsSemanticModel: true)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            SyntaxNode node = request.Node;
            SyntaxNode? replacement = Replacement(node, request.Model!, request.CancellationToken);
            if (replacement is null)
            {
                return null;
            }

            Document document = request.Document;
            return Fix(
                "Use SHA-256 (the digest changes: only where nothing stored or exchanged expects the old one)",
                ct => ReplaceNodeAsync(document, node, replacement, ct));
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
    }
}

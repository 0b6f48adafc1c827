using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Analyzers.Cryptography;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.Cryptography
{
    /// <summary>
    /// SSDLC1005: <c>RSA.Create()</c> / <c>RSA.Create(2048)</c> → <c>RSA.Create(3072)</c>; likewise the RSA constructors
    /// taking a key size (<c>new RSACryptoServiceProvider()</c> → <c>new RSACryptoServiceProvider(3072)</c>). Offered only
    /// for the diagnostics the analyzer marks as fixable (RSA creations, not DSA, curves or <c>KeySize</c> assignments).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RsaKeySizeCodeFixProvider))]
    [Shared]
    public sealed class RsaKeySizeCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC1005.UseRsa3072";

        public RsaKeySizeCodeFixProvider()
            : base(RuleIds.WeakAsymmetricKey, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            string? bits = request.Property(WeakAsymmetricKeyAnalyzer.FixableProperty);
            SyntaxNode node = request.Node;
            if (bits is null || !(node is InvocationExpressionSyntax || node is BaseObjectCreationExpressionSyntax))
            {
                return null;
            }

            Document document = request.Document;
            return Fix($"Generate a {bits}-bit RSA key", ct => FixAsync(document, node, bits, ct));
        }

        private static async Task<Document> FixAsync(Document document, SyntaxNode node, string bits, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            ArgumentListSyntax? arguments = node switch
            {
                InvocationExpressionSyntax invocation => invocation.ArgumentList,
                BaseObjectCreationExpressionSyntax creation => creation.ArgumentList,
                _ => null,
            };

            LiteralExpressionSyntax size = SyntaxFactory.LiteralExpression(
                SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(int.Parse(bits, System.Globalization.CultureInfo.InvariantCulture)));
            ArgumentListSyntax replacement;
            if (arguments is null || arguments.Arguments.Count == 0)
            {
                replacement = (arguments ?? SyntaxFactory.ArgumentList())
                    .WithArguments(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(size)));
            }
            else
            {
                ArgumentSyntax? keySize = null;
                foreach (ArgumentSyntax argument in arguments.Arguments)
                {
                    if (model.GetConstantValue(argument.Expression, cancellationToken) is { HasValue: true, Value: int value }
                        && value < WeakAsymmetricKeyAnalyzer.MinimumRsaBits)
                    {
                        keySize = argument;
                        break;
                    }
                }

                if (keySize is null)
                {
                    return document;
                }

                replacement = arguments.ReplaceNode(keySize, keySize.WithExpression(size.WithTriviaFrom(keySize.Expression)));
            }

            SyntaxNode newNode = node switch
            {
                InvocationExpressionSyntax invocation => invocation.WithArgumentList(replacement),
                ObjectCreationExpressionSyntax creation when creation.ArgumentList is null
                    => creation.WithType(creation.Type.WithoutTrailingTrivia())
                        .WithArgumentList(replacement.WithTrailingTrivia(creation.Type.GetTrailingTrivia())),
                BaseObjectCreationExpressionSyntax creation => creation.WithArgumentList(replacement),
                _ => node,
            };

            return document.WithSyntaxRoot(root.ReplaceNode(node, newNode));
        }
    }
}

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
    /// SSDLC1006: replaces a protocol choice that includes SSL 2/3, TLS 1.0 or TLS 1.1 with
    /// <c>SslProtocols.Tls12 | SslProtocols.Tls13</c> (<c>SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TlsProtocolCodeFixProvider))]
    [Shared]
    public sealed class TlsProtocolCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC1006.UseTls12And13";

        public TlsProtocolCodeFixProvider()
            : base(RuleIds.DeprecatedTls, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            string? enumType = request.Property(DeprecatedTlsAnalyzer.EnumTypeProperty);
            SyntaxNode node = request.Node is ArgumentSyntax argument ? argument.Expression : request.Node;
            if (!(enumType is "System.Security.Authentication.SslProtocols" or "System.Net.SecurityProtocolType")
                || !(node is ExpressionSyntax expression)
                || expression.Span != request.Diagnostic.Location.SourceSpan)
            {
                return null;
            }

            string shortName = enumType.Substring(enumType.LastIndexOf('.') + 1);
            Document document = request.Document;
            return Fix($"Use {shortName}.Tls12 | {shortName}.Tls13", ct => FixAsync(document, expression, enumType, ct));
        }

        private static async Task<Document> FixAsync(Document document, ExpressionSyntax expression, string enumType, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            string prefix = TypeAsWritten(expression, enumType, model, cancellationToken);
            ExpressionSyntax replacement = SyntaxFactory.ParseExpression($"{prefix}.Tls12 | {prefix}.Tls13")
                .WithTriviaFrom(expression);
            return document.WithSyntaxRoot(root.ReplaceNode(expression, replacement));
        }

        /// <summary>
        /// The enum type as the user's code already names it (<c>SslProtocols</c> with a using directive, or the qualified
        /// name); otherwise the short name where it binds, or the full name.
        /// </summary>
        private static string TypeAsWritten(ExpressionSyntax expression, string enumType, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (SyntaxNode node in expression.DescendantNodesAndSelf())
            {
                ExpressionSyntax? typeSyntax = node switch
                {
                    MemberAccessExpressionSyntax member => member.Expression,
                    CastExpressionSyntax cast => cast.Type,
                    _ => null,
                };
                if (typeSyntax is not null
                    && model.GetSymbolInfo(typeSyntax, cancellationToken).Symbol is ITypeSymbol type
                    && type.ToDisplayString() == enumType)
                {
                    return typeSyntax.WithoutTrivia().ToString();
                }
            }

            string shortName = enumType.Substring(enumType.LastIndexOf('.') + 1);
            SymbolInfo speculative = model.GetSpeculativeSymbolInfo(
                expression.SpanStart, SyntaxFactory.ParseTypeName(shortName), SpeculativeBindingOption.BindAsTypeOrNamespace);
            return speculative.Symbol is ITypeSymbol bound && bound.ToDisplayString() == enumType ? shortName : enumType;
        }
    }
}

using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Analyzers.Authorization;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.Authorization
{
    /// <summary>
    /// SSDLC0801: a reported controller or action gets <c>[Authorize]</c> (and <c>using Microsoft.AspNetCore.Authorization;</c>
    /// where needed), or, as a deliberate opt-out, <c>[AllowAnonymous]</c>; a reported minimal API endpoint gets
    /// <c>.RequireAuthorization()</c> at the end of its mapping when the mapping (with its fluent chain) is a statement of its
    /// own. Each kind of fix has its own equivalence key, so Fix All applies one kind only.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingAuthorizationCodeFixProvider))]
    [Shared]
    public sealed class MissingAuthorizationCodeFixProvider : SsdlcCodeFixProvider
    {
        /// <summary><c>[Authorize]</c> on a controller or action, <c>.RequireAuthorization()</c> on an endpoint.</summary>
        public const string EquivalenceKey = "SSDLC0801.RequireAuthorization";

        /// <summary><c>[AllowAnonymous]</c> on a controller or action.</summary>
        public const string AllowAnonymousEquivalenceKey = "SSDLC0801.AllowAnonymous";

        public MissingAuthorizationCodeFixProvider()
            : base(RuleIds.MissingAuthorization, EquivalenceKey, needsSemanticModel: true)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            if (IsApplicationWide(request))
            {
                return null; // one finding for many endpoints: the fix is a fallback policy, a decision for the application
            }

            Document document = request.Document;
            if (Declaration(request.Node) is { } declaration)
            {
                return Fix("Require authorization ([Authorize])", ct => AttributeEdits.AddAsync(document, declaration, "Microsoft.AspNetCore.Authorization.Authorize", ct));
            }

            if (EndpointStatementExpression(request) is { } endpoint)
            {
                return Fix("Require authorization (.RequireAuthorization())", ct => AppendRequireAuthorizationAsync(document, endpoint, ct));
            }

            return null;
        }

        private protected override IEnumerable<CodeAction> CreateFixes(FixRequest request)
        {
            if (CreateFix(request) is { } fix)
            {
                yield return fix;
            }

            if (!IsApplicationWide(request) && Declaration(request.Node) is { } declaration)
            {
                Document document = request.Document;
                yield return Fix(
                    "Allow anonymous access ([AllowAnonymous])",
                    AllowAnonymousEquivalenceKey,
                    ct => AttributeEdits.AddAsync(document, declaration, "Microsoft.AspNetCore.Authorization.AllowAnonymous", ct));
            }
        }

        private static bool IsApplicationWide(FixRequest request)
            => request.Diagnostic.Properties.TryGetValue(MissingAuthorizationAnalyzer.ScopeProperty, out string? scope)
               && scope == MissingAuthorizationAnalyzer.ApplicationScope;

        /// <summary>The controller class or action the diagnostic is reported at (its name).</summary>
        private static MemberDeclarationSyntax? Declaration(SyntaxNode node) => node switch
        {
            MethodDeclarationSyntax method => method,
            ClassDeclarationSyntax type => type,
            _ => null,
        };

        /// <summary>
        /// For a diagnostic at the name of <c>x.MapGet(...)</c>: the end of its fluent chain, when that is the whole
        /// expression statement and an endpoint convention builder (which <c>RequireAuthorization()</c> extends).
        /// </summary>
        private static ExpressionSyntax? EndpointStatementExpression(FixRequest request)
        {
            if (!(request.Node is SimpleNameSyntax name)
                || !(name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
                || !(access.Parent is InvocationExpressionSyntax mapping && mapping.Expression == access))
            {
                return null;
            }

            ExpressionSyntax end = mapping;
            while (end.Parent is MemberAccessExpressionSyntax next && next.Expression == end && next.Parent is InvocationExpressionSyntax call && call.Expression == next)
            {
                end = call;
            }

            if (!(end.Parent is ExpressionStatementSyntax) || request.Model is null)
            {
                return null;
            }

            ITypeSymbol? type = request.Model.GetTypeInfo(end, request.CancellationToken).Type;
            INamedTypeSymbol? builder = request.Model.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IEndpointConventionBuilder");
            if (type is null || builder is null || !(SymbolEqualityComparer.Default.Equals(type, builder) || type.AllInterfaces.Contains(builder, SymbolEqualityComparer.Default)))
            {
                return null;
            }

            // RequireAuthorization() must bind there as the ASP.NET Core extension (its namespace imported).
            SymbolInfo bound = request.Model.GetSpeculativeSymbolInfo(end.SpanStart, RequireAuthorization(end), SpeculativeBindingOption.BindAsExpression);
            return bound.Symbol is IMethodSymbol { Name: "RequireAuthorization" } method
                && method.ContainingType?.ToDisplayString() == "Microsoft.AspNetCore.Builder.AuthorizationEndpointConventionBuilderExtensions"
                ? end
                : null;
        }

        private static InvocationExpressionSyntax RequireAuthorization(ExpressionSyntax endpoint)
            => SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, endpoint.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName("RequireAuthorization")))
                .WithTrailingTrivia(endpoint.GetTrailingTrivia());

        private static async Task<Document> AppendRequireAuthorizationAsync(Document document, ExpressionSyntax endpoint, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(endpoint, RequireAuthorization(endpoint)));
        }
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Analyzers.Input;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.Input
{
    /// <summary>
    /// SSDLC0204: <c>Redirect(x)</c> → <c>LocalRedirect(x)</c> (likewise the Permanent/PreserveMethod variants) in
    /// controllers and Razor Pages, <c>Results.Redirect(x)</c> → <c>Results.LocalRedirect(x)</c>. Local redirects throw
    /// for non-local URLs. Not offered when arguments are named (the parameter names differ) or for Response.Redirect.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LocalRedirectCodeFixProvider))]
    [Shared]
    public sealed class LocalRedirectCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0204.LocalRedirect";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.OpenRedirect);

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
                if (!diagnostic.Properties.TryGetValue(OpenRedirectAnalyzer.ReplacementProperty, out string? replacement) || string.IsNullOrEmpty(replacement))
                {
                    continue;
                }

                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                ArgumentSyntax? argument = node as ArgumentSyntax ?? node.FirstAncestorOrSelf<ArgumentSyntax>();
                if (!(argument?.Parent is ArgumentListSyntax arguments
                        && arguments.Parent is InvocationExpressionSyntax invocation
                        && arguments.Arguments.All(a => a.NameColon is null)
                        && MethodName(invocation) is { } name
                        && name.Identifier.ValueText.Contains("Redirect")))
                {
                    continue;
                }

                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create($"Use {replacement}, which accepts only local URLs", ct => RenameAsync(document, name, replacement!, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static SimpleNameSyntax? MethodName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            IdentifierNameSyntax identifier => identifier,
            _ => null,
        };

        private static async Task<Document> RenameAsync(Document document, SimpleNameSyntax name, string replacement, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null
                ? document
                : document.WithSyntaxRoot(root.ReplaceToken(name.Identifier, SyntaxFactory.Identifier(replacement).WithTriviaFrom(name.Identifier)));
        }
    }
}

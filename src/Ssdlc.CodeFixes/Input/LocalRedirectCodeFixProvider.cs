using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
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
    public sealed class LocalRedirectCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0204.LocalRedirect";

        public LocalRedirectCodeFixProvider()
            : base(RuleIds.OpenRedirect, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            string? replacement = request.Property(OpenRedirectAnalyzer.ReplacementProperty);
            ArgumentSyntax? argument = request.Node as ArgumentSyntax ?? request.Node.FirstAncestorOrSelf<ArgumentSyntax>();
            if (replacement is null
                || !(argument?.Parent is ArgumentListSyntax arguments
                    && arguments.Parent is InvocationExpressionSyntax invocation
                    && arguments.Arguments.All(a => a.NameColon is null)
                    && InvokedName(invocation) is { } name
                    && name.Identifier.ValueText.Contains("Redirect")))
            {
                return null;
            }

            Document document = request.Document;
            return Fix($"Use {replacement}, which accepts only local URLs", ct => RenameAsync(document, name, replacement, ct));
        }
    }
}

using System.Composition;
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
    public sealed class OAuthFlowCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC1203.SetTrue";

        public OAuthFlowCodeFixProvider()
            : base(RuleIds.OAuthFlowWeakened, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            if (!IsFalseAssignment(request, out string property, out LiteralExpressionSyntax literal))
            {
                return null;
            }

            if (property is not ("UsePkce" or "RequireHttpsMetadata"))
            {
                return null;
            }

            Document document = request.Document;
            return Fix($"Set {property} to true", ct => ReplaceWithTrueAsync(document, literal, ct));
        }
    }
}

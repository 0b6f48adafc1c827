using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.Input
{
    /// <summary>SSDLC0201: <c>DtdProcessing.Parse</c> → <c>DtdProcessing.Prohibit</c> (resolver and XSLT findings have no mechanical fix).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DtdProcessingProhibitCodeFixProvider))]
    [Shared]
    public sealed class DtdProcessingProhibitCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0201.DtdProcessingProhibit";

        public DtdProcessingProhibitCodeFixProvider()
            : base(RuleIds.XmlExternalEntities, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            if (!(request.Node is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "Parse" } name } member)
                || member.Span != request.Diagnostic.Location.SourceSpan)
            {
                return null;
            }

            Document document = request.Document;
            return Fix("Use DtdProcessing.Prohibit", ct => RenameAsync(document, name, "Prohibit", ct));
        }
    }
}

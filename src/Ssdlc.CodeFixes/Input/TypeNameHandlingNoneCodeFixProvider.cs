using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.Input
{
    /// <summary>
    /// SSDLC0202: <c>TypeNameHandling.All/Auto/Objects/Arrays</c> → <c>TypeNameHandling.None</c>. Offered only where the
    /// reported value is a plain <c>TypeNameHandling.X</c> member access (the deserializer findings have no mechanical fix).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TypeNameHandlingNoneCodeFixProvider))]
    [Shared]
    public sealed class TypeNameHandlingNoneCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0202.TypeNameHandlingNone";

        public TypeNameHandlingNoneCodeFixProvider()
            : base(RuleIds.InsecureDeserializer, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            SyntaxNode node = request.Node switch
            {
                ArgumentSyntax argument => argument.Expression,
                AttributeArgumentSyntax attributeArgument => attributeArgument.Expression,
                _ => request.Node,
            };
            if (!(node is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } member)
                || member.Span != request.Diagnostic.Location.SourceSpan
                || name.Identifier.ValueText == "None")
            {
                return null;
            }

            Document document = request.Document;
            return Fix("Use TypeNameHandling.None", ct => RenameAsync(document, name, "None", ct));
        }
    }
}

using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.Sessions
{
    /// <summary>
    /// SSDLC0705: a state-changing controller action validating no antiforgery token gets <c>[ValidateAntiForgeryToken]</c>
    /// (and <c>using Microsoft.AspNetCore.Mvc;</c> where needed); a reported <c>[IgnoreAntiforgeryToken]</c> is removed
    /// (from its attribute list when the list holds other attributes). <c>DisableAntiforgery()</c> on a minimal API endpoint
    /// gets no fix: the endpoint's form handling (antiforgery middleware, token in the form) needs a person.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AntiforgeryValidationCodeFixProvider))]
    [Shared]
    public sealed class AntiforgeryValidationCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0705.ValidateAntiforgeryToken";

        public AntiforgeryValidationCodeFixProvider()
            : base(RuleIds.MissingAntiforgeryValidation, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            Document document = request.Document;
            // An attribute without arguments has the span of its name, which FindNode prefers.
            SyntaxNode node = request.Node is NameSyntax { Parent: AttributeSyntax named } ? named : request.Node;
            switch (node)
            {
                case MethodDeclarationSyntax action:
                    return Fix("Add [ValidateAntiForgeryToken]", ct => AttributeEdits.AddAsync(document, action, "Microsoft.AspNetCore.Mvc.ValidateAntiForgeryToken", ct));
                case AttributeSyntax { Parent: AttributeListSyntax { Parent: MemberDeclarationSyntax } } attribute when IsIgnoreAntiforgeryToken(attribute):
                    return Fix("Remove [IgnoreAntiforgeryToken]", ct => AttributeEdits.RemoveAsync(document, attribute, ct));
                default:
                    return null;
            }
        }

        private static bool IsIgnoreAntiforgeryToken(AttributeSyntax attribute)
        {
            string name = attribute.Name switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => string.Empty,
            };
            return name == "IgnoreAntiforgeryToken" || name == "IgnoreAntiforgeryTokenAttribute";
        }
    }
}

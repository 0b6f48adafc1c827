using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Ssdlc.CodeFixes
{
    /// <summary>Adding and removing attributes on a declaration, each attribute list on its own line as written by hand.</summary>
    internal static class AttributeEdits
    {
        /// <summary>
        /// Adds <c>[Name]</c> (from the fully qualified attribute name without the <c>Attribute</c> suffix) in its own list
        /// after the declaration's existing attributes; the namespace is imported and the name simplified.
        /// </summary>
        public static async Task<Document> AddAsync(Document document, MemberDeclarationSyntax declaration, string qualifiedName, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            SyntaxTrivia endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (!endOfLine.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                endOfLine = SyntaxFactory.CarriageReturnLineFeed;
            }

            AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
                SyntaxFactory.ParseName(qualifiedName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))));
            MemberDeclarationSyntax changed;
            if (declaration.AttributeLists.Count == 0)
            {
                // The declaration's leading trivia (comments, indentation) moves in front of the new attribute; the
                // declaration keeps the indentation.
                SyntaxTriviaList leading = declaration.GetLeadingTrivia();
                SyntaxTriviaList indentation = Indentation(leading);
                changed = declaration.WithLeadingTrivia(indentation)
                    .WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine)));
            }
            else
            {
                // On a line of its own after the last attribute, or, when the attributes are written on the declaration's
                // line, there too.
                bool ownLine = declaration.AttributeLists.Last().GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                SyntaxTriviaList indentation = Indentation(declaration.AttributeLists.Last().GetLastToken().GetNextToken().LeadingTrivia);
                list = ownLine
                    ? list.WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine)
                    : list.WithLeadingTrivia(SyntaxFactory.TriviaList()).WithTrailingTrivia(SyntaxFactory.Space);
                changed = declaration.WithAttributeLists(declaration.AttributeLists.Add(list));
            }

            var added = new SyntaxAnnotation();
            changed = changed.ReplaceNode(changed.AttributeLists.Last(), changed.AttributeLists.Last().WithAdditionalAnnotations(added));
            Document edited = document.WithSyntaxRoot(root.ReplaceNode(declaration, changed));
            edited = await ImportAdder.AddImportsAsync(edited, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            edited = await Simplifier.ReduceAsync(edited, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (declaration.AttributeLists.Count == 0)
            {
                return edited;
            }

            // The clean-up after a code action formats around elastic trivia, which would close the gap before an attribute
            // added on the declaration's line ("[HttpPost] [X]" → "[HttpPost][X]"): make the new list's trivia fixed.
            SyntaxNode? editedRoot = await edited.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            SyntaxNode? newList = editedRoot?.GetAnnotatedNodes(added).FirstOrDefault();
            if (editedRoot is null || newList is null)
            {
                return edited;
            }

            SyntaxToken previous = newList.GetFirstToken().GetPreviousToken();
            var tokens = newList.DescendantTokens().Append(previous).ToList();
            return edited.WithSyntaxRoot(editedRoot.ReplaceTokens(tokens, (original, _) => original
                .WithLeadingTrivia(Fixed(original.LeadingTrivia))
                .WithTrailingTrivia(Fixed(original.TrailingTrivia))));
        }

        private static SyntaxTriviaList Fixed(SyntaxTriviaList trivia)
            => SyntaxFactory.TriviaList(trivia.Where(t => !t.HasAnnotation(SyntaxAnnotation.ElasticAnnotation)));

        /// <summary>
        /// Removes one attribute: from its list when the list holds others, otherwise the whole list, whose line goes with it
        /// (comments before it stay).
        /// </summary>
        public static async Task<Document> RemoveAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || !(attribute.Parent is AttributeListSyntax list) || !(list.Parent is MemberDeclarationSyntax declaration))
            {
                return document;
            }

            if (list.Attributes.Count > 1)
            {
                return document.WithSyntaxRoot(root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute))));
            }

            // The token after the list takes the list's leading trivia (its line's indentation and any comments above it).
            SyntaxToken next = list.GetLastToken().GetNextToken();
            bool ownLine = list.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            SyntaxTriviaList nextLeading = ownLine
                ? list.GetLeadingTrivia().AddRange(next.LeadingTrivia.SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
                : list.GetLeadingTrivia().AddRange(next.LeadingTrivia);
            int index = declaration.AttributeLists.IndexOf(list);
            MemberDeclarationSyntax changed = declaration.WithAttributeLists(declaration.AttributeLists.RemoveAt(index));
            SyntaxToken moved = index < changed.AttributeLists.Count ? changed.AttributeLists[index].GetFirstToken() : FirstTokenAfterAttributes(changed);
            changed = changed.ReplaceToken(moved, moved.WithLeadingTrivia(nextLeading));
            return document.WithSyntaxRoot(root.ReplaceNode(declaration, changed));
        }

        private static SyntaxToken FirstTokenAfterAttributes(MemberDeclarationSyntax declaration)
            => declaration.AttributeLists.Count == 0
                ? declaration.GetFirstToken()
                : declaration.AttributeLists.Last().GetLastToken().GetNextToken();

        private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
            => leading.Count > 0 && leading.Last().IsKind(SyntaxKind.WhitespaceTrivia)
                ? SyntaxFactory.TriviaList(leading.Last())
                : SyntaxFactory.TriviaList();
    }
}

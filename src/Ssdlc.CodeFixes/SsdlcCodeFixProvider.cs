using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ssdlc.CodeFixes
{
    /// <summary>
    /// What every Ssdlc code fix shares: one rule, at most one mechanical fix per diagnostic at the node the diagnostic
    /// points to, Fix All by batching. A provider only decides whether a node is fixable and how.
    /// </summary>
    public abstract class SsdlcCodeFixProvider : CodeFixProvider
    {
        private readonly string _equivalenceKey;
        private readonly bool _needsSemanticModel;

        private protected SsdlcCodeFixProvider(string ruleId, string equivalenceKey, bool needsSemanticModel = false)
        {
            FixableDiagnosticIds = ImmutableArray.Create(ruleId);
            _equivalenceKey = equivalenceKey;
            _needsSemanticModel = needsSemanticModel;
        }

        public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

        public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            SemanticModel? model = null;
            if (_needsSemanticModel)
            {
                model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                if (model is null)
                {
                    return;
                }
            }

            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                foreach (CodeAction fix in CreateFixes(new FixRequest(context.Document, diagnostic, node, model, context.CancellationToken)))
                {
                    context.RegisterCodeFix(fix, diagnostic);
                }
            }
        }

        /// <summary>The fix for one diagnostic (made with <see cref="Fix"/>), or null when this occurrence is not fixable.</summary>
        private protected abstract CodeAction? CreateFix(FixRequest request);

        /// <summary>
        /// All fixes for one diagnostic: by default the one of <see cref="CreateFix"/>. A provider offering alternatives
        /// overrides this and gives each kind of alternative its own equivalence key (<see cref="Fix(string, string, Func{CancellationToken, Task{Document}})"/>),
        /// so Fix All applies one kind only.
        /// </summary>
        private protected virtual IEnumerable<CodeAction> CreateFixes(FixRequest request)
        {
            CodeAction? fix = CreateFix(request);
            return fix is null ? Array.Empty<CodeAction>() : new[] { fix };
        }

        private protected CodeAction Fix(string title, Func<CancellationToken, Task<Document>> apply)
            => CodeAction.Create(title, apply, _equivalenceKey);

        /// <summary>An alternative fix with its own equivalence key (see <see cref="CreateFixes"/>).</summary>
        private protected static CodeAction Fix(string title, string equivalenceKey, Func<CancellationToken, Task<Document>> apply)
            => CodeAction.Create(title, apply, equivalenceKey);

        private protected static async Task<Document> ReplaceNodeAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
        }

        /// <summary>Renames one identifier token in place (a method or enum member name), keeping its trivia.</summary>
        private protected static Task<Document> RenameAsync(Document document, SimpleNameSyntax name, string newName, CancellationToken cancellationToken)
            => ReplaceNodeAsync(document, name, name.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.Identifier)), cancellationToken);

        /// <summary>Turns a <c>false</c> literal into <c>true</c> (a protection switched back on).</summary>
        private protected static Task<Document> ReplaceWithTrueAsync(Document document, LiteralExpressionSyntax literal, CancellationToken cancellationToken)
            => ReplaceNodeAsync(document, literal, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(literal), cancellationToken);

        /// <summary>
        /// The reported node is exactly <c>Property = false</c> (an assignment or an object-initializer member): the
        /// property's name as written and the <c>false</c> literal.
        /// </summary>
        private protected static bool IsFalseAssignment(FixRequest request, out string property, out LiteralExpressionSyntax literal)
        {
            property = string.Empty;
            literal = null!;
            if (!(request.Node is AssignmentExpressionSyntax { Right: LiteralExpressionSyntax value } assignment)
                || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                || !value.IsKind(SyntaxKind.FalseLiteralExpression)
                || assignment.Span != request.Diagnostic.Location.SourceSpan)
            {
                return false;
            }

            string? name = assignment.Left switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                _ => null,
            };
            if (name is null)
            {
                return false;
            }

            property = name;
            literal = value;
            return true;
        }

        /// <summary>The name of the invoked method as written: <c>Name</c> in <c>x.Name(…)</c> or <c>Name(…)</c>.</summary>
        private protected static SimpleNameSyntax? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            SimpleNameSyntax name => name,
            _ => null,
        };

        /// <summary>The diagnostic to fix, the node it points to, and the semantic model when the provider asked for one.</summary>
        private protected readonly struct FixRequest
        {
            public FixRequest(Document document, Diagnostic diagnostic, SyntaxNode node, SemanticModel? model, CancellationToken cancellationToken)
            {
                Document = document;
                Diagnostic = diagnostic;
                Node = node;
                Model = model;
                CancellationToken = cancellationToken;
            }

            public Document Document { get; }

            public Diagnostic Diagnostic { get; }

            public SyntaxNode Node { get; }

            public SemanticModel? Model { get; }

            public CancellationToken CancellationToken { get; }

            public string? Property(string name)
                => Diagnostic.Properties.TryGetValue(name, out string? value) && !string.IsNullOrEmpty(value) ? value : null;
        }
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Analyzers.Injection;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.Injection
{
    /// <summary>
    /// SSDLC0401: <c>FromSqlRaw($"…")</c> → <c>FromSql($"…")</c> (likewise ExecuteSqlRaw[Async], SqlQueryRaw). The
    /// interpolated overloads turn every hole into a DbParameter, so the same text becomes parameterised SQL.
    /// Offered only when the SQL is an interpolated string and nothing but a CancellationToken is passed besides it:
    /// with explicit parameter objects the placeholders ({0}, @p) would mean something else after the switch.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FromSqlRawCodeFixProvider))]
    [Shared]
    public sealed class FromSqlRawCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0401.UseInterpolatedEfCoreSql";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.SqlInjection);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            SemanticModel? model = null;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(SqlInjectionAnalyzer.ReplacementProperty, out string? replacement)
                    || string.IsNullOrEmpty(replacement))
                {
                    continue;
                }

                SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (node is ArgumentSyntax wrapped)
                {
                    node = wrapped.Expression;
                }

                if (!(node is InterpolatedStringExpressionSyntax
                        && node.Parent is ArgumentSyntax sqlArgument
                        && sqlArgument.Parent is ArgumentListSyntax arguments
                        && arguments.Parent is InvocationExpressionSyntax invocation
                        && MethodName(invocation) is { } name
                        && name.Identifier.ValueText.Contains("Raw")))
                {
                    continue;
                }

                model ??= await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                if (model is null || !OnlyCancellationTokensBesides(sqlArgument, arguments, model, context.CancellationToken))
                {
                    continue;
                }

                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use {replacement}, which parameterises the interpolation holes",
                        ct => RenameAsync(document, name, replacement!, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static SimpleNameSyntax? MethodName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            _ => null,
        };

        private static bool OnlyCancellationTokensBesides(ArgumentSyntax sql, ArgumentListSyntax arguments, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (ArgumentSyntax argument in arguments.Arguments)
            {
                if (argument == sql)
                {
                    continue;
                }

                TypeInfo type = model.GetTypeInfo(argument.Expression, cancellationToken);
                ITypeSymbol? argumentType = type.ConvertedType ?? type.Type;
                if (!(argumentType is { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } }))
                {
                    return false;
                }
            }

            return true;
        }

        private static async Task<Document> RenameAsync(Document document, SimpleNameSyntax name, string replacement, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            SyntaxToken identifier = SyntaxFactory.Identifier(replacement).WithTriviaFrom(name.Identifier);
            return document.WithSyntaxRoot(root.ReplaceToken(name.Identifier, identifier));
        }
    }
}

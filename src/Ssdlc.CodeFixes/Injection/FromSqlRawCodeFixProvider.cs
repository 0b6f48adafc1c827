using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
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
    public sealed class FromSqlRawCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC0401.UseInterpolatedEfCoreSql";

        public FromSqlRawCodeFixProvider()
            : base(RuleIds.SqlInjection, EquivalenceKey, needsSemanticModel: true)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            string? replacement = request.Property(SqlInjectionAnalyzer.ReplacementProperty);
            SyntaxNode node = request.Node is ArgumentSyntax wrapped ? wrapped.Expression : request.Node;
            if (replacement is null
                || !(node is InterpolatedStringExpressionSyntax
                    && node.Parent is ArgumentSyntax sqlArgument
                    && sqlArgument.Parent is ArgumentListSyntax arguments
                    && arguments.Parent is InvocationExpressionSyntax invocation
                    && InvokedName(invocation) is { } name
                    && name.Identifier.ValueText.Contains("Raw"))
                || !OnlyCancellationTokensBesides(sqlArgument, arguments, request.Model!, request.CancellationToken))
            {
                return null;
            }

            Document document = request.Document;
            return Fix($"Use {replacement}, which parameterises the interpolation holes", ct => RenameAsync(document, name, replacement, ct));
        }

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
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Meta
{
    /// <summary>
    /// SSDLC0001: a security finding suppressed without a written reason (A.3.2), by <c>#pragma warning disable</c>
    /// without a comment on its line or the line above, or by <c>[SuppressMessage]</c> without a real Justification.
    /// </summary>
    public sealed class UnjustifiedSuppressionAnalyzer : DiagnosticAnalyzer
    {
        private const string PragmaApi = "#pragma warning disable";
        private const string AllRules = "* (every rule, security rules included)";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UnjustifiedSuppression);

        public override void Initialize(AnalysisContext context)
        {
            // Suppressions in generated files are not written by the user and cannot be justified by them.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxTreeAction(AnalyzePragmas);
            context.RegisterSyntaxNodeAction(AnalyzeAttribute, SyntaxKind.Attribute);
        }

        private static void AnalyzePragmas(SyntaxTreeAnalysisContext context)
        {
            SyntaxNode root = context.Tree.GetRoot(context.CancellationToken);
            if (!root.ContainsDirectives)
            {
                return;
            }

            // Walking the directives visits every token of the file; most files with directives have #if and #region
            // only, which a text search tells faster.
            SourceText text = context.Tree.GetText(context.CancellationToken);
            if (text.ToString().IndexOf("pragma", System.StringComparison.Ordinal) < 0)
            {
                return;
            }

            for (DirectiveTriviaSyntax? directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
            {
                if (!(directive is PragmaWarningDirectiveTriviaSyntax pragma) || !pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword))
                {
                    continue;
                }

                string? rules = SecurityRulesOf(pragma);
                if (rules is null)
                {
                    continue;
                }

                // From '#' to the last rule ID; whatever follows on the line may be the reason.
                int end = pragma.ErrorCodes.Count > 0 ? pragma.ErrorCodes.Last().Span.End : pragma.DisableOrRestoreKeyword.Span.End;
                if (HasTrailingJustification(end, text) || HasJustificationOnLineAbove(pragma, text))
                {
                    continue;
                }

                Location location = Location.Create(context.Tree, TextSpan.FromBounds(pragma.HashToken.SpanStart, end));
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnjustifiedSuppression, location, PragmaApi, rules));
            }
        }

        /// <summary>The security rule IDs the pragma disables, comma-separated; null when it disables none.</summary>
        private static string? SecurityRulesOf(PragmaWarningDirectiveTriviaSyntax pragma)
        {
            if (pragma.ErrorCodes.Count == 0)
            {
                return AllRules;
            }

            var ids = new List<string>();
            foreach (ExpressionSyntax code in pragma.ErrorCodes)
            {
                if (code is IdentifierNameSyntax identifier && SecurityRules.IsSecurityRule(identifier.Identifier.ValueText))
                {
                    ids.Add(identifier.Identifier.ValueText);
                }
            }

            return ids.Count == 0 ? null : string.Join(", ", ids);
        }

        private static bool HasTrailingJustification(int end, SourceText text)
        {
            TextLine line = text.Lines.GetLineFromPosition(end);
            string rest = text.ToString(TextSpan.FromBounds(end, line.End)).Trim();
            return IsComment(rest) && SecurityRules.IsRealJustification(rest);
        }

        private static bool IsComment(string text)
            => text.StartsWith("//", System.StringComparison.Ordinal) || text.StartsWith("/*", System.StringComparison.Ordinal);

        private static bool HasJustificationOnLineAbove(PragmaWarningDirectiveTriviaSyntax pragma, SourceText text)
        {
            int line = text.Lines.GetLineFromPosition(pragma.SpanStart).LineNumber;
            if (line == 0)
            {
                return false;
            }

            string above = text.Lines[line - 1].ToString().Trim();
            return (IsComment(above) || above.StartsWith("*", System.StringComparison.Ordinal)) && SecurityRules.IsRealJustification(above);
        }

        private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context)
        {
            var attribute = (AttributeSyntax)context.Node;
            string name = attribute.Name switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => string.Empty,
            };
            if (!(name is "SuppressMessage" or "SuppressMessageAttribute" or "UnconditionalSuppressMessage" or "UnconditionalSuppressMessageAttribute")
                || attribute.ArgumentList is null)
            {
                return;
            }

            if (!(context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is IMethodSymbol constructor)
                || !(SymbolNames.DisplaysAs(constructor.ContainingType, "System.Diagnostics.CodeAnalysis.SuppressMessageAttribute")
                    || SymbolNames.DisplaysAs(constructor.ContainingType, "System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessageAttribute")))
            {
                return;
            }

            string? category = null;
            string? checkId = null;
            string? justification = null;
            int position = 0;
            foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
            {
                string? value = ConstantString(context, argument.Expression);
                if (argument.NameEquals is not null)
                {
                    if (argument.NameEquals.Name.Identifier.ValueText == "Justification")
                    {
                        justification = value;
                    }

                    continue;
                }

                string parameter = argument.NameColon?.Name.Identifier.ValueText ?? (position == 0 ? "category" : "checkId");
                position++;
                if (parameter == "category")
                {
                    category = value;
                }
                else if (parameter == "checkId")
                {
                    checkId = value;
                }
            }

            string ruleId = checkId is null ? string.Empty : SecurityRules.RuleIdOfCheckId(checkId);
            bool securityCategory = category is not null
                && (category.Trim().Equals("Security", System.StringComparison.OrdinalIgnoreCase)
                    || category.Trim().EndsWith(".Security", System.StringComparison.OrdinalIgnoreCase));
            if ((!securityCategory && !SecurityRules.IsSecurityRule(ruleId)) || SecurityRules.IsRealJustification(justification))
            {
                return;
            }

            string api = "[" + constructor.ContainingType.Name.Substring(0, constructor.ContainingType.Name.Length - "Attribute".Length) + "]";
            string rules = ruleId.Length > 0 ? ruleId : "(category " + category + ")";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnjustifiedSuppression, attribute.GetLocation(), api, rules));
        }

        private static string? ConstantString(SyntaxNodeAnalysisContext context, ExpressionSyntax expression)
        {
            Optional<object?> value = context.SemanticModel.GetConstantValue(expression, context.CancellationToken);
            return value.HasValue ? value.Value as string : null;
        }
    }
}

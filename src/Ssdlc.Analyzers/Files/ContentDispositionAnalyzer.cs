using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Files
{
    /// <summary>
    /// SSDLC0303: a Content-Disposition header assembled by concatenation, interpolation or string.Format/Concat from a
    /// non-constant file name (B.3.6): header indexers, <c>Headers.ContentDisposition</c>, <c>Append/Add/TryAdd</c>.
    /// </summary>
    public sealed class ContentDispositionAnalyzer : DiagnosticAnalyzer
    {
        private const string HeaderName = "Content-Disposition";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ContentDispositionByConcatenation);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // The header is set by its name (a string, HeaderNames.ContentDisposition) or a ContentDisposition
                // property; a code base that writes neither has nothing to report and nothing to pay per call.
                SourceMentions mentions = SourceMentions.For(start.Compilation);
                if (!mentions.Names("ContentDisposition", start.CancellationToken) && !mentions.Names(HeaderName, start.CancellationToken, ignoreCase: true))
                {
                    return;
                }

                start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
                start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation { Property: { } property } target) || !IsHeaderCollection(property.ContainingType))
            {
                return;
            }

            bool isContentDisposition = property.IsIndexer
                ? target.Arguments.Length == 1 && IsContentDispositionName(target.Arguments[0].Value)
                : property.Name == "ContentDisposition";
            if (isContentDisposition)
            {
                Check(context, assignment.Value);
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (!(method.Name is "Append" or "Add" or "TryAdd" or "TryAddWithoutValidation" or "AppendHeader" or "AddHeader"))
            {
                return;
            }

            IOperation? receiver = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            if (receiver?.Type is not { } receiverType || !(IsHeaderCollection(receiverType) || receiverType.Name is "HttpResponse" or "HttpHeaders" or "HttpContentHeaders"))
            {
                return;
            }

            var values = invocation.Arguments.Where(a => a.Value != receiver && a.ArgumentKind != ArgumentKind.DefaultValue).ToList();
            if (values.Count == 2 && IsContentDispositionName(values[0].Value))
            {
                Check(context, values[1].Value);
            }
        }

        private static bool IsHeaderCollection(ITypeSymbol type)
        {
            if (type.Name is "IHeaderDictionary" or "HeaderDictionary" or "HttpHeaders" or "HttpContentHeaders" or "HttpResponseHeaders" or "WebHeaderCollection")
            {
                return true;
            }

            return type.AllInterfaces.Any(i => i.Name == "IHeaderDictionary");
        }

        private static bool IsContentDispositionName(IOperation value)
            => (value.ConstantValue is { HasValue: true, Value: string name } && string.Equals(name, HeaderName, StringComparison.OrdinalIgnoreCase))
               || StripConversions(value) is IFieldReferenceOperation { Field: { Name: "ContentDisposition", ContainingType.Name: "HeaderNames" } }
               || StripConversions(value) is IPropertyReferenceOperation { Property: { Name: "ContentDisposition", ContainingType.Name: "HeaderNames" } };

        // Header values are StringValues: the user-defined conversion from string is stripped too.
        private static IOperation StripConversions(IOperation value)
        {
            while (value is IConversionOperation { Operand: { } operand } || value is IParenthesizedOperation)
            {
                value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
            }

            return value;
        }

        private static void Check(OperationAnalysisContext context, IOperation value)
        {
            IOperation built = StripConversions(value);
            if (built is ILocalReferenceOperation { Local: { } local })
            {
                // One step through a local: var header = "attachment; filename=" + name;
                IVariableDeclaratorOperation? declarator = RequestDerivedAnalysis.Root(built).Descendants()
                    .OfType<IVariableDeclaratorOperation>()
                    .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local));
                if (declarator?.GetVariableInitializer()?.Value is { } initial)
                {
                    built = StripConversions(initial);
                }
            }

            string? how = built switch
            {
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } => "concatenation",
                IInterpolatedStringOperation => "interpolation",
                IInvocationOperation { TargetMethod: { ContainingType.SpecialType: SpecialType.System_String, Name: "Format" or "Concat" or "Join" } call } => "string." + call.Name,
                IInvocationOperation { TargetMethod: { Name: "ToString", ContainingType.Name: "StringBuilder" } } => "a StringBuilder",
                _ => null,
            };
            if (how is null || ConstantValueAnalysis.IsConstant(built, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ContentDispositionByConcatenation, value.Syntax.GetLocation(), how));
        }
    }
}

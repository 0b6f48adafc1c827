using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Input
{
    /// <summary>
    /// SSDLC0205: regular expressions on request data without a match timeout, and request-derived patterns (B.2.1).
    /// A <c>TimeSpan</c> argument or <c>RegexOptions.NonBacktracking</c> counts as a timeout; a Regex instance counts
    /// as unbounded only when its creation is visible (a field or local initialised with <c>new Regex(...)</c>, or a
    /// <c>[GeneratedRegex]</c> method without a timeout).
    /// </summary>
    public sealed class RegexDenialOfServiceAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>RegexOptions.NonBacktracking's value.</summary>
        private const int NonBacktracking = 1024;

        private static readonly ImmutableHashSet<string> MatchMethods =
            ImmutableHashSet.Create("IsMatch", "Match", "Matches", "Replace", "Split", "Count", "EnumerateMatches", "EnumerateSplits");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.RegexDenialOfService);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                RequestDerivedAnalysis? analysis = RequestDerivedAnalysis.Create(start.Compilation);
                INamedTypeSymbol? regex = WellKnownTypes.For(start.Compilation).Get("System.Text.RegularExpressions.Regex");
                if (analysis is null || regex is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeCreation(c, analysis, regex), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, analysis, regex), OperationKind.Invocation);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, RequestDerivedAnalysis analysis, INamedTypeSymbol regex)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (SymbolEqualityComparer.Default.Equals(creation.Type, regex) && Argument(creation.Arguments, "pattern") is { } pattern)
            {
                CheckPattern(context, analysis, pattern, "new Regex");
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, RequestDerivedAnalysis analysis, INamedTypeSymbol regex)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, regex) || !MatchMethods.Contains(method.Name))
            {
                return;
            }

            string api = "Regex." + method.Name;
            IArgumentOperation? input = Argument(invocation.Arguments, "input");
            if (method.IsStatic)
            {
                if (Argument(invocation.Arguments, "pattern") is { } pattern && CheckPattern(context, analysis, pattern, api))
                {
                    return;
                }

                if (input is not null && !HasTimeout(invocation.Arguments))
                {
                    CheckInput(context, analysis, input, api);
                }

                return;
            }

            if (input is not null && invocation.Instance is not null && IsUnboundedInstance(invocation.Instance, context))
            {
                CheckInput(context, analysis, input, api);
            }
        }

        private static bool CheckPattern(OperationAnalysisContext context, RequestDerivedAnalysis analysis, IArgumentOperation pattern, string api)
        {
            if (!analysis.IsRequestDerived(pattern.Value, context.CancellationToken, RequestSources.Request))
            {
                return false;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RegexDenialOfService,
                pattern.Value.Syntax.GetLocation(),
                "The pattern passed to " + api + " is request-derived; escape it with Regex.Escape or match literally"));
            return true;
        }

        private static void CheckInput(OperationAnalysisContext context, RequestDerivedAnalysis analysis, IArgumentOperation input, string api)
        {
            if (analysis.IsRequestDerived(input.Value, context.CancellationToken, RequestSources.All))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.RegexDenialOfService,
                    input.Value.Syntax.GetLocation(),
                    api + " runs on request-derived input without a match timeout"));
            }
        }

        private static IArgumentOperation? Argument(ImmutableArray<IArgumentOperation> arguments, string name)
            => arguments.FirstOrDefault(a => a.Parameter?.Name == name && a.ArgumentKind != ArgumentKind.DefaultValue);

        private static bool HasTimeout(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null)
                {
                    continue;
                }

                if (argument.Parameter.Type.Name == "TimeSpan")
                {
                    return true;
                }

                // Unknown options (not constant) are given the benefit of the doubt.
                if (argument.Parameter.Type.Name == "RegexOptions"
                    && (!(argument.Value.ConstantValue is { HasValue: true, Value: int options }) || (options & NonBacktracking) != 0))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the Regex instance's creation is visible and has neither a timeout nor NonBacktracking.</summary>
        private static bool IsUnboundedInstance(IOperation instance, OperationAnalysisContext context)
        {
            IOperation stripped = ConstantValueAnalysis.WalkDownConversions(instance);
            switch (stripped)
            {
                case IObjectCreationOperation creation:
                    return !HasTimeout(creation.Arguments);
                case IInvocationOperation { TargetMethod: { } method }:
                    return IsGeneratedWithoutTimeout(method);
                case IPropertyReferenceOperation { Property: { } property }:
                    return property.GetMethod is not null && IsGeneratedWithoutTimeout(property.GetMethod)
                        || IsGeneratedWithoutTimeout(property);
                case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                    return InitializerCreation(field, stripped, context) is { } fieldCreation && !HasTimeout(fieldCreation.Arguments);
                case ILocalReferenceOperation { Local: { } local }:
                    var creations = RequestDerivedAnalysis.Root(stripped).Descendants()
                        .OfType<IVariableDeclaratorOperation>()
                        .Where(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local))
                        .Select(d => d.GetVariableInitializer()?.Value is { } v ? ConstantValueAnalysis.WalkDownConversions(v) as IObjectCreationOperation : null)
                        .ToList();
                    return creations.Count == 1 && creations[0] is { } localCreation && !HasTimeout(localCreation.Arguments);
                default:
                    return false;
            }
        }

        private static IObjectCreationOperation? InitializerCreation(IFieldSymbol field, IOperation reference, OperationAnalysisContext context)
        {
            if (field.DeclaringSyntaxReferences.Length != 1
                || !(field.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator)
                || reference.SemanticModel is not { } model
                || model.SyntaxTree != declarator.SyntaxTree)
            {
                return null;
            }

            return model.GetOperation(initializer.Value, context.CancellationToken) is { } value
                ? ConstantValueAnalysis.WalkDownConversions(value) as IObjectCreationOperation
                : null;
        }

        private static bool IsGeneratedWithoutTimeout(ISymbol member)
        {
            AttributeData? generated = member.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "GeneratedRegexAttribute");
            if (generated is null)
            {
                return false;
            }

            foreach (IParameterSymbol parameter in generated.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty)
            {
                TypedConstant value = generated.ConstructorArguments[parameter.Ordinal];
                if (parameter.Name == "matchTimeoutMilliseconds")
                {
                    return false;
                }

                if (parameter.Name == "options" && value.Value is int options && (options & NonBacktracking) != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

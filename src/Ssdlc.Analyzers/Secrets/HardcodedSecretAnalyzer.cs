using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Detection.Secrets;

namespace Ssdlc.Analyzers.Secrets
{
    /// <summary>
    /// SSDLC1101: a secret in source (B.11.1). String constants (literals, constant interpolations and concatenations)
    /// are checked with the shared detector (<see cref="SecretScanner.CheckValue"/>): known credential formats anywhere,
    /// name-plus-value where the constant is assigned to, initialises or is passed as something named like a secret
    /// (<c>Password = "…"</c>, <c>["ApiKey"] = "…"</c>, <c>new { ClientSecret = "…" }</c>, <c>new NetworkCredential("u", "…")</c>).
    /// Code in test methods and test classes (<c>[Fact]</c>, <c>[Theory]</c>, <c>[Test]</c>, <c>[TestCase]</c>,
    /// <c>[TestMethod]</c>, <c>[TestFixture]</c>, <c>[TestClass]</c>) is a marked test fixture and is not analysed.
    /// The message carries only the kind, the masked value and the fingerprint.
    /// </summary>
    public sealed class HardcodedSecretAnalyzer : DiagnosticAnalyzer
    {
        private static readonly HashSet<string> TestAttributes = new HashSet<string>
        {
            "FactAttribute", "TheoryAttribute", "TestAttribute", "TestCaseAttribute", "TestCaseSourceAttribute", "TestMethodAttribute",
            "DataTestMethodAttribute", "TestFixtureAttribute", "TestClassAttribute", "SkippableFactAttribute", "SkippableTheoryAttribute",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.HardcodedSecret);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code (resources, designers) is not where a developer writes a secret; config files are SSDLC3305's.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? stringType = start.Compilation.GetSpecialType(SpecialType.System_String);
                if (stringType is null || stringType.TypeKind == TypeKind.Error)
                {
                    return;
                }

                start.RegisterOperationAction(
                    Analyze,
                    OperationKind.Literal,
                    OperationKind.InterpolatedString,
                    OperationKind.Binary);
            });
        }

        private static void Analyze(OperationAnalysisContext context)
        {
            IOperation operation = context.Operation;
            if (operation.Type?.SpecialType != SpecialType.System_String)
            {
                return;
            }

            bool constant = operation.ConstantValue.HasValue && operation.ConstantValue.Value is string;
            if (operation is IBinaryOperation binary && (!constant || binary.OperatorKind != BinaryOperatorKind.Add))
            {
                return;
            }

            if (operation is IInterpolatedStringOperation && !constant)
            {
                return; // its text parts are checked as literals
            }

            string? value;
            if (constant)
            {
                if (IsPartOfLargerConstant(operation))
                {
                    return; // reported once, at the whole constant
                }

                value = (string)operation.ConstantValue.Value!;
            }
            else if (operation is ILiteralOperation && operation.Parent is IInterpolatedStringTextOperation)
            {
                // The text of a non-constant interpolation: known formats only.
                value = operation.ConstantValue.Value as string;
            }
            else
            {
                return;
            }

            if (string.IsNullOrEmpty(value) || IsInTestCode(context.ContainingSymbol))
            {
                return;
            }

            string? name = constant ? NameOf(operation, context.ContainingSymbol) : null;
            SecretMatch? match = SecretScanner.CheckValue(name, value!);
            if (match is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.HardcodedSecret, operation.Syntax.GetLocation(), match.Kind, match.Masked, match.Fingerprint));
            }
        }

        /// <summary>True when the parent (through conversions and parentheses) is a constant string concatenation or interpolation.</summary>
        private static bool IsPartOfLargerConstant(IOperation operation)
        {
            IOperation? parent = operation.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IInterpolatedStringTextOperation || parent is IInterpolationOperation)
            {
                parent = parent.Parent;
            }

            return parent is not null
                   && (parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } || parent is IInterpolatedStringOperation)
                   && parent.ConstantValue.HasValue && parent.ConstantValue.Value is string;
        }

        /// <summary>The name the value is assigned to, initialises or is passed as; null when there is none.</summary>
        private static string? NameOf(IOperation value, ISymbol containingSymbol)
        {
            IOperation current = value;
            IOperation? parent = current.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation
                   || (parent is ICoalesceOperation coalesce && coalesce.WhenNull == current)
                   || (parent is IConditionalOperation conditional && conditional.Condition != current))
            {
                current = parent;
                parent = current.Parent;
            }

            switch (parent)
            {
                case IVariableInitializerOperation initializer:
                    return initializer.Parent switch
                    {
                        IVariableDeclaratorOperation declarator => declarator.Symbol.Name,
                        _ => null,
                    };
                case IFieldInitializerOperation field when field.InitializedFields.Length > 0:
                    return field.InitializedFields[0].Name;
                case IPropertyInitializerOperation property when property.InitializedProperties.Length > 0:
                    return property.InitializedProperties[0].Name;
                case IParameterInitializerOperation parameter:
                    return parameter.Parameter.Name;
                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return TargetName(assignment.Target);
                case IArgumentOperation argument:
                    return ArgumentName(argument);
                case IReturnOperation returned when !IsInsideFunction(returned):
                    return containingSymbol is IMethodSymbol { AssociatedSymbol: { } associated } ? associated.Name : containingSymbol.Name;
                default:
                    return null;
            }
        }

        /// <summary>A return inside a lambda or local function does not return from the member that names it.</summary>
        private static bool IsInsideFunction(IOperation operation)
        {
            for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static string? TargetName(IOperation target)
        {
            switch (target)
            {
                case IPropertyReferenceOperation { Arguments.Length: 1 } indexer
                    when indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }:
                    return key; // settings["Password"] = "…", new Dictionary<string, string> { ["ApiKey"] = "…" }
                case IPropertyReferenceOperation property:
                    return property.Property.Name;
                case IFieldReferenceOperation field:
                    return field.Field.Name;
                case ILocalReferenceOperation local:
                    return local.Local.Name;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.Name;
                default:
                    return null;
            }
        }

        private static string? ArgumentName(IArgumentOperation argument)
        {
            IParameterSymbol? parameter = argument.Parameter;
            if (parameter is null)
            {
                return null;
            }

            // Add("Password", "…"), new KeyValuePair<string, string>("ApiKey", "…"), AddInMemoryCollection pairs: the key names the value.
            if (parameter.Ordinal == 1 && (parameter.Name == "value" || parameter.Name == "item2")
                && argument.Parent is IInvocationOperation or IObjectCreationOperation)
            {
                ImmutableArray<IArgumentOperation> arguments = argument.Parent switch
                {
                    IInvocationOperation invocation => invocation.Arguments,
                    IObjectCreationOperation creation => creation.Arguments,
                    _ => ImmutableArray<IArgumentOperation>.Empty,
                };
                foreach (IArgumentOperation sibling in arguments)
                {
                    if (sibling.Parameter?.Ordinal == 0
                        && ConstantValueAnalysis.WalkDownConversions(sibling.Value).ConstantValue is { HasValue: true, Value: string key })
                    {
                        return key;
                    }
                }
            }

            return parameter.Name;
        }

        private static bool IsInTestCode(ISymbol? symbol)
        {
            for (ISymbol? current = symbol; current is not null; current = current.ContainingSymbol)
            {
                if (current is IMethodSymbol or INamedTypeSymbol)
                {
                    foreach (AttributeData attribute in current.GetAttributes())
                    {
                        if (attribute.AttributeClass is { } type && TestAttributes.Contains(type.Name))
                        {
                            return true;
                        }
                    }
                }

                if (current is INamespaceSymbol)
                {
                    break;
                }
            }

            return false;
        }
    }
}

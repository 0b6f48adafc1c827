using System.Collections.Generic;
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
    /// SSDLC0202: deserializers that let the data choose the types (B.2.5, B.2.9): BinaryFormatter, SoapFormatter,
    /// NetDataContractSerializer, LosFormatter, ObjectStateFormatter, JavaScriptSerializer with SimpleTypeResolver, and
    /// Json.NET TypeNameHandling other than None (unless a restrictive SerializationBinder is set in the same member).
    /// </summary>
    public sealed class InsecureDeserializerAnalyzer : DiagnosticAnalyzer
    {
        private const string TypeNameHandlingName = "Newtonsoft.Json.TypeNameHandling";

        private static readonly string[] DangerousFormatters =
        {
            "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter",
            "System.Runtime.Serialization.Formatters.Soap.SoapFormatter",
            "System.Runtime.Serialization.NetDataContractSerializer",
            "System.Web.UI.LosFormatter",
            "System.Web.UI.ObjectStateFormatter",
        };

        private static readonly HashSet<string> TypeNameProperties = new HashSet<string> { "TypeNameHandling", "ItemTypeNameHandling" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.InsecureDeserializer);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var formatters = DangerousFormatters
                    .Select(name => WellKnownTypes.For(start.Compilation).Get(name))
                    .Where(t => t is not null)
                    .Cast<INamedTypeSymbol>()
                    .ToImmutableArray();
                INamedTypeSymbol? javaScriptSerializer = WellKnownTypes.For(start.Compilation).Get("System.Web.Script.Serialization.JavaScriptSerializer");
                INamedTypeSymbol? simpleTypeResolver = WellKnownTypes.For(start.Compilation).Get("System.Web.Script.Serialization.SimpleTypeResolver");
                INamedTypeSymbol? typeNameHandling = WellKnownTypes.For(start.Compilation).Get(TypeNameHandlingName);

                if (!formatters.IsEmpty || javaScriptSerializer is not null)
                {
                    start.RegisterOperationAction(
                        c => AnalyzeCreation(c, formatters, javaScriptSerializer, simpleTypeResolver),
                        OperationKind.ObjectCreation);
                }

                if (typeNameHandling is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeAssignment(c, typeNameHandling), OperationKind.SimpleAssignment);
                    start.RegisterSyntaxNodeAction(c => AnalyzeAttribute(c, typeNameHandling), Microsoft.CodeAnalysis.CSharp.SyntaxKind.Attribute);
                }
            });
        }

        private static void AnalyzeCreation(
            OperationAnalysisContext context,
            ImmutableArray<INamedTypeSymbol> formatters,
            INamedTypeSymbol? javaScriptSerializer,
            INamedTypeSymbol? simpleTypeResolver)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!(creation.Type is INamedTypeSymbol type))
            {
                return;
            }

            foreach (INamedTypeSymbol formatter in formatters)
            {
                if (OperationHelpers.IsOrDerivesFrom(type, formatter))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.InsecureDeserializer, creation.Syntax.GetLocation(), formatter.Name));
                    return;
                }
            }

            if (javaScriptSerializer is not null
                && SymbolEqualityComparer.Default.Equals(type, javaScriptSerializer)
                && creation.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue
                    && Analysis.ConstantValueAnalysis.WalkDownConversions(a.Value).Type is { } argumentType
                    && simpleTypeResolver is not null
                    && OperationHelpers.IsOrDerivesFrom(argumentType, simpleTypeResolver)))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.InsecureDeserializer, creation.Syntax.GetLocation(), "JavaScriptSerializer with SimpleTypeResolver"));
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol typeNameHandling)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation { Property: { } property })
                || !TypeNameProperties.Contains(property.Name)
                || !SymbolEqualityComparer.Default.Equals(property.Type, typeNameHandling)
                || !IsDangerous(assignment.Value.ConstantValue))
            {
                return;
            }

            // Attribute arguments ([JsonProperty(TypeNameHandling = ...)]) are reported by the syntax action, on every Roslyn version.
            if (assignment.Syntax is AttributeArgumentSyntax || assignment.Syntax.FirstAncestorOrSelf<AttributeSyntax>() is not null)
            {
                return;
            }

            if (HasRestrictiveBinder(assignment))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.InsecureDeserializer,
                assignment.Value.Syntax.GetLocation(),
                "Json.NET " + property.Name + " " + Describe(assignment.Value)));
        }

        private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, INamedTypeSymbol typeNameHandling)
        {
            var attribute = (AttributeSyntax)context.Node;
            if (attribute.ArgumentList is null)
            {
                return;
            }

            foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
            {
                if (argument.NameEquals is null || !TypeNameProperties.Contains(argument.NameEquals.Name.Identifier.ValueText))
                {
                    continue;
                }

                TypeInfo type = context.SemanticModel.GetTypeInfo(argument.Expression, context.CancellationToken);
                if (!SymbolEqualityComparer.Default.Equals(type.Type, typeNameHandling))
                {
                    continue;
                }

                Optional<object?> value = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
                if (IsDangerous(value))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.InsecureDeserializer,
                        argument.Expression.GetLocation(),
                        "Json.NET " + argument.NameEquals.Name.Identifier.ValueText + " " + argument.Expression));
                }
            }
        }

        // TypeNameHandling.None is 0; anything else (Objects, Arrays, All, Auto, or a combination) writes and reads $type.
        private static bool IsDangerous(Optional<object?> value)
            => value.HasValue && value.Value is int number && number != 0;

        private static string Describe(IOperation value)
            => value.Syntax.ToString().Length <= 60 ? value.Syntax.ToString() : "with type names";

        /// <summary>
        /// A SerializationBinder (or the older Binder) set on a Json.NET object in the same object initializer, or
        /// anywhere in the same member, to something other than null or Json.NET's permissive DefaultSerializationBinder.
        /// </summary>
        private static bool HasRestrictiveBinder(IAssignmentOperation assignment)
        {
            IOperation scope = assignment.Parent is IObjectOrCollectionInitializerOperation initializer ? initializer : Analysis.RequestDerivedAnalysis.Root(assignment);
            foreach (IOperation op in scope.Descendants())
            {
                if (op is ISimpleAssignmentOperation
                    {
                        Target: IPropertyReferenceOperation { Property: { Name: "SerializationBinder" or "Binder" } binderProperty },
                    } binder
                    && SymbolNames.IsNamespace(binderProperty.ContainingType?.ContainingNamespace, "Newtonsoft.Json")
                    && !binder.Value.ConstantValue.HasValue
                    && !(Analysis.ConstantValueAnalysis.WalkDownConversions(binder.Value).Type is { Name: "DefaultSerializationBinder" }))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

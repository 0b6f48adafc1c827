using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Cryptography
{
    /// <summary>
    /// SSDLC1006: <c>SslProtocols.Ssl2/Ssl3/Tls/Tls11</c> (and <c>Default</c>) or <c>SecurityProtocolType.Ssl3/Tls/Tls11</c>,
    /// alone or OR-ed with other flags, where a protocol choice is made: assigned (<c>=</c>, <c>|=</c>, object and options
    /// initialisers), passed as an argument of the enum type, or used to initialise a field, property or local.
    /// Checks such as <c>HasFlag</c>, comparisons and masking out (<c>&amp;= ~SslProtocols.Tls</c>) are not reported;
    /// a use of a named constant is reported once, at the constant's declaration.
    /// </summary>
    public sealed class DeprecatedTlsAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the enum type's metadata name, for the code fix.</summary>
        public const string EnumTypeProperty = "EnumType";

        // The same bit values in SslProtocols and SecurityProtocolType.
        private static readonly (long Flag, string Name)[] WeakFlags =
        {
            (12, "SSL 2.0"),
            (48, "SSL 3.0"),
            (192, "TLS 1.0"),
            (768, "TLS 1.1"),
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.DeprecatedTls);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? sslProtocols = WellKnownTypes.For(start.Compilation).Get("System.Security.Authentication.SslProtocols");
                INamedTypeSymbol? securityProtocolType = WellKnownTypes.For(start.Compilation).Get("System.Net.SecurityProtocolType");
                // A constant of these enums other than 0 is written with the enum's name (a member or a cast), in this
                // compilation; a code base that never names them has nothing to report and nothing to pay per operation.
                SourceMentions mentions = SourceMentions.For(start.Compilation);
                if ((sslProtocols is null && securityProtocolType is null)
                    || !(mentions.Names("SslProtocols", start.CancellationToken) || mentions.Names("SecurityProtocolType", start.CancellationToken)))
                {
                    return;
                }

                var enums = new[] { sslProtocols, securityProtocolType };
                start.RegisterOperationAction(
                    c =>
                    {
                        switch (c.Operation)
                        {
                            case ISimpleAssignmentOperation assignment:
                                Check(c, enums, assignment.Value, Describe(assignment.Target));
                                break;
                            case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Or } compound:
                                Check(c, enums, compound.Value, Describe(compound.Target));
                                break;
                            case IArgumentOperation { ArgumentKind: not ArgumentKind.DefaultValue, Parameter: { } parameter } argument
                                when IsEnum(parameter.OriginalDefinition.Type, enums) && parameter.ContainingSymbol.Name != "HasFlag":
                                Check(c, enums, argument.Value, DescribeParameter(parameter));
                                break;
                            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } local:
                                Check(c, enums, local.Value, declarator.Symbol.Name);
                                break;
                            case IFieldInitializerOperation field when !field.InitializedFields.IsEmpty:
                                Check(c, enums, field.Value, field.InitializedFields[0].ContainingType.Name + "." + field.InitializedFields[0].Name);
                                break;
                            case IPropertyInitializerOperation property when !property.InitializedProperties.IsEmpty:
                                Check(c, enums, property.Value, property.InitializedProperties[0].ContainingType.Name + "." + property.InitializedProperties[0].Name);
                                break;
                        }
                    },
                    OperationKind.SimpleAssignment,
                    OperationKind.CompoundAssignment,
                    OperationKind.Argument,
                    OperationKind.VariableInitializer,
                    OperationKind.FieldInitializer,
                    OperationKind.PropertyInitializer);
            });
        }

        private static void Check(OperationAnalysisContext context, INamedTypeSymbol?[] enums, IOperation value, string where)
        {
            IOperation unwrapped = ConstantValueAnalysis.WalkDownConversions(value);

            // legacy ? SslProtocols.Tls11 : SslProtocols.Tls12 and switch expressions: each outcome is a choice.
            switch (unwrapped)
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when !unwrapped.ConstantValue.HasValue:
                    Check(context, enums, conditional.WhenTrue, where);
                    Check(context, enums, whenFalse, where);
                    return;
                case ISwitchExpressionOperation switchExpression:
                    foreach (ISwitchExpressionArmOperation arm in switchExpression.Arms)
                    {
                        Check(context, enums, arm.Value, where);
                    }

                    return;
            }

            ITypeSymbol? type = value.Type;
            if (!IsEnum(type, enums) || !(unwrapped.ConstantValue is { HasValue: true, Value: { } constant }) || IsNamedConstant(unwrapped))
            {
                return;
            }

            long bits;
            try
            {
                bits = System.Convert.ToInt64(constant, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (System.Exception e) when (e is System.OverflowException or System.FormatException or System.InvalidCastException)
            {
                return;
            }

            var found = new List<string>();
            foreach ((long flag, string name) in WeakFlags)
            {
                if ((bits & flag) != 0)
                {
                    found.Add(name);
                }
            }

            if (found.Count == 0)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(EnumTypeProperty, type!.ToDisplayString());
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DeprecatedTls, value.Syntax.GetLocation(), properties, where, string.Join(", ", found)));
        }

        /// <summary>A reference to a user's <c>const</c> (reported at its declaration instead).</summary>
        private static bool IsNamedConstant(IOperation value)
            => value switch
            {
                IFieldReferenceOperation field => !(field.Field.ContainingType?.TypeKind == TypeKind.Enum),
                ILocalReferenceOperation => true,
                _ => false,
            };

        private static bool IsEnum(ITypeSymbol? type, INamedTypeSymbol?[] enums)
        {
            foreach (INamedTypeSymbol? candidate in enums)
            {
                if (candidate is not null && SymbolEqualityComparer.Default.Equals(type, candidate))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Describe(IOperation target)
            => target switch
            {
                IPropertyReferenceOperation property => (property.Instance?.Type?.Name ?? property.Property.ContainingType.Name) + "." + property.Property.Name,
                IFieldReferenceOperation field => (field.Instance?.Type?.Name ?? field.Field.ContainingType.Name) + "." + field.Field.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                _ => "the protocol setting",
            };

        private static string DescribeParameter(IParameterSymbol parameter)
            => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                ? "new " + constructor.ContainingType.Name
                : (parameter.ContainingSymbol.ContainingType?.Name ?? string.Empty) + "." + parameter.ContainingSymbol.Name;
    }
}

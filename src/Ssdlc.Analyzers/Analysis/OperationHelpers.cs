using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>Small, allocation-light helpers for finding the values that reach a sink.</summary>
    internal static class OperationHelpers
    {
        /// <summary>The explicitly given argument bound to the parameter named <paramref name="parameterName"/>, or null.</summary>
        public static IArgumentOperation? FindArgument(ImmutableArray<IArgumentOperation> arguments, string parameterName)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is { } parameter
                    && parameter.Name == parameterName
                    && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>The explicitly given string argument bound to the parameter named <paramref name="parameterName"/>, or null.</summary>
        public static IArgumentOperation? FindStringArgument(ImmutableArray<IArgumentOperation> arguments, string parameterName)
        {
            IArgumentOperation? argument = FindArgument(arguments, parameterName);
            return argument?.Parameter?.Type.SpecialType == SpecialType.System_String ? argument : null;
        }

        /// <summary>The local, parameter, field or property an operation refers to (after conversions), or null.</summary>
        public static ISymbol? ReferencedSymbol(IOperation? operation) => operation is null ? null : ConstantValueAnalysis.WalkDownConversions(operation) switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        /// <summary>The arguments of an invocation or object creation; empty for anything else.</summary>
        public static ImmutableArray<IArgumentOperation> Arguments(IOperation call) => call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };

        /// <summary>The string value of a compile-time constant (after conversions), or null.</summary>
        public static string? ConstantString(IOperation? value)
        {
            if (value is null)
            {
                return null;
            }

            IOperation operation = ConstantValueAnalysis.WalkDownConversions(value);
            if (operation.ConstantValue.HasValue && operation.ConstantValue.Value is string text)
            {
                return text;
            }

            return value.ConstantValue.HasValue ? value.ConstantValue.Value as string : null;
        }

        /// <summary>The outermost operation of the member body that contains <paramref name="operation"/>.</summary>
        public static IOperation Root(IOperation operation)
        {
            IOperation root = operation;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            return root;
        }

        /// <summary>The object creation whose initializer contains <paramref name="operation"/> (for implicit receivers), or null.</summary>
        public static IObjectCreationOperation? EnclosingObjectCreation(IOperation operation)
        {
            for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IObjectOrCollectionInitializerOperation initializer)
                {
                    // Nested member initializers (ArgumentList = { ... }) sit inside a member initializer.
                    if (initializer.Parent is IObjectCreationOperation creation)
                    {
                        return creation;
                    }

                    if (initializer.Parent is IMemberInitializerOperation)
                    {
                        continue;
                    }

                    return null;
                }
            }

            return null;
        }

        public static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? interfaceType)
        {
            if (type is null || interfaceType is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, interfaceType))
            {
                return true;
            }

            foreach (INamedTypeSymbol implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, interfaceType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The instance, or the <c>this</c> argument of an extension method.</summary>
        public static IOperation? Receiver(IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance)
            {
                return instance;
            }

            if (invocation.TargetMethod.IsExtensionMethod)
            {
                // Arguments are in evaluation order: with named arguments the `this` argument need not be first.
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 0)
                    {
                        return argument.Value;
                    }
                }
            }

            return null;
        }

        /// <summary>The invocation made on <paramref name="operation"/> as its receiver (instance or extension <c>this</c>), or null.</summary>
        public static IInvocationOperation? InvocationOn(IOperation operation)
        {
            IOperation current = operation;
            IOperation? parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            if (parent is IInvocationOperation instanceCall && ReferenceEquals(instanceCall.Instance, current))
            {
                return instanceCall;
            }

            if (parent is IArgumentOperation { Parameter.Ordinal: 0 } argument
                && argument.Parent is IInvocationOperation extensionCall
                && extensionCall.TargetMethod.IsExtensionMethod)
            {
                return extensionCall;
            }

            return null;
        }

        /// <summary>The method name in a call (<c>MapPost</c> in <c>app.MapPost(...)</c>), else the whole call.</summary>
        public static Location NameLocation(IInvocationOperation invocation)
            => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                ? access.Name.GetLocation()
                : invocation.Syntax.GetLocation();

        /// <summary>The value is the constant <c>false</c> (a literal or a <c>const</c>).</summary>
        public static bool IsConstantFalse(IOperation value) => value.ConstantValue is { HasValue: true, Value: false };

        /// <summary>The innermost lambda or local function that contains <paramref name="operation"/>, else the root of its body.</summary>
        public static IOperation EnclosingFunction(IOperation operation)
        {
            IOperation current = operation;
            while (current.Parent is not null)
            {
                if (current.Parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return current.Parent;
                }

                current = current.Parent;
            }

            return current;
        }

        /// <summary>Numbers, booleans, enums, dates and GUIDs cannot carry markup or query syntax.</summary>
        public static bool IsSimpleValue(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                case SpecialType.System_DateTime:
                    return true;
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return true;
            }

            return type.Name is "Guid" or "DateTimeOffset" or "TimeSpan" or "DateOnly" or "TimeOnly"
                && SymbolNames.IsNamespace(type.ContainingNamespace, "System");
        }
    }
}

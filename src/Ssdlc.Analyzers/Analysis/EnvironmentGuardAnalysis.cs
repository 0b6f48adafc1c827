using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Whether an operation only runs in the development environment: inside <c>if (env.IsDevelopment())</c>
    /// (also <c>IsEnvironment("Development")</c>, <c>EnvironmentName == "Development"</c>, a local holding one of these,
    /// <c>&amp;&amp;</c> with other conditions), in the false branch of <c>if (!env.IsDevelopment())</c> or of a ternary,
    /// or after an early exit <c>if (!env.IsDevelopment()) return;</c> in an enclosing block. The same code in the else
    /// branch of a development check, after the check, or under <c>!IsDevelopment()</c> is not guarded.
    /// Shared by the rules that allow a setting in development only (SSDLC0901, SSDLC1203, SSDLC1401).
    /// </summary>
    internal static class EnvironmentGuardAnalysis
    {
        private const string Development = "Development";

        /// <summary>True when <paramref name="operation"/> runs only when the environment is Development.</summary>
        public static bool IsGuardedByDevelopmentCheck(IOperation operation)
        {
            IOperation child = operation;
            for (IOperation? parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when !ReferenceEquals(child, conditional.Condition):
                        if (ReferenceEquals(child, conditional.WhenTrue) && ImpliesDevelopment(conditional.Condition, 0))
                        {
                            return true;
                        }

                        if (ReferenceEquals(child, conditional.WhenFalse) && FalseImpliesDevelopment(conditional.Condition, 0))
                        {
                            return true;
                        }

                        break;
                    case IBlockOperation block when HasEarlyExitBefore(block, child):
                        return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="condition"/> being true means the environment is Development.</summary>
        public static bool ImpliesDevelopment(IOperation? condition, int depth)
        {
            if (condition is null || depth > 8)
            {
                return false;
            }

            condition = ConstantValueAnalysis.WalkDownConversions(condition);
            switch (condition)
            {
                case IInvocationOperation invocation:
                    return IsDevelopmentCheck(invocation);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return ImpliesDevelopment(and.LeftOperand, depth + 1) || ImpliesDevelopment(and.RightOperand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return ComparesEnvironmentNameToDevelopment(equals);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return FalseImpliesDevelopment(not.Operand, depth + 1);
                case ILocalReferenceOperation local:
                    return ImpliesDevelopment(LocalInitializer(local), depth + 1);
                case IIsPatternOperation { Pattern: IConstantPatternOperation constant } isPattern
                    when constant.Value.ConstantValue.HasValue && constant.Value.ConstantValue.Value is true:
                    return ImpliesDevelopment(isPattern.Value, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary>True when <paramref name="condition"/> being false means the environment is Development.</summary>
        public static bool FalseImpliesDevelopment(IOperation? condition, int depth)
        {
            if (condition is null || depth > 8)
            {
                return false;
            }

            condition = ConstantValueAnalysis.WalkDownConversions(condition);
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return ImpliesDevelopment(not.Operand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    return FalseImpliesDevelopment(or.LeftOperand, depth + 1) || FalseImpliesDevelopment(or.RightOperand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    return ComparesEnvironmentNameToDevelopment(notEquals);
                case ILocalReferenceOperation local:
                    return FalseImpliesDevelopment(LocalInitializer(local), depth + 1);
                case IIsPatternOperation { Pattern: IConstantPatternOperation constant } isPattern
                    when constant.Value.ConstantValue.HasValue && constant.Value.ConstantValue.Value is false:
                    return ImpliesDevelopment(isPattern.Value, depth + 1);
                default:
                    return false;
            }
        }

        private static bool IsDevelopmentCheck(IInvocationOperation invocation)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name == "IsDevelopment")
            {
                return true;
            }

            if (method.Name == "IsEnvironment")
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Type.SpecialType == SpecialType.System_String && IsDevelopmentName(argument.Value))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool ComparesEnvironmentNameToDevelopment(IBinaryOperation comparison)
        {
            return (IsEnvironmentName(comparison.LeftOperand) && IsDevelopmentName(comparison.RightOperand))
                || (IsEnvironmentName(comparison.RightOperand) && IsDevelopmentName(comparison.LeftOperand));
        }

        private static bool IsEnvironmentName(IOperation operation)
            => ConstantValueAnalysis.WalkDownConversions(operation) is IPropertyReferenceOperation { Property.Name: "EnvironmentName" };

        // "Development", or Environments.Development (a static readonly field, not a constant).
        private static bool IsDevelopmentName(IOperation operation)
            => string.Equals(OperationHelpers.ConstantString(operation), Development, StringComparison.OrdinalIgnoreCase)
               || (ConstantValueAnalysis.WalkDownConversions(operation) is IFieldReferenceOperation { Field: { Name: Development, IsStatic: true } field }
                   && field.ContainingType?.Name == "Environments");

        private static IOperation? LocalInitializer(ILocalReferenceOperation local)
        {
            // Only a local that is never reassigned after its declaration is followed.
            if (local.Local.IsRef || local.Local.IsConst)
            {
                return null;
            }

            IOperation root = OperationHelpers.Root(local);
            IOperation? initializer = null;
            foreach (IOperation descendant in root.Descendants())
            {
                if (descendant is IVariableDeclaratorOperation declarator
                    && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local))
                {
                    initializer = declarator.Initializer?.Value;
                }
                else if (descendant is IAssignmentOperation { Target: ILocalReferenceOperation target }
                         && SymbolEqualityComparer.Default.Equals(target.Local, local.Local))
                {
                    return null;
                }
            }

            return initializer;
        }

        // An `if (!env.IsDevelopment()) return;` (or throw) before `child` in `block`.
        private static bool HasEarlyExitBefore(IBlockOperation block, IOperation child)
        {
            foreach (IOperation statement in block.Operations)
            {
                if (ReferenceEquals(statement, child))
                {
                    return false;
                }

                if (statement is IConditionalOperation { WhenFalse: null } conditional
                    && AlwaysExits(conditional.WhenTrue)
                    && FalseImpliesDevelopment(conditional.Condition, 0))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AlwaysExits(IOperation? statement)
        {
            switch (statement)
            {
                case IReturnOperation { Kind: OperationKind.Return }:
                case IThrowOperation:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                    return true;
                case IBlockOperation block when block.Operations.Length > 0:
                    return AlwaysExits(block.Operations[block.Operations.Length - 1]);
                default:
                    return false;
            }
        }
    }
}

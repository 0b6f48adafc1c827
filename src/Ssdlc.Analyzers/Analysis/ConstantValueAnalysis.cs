using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Decides whether a (string) value is "constant" in the rule catalog's sense: a compile-time constant, or built
    /// only from constants. Injection rules (SQL, LDAP, XPath, process arguments, ...) report values that are not.
    /// </summary>
    /// <remarks>
    /// Constant building blocks: literals, <c>const</c> fields and locals, <c>nameof</c>, <c>string.Empty</c>;
    /// concatenation and interpolation of constants; <c>string.Concat/Format/Join</c> and pure string methods
    /// (<c>Trim</c>, <c>ToUpperInvariant</c>, <c>Replace</c>, ...) over constants; conditional, coalesce and switch
    /// expressions whose every outcome is constant; a local whose every write in the containing member (lambdas and
    /// local functions included) is constant; a <c>static readonly</c> field initialised with a constant and not
    /// reassigned in a static constructor; the result of a helper method of the compilation whose every returned value
    /// is constant with its parameters bound to the call's arguments, and a helper's parameter when every call in the
    /// compilation passes a constant and no other caller can exist (<see cref="CallFrames"/>). Everything else (other
    /// parameters, fields, properties, library method results, locals written through <c>ref</c>/<c>out</c>/
    /// deconstruction/<c>foreach</c>/patterns) is non-constant.
    /// The analysis is flow-insensitive and bounded: past <see cref="MaxDepth"/> nesting or <see cref="MaxSteps"/>
    /// steps it answers "non-constant" (a security rule then errs on the side of reporting).
    /// </remarks>
    internal static class ConstantValueAnalysis
    {
        public const int MaxDepth = 100;
        public const int MaxSteps = 5000;

        private static readonly HashSet<string> PureStringInstanceMethods = new HashSet<string>
        {
            "ToString", "ToUpper", "ToUpperInvariant", "ToLower", "ToLowerInvariant", "Trim", "TrimStart", "TrimEnd",
            "Replace", "Substring", "Insert", "Remove", "PadLeft", "PadRight", "Normalize",
        };

        private static readonly HashSet<string> ConstantStringFactories = new HashSet<string> { "Concat", "Format", "Join" };

        /// <summary>True when <paramref name="value"/> is a compile-time constant or built only from constants.</summary>
        public static bool IsConstant(IOperation? value, CancellationToken cancellationToken = default)
            => value is not null && new Evaluator(value, cancellationToken, null).IsConstant(value, 0);

        /// <summary>
        /// Like <see cref="IsConstant(IOperation?, CancellationToken)"/>, but any part of the value for which
        /// <paramref name="isTrusted"/> answers true (an encoding call, a number) counts as constant too, wherever it
        /// appears: directly, in a concatenation or interpolation hole, or in a local's assignments.
        /// </summary>
        public static bool IsConstantOrTrusted(IOperation? value, System.Func<IOperation, bool> isTrusted, CancellationToken cancellationToken = default)
            => value is not null && new Evaluator(value, cancellationToken, isTrusted).IsConstant(value, 0);

        /// <summary>Strips conversions (implicit and explicit, built-in only) and parentheses.</summary>
        public static IOperation WalkDownConversions(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when conversion.OperatorMethod is null:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    default:
                        return operation;
                }
            }
        }

        private sealed class Evaluator
        {
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<ISymbol> _inProgress = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly Stack<HashSet<ISymbol>> _assumptions = new Stack<HashSet<ISymbol>>();
            private readonly System.Func<IOperation, bool>? _isTrusted;
            private readonly CallFrames _calls;
            private int _steps;

            public Evaluator(IOperation value, CancellationToken cancellationToken, System.Func<IOperation, bool>? isTrusted)
            {
                _cancellationToken = cancellationToken;
                _isTrusted = isTrusted;
                _calls = new CallFrames(value, cancellationToken);
            }

            public bool IsConstant(IOperation operation, int depth)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (++_steps > MaxSteps || depth > MaxDepth)
                {
                    return false;
                }

                if (operation.ConstantValue.HasValue)
                {
                    return true;
                }

                if (_isTrusted is not null && _isTrusted(operation))
                {
                    return true;
                }

                int next = depth + 1;
                switch (operation)
                {
                    case IConversionOperation conversion:
                        return conversion.OperatorMethod is null && IsConstant(conversion.Operand, next);
                    case IParenthesizedOperation parenthesized:
                        return IsConstant(parenthesized.Operand, next);
                    case IBinaryOperation binary:
                        return binary.OperatorKind == BinaryOperatorKind.Add
                            && binary.OperatorMethod is null
                            && IsConstant(binary.LeftOperand, next)
                            && IsConstant(binary.RightOperand, next);
                    case IInterpolatedStringOperation interpolated:
                        return interpolated.Parts.All(p => IsConstant(p, next));
                    case IInterpolatedStringTextOperation:
                        return true;
                    case IInterpolationOperation interpolation:
                        return IsConstant(interpolation.Expression, next);
                    case IInterpolatedStringHandlerCreationOperation handler:
                        return IsConstant(handler.Content, next);
                    case IInterpolatedStringAdditionOperation addition:
                        return IsConstant(addition.Left, next) && IsConstant(addition.Right, next);
                    case IInterpolatedStringAppendOperation append:
                        return append.Kind == OperationKind.InterpolatedStringAppendLiteral
                            || (append.AppendCall is IInvocationOperation call && call.Arguments.Length > 0 && IsConstant(call.Arguments[0].Value, next));
                    case IConditionalOperation conditional:
                        return conditional.WhenFalse is not null
                            && IsConstant(conditional.WhenTrue, next)
                            && IsConstant(conditional.WhenFalse, next);
                    case ICoalesceOperation coalesce:
                        return IsConstant(coalesce.Value, next) && IsConstant(coalesce.WhenNull, next);
                    case ISwitchExpressionOperation switchExpression:
                        return switchExpression.Arms.Length > 0 && switchExpression.Arms.All(a => IsConstant(a.Value, next));
                    case IArrayCreationOperation array:
                        return array.Initializer is not null && IsConstant(array.Initializer, next);
                    case IArrayInitializerOperation initializer:
                        return initializer.ElementValues.All(e => IsConstant(e, next));
                    case ILocalReferenceOperation local:
                        return IsConstantLocal(local, next);
                    case IFieldReferenceOperation field:
                        return IsConstantField(field, next);
                    case IInvocationOperation invocation:
                        return IsConstantStringCall(invocation, next)
                            || _calls.EvaluateReturns(invocation, value => IsConstant(value, next), all: true) == true;
                    case IParameterReferenceOperation parameter:
                        return IsConstantParameter(parameter.Parameter, next);
                    default:
                        return false;
                }
            }

            /// <summary>
            /// A parameter of a helper being followed is its argument; a helper's parameter on its own is constant when every
            /// call in the compilation passes a constant (and no caller outside it can exist).
            /// </summary>
            private bool IsConstantParameter(IParameterSymbol parameter, int depth)
            {
                bool? bound = _calls.EvaluateBoundArgument(parameter, argument => IsConstant(argument, depth));
                if (bound is not null)
                {
                    return bound.Value;
                }

                return Memoised(parameter, () => _calls.EvaluateCallers(parameter, argument => IsConstant(argument, depth), all: true) == true);
            }

            private bool IsConstantStringCall(IInvocationOperation invocation, int depth)
            {
                IMethodSymbol method = invocation.TargetMethod;
                if (method.ContainingType?.SpecialType != SpecialType.System_String)
                {
                    return false;
                }

                if (method.IsStatic)
                {
                    if (!ConstantStringFactories.Contains(method.Name))
                    {
                        return false;
                    }
                }
                else if (!PureStringInstanceMethods.Contains(method.Name)
                    || invocation.Instance is null
                    || !IsConstant(invocation.Instance, depth))
                {
                    return false;
                }

                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (CarriesText(argument.Parameter?.Type) && !IsConstant(argument.Value, depth))
                    {
                        return false;
                    }
                }

                return true;
            }

            // Culture, comparison and numeric arguments shape the text but never contribute attacker-controlled content.
            private static bool CarriesText(ITypeSymbol? type)
            {
                if (type is null)
                {
                    return true;
                }

                if (type.SpecialType == SpecialType.System_Char)
                {
                    return true;
                }

                if (type.IsValueType)
                {
                    return type is INamedTypeSymbol { IsGenericType: true };
                }

                return !(type.Name is "IFormatProvider" or "CultureInfo");
            }

            private bool IsConstantField(IFieldReferenceOperation reference, int depth)
            {
                IFieldSymbol field = reference.Field;
                if (field.IsConst)
                {
                    return field.HasConstantValue;
                }

                if (field.ContainingType?.SpecialType == SpecialType.System_String && field.Name == "Empty")
                {
                    return true;
                }

                if (!field.IsStatic || !field.IsReadOnly)
                {
                    return false;
                }

                return Memoised(field, () => IsConstantStaticReadonlyField(field, reference, depth));
            }

            private bool IsConstantStaticReadonlyField(IFieldSymbol field, IOperation reference, int depth)
            {
                if (field.DeclaringSyntaxReferences.Length != 1
                    || !(field.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is VariableDeclaratorSyntax declarator)
                    || declarator.Initializer is null
                    || IsAssignedInStaticConstructor(field))
                {
                    return false;
                }

                ExpressionSyntax value = declarator.Initializer.Value;
                SemanticModel? model = reference.SemanticModel;
                IOperation? initializer = model is null ? null
                    : model.SyntaxTree == declarator.SyntaxTree ? model.GetOperation(value, _cancellationToken)
                    : SourceIndex.For(model.Compilation).OperationOf(value, _cancellationToken); // another file
                return initializer is not null && IsConstant(initializer, depth);
            }

            private bool IsAssignedInStaticConstructor(IFieldSymbol field)
            {
                foreach (IMethodSymbol constructor in field.ContainingType.StaticConstructors)
                {
                    foreach (SyntaxReference syntaxReference in constructor.DeclaringSyntaxReferences)
                    {
                        SyntaxNode syntax = syntaxReference.GetSyntax(_cancellationToken);
                        foreach (AssignmentExpressionSyntax assignment in syntax.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                        {
                            ExpressionSyntax target = assignment.Left;
                            string? name = target switch
                            {
                                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                                _ => null,
                            };
                            if (name == field.Name)
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            }

            private bool IsConstantLocal(ILocalReferenceOperation reference, int depth)
            {
                ILocalSymbol local = reference.Local;
                if (local.IsConst)
                {
                    return local.HasConstantValue;
                }

                if (local.IsRef)
                {
                    return false;
                }

                return Memoised(local, () => AllWritesConstant(local, reference, depth));
            }

            /// <summary>
            /// Evaluates once per symbol. A symbol met again while its own evaluation is under way (<c>s = s + "x"</c>)
            /// counts as constant, so its other writes decide. A "constant" answer that leaned on such an assumption
            /// about another symbol still under way is not cached (it is final only once that symbol is).
            /// </summary>
            private bool Memoised(ISymbol symbol, System.Func<bool> evaluate)
            {
                if (_calls.Known.TryGetValue(symbol, out bool known))
                {
                    return known;
                }

                if (!_inProgress.Add(symbol))
                {
                    if (_assumptions.Count > 0)
                    {
                        _assumptions.Peek().Add(symbol);
                    }

                    return true;
                }

                _assumptions.Push(new HashSet<ISymbol>(SymbolEqualityComparer.Default));
                bool result = evaluate();
                HashSet<ISymbol> assumed = _assumptions.Pop();
                _inProgress.Remove(symbol);
                assumed.Remove(symbol);
                if (!result || assumed.Count == 0)
                {
                    _calls.Known[symbol] = result;
                }
                else if (_assumptions.Count > 0)
                {
                    _assumptions.Peek().UnionWith(assumed);
                }

                return result;
            }

            private bool AllWritesConstant(ILocalSymbol local, IOperation reference, int depth)
            {
                bool declared = false;
                foreach (LocalWrite write in LocalWrites.Of(reference).For(local))
                {
                    switch (write.Kind)
                    {
                        case LocalWriteKind.Declaration:
                            declared = true;
                            break;
                        case LocalWriteKind.Initializer:
                            declared = true;
                            if (!IsConstant(write.Value!, depth))
                            {
                                return false;
                            }

                            break;
                        case LocalWriteKind.Assignment:
                        case LocalWriteKind.CoalesceAssignment:
                            if (!IsConstant(write.Value!, depth))
                            {
                                return false;
                            }

                            break;
                        case LocalWriteKind.CompoundAssignment:
                            if (!(write.Site is ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add }) || !IsConstant(write.Value!, depth))
                            {
                                return false;
                            }

                            break;
                        default:
                            // out/ref, deconstruction, foreach, patterns, catch, ++, appends, refs: not followed.
                            return false;
                    }
                }

                return declared;
            }
        }
    }
}

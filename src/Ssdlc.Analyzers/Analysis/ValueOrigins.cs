using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>Where a value was written: the defining expression and whether it is in another member than the use.</summary>
    internal readonly struct ValueOrigin
    {
        public ValueOrigin(IOperation definition, bool elsewhere)
        {
            Definition = definition;
            IsElsewhere = elsewhere;
        }

        /// <summary>The expression that defines the value: a literal, an interpolated string, a concatenation, a call, ...</summary>
        public IOperation Definition { get; }

        /// <summary>True when the definition is in another member (a field or property initializer, a caller, a helper's return).</summary>
        public bool IsElsewhere { get; }
    }

    /// <summary>
    /// Follows a value back to the expressions that define it, so that a rule can judge a weak value where it is written
    /// (that is where the fix goes): through conversions, conditionals (either branch), <c>??</c>, switch expressions,
    /// locals (every write), fields and properties (initializers and every assignment in the compilation, record
    /// constructor arguments), helper methods of the compilation (their returned values) and a helper's parameters (the
    /// arguments of its callers). A rule-specific <c>unwrap</c> steps through wrappers such as <c>new Uri(x)</c> or
    /// <c>Encoding.UTF8.GetBytes(x)</c>. Bounded: at most <see cref="MaxMemberHops"/> hops across members and
    /// <see cref="MaxSteps"/> steps; what is beyond is simply not an origin.
    /// </summary>
    internal static class ValueOrigins
    {
        public const int MaxMemberHops = 3;
        public const int MaxSteps = 400;

        public static List<ValueOrigin> Of(
            IOperation value,
            Compilation compilation,
            Func<IOperation, IOperation?>? unwrap,
            CancellationToken cancellationToken)
        {
            var walker = new Walker(SourceIndex.For(compilation), unwrap, cancellationToken);
            walker.Visit(value, 0, elsewhere: false);
            return walker.Origins;
        }

        private sealed class Walker
        {
            private readonly SourceIndex _index;
            private readonly Func<IOperation, IOperation?>? _unwrap;
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<ISymbol> _visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly HashSet<IOperation> _seen = new HashSet<IOperation>();
            private int _steps;

            public Walker(SourceIndex index, Func<IOperation, IOperation?>? unwrap, CancellationToken cancellationToken)
            {
                _index = index;
                _unwrap = unwrap;
                _cancellationToken = cancellationToken;
            }

            public List<ValueOrigin> Origins { get; } = new List<ValueOrigin>();

            public void Visit(IOperation operation, int hops, bool elsewhere)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (++_steps > MaxSteps)
                {
                    return;
                }

                operation = ConstantValueAnalysis.WalkDownConversions(operation);
                if (operation is IConversionOperation { OperatorMethod.ContainingType.Name: "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory" or "ArraySegment" } view)
                {
                    // byte[] → ReadOnlySpan<byte>: the same data.
                    Visit(view.Operand, hops, elsewhere);
                    return;
                }

                if (_unwrap?.Invoke(operation) is { } inner)
                {
                    Visit(inner, hops, elsewhere);
                    return;
                }

                switch (operation)
                {
                    case IConditionalOperation { WhenFalse: { } whenFalse } conditional when conditional.Type is not null:
                        // Either branch, except one taken only in the Development environment (env.IsDevelopment() ? … : …).
                        if (!EnvironmentGuardAnalysis.ImpliesDevelopment(conditional.Condition, 0))
                        {
                            Visit(conditional.WhenTrue, hops, elsewhere);
                        }

                        if (!EnvironmentGuardAnalysis.FalseImpliesDevelopment(conditional.Condition, 0))
                        {
                            Visit(whenFalse, hops, elsewhere);
                        }

                        return;
                    case ICoalesceOperation coalesce:
                        Visit(coalesce.Value, hops, elsewhere);
                        Visit(coalesce.WhenNull, hops, elsewhere);
                        return;
                    case ISwitchExpressionOperation switchExpression:
                        foreach (ISwitchExpressionArmOperation arm in switchExpression.Arms)
                        {
                            Visit(arm.Value, hops, elsewhere);
                        }

                        return;
                    case ILocalReferenceOperation local:
                        VisitLocal(local, hops, elsewhere);
                        return;
                    case IFieldReferenceOperation field:
                        VisitMember(field.Field, operation, hops);
                        return;
                    case IPropertyReferenceOperation { Arguments.IsEmpty: true } property:
                        VisitMember(property.Property, operation, hops);
                        return;
                    case IParameterReferenceOperation parameter:
                        VisitParameter(parameter.Parameter, hops);
                        return;
                    case IInvocationOperation invocation when IsHelper(invocation.TargetMethod):
                        VisitReturns(invocation, hops, elsewhere);
                        return;
                }

                if (_seen.Add(operation))
                {
                    Origins.Add(new ValueOrigin(operation, elsewhere));
                }
            }

            private void VisitLocal(ILocalReferenceOperation reference, int hops, bool elsewhere)
            {
                if (reference.Local.IsConst || !_visited.Add(reference.Local))
                {
                    if (reference.Local.IsConst && _seen.Add(reference))
                    {
                        Origins.Add(new ValueOrigin(reference, elsewhere));
                    }

                    return;
                }

                foreach (LocalWrite write in LocalWrites.Of(reference).For(reference.Local))
                {
                    if (write.Value is not null && (write.IsExact || write.Kind == LocalWriteKind.CoalesceAssignment))
                    {
                        Visit(write.Value, hops, elsewhere);
                    }
                }
            }

            private void VisitMember(ISymbol member, IOperation reference, int hops)
            {
                if (hops >= MaxMemberHops || !member.Locations.Any(l => l.IsInSource) || !_visited.Add(member))
                {
                    if (member is IFieldSymbol { IsConst: true } && _seen.Add(reference))
                    {
                        Origins.Add(new ValueOrigin(reference, elsewhere: false));
                    }

                    return;
                }

                foreach (IOperation value in _index.WritesOf(member, _cancellationToken).Values)
                {
                    Visit(value, hops + 1, elsewhere: true);
                }
            }

            private void VisitParameter(IParameterSymbol parameter, int hops)
            {
                if (hops >= MaxMemberHops
                    || !(parameter.ContainingSymbol is IMethodSymbol method)
                    || !IsHelper(method)
                    || !_visited.Add(parameter))
                {
                    return;
                }

                foreach (IOperation call in _index.CallsTo(method, _cancellationToken))
                {
                    foreach (IArgumentOperation argument in OperationHelpers.Arguments(call))
                    {
                        if (argument.Parameter?.Ordinal == parameter.Ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                        {
                            Visit(argument.Value, hops + 1, elsewhere: true);
                        }
                    }
                }
            }

            private void VisitReturns(IInvocationOperation invocation, int hops, bool elsewhere)
            {
                IMethodSymbol method = invocation.TargetMethod;
                if (hops >= MaxMemberHops || !_visited.Add(method.OriginalDefinition))
                {
                    return;
                }

                IReadOnlyList<IOperation>? returned = _index.ReturnedValues(method, _cancellationToken);
                if (returned is null)
                {
                    if (_seen.Add(invocation))
                    {
                        Origins.Add(new ValueOrigin(invocation, elsewhere));
                    }

                    return;
                }

                foreach (IOperation value in returned)
                {
                    Visit(value, hops + 1, elsewhere: true);
                }
            }
        }

        /// <summary>
        /// A method whose body is in source and whose callers are all visible: not virtual, abstract or an interface
        /// member (callers may go through the base), and not an entry point that the framework calls.
        /// </summary>
        internal static bool IsHelper(IMethodSymbol method)
            => method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.Constructor or MethodKind.PropertyGet
               && !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern
               && method.ContainingType?.TypeKind != TypeKind.Interface
               && method.DeclaringSyntaxReferences.Length == 1;
    }
}

using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>How a local gets a value.</summary>
    internal enum LocalWriteKind
    {
        /// <summary><c>string s;</c>: a plain declaration without a value (later writes decide).</summary>
        Declaration,

        /// <summary><c>var s = value;</c> (also <c>using var</c>).</summary>
        Initializer,

        /// <summary><c>s = value;</c></summary>
        Assignment,

        /// <summary><c>s += value;</c> (the operator is on <see cref="LocalWrite.Site"/>).</summary>
        CompoundAssignment,

        /// <summary><c>s ??= value;</c></summary>
        CoalesceAssignment,

        /// <summary><c>(a, b) = (x, y)</c>: <see cref="LocalWrite.Value"/> is the element (exact), or the whole deconstructed value.</summary>
        Deconstruction,

        /// <summary><c>dict.TryGetValue(k, out var v)</c>, <c>Parse(ref s)</c>: <see cref="LocalWrite.Value"/> is the call.</summary>
        OutOrRefArgument,

        /// <summary><c>foreach (var x in items)</c>: <see cref="LocalWrite.Value"/> is the collection.</summary>
        ForEachVariable,

        /// <summary><c>if (o is string s)</c>: <see cref="LocalWrite.Value"/> is the tested value.</summary>
        PatternVariable,

        /// <summary><c>catch (Exception e)</c>.</summary>
        CatchVariable,

        /// <summary><c>i++</c>, <c>--i</c>.</summary>
        IncrementOrDecrement,

        /// <summary><c>sb.Append(x)</c> on a <c>StringBuilder</c> local: <see cref="LocalWrite.Value"/> is the call (its arguments are the text added).</summary>
        BuilderAppend,

        /// <summary>A <c>ref</c> to the local is taken (<c>ref s</c>, a ref local): it can change anywhere.</summary>
        RefTaken,
    }

    /// <summary>One write to a local: what kind, the value when there is one, and the operation that writes.</summary>
    internal readonly struct LocalWrite
    {
        public LocalWrite(LocalWriteKind kind, IOperation? value, IOperation site, bool exact)
        {
            Kind = kind;
            Value = value;
            Site = site;
            IsExact = exact;
        }

        public LocalWriteKind Kind { get; }

        /// <summary>The value written (see <see cref="LocalWriteKind"/> for what it is per kind), or null.</summary>
        public IOperation? Value { get; }

        public IOperation Site { get; }

        /// <summary>True when <see cref="Value"/> is exactly the value the local holds afterwards (initializer, assignment, tuple element).</summary>
        public bool IsExact { get; }
    }

    /// <summary>
    /// Every write to every local of one member body (lambdas and local functions included), found in one walk and cached
    /// per body: declarations, assignments of every kind, deconstruction (element by element when the right side is a tuple),
    /// <c>out</c>/<c>ref</c> arguments, <c>foreach</c>, pattern and catch variables, increments, <c>StringBuilder</c> appends
    /// and <c>ref</c>s taken. The shared value analyses (constant values, constant data, request-derived values, constant
    /// time spans) all read it, so they agree on what a local can hold.
    /// </summary>
    internal sealed class LocalWrites
    {
        private static readonly ConditionalWeakTable<IOperation, LocalWrites> Cache = new ConditionalWeakTable<IOperation, LocalWrites>();
        private static readonly IReadOnlyList<LocalWrite> None = new LocalWrite[0];

        private readonly Dictionary<ILocalSymbol, List<LocalWrite>> _writes = new Dictionary<ILocalSymbol, List<LocalWrite>>(SymbolEqualityComparer.Default);

        private LocalWrites(IOperation root)
        {
            foreach (IOperation operation in root.Descendants())
            {
                Index(operation);
            }
        }

        /// <summary>The index of the member body that contains <paramref name="operation"/>.</summary>
        public static LocalWrites Of(IOperation operation)
            => Cache.GetValue(OperationHelpers.Root(operation), root => new LocalWrites(root));

        /// <summary>The writes to <paramref name="local"/> in source order; empty when the local is not written in this body.</summary>
        public IReadOnlyList<LocalWrite> For(ILocalSymbol local)
            => _writes.TryGetValue(local, out List<LocalWrite>? writes) ? writes : None;

        /// <summary>The only value ever assigned to <paramref name="local"/> (initializer or assignment), or null when there are other writes.</summary>
        public IOperation? SingleValue(ILocalSymbol local)
        {
            if (local.IsRef)
            {
                return null;
            }

            IOperation? value = null;
            foreach (LocalWrite write in For(local))
            {
                switch (write.Kind)
                {
                    case LocalWriteKind.Declaration:
                        continue;
                    case LocalWriteKind.Initializer:
                    case LocalWriteKind.Assignment:
                        if (value is not null)
                        {
                            return null;
                        }

                        value = write.Value;
                        continue;
                    default:
                        return null;
                }
            }

            return value;
        }

        private void Add(ILocalSymbol local, LocalWriteKind kind, IOperation? value, IOperation site, bool exact)
        {
            if (!_writes.TryGetValue(local, out List<LocalWrite>? list))
            {
                list = new List<LocalWrite>();
                _writes.Add(local, list);
            }

            list.Add(new LocalWrite(kind, value, site, exact));
        }

        private void Index(IOperation operation)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    IVariableInitializerOperation? initializer = declarator.GetVariableInitializer();
                    if (initializer is not null)
                    {
                        Add(declarator.Symbol, LocalWriteKind.Initializer, initializer.Value, declarator, exact: true);
                    }
                    else if (!(declarator.Parent is IForEachLoopOperation or ICatchClauseOperation))
                    {
                        // foreach and catch variables are indexed with their loop and clause.
                        Add(declarator.Symbol, LocalWriteKind.Declaration, null, declarator, exact: false);
                    }

                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    IndexDeconstruction(deconstruction.Target, deconstruction.Value, deconstruction);
                    break;
                case IAssignmentOperation assignment when Local(assignment.Target) is { } target:
                    switch (assignment)
                    {
                        case ISimpleAssignmentOperation simple when simple.IsRef:
                            Add(target, LocalWriteKind.RefTaken, null, assignment, exact: false);
                            break;
                        case ISimpleAssignmentOperation:
                            Add(target, LocalWriteKind.Assignment, assignment.Value, assignment, exact: true);
                            break;
                        case ICompoundAssignmentOperation:
                            Add(target, LocalWriteKind.CompoundAssignment, assignment.Value, assignment, exact: false);
                            break;
                        case ICoalesceAssignmentOperation:
                            Add(target, LocalWriteKind.CoalesceAssignment, assignment.Value, assignment, exact: false);
                            break;
                    }

                    break;
                case IIncrementOrDecrementOperation increment when Local(increment.Target) is { } counter:
                    Add(counter, LocalWriteKind.IncrementOrDecrement, null, increment, exact: false);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument when Local(argument.Value) is { } written:
                    Add(written, LocalWriteKind.OutOrRefArgument, argument.Parent, argument, exact: false);
                    break;
                case ILocalReferenceOperation reference when reference.Syntax.Parent.IsKind(SyntaxKind.RefExpression):
                    Add(reference.Local, LocalWriteKind.RefTaken, null, reference, exact: false);
                    break;
                case IForEachLoopOperation loop:
                    foreach (ILocalSymbol local in loop.Locals)
                    {
                        Add(local, LocalWriteKind.ForEachVariable, loop.Collection, loop, exact: false);
                    }

                    break;
                case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol patternLocal } pattern:
                    Add(patternLocal, LocalWriteKind.PatternVariable, TestedValue(pattern), pattern, exact: false);
                    break;
                case ICatchClauseOperation { Locals.Length: > 0 } clause:
                    foreach (ILocalSymbol local in clause.Locals)
                    {
                        Add(local, LocalWriteKind.CatchVariable, null, clause, exact: false);
                    }

                    break;
                case IInvocationOperation append when IsBuilderAppend(append):
                    // sb.Append(a).Append(b): every call of the chain writes to the builder local at its start.
                    IOperation? chain = append.Instance;
                    while (chain is IInvocationOperation inner && IsBuilderAppend(inner))
                    {
                        chain = inner.Instance;
                    }

                    if (chain is ILocalReferenceOperation builder)
                    {
                        Add(builder.Local, LocalWriteKind.BuilderAppend, append, append, exact: false);
                    }

                    break;
            }
        }

        private void IndexDeconstruction(IOperation target, IOperation? value, IOperation site)
        {
            if (target is IDeclarationExpressionOperation declaration)
            {
                target = declaration.Expression;
            }

            if (target is ITupleOperation tuple)
            {
                ITupleOperation? values = value is null ? null : ConstantValueAnalysis.WalkDownConversions(value) as ITupleOperation;
                for (int i = 0; i < tuple.Elements.Length; i++)
                {
                    IOperation? element = values is not null && values.Elements.Length == tuple.Elements.Length ? values.Elements[i] : null;
                    IndexDeconstruction(tuple.Elements[i], element ?? value, site);
                }

                return;
            }

            if (Local(target) is { } local)
            {
                bool exact = value is not null && !(ConstantValueAnalysis.WalkDownConversions(value) is ITupleOperation) && value.Parent is ITupleOperation;
                Add(local, LocalWriteKind.Deconstruction, value, site, exact);
            }
        }

        private static ILocalSymbol? Local(IOperation target)
        {
            if (target is IDeclarationExpressionOperation declaration)
            {
                target = declaration.Expression;
            }

            return ConstantValueAnalysis.WalkDownConversions(target) is ILocalReferenceOperation reference ? reference.Local : null;
        }

        private static IOperation? TestedValue(IOperation pattern)
        {
            for (IOperation? current = pattern.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IIsPatternOperation isPattern:
                        return isPattern.Value;
                    case ISwitchExpressionOperation switchExpression:
                        return switchExpression.Value;
                    case ISwitchOperation switchStatement:
                        return switchStatement.Value;
                    case IPropertySubpatternOperation:
                        return null; // the value of a member of the tested value: not followed
                }
            }

            return null;
        }

        private static bool IsBuilderAppend(IInvocationOperation invocation)
            => invocation.TargetMethod.ContainingType is { Name: "StringBuilder" } type
               && SymbolNames.IsNamespace(type.ContainingNamespace, "System.Text")
               && (invocation.TargetMethod.Name.StartsWith("Append", System.StringComparison.Ordinal) || invocation.TargetMethod.Name is "Insert" or "Replace");
    }
}

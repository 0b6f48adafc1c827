using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Lets a per-value evaluation (constant? request-derived?) follow values through the compilation's own methods,
    /// bounded, without a whole-program fixpoint:
    /// <list type="bullet">
    /// <item>into a helper: the values it returns are evaluated with its parameters bound to the call's arguments
    /// (context-sensitive: <c>Sql("Users")</c> and <c>Sql(input)</c> of the same helper are judged apart), at most
    /// <see cref="MaxCallDepth"/> calls deep;</item>
    /// <item>out to the callers: a helper's parameter is evaluated through the arguments every call site in the
    /// compilation passes, at most <see cref="MaxCallerHops"/> levels up.</item>
    /// </list>
    /// Answers about locals are memoised per frame (a helper's local means something else under other arguments).
    /// </summary>
    internal sealed class CallFrames
    {
        public const int MaxCallDepth = 3;
        public const int MaxCallerHops = 2;

        private readonly SourceIndex? _index;
        private readonly CancellationToken _cancellationToken;
        private readonly Stack<Frame> _frames = new Stack<Frame>();
        private int _callerHops;

        public CallFrames(IOperation anyOperation, CancellationToken cancellationToken)
        {
            _index = anyOperation.SemanticModel?.Compilation is { } compilation ? SourceIndex.For(compilation) : null;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Memoised answers about locals and members in the current frame.</summary>
        public Dictionary<ISymbol, bool> Known { get; private set; } = NewMemo();

        /// <summary>
        /// Evaluates the values a helper of the compilation returns, with its parameters bound to this call's arguments:
        /// true when every value (<paramref name="all"/>) or any value satisfies <paramref name="evaluate"/>; null when the
        /// method is not such a helper (metadata, virtual, no body) or the depth is exhausted.
        /// </summary>
        public bool? EvaluateReturns(IInvocationOperation call, Func<IOperation, bool> evaluate, bool all)
        {
            IMethodSymbol method = call.TargetMethod.OriginalDefinition;
            if (_index is null || _frames.Count >= MaxCallDepth || method.ReturnsVoid || !ValueOrigins.IsHelper(method) || InFrame(method))
            {
                return null;
            }

            IReadOnlyList<IOperation>? returned = _index.ReturnedValues(method, _cancellationToken);
            if (returned is null || returned.Count == 0)
            {
                return null;
            }

            _frames.Push(new Frame(method, call.Arguments, Known));
            Known = NewMemo();
            try
            {
                foreach (IOperation value in returned)
                {
                    if (evaluate(value) != all)
                    {
                        return !all;
                    }
                }

                return all;
            }
            finally
            {
                Known = _frames.Pop().CallerKnown;
            }
        }

        /// <summary>
        /// For a parameter of the helper being evaluated (see <see cref="EvaluateReturns"/>): evaluates the argument the call
        /// passes, in the caller's context. Null when the parameter is not one of the current frame's.
        /// </summary>
        public bool? EvaluateBoundArgument(IParameterSymbol parameter, Func<IOperation, bool> evaluate)
        {
            if (_frames.Count == 0 || !SymbolEqualityComparer.Default.Equals(_frames.Peek().Method, parameter.ContainingSymbol?.OriginalDefinition))
            {
                return null;
            }

            Frame frame = _frames.Pop();
            Dictionary<ISymbol, bool> inner = Known;
            Known = frame.CallerKnown;
            try
            {
                IArgumentOperation? argument = ArgumentFor(frame.Arguments, parameter);
                return argument is not null && evaluate(argument.Value);
            }
            finally
            {
                Known = inner;
                _frames.Push(frame);
            }
        }

        /// <summary>
        /// For a parameter of a helper evaluated on its own (no call being followed): evaluates the arguments its call sites
        /// pass. <paramref name="all"/>: true when there is at least one call and every argument satisfies
        /// <paramref name="evaluate"/> (only when every caller is visible, <see cref="CallersAreKnown"/>); otherwise true
        /// when any does. Null when callers are not followed (not a helper, depth exhausted, inside a frame).
        /// </summary>
        public bool? EvaluateCallers(IParameterSymbol parameter, Func<IOperation, bool> evaluate, bool all)
        {
            if (_index is null || _frames.Count > 0 || _callerHops >= MaxCallerHops
                || !(parameter.ContainingSymbol is IMethodSymbol method)
                || !ValueOrigins.IsHelper(method)
                || (all && !CallersAreKnown(method)))
            {
                return null;
            }

            IReadOnlyList<IOperation> calls = _index.CallsTo(method, _cancellationToken);
            if (calls.Count == 0)
            {
                return all ? (bool?)null : false;
            }

            _callerHops++;
            try
            {
                foreach (IOperation call in calls)
                {
                    IArgumentOperation? argument = ArgumentFor(OperationHelpers.Arguments(call), parameter);
                    bool satisfied = argument is not null && evaluate(argument.Value);
                    if (satisfied != all)
                    {
                        return !all;
                    }
                }

                return all;
            }
            finally
            {
                _callerHops--;
            }
        }

        /// <summary>
        /// True when no code outside the compilation can call the method: it is not visible outside the assembly, or the
        /// compilation is an application.
        /// </summary>
        private static bool CallersAreKnown(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                return true;
            }

            OutputKind output = method.ContainingAssembly is ISourceAssemblySymbol source ? source.Compilation.Options.OutputKind : OutputKind.DynamicallyLinkedLibrary;
            if (output is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication)
            {
                return true;
            }

            for (ISymbol? symbol = method; symbol is not null && !(symbol is INamespaceSymbol); symbol = symbol.ContainingSymbol)
            {
                if (symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
                {
                    return true;
                }
            }

            return false;
        }

        private bool InFrame(IMethodSymbol method)
        {
            foreach (Frame frame in _frames)
            {
                if (SymbolEqualityComparer.Default.Equals(frame.Method, method))
                {
                    return true;
                }
            }

            return false;
        }

        private static IArgumentOperation? ArgumentFor(ImmutableArray<IArgumentOperation> arguments, IParameterSymbol parameter)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter?.Ordinal == parameter.Ordinal)
                {
                    return argument;
                }
            }

            return null;
        }

        private static Dictionary<ISymbol, bool> NewMemo() => new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);

        private sealed class Frame
        {
            public Frame(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, Dictionary<ISymbol, bool> callerKnown)
            {
                Method = method;
                Arguments = arguments;
                CallerKnown = callerKnown;
            }

            public IMethodSymbol Method { get; }

            public ImmutableArray<IArgumentOperation> Arguments { get; }

            public Dictionary<ISymbol, bool> CallerKnown { get; }
        }
    }
}

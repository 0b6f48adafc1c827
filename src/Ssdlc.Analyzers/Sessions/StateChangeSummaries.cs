using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Sessions
{
    /// <summary>
    /// For SSDLC0706: which methods of the compilation change state, computed once per method and cached for the
    /// compilation. A summary records the method's first unguarded state-changing call and the methods of the compilation it
    /// calls (unguarded); <see cref="ThroughCallee"/> combines summaries to a bounded depth (<see cref="MaxDepth"/>), so
    /// there is no fixpoint and recursion costs nothing. Interface methods resolve to their implementation when exactly one
    /// class of the compilation implements the interface.
    /// </summary>
    internal sealed class MethodSummaries
    {
        /// <summary>The handler's callee (1) and that callee's callees (2).</summary>
        public const int MaxDepth = 2;

        private const int MaxCalleesPerMethod = 64;

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<IMethodSymbol, Summary> _summaries = new ConcurrentDictionary<IMethodSymbol, Summary>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?> _implementations = new ConcurrentDictionary<IMethodSymbol, IMethodSymbol?>(SymbolEqualityComparer.Default);
        private readonly Lazy<ImmutableArray<INamedTypeSymbol>> _sourceClasses;

        public MethodSummaries(Compilation compilation, StateChangeOnGetAnalyzer.Sinks sinks)
        {
            _compilation = compilation;
            Sinks = sinks;
            _sourceClasses = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => SourceClasses(compilation.Assembly.GlobalNamespace), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public StateChangeOnGetAnalyzer.Sinks Sinks { get; }

        /// <summary>
        /// When <paramref name="target"/> (a method of the compilation) changes state itself or through one of its callees,
        /// "Type.Method (which calls SaveChanges)" or "Type.Method (which calls Other.Method, which calls SaveChanges)"; else null.
        /// </summary>
        public string? ThroughCallee(IMethodSymbol target, CancellationToken cancellationToken)
        {
            IMethodSymbol? method = Resolve(target);
            if (method is null)
            {
                return null;
            }

            Summary summary = Get(method, cancellationToken);
            if (summary.StateChange is not null)
            {
                return $"{Name(method)} (which calls {summary.StateChange})";
            }

            foreach (IMethodSymbol callee in summary.Callees)
            {
                Summary inner = Get(callee, cancellationToken);
                if (inner.StateChange is not null)
                {
                    return $"{Name(method)} (which calls {Name(callee)}, which calls {inner.StateChange})";
                }
            }

            return null;
        }

        private static string Name(IMethodSymbol method)
        {
            // An explicit implementation is named after the interface member (Cancel, not Shop.IOrderService.Cancel).
            string name = method.ExplicitInterfaceImplementations.Length > 0 ? method.ExplicitInterfaceImplementations[0].Name : method.Name;
            return method.ContainingType is null ? name : method.ContainingType.Name + "." + name;
        }

        private Summary Get(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (_summaries.TryGetValue(method, out Summary? known))
            {
                return known;
            }

            return _summaries.GetOrAdd(method, Compute(method, cancellationToken));
        }

        /// <summary>The method with a body in this compilation that a call of <paramref name="target"/> runs, or null.</summary>
        private IMethodSymbol? Resolve(IMethodSymbol target)
        {
            IMethodSymbol method = (target.ReducedFrom ?? target).OriginalDefinition;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly)
                || method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
            {
                return null;
            }

            if (method.ContainingType?.TypeKind == TypeKind.Interface)
            {
                return method.IsStatic ? null : _implementations.GetOrAdd(method, ImplementationOf);
            }

            return method.IsAbstract || method.IsExtern || method.IsPartialDefinition && method.PartialImplementationPart is null
                ? null
                : method.PartialImplementationPart ?? method;
        }

        private IMethodSymbol? ImplementationOf(IMethodSymbol interfaceMethod)
        {
            INamedTypeSymbol interfaceType = interfaceMethod.ContainingType.OriginalDefinition;
            IMethodSymbol? found = null;
            foreach (INamedTypeSymbol type in _sourceClasses.Value)
            {
                foreach (INamedTypeSymbol implemented in type.AllInterfaces)
                {
                    if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, interfaceType))
                    {
                        continue;
                    }

                    if (found is not null)
                    {
                        return null; // several implementations: which one runs is decided at run time
                    }

                    foreach (ISymbol member in implemented.GetMembers(interfaceMethod.Name))
                    {
                        if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, interfaceMethod)
                            && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation)
                        {
                            found = implementation.OriginalDefinition;
                        }
                    }

                    if (found is null)
                    {
                        return null;
                    }

                    break;
                }
            }

            return found is null ? null : Resolve(found);
        }

        private static ImmutableArray<INamedTypeSymbol> SourceClasses(INamespaceSymbol root)
        {
            var classes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            var namespaces = new Stack<INamespaceOrTypeSymbol>();
            namespaces.Push(root);
            while (namespaces.Count > 0)
            {
                INamespaceOrTypeSymbol current = namespaces.Pop();
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        namespaces.Push(ns);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        if (type.TypeKind is TypeKind.Class or TypeKind.Struct && !type.IsAbstract && type.AllInterfaces.Length > 0)
                        {
                            classes.Add(type);
                        }

                        if (type.GetTypeMembers().Length > 0)
                        {
                            namespaces.Push(type);
                        }
                    }
                }
            }

            return classes.ToImmutable();
        }

        private Summary Compute(IMethodSymbol method, CancellationToken cancellationToken)
        {
            IOperation? body = Body(method, cancellationToken);
            if (body is null)
            {
                return Summary.None;
            }

            var callees = new List<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method };
            foreach (IOperation operation in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!(operation is IInvocationOperation invocation) || StateChangeGuards.IsGuarded(invocation))
                {
                    continue;
                }

                if (Sinks.ChangesState(invocation))
                {
                    return new Summary(invocation.TargetMethod.Name, ImmutableArray<IMethodSymbol>.Empty);
                }

                if (callees.Count < MaxCalleesPerMethod && Resolve(invocation.TargetMethod) is { } callee && seen.Add(callee))
                {
                    callees.Add(callee);
                }
            }

            return new Summary(null, callees.ToImmutableArray());
        }

        private IOperation? Body(IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
            {
                SyntaxNode syntax = reference.GetSyntax(cancellationToken);
                if (!_compilation.ContainsSyntaxTree(syntax.SyntaxTree))
                {
                    continue;
                }

                // The driver caches semantic models per tree; callees live in other files than the handler.
                SemanticModel model = _compilation.GetSemanticModel(syntax.SyntaxTree);
                IOperation? operation = model.GetOperation(syntax, cancellationToken);
                if (operation is IMethodBodyBaseOperation methodBody)
                {
                    return methodBody;
                }
            }

            return null;
        }

        private sealed class Summary
        {
            public static readonly Summary None = new Summary(null, ImmutableArray<IMethodSymbol>.Empty);

            public Summary(string? stateChange, ImmutableArray<IMethodSymbol> callees)
            {
                StateChange = stateChange;
                Callees = callees;
            }

            /// <summary>The name of the first unguarded state-changing call in the body (SaveChanges, ExecuteSqlRaw, ...), or null.</summary>
            public string? StateChange { get; }

            /// <summary>The methods of the compilation the body calls (unguarded), in order; empty when it changes state itself.</summary>
            public ImmutableArray<IMethodSymbol> Callees { get; }
        }
    }

    /// <summary>
    /// Calls that cannot run on a plain GET request: under a check that the request method is not GET, after antiforgery
    /// validation, or in development-only code.
    /// </summary>
    internal static class StateChangeGuards
    {
        public static bool IsGuarded(IOperation call)
        {
            if (EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(call))
            {
                return true;
            }

            IOperation child = call;
            for (IOperation? parent = call.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when !ReferenceEquals(child, conditional.Condition):
                        if ((ReferenceEquals(child, conditional.WhenTrue) && TrueMeansSafe(conditional.Condition, 0))
                            || (ReferenceEquals(child, conditional.WhenFalse) && FalseMeansSafe(conditional.Condition, 0)))
                        {
                            return true;
                        }

                        break;
                    case IBlockOperation block when GuardedEarlierInBlock(block, child):
                        return true;
                }
            }

            return false;
        }

        // if (!HttpMethods.IsPost(Request.Method)) return ...; / await antiforgery.ValidateRequestAsync(HttpContext);
        private static bool GuardedEarlierInBlock(IBlockOperation block, IOperation child)
        {
            foreach (IOperation statement in block.Operations)
            {
                if (ReferenceEquals(statement, child))
                {
                    return false;
                }

                if (ValidatesAntiforgery(statement))
                {
                    return true;
                }

                if (statement is IConditionalOperation { WhenFalse: null } check && ExitsEarly(check.WhenTrue) && FalseMeansSafe(check.Condition, 0))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ValidatesAntiforgery(IOperation statement)
        {
            IOperation operation = statement is IExpressionStatementOperation expression ? expression.Operation : statement;
            if (operation is IAwaitOperation awaited)
            {
                operation = awaited.Operation;
            }

            return operation is IInvocationOperation { TargetMethod.Name: "ValidateRequestAsync" } invocation
                   && invocation.TargetMethod.ContainingType?.Name == "IAntiforgery";
        }

        private static bool ExitsEarly(IOperation branch)
        {
            IOperation last = branch is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[block.Operations.Length - 1] : branch;
            return last is IReturnOperation or IThrowOperation || (last is IExpressionStatementOperation { Operation: IThrowOperation });
        }

        /// <summary>The condition being true means the request is not a GET (or passed antiforgery validation).</summary>
        private static bool TrueMeansSafe(IOperation condition, int depth)
        {
            if (depth > 8)
            {
                return false;
            }

            condition = ConstantValueAnalysis.WalkDownConversions(condition);
            switch (condition)
            {
                case IAwaitOperation awaited:
                    return TrueMeansSafe(awaited.Operation, depth + 1);
                case IInvocationOperation invocation:
                    return invocation.TargetMethod.Name is "IsPost" or "IsPut" or "IsPatch" or "IsDelete" && invocation.TargetMethod.ContainingType?.Name == "HttpMethods"
                           || (invocation.TargetMethod.Name == "IsRequestValidAsync" && invocation.TargetMethod.ContainingType?.Name == "IAntiforgery");
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return FalseMeansSafe(not.Operand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                    return TrueMeansSafe(and.LeftOperand, depth + 1) || TrueMeansSafe(and.RightOperand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return ComparesMethod(equals, out string? verb) && !IsGetOrHead(verb);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    return ComparesMethod(notEquals, out string? other) && string.Equals(other, "GET", StringComparison.OrdinalIgnoreCase);
                default:
                    return false;
            }
        }

        /// <summary>The condition being false means the request is not a GET.</summary>
        private static bool FalseMeansSafe(IOperation condition, int depth)
        {
            if (depth > 8)
            {
                return false;
            }

            condition = ConstantValueAnalysis.WalkDownConversions(condition);
            switch (condition)
            {
                case IInvocationOperation invocation:
                    return invocation.TargetMethod.Name == "IsGet" && invocation.TargetMethod.ContainingType?.Name == "HttpMethods";
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return TrueMeansSafe(not.Operand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    return FalseMeansSafe(or.LeftOperand, depth + 1) || FalseMeansSafe(or.RightOperand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                    return ComparesMethod(equals, out string? verb) && string.Equals(verb, "GET", StringComparison.OrdinalIgnoreCase);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } notEquals:
                    return ComparesMethod(notEquals, out string? other) && !IsGetOrHead(other);
                default:
                    return false;
            }
        }

        private static bool IsGetOrHead(string? verb)
            => string.Equals(verb, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(verb, "HEAD", StringComparison.OrdinalIgnoreCase);

        // Request.Method == "POST", HttpContext.Request.Method != HttpMethods.Get
        private static bool ComparesMethod(IBinaryOperation comparison, out string? verb)
        {
            verb = OperationHelpers.ConstantString(comparison.RightOperand) ?? OperationHelpers.ConstantString(comparison.LeftOperand)
                   ?? HttpMethodsField(comparison.RightOperand) ?? HttpMethodsField(comparison.LeftOperand);
            return verb is not null && (IsRequestMethod(comparison.LeftOperand) || IsRequestMethod(comparison.RightOperand));
        }

        private static string? HttpMethodsField(IOperation operation)
            => ConstantValueAnalysis.WalkDownConversions(operation) is IFieldReferenceOperation { Field: { ContainingType.Name: "HttpMethods" } field }
                ? field.Name.ToUpperInvariant()
                : null;

        private static bool IsRequestMethod(IOperation operation)
            => ConstantValueAnalysis.WalkDownConversions(operation) is IPropertyReferenceOperation { Property: { Name: "Method" } property }
               && property.ContainingType?.Name == "HttpRequest";
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>The values a field or property gets anywhere in the compilation's source.</summary>
    internal sealed class MemberWrites
    {
        public static readonly MemberWrites Unknown = new MemberWrites(Array.Empty<IOperation>(), complete: false);

        public MemberWrites(IReadOnlyList<IOperation> values, bool complete)
        {
            Values = values;
            IsComplete = complete;
        }

        /// <summary>Initializers, expression bodies, assigned values (also in object and <c>with</c> initializers), record constructor arguments.</summary>
        public IReadOnlyList<IOperation> Values { get; }

        /// <summary>
        /// False when the member can get a value the source does not show: a compound assignment, deconstruction or
        /// <c>ref</c>, a member of metadata, or a public settable member that binding or other assemblies can set.
        /// </summary>
        public bool IsComplete { get; }
    }

    /// <summary>
    /// The compilation-wide view that per-method analyses need to follow values across members and files: where a field
    /// or property is written, where a method is called and what it returns. Built lazily, once per compilation, from a
    /// name index of assignments, invocations and object creations (one pass over the syntax trees, only when the first
    /// question is asked); every answer is bound on demand and cached per symbol. Bounded: no whole-program fixpoint,
    /// each caller decides how deep it follows.
    /// </summary>
    internal sealed class SourceIndex
    {
        private static readonly ConditionalWeakTable<Compilation, SourceIndex> Cache = new ConditionalWeakTable<Compilation, SourceIndex>();

        private readonly Compilation _compilation;
        private readonly Lazy<NameIndex> _names;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly ConcurrentDictionary<ISymbol, MemberWrites> _writes = new ConcurrentDictionary<ISymbol, MemberWrites>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IOperation>> _calls = new ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IOperation>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IOperation>?> _returns = new ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IOperation>?>(SymbolEqualityComparer.Default);

        private SourceIndex(Compilation compilation)
        {
            _compilation = compilation;
            _names = new Lazy<NameIndex>(() => new NameIndex(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public static SourceIndex For(Compilation compilation) => Cache.GetValue(compilation, c => new SourceIndex(c));

        /// <summary>The operation of a node anywhere in the compilation (null for a tree outside it).</summary>
        public IOperation? OperationOf(SyntaxNode node, CancellationToken cancellationToken)
        {
            SemanticModel? model = ModelOf(node.SyntaxTree);
            return model?.GetOperation(node, cancellationToken);
        }

        private SemanticModel? ModelOf(SyntaxTree tree)
        {
            if (!_compilation.ContainsSyntaxTree(tree))
            {
                return null;
            }

#pragma warning disable RS1030 // Cross-file values (a constant in another file, a helper's callers) need the other file's model; bound once per tree and cached.
            return _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
        }

        /// <summary>Every value written to a field or property declared in source (see <see cref="MemberWrites"/>).</summary>
        public MemberWrites WritesOf(ISymbol member, CancellationToken cancellationToken)
        {
            member = member.OriginalDefinition;
            if (!(member is IFieldSymbol or IPropertySymbol) || member.DeclaringSyntaxReferences.IsEmpty)
            {
                return MemberWrites.Unknown;
            }

            if (_writes.TryGetValue(member, out MemberWrites? known))
            {
                return known;
            }

            MemberWrites writes = CollectWrites(member, cancellationToken);
            return _writes.GetOrAdd(member, writes);
        }

        /// <summary>The invocations and object creations in source that call <paramref name="method"/> (its original definition).</summary>
        public IReadOnlyList<IOperation> CallsTo(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_calls.TryGetValue(method, out IReadOnlyList<IOperation>? known))
            {
                return known;
            }

            var calls = new List<IOperation>();
            string key = method.MethodKind == MethodKind.Constructor ? NameIndex.ConstructorKey(method.ContainingType.Name) : method.Name;
            foreach (SyntaxNode node in _names.Value.Calls(key))
            {
                cancellationToken.ThrowIfCancellationRequested();
                IOperation? operation = OperationOf(node, cancellationToken);
                IMethodSymbol? target = operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IObjectCreationOperation creation => creation.Constructor,
                    _ => null,
                };
                if (target is not null && SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method))
                {
                    calls.Add(operation!);
                }
            }

            if (method.MethodKind == MethodKind.Constructor)
            {
                foreach (SyntaxNode node in _names.Value.Calls(NameIndex.ImplicitCreationKey))
                {
                    if (OperationOf(node, cancellationToken) is IObjectCreationOperation creation
                        && SymbolEqualityComparer.Default.Equals(creation.Constructor?.OriginalDefinition, method))
                    {
                        calls.Add(creation);
                    }
                }
            }

            return _calls.GetOrAdd(method, calls);
        }

        /// <summary>
        /// The values a method declared in source returns (return statements and expression bodies, not those of nested
        /// lambdas and local functions); null when the method has no body in source (abstract, extern, partial without
        /// implementation, metadata).
        /// </summary>
        public IReadOnlyList<IOperation>? ReturnedValues(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (_returns.TryGetValue(method, out IReadOnlyList<IOperation>? known))
            {
                return known;
            }

            IReadOnlyList<IOperation>? values = CollectReturns(method, cancellationToken);
            return _returns.GetOrAdd(method, values);
        }

        private IReadOnlyList<IOperation>? CollectReturns(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.DeclaringSyntaxReferences.Length != 1 || method.IsAbstract || method.IsExtern)
            {
                return null;
            }

            SyntaxNode declaration = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            SyntaxNode? body = declaration switch
            {
                BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
                ArrowExpressionClauseSyntax arrow => arrow,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };
            if (body is null)
            {
                return null;
            }

            IOperation? operation = OperationOf(declaration is ArrowExpressionClauseSyntax ? declaration : body, cancellationToken)
                ?? OperationOf(declaration, cancellationToken);
            if (operation is null)
            {
                return null;
            }

            var values = new List<IOperation>();
            CollectReturns(operation, values);
            return values;
        }

        private static void CollectReturns(IOperation operation, List<IOperation> values)
        {
            foreach (IOperation child in operation.ChildOperations)
            {
                switch (child)
                {
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        continue;
                    case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value }:
                        values.Add(value);
                        continue;
                    default:
                        CollectReturns(child, values);
                        continue;
                }
            }
        }

        private MemberWrites CollectWrites(ISymbol member, CancellationToken cancellationToken)
        {
            var values = new List<IOperation>();
            bool complete = true;
            foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
            {
                SyntaxNode declaration = reference.GetSyntax(cancellationToken);
                switch (declaration)
                {
                    case VariableDeclaratorSyntax { Initializer: { } initializer }:
                        AddOperation(initializer.Value, values, cancellationToken);
                        break;
                    case PropertyDeclarationSyntax property:
                        if (property.Initializer is { } propertyInitializer)
                        {
                            AddOperation(propertyInitializer.Value, values, cancellationToken);
                        }
                        else if (property.ExpressionBody is { } arrow)
                        {
                            AddOperation(arrow.Expression, values, cancellationToken);
                        }
                        else if (property.AccessorList is { } accessors)
                        {
                            foreach (AccessorDeclarationSyntax accessor in accessors.Accessors)
                            {
                                if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration) && accessor.ExpressionBody is { } getter)
                                {
                                    AddOperation(getter.Expression, values, cancellationToken);
                                }
                                else if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration) && accessor.Body is not null)
                                {
                                    complete = false; // a computed getter: its returns are not followed here
                                }
                            }
                        }

                        break;
                    case ParameterSyntax parameter when member is IPropertySymbol:
                        // A record's positional property: the arguments of every construction, and the default value.
                        if (parameter.Default is { } defaultValue)
                        {
                            AddOperation(defaultValue.Value, values, cancellationToken);
                        }

                        complete &= AddConstructorArguments(member, parameter, values, cancellationToken);
                        break;
                }
            }

            foreach (AssignmentExpressionSyntax assignment in _names.Value.Assignments(member.Name))
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (OperationOf(assignment, cancellationToken))
                {
                    case ISimpleAssignmentOperation { IsRef: false } simple when Refers(simple.Target, member):
                        values.Add(simple.Value);
                        break;
                    case IAssignmentOperation other when Refers(other.Target, member):
                        complete = false;
                        break;
                    case IDeconstructionAssignmentOperation deconstruction when Mentions(deconstruction.Target, member):
                        complete = false;
                        break;
                }
            }

            bool settableFromOutside = member switch
            {
                IPropertySymbol property => property.SetMethod is { } setter && setter.DeclaredAccessibility == Accessibility.Public
                                            && property.ContainingType.DeclaredAccessibility == Accessibility.Public,
                IFieldSymbol field => !field.IsReadOnly && !field.IsConst && field.DeclaredAccessibility == Accessibility.Public,
                _ => true,
            };
            return new MemberWrites(values, complete && !settableFromOutside);
        }

        private bool AddConstructorArguments(ISymbol member, ParameterSyntax parameter, List<IOperation> values, CancellationToken cancellationToken)
        {
            foreach (IMethodSymbol constructor in member.ContainingType.InstanceConstructors)
            {
                if (constructor.IsImplicitlyDeclared || constructor.Parameters.IsEmpty
                    || !(constructor.Parameters[0].DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken).Parent == parameter.Parent))
                {
                    continue;
                }

                int ordinal = parameter.Parent is ParameterListSyntax list ? list.Parameters.IndexOf(parameter) : -1;
                foreach (IOperation call in CallsTo(constructor, cancellationToken))
                {
                    if (call is IObjectCreationOperation creation)
                    {
                        foreach (IArgumentOperation argument in creation.Arguments)
                        {
                            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
                            {
                                values.Add(argument.Value);
                            }
                        }
                    }
                }

                // Derived records pass the value through their base constructor: not followed.
                return !member.ContainingType.IsAbstract;
            }

            return false;
        }

        private void AddOperation(SyntaxNode node, List<IOperation> values, CancellationToken cancellationToken)
        {
            IOperation? operation = OperationOf(node, cancellationToken);
            if (operation is not null)
            {
                values.Add(operation);
            }
        }

        private static bool Refers(IOperation target, ISymbol member)
        {
            ISymbol? symbol = ConstantValueAnalysis.WalkDownConversions(target) switch
            {
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
            return symbol is not null && SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, member);
        }

        private static bool Mentions(IOperation target, ISymbol member)
        {
            if (Refers(target, member))
            {
                return true;
            }

            foreach (IOperation child in target.ChildOperations)
            {
                if (Mentions(child, member))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Assignments, invocations and object creations of every tree, by the simple name they write or call.</summary>
        private sealed class NameIndex
        {
            public const string ImplicitCreationKey = "new()";

            private static readonly IReadOnlyList<SyntaxNode> NoNodes = Array.Empty<SyntaxNode>();
            private readonly Dictionary<string, List<SyntaxNode>> _assignments = new Dictionary<string, List<SyntaxNode>>(StringComparer.Ordinal);
            private readonly Dictionary<string, List<SyntaxNode>> _calls = new Dictionary<string, List<SyntaxNode>>(StringComparer.Ordinal);

            public NameIndex(Compilation compilation)
            {
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
                    {
                        switch (node)
                        {
                            case AssignmentExpressionSyntax assignment:
                                if (assignment.Left is TupleExpressionSyntax tuple)
                                {
                                    foreach (ArgumentSyntax element in tuple.Arguments)
                                    {
                                        Add(_assignments, RightmostName(element.Expression), assignment);
                                    }
                                }
                                else
                                {
                                    Add(_assignments, RightmostName(assignment.Left), assignment);
                                }

                                break;
                            case InvocationExpressionSyntax invocation:
                                Add(_calls, RightmostName(invocation.Expression), invocation);
                                break;
                            case ObjectCreationExpressionSyntax creation:
                                Add(_calls, ConstructorKey(RightmostName(creation.Type)), creation);
                                break;
                            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                                Add(_calls, ImplicitCreationKey, implicitCreation);
                                break;
                        }
                    }
                }
            }

            public static string ConstructorKey(string? typeName) => "new " + typeName;

            public IEnumerable<AssignmentExpressionSyntax> Assignments(string name)
            {
                if (_assignments.TryGetValue(name, out List<SyntaxNode>? nodes))
                {
                    foreach (SyntaxNode node in nodes)
                    {
                        yield return (AssignmentExpressionSyntax)node;
                    }
                }
            }

            public IReadOnlyList<SyntaxNode> Calls(string key) => _calls.TryGetValue(key, out List<SyntaxNode>? nodes) ? nodes : NoNodes;

            private static void Add(Dictionary<string, List<SyntaxNode>> index, string? name, SyntaxNode node)
            {
                if (name is null)
                {
                    return;
                }

                if (!index.TryGetValue(name, out List<SyntaxNode>? list))
                {
                    list = new List<SyntaxNode>();
                    index.Add(name, list);
                }

                list.Add(node);
            }

            private static string? RightmostName(ExpressionSyntax? expression) => expression switch
            {
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                DeclarationExpressionSyntax => null,
                _ => null,
            };

            private static string? RightmostName(TypeSyntax type) => RightmostName((ExpressionSyntax)type);
        }
    }
}

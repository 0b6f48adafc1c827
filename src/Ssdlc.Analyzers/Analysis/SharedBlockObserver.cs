using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Feeds every operation (and, when asked, every method symbol) of a compilation to one fact collector once, however
    /// many analyzers share the collector. Each analyzer that reads the facts registers the observer in its
    /// compilation-start action. The first analyzer to reach an operation block observes it; another analyzer that reaches
    /// the same block waits until that is done. An analyzer's compilation-end action runs after all of its own block and
    /// symbol actions have returned, so the facts are complete whichever analyzer reads them first, also when the
    /// analyzers run in separate passes over the same compilation (as in an editor).
    /// </summary>
    internal sealed class SharedBlockObserver
    {
        private readonly ConcurrentDictionary<SyntaxNode, Lazy<bool>> observedBlocks = new ConcurrentDictionary<SyntaxNode, Lazy<bool>>();
        private readonly ConcurrentDictionary<ISymbol, Lazy<bool>> observedMethods = new ConcurrentDictionary<ISymbol, Lazy<bool>>(SymbolEqualityComparer.Default);
        private readonly Action<IOperation, ISymbol> observeOperation;
        private readonly Action<IMethodSymbol>? observeMethod;
        private readonly bool[] observedKinds;

        /// <param name="kinds">The operation kinds the collector looks at; other operations are skipped.</param>
        /// <param name="observeOperation">Called once for each operation of those kinds, with the symbol that owns its block.</param>
        /// <param name="observeMethod">Called once for each method symbol of the compilation (optional).</param>
        public SharedBlockObserver(ImmutableArray<OperationKind> kinds, Action<IOperation, ISymbol> observeOperation, Action<IMethodSymbol>? observeMethod = null)
        {
            this.observeOperation = observeOperation;
            this.observeMethod = observeMethod;
            observedKinds = new bool[kinds.Max(k => (int)k) + 1];
            foreach (OperationKind kind in kinds)
            {
                observedKinds[(int)kind] = true;
            }
        }

        public void Register(CompilationStartAnalysisContext context)
        {
            context.RegisterOperationBlockAction(c =>
            {
                foreach (IOperation block in c.OperationBlocks)
                {
                    if (!IsInsideAnother(block, c.OperationBlocks))
                    {
                        Once(observedBlocks, block.Syntax, () =>
                        {
                            foreach (IOperation operation in block.DescendantsAndSelf())
                            {
                                int kind = (int)operation.Kind;
                                if (kind < observedKinds.Length && observedKinds[kind])
                                {
                                    observeOperation(operation, c.OwningSymbol);
                                }
                            }
                        });
                    }
                }
            });
            if (observeMethod is { } onMethod)
            {
                context.RegisterSymbolAction(c => Once(observedMethods, c.Symbol, () => onMethod((IMethodSymbol)c.Symbol)), SymbolKind.Method);
            }
        }

        // The driver may hand over a block and one nested in it (as it does for some constructors): observe each operation once.
        private static bool IsInsideAnother(IOperation block, ImmutableArray<IOperation> blocks)
        {
            for (IOperation? parent = block.Parent; parent is not null; parent = parent.Parent)
            {
                foreach (IOperation other in blocks)
                {
                    if (ReferenceEquals(other, parent))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static void Once<TKey>(ConcurrentDictionary<TKey, Lazy<bool>> observed, TKey key, Action observe)
            where TKey : notnull
        {
            Lazy<bool> once = observed.GetOrAdd(
                key,
                _ => new Lazy<bool>(
                    () =>
                    {
                        observe();
                        return true;
                    },
                    LazyThreadSafetyMode.ExecutionAndPublication));
            _ = once.Value;
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>What a rule that reports at definition sites needs from the action that found the use.</summary>
    internal readonly struct Reporter
    {
        public Reporter(Action<Diagnostic> reportDiagnostic, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            ReportDiagnostic = reportDiagnostic;
            Compilation = compilation;
            CancellationToken = cancellationToken;
        }

        public Action<Diagnostic> ReportDiagnostic { get; }

        public Compilation Compilation { get; }

        public System.Threading.CancellationToken CancellationToken { get; }
    }

    /// <summary>
    /// Reports a weak value once, where it is defined (that is where the fix goes), with the place that uses it as an
    /// additional location. A definition in the same member as its use is reported at once (live in the IDE); one in
    /// another member (a constant, a field or options default, a caller's argument) can be used from many places, so it
    /// is collected and reported when the compilation ends, once, with the first use in source order: the output does not
    /// depend on the order in which the analyzer driver visits members.
    /// </summary>
    internal sealed class DefinitionSiteReports
    {
        private readonly DiagnosticDescriptor _live;
        private readonly DiagnosticDescriptor _atEnd;
        private readonly ConcurrentDictionary<Location, Pending> _pending = new ConcurrentDictionary<Location, Pending>();

        /// <param name="live">The rule's descriptor.</param>
        /// <param name="atEnd">The same rule with the CompilationEnd tag (see <see cref="Descriptors.CreateCompilationEnd(string)"/>).</param>
        public DefinitionSiteReports(DiagnosticDescriptor live, DiagnosticDescriptor atEnd)
        {
            _live = live;
            _atEnd = atEnd;
        }

        /// <summary>
        /// Reports the value defined at <paramref name="definition"/> and used at <paramref name="use"/>. Within one
        /// member body, <paramref name="reportedInBlock"/> keeps a definition used twice from being reported twice.
        /// </summary>
        public void Report(
            Action<Diagnostic> reportNow,
            HashSet<Location> reportedInBlock,
            ValueOrigin origin,
            Location use,
            params object?[] messageArguments)
        {
            Location definition = origin.Definition.Syntax.GetLocation();
            if (!origin.IsElsewhere)
            {
                if (reportedInBlock.Add(definition))
                {
                    reportNow(Create(_live, definition, use, messageArguments));
                }

                return;
            }

            var pending = new Pending(use, messageArguments);
            _pending.AddOrUpdate(definition, pending, (_, existing) => SourceOrder.Compare(use, existing.Use) < 0 ? pending : existing);
        }

        /// <summary>Reports the definitions in other members; call from the compilation end action.</summary>
        public void ReportPending(CompilationAnalysisContext context)
        {
            var entries = new List<KeyValuePair<Location, Pending>>(_pending);
            entries.Sort((a, b) => SourceOrder.Compare(a.Key, b.Key));
            foreach (KeyValuePair<Location, Pending> entry in entries)
            {
                context.ReportDiagnostic(Create(_atEnd, entry.Key, entry.Value.Use, entry.Value.Arguments));
            }
        }

        private static Diagnostic Create(DiagnosticDescriptor descriptor, Location definition, Location use, object?[] arguments)
            => definition == use
                ? Diagnostic.Create(descriptor, definition, arguments)
                : Diagnostic.Create(descriptor, definition, new[] { use }, arguments);

        private sealed class Pending
        {
            public Pending(Location use, object?[] arguments)
            {
                Use = use;
                Arguments = arguments;
            }

            public Location Use { get; }

            public object?[] Arguments { get; }
        }
    }
}

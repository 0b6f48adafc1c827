using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Input
{
    /// <summary>
    /// SSDLC0203: a request-derived path, or one built from an archive entry's name (Zip Slip), reaching a file API (B.2.2.5)
    /// without <c>Path.GetFileName</c> or a containment check (<c>Path.GetFullPath</c> + <c>StartsWith(root)</c>). The
    /// client's upload file name is SSDLC0301's. <c>ZipFile.ExtractToDirectory</c> and <c>TarFile.ExtractToDirectory</c>
    /// check entry names themselves and are no sinks.
    /// </summary>
    public sealed class PathTraversalAnalyzer : DiagnosticAnalyzer
    {
        private const RequestSources Sources = RequestSources.Request | RequestSources.ArchiveEntryName;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.PathTraversal);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                RequestDerivedAnalysis? analysis = RequestDerivedAnalysis.Create(start.Compilation, Sources);
                if (analysis is null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    c => FileApiSinks.ForEachPathArgument(c.Operation, (analysis, c), static (state, argument, api) =>
                    {
                        string? what = Origin(state.analysis, argument.Value, state.c.CancellationToken);
                        if (what is not null && !RequestDerivedAnalysis.IsGuardedByContainmentCheck(state.c.Operation, argument.Value))
                        {
                            state.c.ReportDiagnostic(Diagnostic.Create(Descriptors.PathTraversal, argument.Value.Syntax.GetLocation(), what, api));
                        }
                    }),
                    OperationKind.Invocation,
                    OperationKind.ObjectCreation);
            });
        }

        private static string? Origin(RequestDerivedAnalysis analysis, IOperation path, System.Threading.CancellationToken cancellationToken)
        {
            if (analysis.IsRequestDerived(path, cancellationToken, RequestSources.Request, RequestSanitizers.FileName))
            {
                return "A request-derived path";
            }

            return analysis.IsRequestDerived(path, cancellationToken, RequestSources.ArchiveEntryName, RequestSanitizers.FileName)
                ? "A path built from an archive entry's name"
                : null;
        }
    }
}

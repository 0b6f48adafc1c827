using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Input
{
    /// <summary>
    /// SSDLC0203: a request-derived path reaching a file API (B.2.2.5) without <c>Path.GetFileName</c> or a containment
    /// check (<c>Path.GetFullPath</c> + <c>StartsWith(root)</c>). The client's upload file name is SSDLC0301's.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PathTraversalAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.PathTraversal);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                RequestDerivedAnalysis? analysis = RequestDerivedAnalysis.Create(start.Compilation);
                if (analysis is null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    c => FileApiSinks.ForEachPathArgument(c.Operation, (argument, api) =>
                    {
                        if (analysis.IsRequestDerived(argument.Value, c.CancellationToken, RequestSources.Request, RequestSanitizers.FileName)
                            && !RequestDerivedAnalysis.IsGuardedByContainmentCheck(c.Operation, argument.Value))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Descriptors.PathTraversal, argument.Value.Syntax.GetLocation(), api));
                        }
                    }),
                    OperationKind.Invocation,
                    OperationKind.ObjectCreation);
            });
        }
    }
}

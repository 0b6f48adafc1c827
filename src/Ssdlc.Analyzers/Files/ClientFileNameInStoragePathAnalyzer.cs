using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Files
{
    /// <summary>
    /// SSDLC0301: the client's file name (<c>IFormFile.FileName</c>, also after <c>Path.GetFileName</c>) used in a path
    /// passed to a file API (B.3.2). Generated names, and <c>Path.GetExtension(file.FileName)</c> on a generated name, are fine.
    /// </summary>
    public sealed class ClientFileNameInStoragePathAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ClientFileNameInStoragePath);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                RequestDerivedAnalysis? analysis = RequestDerivedAnalysis.Create(start.Compilation);
                if (analysis is null || WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Http.IFormFile") is null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    c => FileApiSinks.ForEachPathArgument(c.Operation, (analysis, c), static (state, argument, api) =>
                    {
                        if (state.analysis.IsRequestDerived(argument.Value, state.c.CancellationToken, RequestSources.ClientFileName))
                        {
                            state.c.ReportDiagnostic(Diagnostic.Create(Descriptors.ClientFileNameInStoragePath, argument.Value.Syntax.GetLocation(), api));
                        }
                    }),
                    OperationKind.Invocation,
                    OperationKind.ObjectCreation);
            });
        }
    }
}

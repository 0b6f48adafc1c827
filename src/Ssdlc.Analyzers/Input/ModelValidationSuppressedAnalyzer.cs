using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Input
{
    /// <summary>SSDLC0206: <c>ApiBehaviorOptions.SuppressModelStateInvalidFilter = true</c> (B.2.1.7, B.12.1).</summary>
    public sealed class ModelValidationSuppressedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ModelValidationSuppressed);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? options = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Mvc.ApiBehaviorOptions");
                if (options is null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    c =>
                    {
                        var assignment = (IAssignmentOperation)c.Operation;
                        if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "SuppressModelStateInvalidFilter" } property }
                            && SymbolEqualityComparer.Default.Equals(property.ContainingType, options)
                            && assignment.Value.ConstantValue is { HasValue: true, Value: true })
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Descriptors.ModelValidationSuppressed, assignment.Syntax.GetLocation()));
                        }
                    },
                    OperationKind.SimpleAssignment);
            });
        }
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Errors
{
    /// <summary>
    /// SSDLC0901: internal error details exposed (B.9.1). Reports <c>UseDeveloperExceptionPage()</c>,
    /// <c>UseDatabaseErrorPage()</c>, EF Core <c>EnableSensitiveDataLogging()</c>/<c>EnableDetailedErrors()</c> (without an
    /// argument or with a constant <c>true</c>), Blazor <c>CircuitOptions.DetailedErrors = true</c> and
    /// <c>JwtBearerOptions.IncludeErrorDetails = true</c>, unless a development-environment check guards them
    /// (see <see cref="EnvironmentGuardAnalysis"/>). Settings computed from the environment
    /// (<c>DetailedErrors = env.IsDevelopment()</c>) are not reported.
    /// </summary>
    public sealed class ErrorDetailsExposedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ErrorDetailsExposed);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            context.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            string? what = method.Name switch
            {
                "UseDeveloperExceptionPage" when IsType(method.ContainingType, "Microsoft.AspNetCore.Builder", "DeveloperExceptionPageExtensions")
                    => "UseDeveloperExceptionPage() shows stack traces and source code",
                "UseDatabaseErrorPage" when IsType(method.ContainingType, "Microsoft.AspNetCore.Builder", "DatabaseErrorPageExtensions")
                    => "UseDatabaseErrorPage() shows database and migration details",
                "EnableSensitiveDataLogging" when IsType(method.ContainingType, "Microsoft.EntityFrameworkCore", "DbContextOptionsBuilder")
                    => "EnableSensitiveDataLogging() writes parameter values and entity data to logs and exceptions",
                "EnableDetailedErrors" when IsType(method.ContainingType, "Microsoft.EntityFrameworkCore", "DbContextOptionsBuilder")
                    => "EnableDetailedErrors() adds query and value details to exceptions",
                _ => null,
            };
            if (what is null || !EnabledByArguments(invocation) || EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(invocation))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ErrorDetailsExposed, invocation.Syntax.GetLocation(), what));
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation { Property: { } property }))
            {
                return;
            }

            string? what = property.Name switch
            {
                "DetailedErrors" when IsType(property.ContainingType, "Microsoft.AspNetCore.Components.Server", "CircuitOptions")
                    => "CircuitOptions.DetailedErrors = true sends exception details to the browser",
                "IncludeErrorDetails" when IsType(property.ContainingType, "Microsoft.AspNetCore.Authentication.JwtBearer", "JwtBearerOptions")
                    => "JwtBearerOptions.IncludeErrorDetails = true tells clients why their token was rejected",
                _ => null,
            };
            if (what is null
                || !(assignment.Value.ConstantValue.HasValue && assignment.Value.ConstantValue.Value is true)
                || EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(assignment))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ErrorDetailsExposed, assignment.Syntax.GetLocation(), what));
        }

        // EnableSensitiveDataLogging(bool sensitiveDataLoggingEnabled = true): only an absent or constant-true argument enables it for sure.
        private static bool EnabledByArguments(IInvocationOperation invocation)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_Boolean
                    && argument.ArgumentKind != ArgumentKind.DefaultValue
                    && !(argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is true))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsType(INamedTypeSymbol? type, string ns, string name)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (SymbolNames.IsType(t, ns, name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

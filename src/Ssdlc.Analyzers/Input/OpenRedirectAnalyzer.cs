using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Input
{
    /// <summary>
    /// SSDLC0204: a request-derived URL passed to a redirect (B.2.2.7): <c>Redirect</c>, <c>RedirectPermanent</c>,
    /// <c>RedirectPreserveMethod</c>, <c>RedirectPermanentPreserveMethod</c> (controllers, Razor Pages),
    /// <c>Response.Redirect</c>, <c>new RedirectResult</c>, <c>Results/TypedResults.Redirect</c>; unless checked with
    /// <c>IsLocalUrl</c> before.
    /// </summary>
    public sealed class OpenRedirectAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property with the local-redirect method the code fix switches to, when there is one.</summary>
        public const string ReplacementProperty = "Replacement";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.OpenRedirect);

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

                start.RegisterOperationAction(c => AnalyzeInvocation(c, analysis), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeCreation(c, analysis), OperationKind.ObjectCreation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, RequestDerivedAnalysis analysis)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            INamedTypeSymbol? type = method.ContainingType;
            if (type is null)
            {
                return;
            }

            INamespaceSymbol? ns = type.ContainingNamespace;
            string? api = null;
            string? replacement = null;
            if ((type.Name == "ControllerBase" && SymbolNames.IsNamespace(ns, "Microsoft.AspNetCore.Mvc"))
                || (type.Name is "PageModel" or "PageBase" && SymbolNames.IsNamespace(ns, "Microsoft.AspNetCore.Mvc.RazorPages")))
            {
                if (method.Name is "Redirect" or "RedirectPermanent" or "RedirectPreserveMethod" or "RedirectPermanentPreserveMethod")
                {
                    api = method.Name;
                    replacement = "Local" + method.Name;
                }
            }
            else if (type.Name is "Results" or "TypedResults" && method.Name == "Redirect" && SymbolNames.IsNamespace(ns, "Microsoft.AspNetCore.Http"))
            {
                api = type.Name + ".Redirect";
                replacement = "LocalRedirect";
            }
            else if (type.Name == "HttpResponse" && method.Name == "Redirect" && SymbolNames.IsNamespace(ns, "Microsoft.AspNetCore.Http"))
            {
                api = "Response.Redirect";
            }

            if (api is null)
            {
                return;
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is { Ordinal: 0, Type.SpecialType: SpecialType.System_String })
                {
                    Check(context, analysis, argument, api, replacement);
                }
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, RequestDerivedAnalysis analysis)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (SymbolNames.IsType(creation.Type, "Microsoft.AspNetCore.Mvc", "RedirectResult"))
            {
                foreach (IArgumentOperation argument in creation.Arguments)
                {
                    if (argument.Parameter is { Ordinal: 0, Type.SpecialType: SpecialType.System_String })
                    {
                        Check(context, analysis, argument, "new RedirectResult", replacement: null);
                    }
                }
            }
        }

        private static void Check(OperationAnalysisContext context, RequestDerivedAnalysis analysis, IArgumentOperation argument, string api, string? replacement)
        {
            if (!analysis.IsRequestDerived(argument.Value, context.CancellationToken, RequestSources.Request)
                || RequestDerivedAnalysis.IsGuardedByLocalUrlCheck(context.Operation, argument.Value))
            {
                return;
            }

            ImmutableDictionary<string, string?> properties = replacement is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, replacement);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.OpenRedirect, argument.Value.Syntax.GetLocation(), properties, api));
        }
    }
}

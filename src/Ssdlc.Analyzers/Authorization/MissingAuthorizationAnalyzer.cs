using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Authorization
{
    /// <summary>
    /// SSDLC0801: endpoints no authorization covers (B.8.1), in an application that configures authentication; reported at
    /// the end of the compilation. Covered are: everything, when a fallback authorization policy is set; all controllers,
    /// when an <c>AuthorizeFilter</c> is a global MVC filter or the controller mapping (<c>MapControllers()</c>,
    /// <c>MapControllerRoute(...)</c>) or its route group calls <c>RequireAuthorization()</c>; a controller with
    /// <c>[Authorize]</c>, <c>[AllowAnonymous]</c> or an authorization filter attribute on it or a base controller; an action
    /// with one of these; a minimal API endpoint with <c>RequireAuthorization()</c>/<c>AllowAnonymous()</c> on it or its
    /// route groups, or the attribute on its handler. A controller none of whose actions is covered is reported once, at the
    /// class; otherwise each uncovered action. Endpoints mapped in development-only branches are not reported, nor are Razor
    /// Pages, Blazor components and SignalR hubs (their conventions are not analysed).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MissingAuthorizationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.MissingAuthorization);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                AuthenticationSetupFacts? facts = AuthenticationSetupFacts.TryCreate(start.Compilation);
                if (facts is null)
                {
                    return;
                }

                facts.Register(start);
                MvcControllerModel? model = MvcControllerModel.TryCreate(start.Compilation);
                var controllers = new ConcurrentBag<INamedTypeSymbol>();
                if (model is not null)
                {
                    start.RegisterSymbolAction(
                        c =>
                        {
                            if (model.IsController((INamedTypeSymbol)c.Symbol))
                            {
                                controllers.Add((INamedTypeSymbol)c.Symbol);
                            }
                        },
                        SymbolKind.NamedType);
                }

                start.RegisterCompilationEndAction(end => Report(end, facts, model, controllers));
            });
        }

        private static void Report(CompilationAnalysisContext context, AuthenticationSetupFacts facts, MvcControllerModel? model, IEnumerable<INamedTypeSymbol> controllers)
        {
            if (!facts.AuthenticationConfigured || facts.FallbackPolicy)
            {
                return;
            }

            if (model is not null && !facts.GlobalAuthorizeFilter && !facts.ControllerMappingsAuthorized)
            {
                foreach (INamedTypeSymbol controller in SourceOrder.Of(controllers))
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    if (model.ControllerDecidesAuthorization(controller) || controller.Locations.Length == 0 || !controller.Locations[0].IsInSource)
                    {
                        continue;
                    }

                    List<IMethodSymbol> actions = model.Actions(controller);
                    var uncovered = actions.FindAll(a => !model.ActionDecidesAuthorization(a));
                    if (uncovered.Count == 0)
                    {
                        continue;
                    }

                    if (uncovered.Count == actions.Count)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingAuthorization, controller.Locations[0], $"Controller {controller.Name}"));
                        continue;
                    }

                    foreach (IMethodSymbol action in uncovered)
                    {
                        if (action.Locations.Length > 0 && action.Locations[0].IsInSource)
                        {
                            context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingAuthorization, action.Locations[0], $"Action {controller.Name}.{action.Name}"));
                        }
                    }
                }
            }

            foreach (EndpointMapping endpoint in facts.Endpoints)
            {
                if (endpoint.Coverage == EndpointCoverage.Uncovered)
                {
                    string pattern = endpoint.Pattern is null ? "..." : "\"" + (endpoint.Pattern.Length > 60 ? endpoint.Pattern.Substring(0, 57) + "..." : endpoint.Pattern) + "\"";
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingAuthorization, endpoint.Location, $"Endpoint {endpoint.Method}({pattern})"));
                }
            }
        }
    }
}

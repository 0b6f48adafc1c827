using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    public sealed class MissingAuthorizationAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: <see cref="ApplicationScope"/> on the one finding that stands for many open endpoints.</summary>
        public const string ScopeProperty = "Scope";

        public const string ApplicationScope = "Application";

        /// <summary>Up to this many open controllers and endpoints are reported one by one; more, once for the application.</summary>
        internal const int MaxSeparateFindings = 3;

        private const string ItemAdvice = "add [Authorize] (or RequireAuthorization() on its mapping or route group), a fallback authorization policy, or [AllowAnonymous] where public access is intended";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.MissingAuthorization);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                AuthenticationSetupFacts? facts = AuthenticationSetupFacts.For(start);
                if (facts is null)
                {
                    return;
                }

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
            if (!facts.AuthenticationConfigured)
            {
                return;
            }

            var uncovered = new List<(Location Location, string What)>();
            if (model is not null && !facts.GlobalAuthorizeFilter && !facts.ControllerMappingsAuthorized && !facts.FallbackCoversControllers)
            {
                foreach (INamedTypeSymbol controller in SourceOrder.Of(controllers))
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    if (model.ControllerDecidesAuthorization(controller) || controller.Locations.Length == 0 || !controller.Locations[0].IsInSource)
                    {
                        continue;
                    }

                    // Sign-in, registration, password reset and error pages must stay reachable without signing in: they are
                    // not asked for, and a controller that has them is reported action by action (an [Authorize] on the
                    // class would lock users out).
                    List<IMethodSymbol> all = model.Actions(controller);
                    List<IMethodSymbol> actions = all.FindAll(a => !PublicByNature.IsPublicAction(a));
                    var open = actions.FindAll(a => !model.ActionDecidesAuthorization(a));
                    if (open.Count == 0)
                    {
                        continue;
                    }

                    if (open.Count == all.Count)
                    {
                        uncovered.Add((controller.Locations[0], $"Controller {controller.Name}"));
                        continue;
                    }

                    foreach (IMethodSymbol action in open)
                    {
                        if (action.Locations.Length > 0 && action.Locations[0].IsInSource)
                        {
                            uncovered.Add((action.Locations[0], $"Action {controller.Name}.{action.Name}"));
                        }
                    }
                }
            }

            foreach (EndpointMapping endpoint in facts.Endpoints)
            {
                if (endpoint.Coverage == EndpointCoverage.Uncovered
                    && !facts.FallbackCovers(endpoint.Host)
                    && endpoint.Method != MinimalApiMappings.FallbackMethod
                    && !PublicByNature.IsPublicRoute(endpoint.Pattern))
                {
                    string pattern = endpoint.Pattern is null ? "..." : "\"" + (endpoint.Pattern.Length > 60 ? endpoint.Pattern.Substring(0, 57) + "..." : endpoint.Pattern) + "\"";
                    uncovered.Add((endpoint.Location, $"Endpoint {endpoint.Method}({pattern})"));
                }
            }

            if (uncovered.Count > MaxSeparateFindings && facts.AuthenticationLocation is { } application)
            {
                // Many open controllers and endpoints (a public catalogue, a blog): one decision for the application,
                // deny by default, says it better than one finding each.
                string names = string.Join(", ", uncovered.Take(3).Select(u => u.What)) + (uncovered.Count > 3 ? $" and {uncovered.Count - 3} more" : string.Empty);
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.MissingAuthorization,
                    application,
                    uncovered.Select(u => u.Location),
                    ImmutableDictionary<string, string?>.Empty.Add(ScopeProperty, ApplicationScope),
                    $"{uncovered.Count} controllers and endpoints of this application ({names}) are",
                    "set a fallback authorization policy that requires an authenticated user (deny by default) and mark the public ones [AllowAnonymous]"));
                return;
            }

            foreach ((Location location, string what) in uncovered)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingAuthorization, location, what + " is", ItemAdvice));
            }
        }
    }
}

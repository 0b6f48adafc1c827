using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Sessions
{
    /// <summary>
    /// SSDLC0705: cross-site request forgery (B.7.4). In an application whose browser sends credentials by itself
    /// (cookie authentication, Identity, OpenID Connect, Windows or client-certificate authentication, see
    /// <see cref="AuthenticationSetupFacts.BrowserCredentials"/>), reported at the end of the compilation:
    /// <list type="bullet">
    /// <item>a controller action accepting POST, PUT, PATCH or DELETE whose closest antiforgery attribute (action, controller,
    /// base controller) is missing, when no global <c>AutoValidateAntiforgeryTokenAttribute</c>/<c>ValidateAntiForgeryTokenAttribute</c>
    /// filter is registered (reported at the action);</item>
    /// <item><c>[IgnoreAntiforgeryToken]</c> deciding for such an action (reported at the attribute);</item>
    /// <item><c>[IgnoreAntiforgeryToken]</c> on a Razor Pages page model with an <c>OnPost</c>/<c>OnPut</c>/<c>OnPatch</c>/<c>OnDelete</c> handler (reported at the attribute);</item>
    /// <item><c>DisableAntiforgery()</c> on a minimal API endpoint that binds form data (reported at the call).</item>
    /// </list>
    /// Not reported: applications without such credentials (bearer tokens only, or no authentication: nothing for a forged
    /// request to ride on), actions that read a JSON body (a cross-site form cannot send <c>application/json</c>), actions
    /// whose <c>[Authorize(AuthenticationSchemes = ...)]</c> names bearer schemes only, Razor Pages that keep their default validation.
    /// </summary>
    public sealed class AntiforgeryValidationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.MissingAntiforgeryValidation);

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
                INamedTypeSymbol? pageModel = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
                var controllers = new ConcurrentBag<INamedTypeSymbol>();
                var pages = new ConcurrentBag<INamedTypeSymbol>();
                if (model is not null)
                {
                    start.RegisterSymbolAction(
                        c =>
                        {
                            var type = (INamedTypeSymbol)c.Symbol;
                            if (model.IsController(type))
                            {
                                controllers.Add(type);
                            }
                            else if (pageModel is not null && !type.IsAbstract && OperationHelpers.IsOrDerivesFrom(type, pageModel))
                            {
                                pages.Add(type);
                            }
                        },
                        SymbolKind.NamedType);
                }

                start.RegisterCompilationEndAction(end => Report(end, facts, model, controllers, pages));
            });
        }

        private static void Report(
            CompilationAnalysisContext context,
            AuthenticationSetupFacts facts,
            MvcControllerModel? model,
            IEnumerable<INamedTypeSymbol> controllers,
            IEnumerable<INamedTypeSymbol> pages)
        {
            if (!facts.BrowserCredentials)
            {
                return;
            }

            if (model is not null)
            {
                var reportedAttributes = new HashSet<SyntaxReference>();
                foreach (INamedTypeSymbol controller in SourceOrder.Of(controllers))
                {
                    foreach (IMethodSymbol action in model.Actions(controller))
                    {
                        context.CancellationToken.ThrowIfCancellationRequested();
                        AttributeData? verb = model.StateChangingVerb(action);
                        if (verb is null || model.ReadsJsonBody(action) || model.UsesOnlySchemes(action, facts.IsBearerScheme))
                        {
                            continue;
                        }

                        string name = controller.Name + "." + action.Name;
                        switch (model.ClosestAntiforgeryPolicy(action, out AttributeData? policy))
                        {
                            case AntiforgeryPolicy.Ignore when policy?.ApplicationSyntaxReference is { } reference && reportedAttributes.Add(reference):
                                context.ReportDiagnostic(Diagnostic.Create(
                                    Descriptors.MissingAntiforgeryValidation,
                                    reference.GetSyntax(context.CancellationToken).GetLocation(),
                                    $"[IgnoreAntiforgeryToken] turns off antiforgery validation for {name}, which accepts {Verb(verb)} requests with the browser's credentials"));
                                break;
                            case AntiforgeryPolicy.None when !facts.GlobalAntiforgeryFilter && action.Locations.Length > 0 && action.Locations[0].IsInSource:
                                context.ReportDiagnostic(Diagnostic.Create(
                                    Descriptors.MissingAntiforgeryValidation,
                                    action.Locations[0],
                                    $"{name} accepts {Verb(verb)} requests with the browser's credentials but validates no antiforgery token"));
                                break;
                        }
                    }
                }
            }

            if (model is not null)
            {
                // Razor Pages validate every POST handler; [IgnoreAntiforgeryToken] on the page model turns that off.
                var reportedPages = new HashSet<SyntaxReference>();
                foreach (INamedTypeSymbol page in SourceOrder.Of(pages))
                {
                    foreach (ISymbol member in page.GetMembers())
                    {
                        if (member is IMethodSymbol { DeclaredAccessibility: Accessibility.Public, IsStatic: false } handler
                            && StateChangingHandlerVerb(handler.Name) is { } verb
                            && !model.ReadsJsonBody(handler)
                            && model.ClosestAntiforgeryPolicy(handler, out AttributeData? policy) == AntiforgeryPolicy.Ignore
                            && policy?.ApplicationSyntaxReference is { } reference
                            && reportedPages.Add(reference))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                Descriptors.MissingAntiforgeryValidation,
                                reference.GetSyntax(context.CancellationToken).GetLocation(),
                                $"[IgnoreAntiforgeryToken] turns off antiforgery validation for page {page.Name}, whose handler {handler.Name} accepts {verb} requests with the browser's credentials"));
                        }
                    }
                }
            }

            foreach (EndpointMapping endpoint in facts.Endpoints)
            {
                if (endpoint.BindsForm && endpoint.AntiforgeryDisabled is { } disabled)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.MissingAntiforgeryValidation,
                        disabled,
                        $"DisableAntiforgery() turns off antiforgery validation for the form endpoint {endpoint.Method}({Quote(endpoint.Pattern)})"));
                }
            }
        }

        private static string? StateChangingHandlerVerb(string name)
        {
            foreach (string verb in new[] { "Post", "Put", "Patch", "Delete" })
            {
                if (name.StartsWith("On" + verb, System.StringComparison.Ordinal))
                {
                    return verb.ToUpperInvariant();
                }
            }

            return null;
        }

        private static string Verb(AttributeData verb) => verb.AttributeClass?.Name switch
        {
            "HttpPutAttribute" => "PUT",
            "HttpPatchAttribute" => "PATCH",
            "HttpDeleteAttribute" => "DELETE",
            "HttpPostAttribute" => "POST",
            _ => "state-changing",
        };

        private static string Quote(string? pattern) => pattern is null ? "..." : "\"" + (pattern.Length > 60 ? pattern.Substring(0, 57) + "..." : pattern) + "\"";
    }
}

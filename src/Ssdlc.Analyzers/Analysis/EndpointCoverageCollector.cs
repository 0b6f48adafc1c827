using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// The endpoints an application maps and whether authorization covers them: minimal API mappings (<see cref="MinimalApiMappings"/>),
    /// controller and Razor Pages mappings, each with the conventions on its chain, its route groups and its handler.
    /// Route builders handed to the application's own helpers (<c>static void MapOrders(this IEndpointRouteBuilder routes)</c>)
    /// are resolved at the end through the helper's call sites: covered when every call passes a covered group.
    /// Part of <see cref="AuthenticationSetupFacts"/>; observation is thread-safe.
    /// </summary>
    internal sealed class EndpointCoverageCollector
    {
        private const int MaxDepth = 8;

        private static readonly HashSet<string> ControllerMappingMethods = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "MapControllers", "MapControllerRoute", "MapDefaultControllerRoute", "MapAreaControllerRoute",
        };

        private readonly object gate = new object();
        private readonly INamedTypeSymbol? webApplication;
        private readonly INamedTypeSymbol? endpointRouteBuilder;
        private readonly INamedTypeSymbol? authorizeData;
        private readonly INamedTypeSymbol? allowAnonymous;
        private readonly INamedTypeSymbol? formFile;
        private readonly INamedTypeSymbol? formFileCollection;
        private readonly INamedTypeSymbol? formCollection;
        private readonly INamedTypeSymbol? fromFormMetadata;

        private readonly List<PendingEndpoint> endpoints = new List<PendingEndpoint>();
        private readonly List<Pending> controllerMappings = new List<Pending>();
        private readonly List<Pending> pageMappings = new List<Pending>();
        private readonly HashSet<string?> controllerMappingHosts = new HashSet<string?>();
        private readonly Dictionary<IParameterSymbol, List<Pending>> routeBuilderArguments = new Dictionary<IParameterSymbol, List<Pending>>(SymbolEqualityComparer.Default);

        public EndpointCoverageCollector(WellKnownTypes types)
        {
            webApplication = types.Get("Microsoft.AspNetCore.Builder.WebApplication");
            endpointRouteBuilder = types.Get("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            authorizeData = types.Get("Microsoft.AspNetCore.Authorization.IAuthorizeData");
            allowAnonymous = types.Get("Microsoft.AspNetCore.Authorization.IAllowAnonymous");
            formFile = types.Get("Microsoft.AspNetCore.Http.IFormFile");
            formFileCollection = types.Get("Microsoft.AspNetCore.Http.IFormFileCollection");
            formCollection = types.Get("Microsoft.AspNetCore.Http.IFormCollection");
            fromFormMetadata = types.Get("Microsoft.AspNetCore.Http.Metadata.IFromFormMetadata");
        }

        /// <summary>Records a mapping call, or a route builder passed to a helper of the compilation.</summary>
        public void Observe(IInvocationOperation invocation, IOperation? receiver, ITypeSymbol? receiverType)
        {
            IMethodSymbol method = invocation.TargetMethod;
            string name = method.Name;
            if (MinimalApiMappings.IsFrameworkMapMethod(method) && IsEndpointRouteBuilder(receiverType) && RouteBuilderChains.HandlerOf(invocation) is { } handler)
            {
                if (EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(invocation))
                {
                    return;
                }

                Pending coverage = HasAuthorizationAttribute(handler) ? Pending.Covered : MappingCoverage(invocation, receiver);
                var mapping = new EndpointMapping(
                    OperationHelpers.NameLocation(invocation),
                    name,
                    OperationHelpers.ConstantString(OperationHelpers.FindArgument(invocation.Arguments, "pattern")?.Value),
                    EndpointCoverage.Unknown,
                    BindsForm(handler),
                    RouteBuilderChains.FindInChain(invocation, "DisableAntiforgery"),
                    PipelineHosts.Of(invocation, CancellationToken.None));
                lock (gate)
                {
                    endpoints.Add(new PendingEndpoint(mapping, coverage));
                }

                return;
            }

            if ((ControllerMappingMethods.Contains(name) || name == "MapRazorPages") && IsEndpointRouteBuilder(receiverType))
            {
                Pending coverage = MappingCoverage(invocation, receiver);
                string? host = PipelineHosts.Of(invocation, CancellationToken.None);
                lock (gate)
                {
                    if (name == "MapRazorPages")
                    {
                        pageMappings.Add(coverage);
                    }
                    else
                    {
                        controllerMappings.Add(coverage);
                        controllerMappingHosts.Add(host);
                    }
                }

                return;
            }

            // Route builders handed to the application's own helpers: resolved through these call sites at the end.
            if (method.Locations.Length > 0 && method.Locations[0].IsInSource)
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter && IsEndpointRouteBuilder(parameter.Type) && !IsWebApplication(parameter.Type))
                    {
                        Pending value = BuilderCoverage(argument.Value, 0);
                        lock (gate)
                        {
                            IParameterSymbol key = parameter.OriginalDefinition;
                            if (!routeBuilderArguments.TryGetValue(key, out List<Pending>? list))
                            {
                                list = new List<Pending>();
                                routeBuilderArguments.Add(key, list);
                            }

                            list.Add(value);
                        }
                    }
                }
            }
        }

        /// <summary>Resolves every mapping; call once, after the whole compilation has been observed.</summary>
        public Coverage Resolve()
        {
            lock (gate)
            {
                var cache = new Dictionary<IParameterSymbol, EndpointCoverage>(SymbolEqualityComparer.Default);
                var builder = ImmutableArray.CreateBuilder<EndpointMapping>(endpoints.Count);
                foreach (PendingEndpoint endpoint in endpoints)
                {
                    builder.Add(endpoint.Mapping.WithCoverage(Resolve(endpoint.Coverage, cache, 0)));
                }

                bool controllers = false;
                foreach (Pending mapping in controllerMappings)
                {
                    controllers |= Resolve(mapping, cache, 0) != EndpointCoverage.Uncovered;
                }

                bool pages = false;
                foreach (Pending mapping in pageMappings)
                {
                    pages |= Resolve(mapping, cache, 0) != EndpointCoverage.Uncovered;
                }

                return new Coverage(builder.MoveToImmutable(), controllers, pages, controllerMappingHosts.ToImmutableHashSet());
            }
        }

        /// <summary>The coverage of a mapping call: its own fluent chain (and later calls on the local it is stored in), then its route builder.</summary>
        private Pending MappingCoverage(IInvocationOperation mapping, IOperation? receiver)
        {
            EndpointCoverage chain = ChainCoverage(mapping);
            if (chain == EndpointCoverage.Covered)
            {
                return Pending.Covered;
            }

            Pending builder = BuilderCoverage(receiver, 0);
            return chain == EndpointCoverage.Unknown && !builder.IsCovered ? Pending.Unknown : builder;
        }

        /// <summary>Conventions applied to the result of <paramref name="start"/>: <c>app.MapGet(...).RequireAuthorization()</c>, <c>var e = app.MapGet(...); e.AllowAnonymous();</c>.</summary>
        private static EndpointCoverage ChainCoverage(IOperation start)
        {
            IOperation end = RouteBuilderChains.WalkUp(start, out bool covered);
            if (covered)
            {
                return EndpointCoverage.Covered;
            }

            IOperation? parent = end.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return RouteBuilderChains.ReferencesCovered(declarator.Symbol, end) ? EndpointCoverage.Covered : EndpointCoverage.Uncovered;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local }:
                    return RouteBuilderChains.ReferencesCovered(local.Local, end) ? EndpointCoverage.Covered : EndpointCoverage.Uncovered;
                case IReturnOperation _:
                case IArgumentOperation _:
                case ISimpleAssignmentOperation _:
                    return EndpointCoverage.Unknown;
                default:
                    return EndpointCoverage.Uncovered;
            }
        }

        /// <summary>Whether the route builder <paramref name="builder"/> (the application, a route group, a helper's parameter) carries an authorization convention.</summary>
        private Pending BuilderCoverage(IOperation? builder, int depth)
        {
            if (builder is null || depth > MaxDepth)
            {
                return Pending.Unknown;
            }

            builder = ConstantValueAnalysis.WalkDownConversions(builder);
            if (IsWebApplication(builder.Type))
            {
                return Pending.Uncovered;
            }

            switch (builder)
            {
                case IInvocationOperation invocation:
                    if (RouteBuilderChains.IsAuthorizationConvention(invocation))
                    {
                        return Pending.Covered;
                    }

                    // MapGroup, WithTags, WithOpenApi, ...: the builder they were called on decides.
                    IOperation? inner = OperationHelpers.Receiver(invocation);
                    return inner is not null && IsEndpointRouteBuilder(invocation.Type)
                        ? BuilderCoverage(inner, depth + 1)
                        : Pending.Unknown;
                case ILocalReferenceOperation local:
                    if (RouteBuilderChains.ReferencesCovered(local.Local, local))
                    {
                        return Pending.Covered;
                    }

                    return Combine(ValuesOf(local.Local, local), depth);
                case IParameterReferenceOperation parameter:
                    if (RouteBuilderChains.ReferencesCovered(parameter.Parameter, parameter))
                    {
                        return Pending.Covered;
                    }

                    if (parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
                    {
                        // app.UseEndpoints(endpoints => endpoints.MapGet(...)): the application's own route builder.
                        return RouteBuilderChains.IsUseEndpointsLambdaParameter(parameter) ? Pending.Uncovered : Pending.Unknown;
                    }

                    return Pending.ForParameter(parameter.Parameter.OriginalDefinition);
                default:
                    return Pending.Unknown;
            }
        }

        private Pending Combine(List<IOperation> values, int depth)
        {
            if (values.Count == 0)
            {
                return Pending.Unknown;
            }

            if (values.Count == 1)
            {
                return BuilderCoverage(values[0], depth + 1);
            }

            bool allCovered = true;
            foreach (IOperation value in values)
            {
                Pending coverage = BuilderCoverage(value, depth + 1);
                if (coverage.Kind == EndpointCoverage.Uncovered && coverage.Parameter is null)
                {
                    return Pending.Uncovered;
                }

                allCovered &= coverage.IsCovered;
            }

            return allCovered ? Pending.Covered : Pending.Unknown;
        }

        private static List<IOperation> ValuesOf(ILocalSymbol local, IOperation anywhereInBody)
        {
            var values = new List<IOperation>();
            foreach (LocalWrite write in LocalWrites.Of(anywhereInBody).For(local))
            {
                if (write.Kind is LocalWriteKind.Initializer or LocalWriteKind.Assignment)
                {
                    values.Add(write.Value!);
                }
            }

            return values;
        }

        /// <summary>A helper's route-builder parameter is covered when every call passes a covered builder; uncovered when one call passes an uncovered one.</summary>
        private EndpointCoverage Resolve(Pending pending, Dictionary<IParameterSymbol, EndpointCoverage> cache, int depth)
        {
            if (pending.Parameter is null)
            {
                return pending.Kind;
            }

            if (cache.TryGetValue(pending.Parameter, out EndpointCoverage known))
            {
                return known;
            }

            if (depth > MaxDepth || !routeBuilderArguments.TryGetValue(pending.Parameter, out List<Pending>? calls) || calls.Count == 0)
            {
                return EndpointCoverage.Unknown;
            }

            cache[pending.Parameter] = EndpointCoverage.Unknown; // recursion guard
            EndpointCoverage result = EndpointCoverage.Covered;
            foreach (Pending call in calls)
            {
                EndpointCoverage coverage = Resolve(call, cache, depth + 1);
                if (coverage == EndpointCoverage.Uncovered)
                {
                    result = EndpointCoverage.Uncovered;
                    break;
                }

                if (coverage == EndpointCoverage.Unknown)
                {
                    result = EndpointCoverage.Unknown;
                }
            }

            cache[pending.Parameter] = result;
            return result;
        }

        private bool HasAuthorizationAttribute(IOperation handler)
        {
            IMethodSymbol? method = RouteBuilderChains.HandlerMethod(handler);
            if (method is null)
            {
                return false;
            }

            foreach (AttributeData attribute in method.GetAttributes())
            {
                if (OperationHelpers.Implements(attribute.AttributeClass, authorizeData) || OperationHelpers.Implements(attribute.AttributeClass, allowAnonymous))
                {
                    return true;
                }
            }

            return false;
        }

        private bool BindsForm(IOperation handler)
        {
            IMethodSymbol? method = RouteBuilderChains.HandlerMethod(handler);
            if (method is null)
            {
                return false;
            }

            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (OperationHelpers.Implements(parameter.Type, formFile)
                    || OperationHelpers.Implements(parameter.Type, formFileCollection)
                    || OperationHelpers.Implements(parameter.Type, formCollection))
                {
                    return true;
                }

                foreach (AttributeData attribute in parameter.GetAttributes())
                {
                    if (OperationHelpers.Implements(attribute.AttributeClass, fromFormMetadata))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsEndpointRouteBuilder(ITypeSymbol? type) => type is not null && OperationHelpers.Implements(type, endpointRouteBuilder);

        private bool IsWebApplication(ITypeSymbol? type) => type is not null && OperationHelpers.IsOrDerivesFrom(type, webApplication);

        /// <summary>What the collected mappings resolve to.</summary>
        internal sealed class Coverage
        {
            public Coverage(ImmutableArray<EndpointMapping> endpoints, bool controllersAuthorized, bool pagesAuthorized, ImmutableHashSet<string?> controllerMappingHosts)
            {
                Endpoints = endpoints;
                ControllersAuthorized = controllersAuthorized;
                PagesAuthorized = pagesAuthorized;
                ControllerMappingHosts = controllerMappingHosts;
            }

            /// <summary>Every minimal API endpoint mapped outside a development-only branch.</summary>
            public ImmutableArray<EndpointMapping> Endpoints { get; }

            /// <summary>A controller mapping (<c>MapControllers</c>, ...) or its route group requires authorization.</summary>
            public bool ControllersAuthorized { get; }

            /// <summary><c>MapRazorPages()</c> or its route group requires authorization.</summary>
            public bool PagesAuthorized { get; }

            /// <summary>The hosts that map controllers (null: a host that cannot be told).</summary>
            public ImmutableHashSet<string?> ControllerMappingHosts { get; }
        }

        /// <summary>A coverage decided where the mapping is, or one that waits for the call sites of a helper's route-builder parameter.</summary>
        private readonly struct Pending
        {
            private Pending(EndpointCoverage kind, IParameterSymbol? parameter)
            {
                Kind = kind;
                Parameter = parameter;
            }

            public static Pending Covered => new Pending(EndpointCoverage.Covered, null);

            public static Pending Uncovered => new Pending(EndpointCoverage.Uncovered, null);

            public static Pending Unknown => new Pending(EndpointCoverage.Unknown, null);

            public EndpointCoverage Kind { get; }

            public IParameterSymbol? Parameter { get; }

            public bool IsCovered => Parameter is null && Kind == EndpointCoverage.Covered;

            public static Pending ForParameter(IParameterSymbol parameter) => new Pending(EndpointCoverage.Unknown, parameter);
        }

        /// <summary>An endpoint whose coverage may depend on the call sites of a helper method, resolved at the end.</summary>
        private sealed class PendingEndpoint
        {
            public PendingEndpoint(EndpointMapping mapping, Pending coverage)
            {
                Mapping = mapping;
                Coverage = coverage;
            }

            public EndpointMapping Mapping { get; }

            public Pending Coverage { get; }
        }
    }
}

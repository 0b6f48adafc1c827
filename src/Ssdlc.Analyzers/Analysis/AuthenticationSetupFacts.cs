using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>Whether authorization covers an endpoint mapping or a route builder.</summary>
    internal enum EndpointCoverage
    {
        /// <summary>Nothing on the mapping, its route groups or its handler requires authorization or allows anonymous access.</summary>
        Uncovered,

        /// <summary><c>RequireAuthorization()</c>, <c>AllowAnonymous()</c>, <c>[Authorize]</c> or <c>[AllowAnonymous]</c> decides access.</summary>
        Covered,

        /// <summary>The analysis cannot see it (a builder from elsewhere, a mapping returned to a caller): treated as covered.</summary>
        Unknown,
    }

    /// <summary>A minimal API endpoint (<c>MapGet</c>, <c>MapPost</c>, ...) as the application maps it.</summary>
    internal sealed class EndpointMapping
    {
        public EndpointMapping(Location location, string method, string? pattern, EndpointCoverage coverage, bool bindsForm, Location? antiforgeryDisabled, string? host = null)
        {
            Host = host;
            Location = location;
            Method = method;
            Pattern = pattern;
            Coverage = coverage;
            BindsForm = bindsForm;
            AntiforgeryDisabled = antiforgeryDisabled;
        }

        /// <summary>The name of the mapping method in the call (<c>MapPost</c>).</summary>
        public Location Location { get; }

        public string Method { get; }

        /// <summary>The constant route pattern, or null.</summary>
        public string? Pattern { get; }

        /// <summary>After the route builders passed to helper methods are resolved through their call sites.</summary>
        public EndpointCoverage Coverage { get; }

        /// <summary>The handler binds form data: a <c>[FromForm]</c> parameter, <c>IFormFile</c>, <c>IFormFileCollection</c> or <c>IFormCollection</c>.</summary>
        public bool BindsForm { get; }

        /// <summary>Where <c>DisableAntiforgery()</c> is called on this mapping, or null.</summary>
        public Location? AntiforgeryDisabled { get; }

        /// <summary>The application host the endpoint is mapped on (<see cref="PipelineHosts"/>); null when it cannot be told.</summary>
        public string? Host { get; }

        public EndpointMapping WithCoverage(EndpointCoverage coverage)
            => new EndpointMapping(Location, Method, Pattern, coverage, BindsForm, AntiforgeryDisabled, Host);
    }

    /// <summary>
    /// Application-wide authentication and authorization setup, gathered once per compilation: whether authentication is
    /// configured and with which kind of credentials, a global antiforgery or authorize filter, a fallback authorization
    /// policy, <c>RequireAuthorization()</c> on the controller mappings, and every minimal API endpoint with its coverage.
    /// Calls count wherever they are in the compilation: top-level Program.cs, <c>Startup.ConfigureServices</c>/<c>Configure</c>,
    /// extension methods, options lambdas (<c>AddControllersWithViews(o =&gt; o.Filters.Add(...))</c>,
    /// <c>Configure&lt;MvcOptions&gt;(...)</c>, <c>AddAuthorization(o =&gt; o.FallbackPolicy = ...)</c>).
    /// <para>
    /// Usage: <see cref="TryCreate"/> at compilation start, <see cref="Register"/> (or feed <see cref="Observe"/> yourself),
    /// read the results in a compilation-end action. Observation is thread-safe; the results are computed on first read.
    /// Route builders that reach helper methods (<c>static void MapOrders(this IEndpointRouteBuilder routes)</c>) are
    /// resolved through the helper's call sites in the same compilation: covered when every call passes a covered group.
    /// </para>
    /// Shared by SSDLC0705 (antiforgery) and SSDLC0801 (authorization coverage).
    /// </summary>
    internal sealed class AuthenticationSetupFacts
    {
        private const int MaxDepth = 8;

        /// <summary>Scheme names bearer handlers register by default (JwtBearerDefaults, BearerTokenDefaults, IdentityConstants.BearerScheme).</summary>
        private static readonly string[] DefaultBearerSchemes = { "Bearer", "BearerToken", "Identity.Bearer" };

        /// <summary>Registrations whose credentials the browser sends by itself: cookies (also the sign-in cookie of remote schemes), Windows, client certificates.</summary>
        private static readonly HashSet<string> AmbientCredentialMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddCookie", "AddIdentity", "AddDefaultIdentity", "AddIdentityCookies", "AddIdentityApiEndpoints", "AddOpenIdConnect",
            "AddMicrosoftIdentityWebApp", "AddMicrosoftIdentityWebAppAuthentication", "AddNegotiate", "AddCertificate",
            "AddGoogle", "AddFacebook", "AddMicrosoftAccount", "AddTwitter", "AddOAuth", "AddWsFederation",
        };

        private static readonly HashSet<string> BearerMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddJwtBearer", "AddBearerToken", "AddMicrosoftIdentityWebApi", "AddMicrosoftIdentityWebApiAuthentication",
        };

        private static readonly HashSet<string> OtherAuthenticationMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddAuthentication", "AddIdentityCore", "AddScheme", "AddPolicyScheme",
        };

        private static readonly HashSet<string> EndpointMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods",
        };

        private static readonly HashSet<string> ControllerMappingMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "MapControllers", "MapControllerRoute", "MapDefaultControllerRoute", "MapAreaControllerRoute",
        };

        private readonly object gate = new object();
        private readonly INamedTypeSymbol? filterCollection;
        private readonly INamedTypeSymbol? authorizationOptions;
        private readonly INamedTypeSymbol? authenticationOptions;
        private readonly INamedTypeSymbol? serviceCollection;
        private readonly INamedTypeSymbol? authenticationBuilder;
        private readonly INamedTypeSymbol? webApplication;
        private readonly INamedTypeSymbol? endpointRouteBuilder;
        private readonly INamedTypeSymbol? authorizeData;
        private readonly INamedTypeSymbol? allowAnonymous;
        private readonly INamedTypeSymbol? formFile;
        private readonly INamedTypeSymbol? formFileCollection;
        private readonly INamedTypeSymbol? formCollection;
        private readonly INamedTypeSymbol? fromFormMetadata;

        private readonly HashSet<string> bearerSchemes = new HashSet<string>(DefaultBearerSchemes, StringComparer.Ordinal);
        private readonly HashSet<string> defaultSchemes = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<PendingEndpoint> endpoints = new List<PendingEndpoint>();
        private readonly List<Pending> controllerMappings = new List<Pending>();
        private readonly List<Pending> pageMappings = new List<Pending>();
        private readonly Dictionary<IParameterSymbol, List<Pending>> routeBuilderArguments = new Dictionary<IParameterSymbol, List<Pending>>(SymbolEqualityComparer.Default);

        private bool authenticationConfigured;
        private Location? authenticationLocation;
        private bool ambientCredentials;
        private bool bearerAuthentication;
        private readonly HashSet<string?> antiforgeryFilterHosts = new HashSet<string?>();
        private readonly HashSet<string?> authorizeFilterHosts = new HashSet<string?>();
        private readonly HashSet<string?> fallbackHosts = new HashSet<string?>();
        private readonly HashSet<string?> controllerMappingHosts = new HashSet<string?>();
        private Results? results;

        private AuthenticationSetupFacts(Compilation compilation)
        {
            filterCollection = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.Filters.FilterCollection");
            authorizationOptions = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Authorization.AuthorizationOptions");
            authenticationOptions = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Authentication.AuthenticationOptions");
            serviceCollection = WellKnownTypes.For(compilation).Get("Microsoft.Extensions.DependencyInjection.IServiceCollection");
            authenticationBuilder = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Authentication.AuthenticationBuilder");
            webApplication = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Builder.WebApplication");
            endpointRouteBuilder = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            authorizeData = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Authorization.IAuthorizeData");
            allowAnonymous = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Authorization.IAllowAnonymous");
            formFile = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.IFormFile");
            formFileCollection = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.IFormFileCollection");
            formCollection = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.IFormCollection");
            fromFormMetadata = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.Metadata.IFromFormMetadata");
        }

        /// <summary>True when <c>AddAuthentication</c>, an authentication handler or Identity is registered.</summary>
        public bool AuthenticationConfigured => Get().AuthenticationConfigured;

        /// <summary>Where authentication is registered (the first registration in source order), or null.</summary>
        public Location? AuthenticationLocation => Get().AuthenticationLocation;

        /// <summary>
        /// True when a registration makes the browser send credentials by itself: a cookie scheme (<c>AddCookie</c>, Identity,
        /// OpenID Connect and other remote schemes that sign in with a cookie), Windows authentication (<c>AddNegotiate</c>,
        /// <c>AddAuthentication("Windows")</c>) or client certificates; and the default scheme is not a bearer scheme.
        /// </summary>
        public bool BrowserCredentials => Get().BrowserCredentials;

        /// <summary>True when a bearer scheme is registered (<c>AddJwtBearer</c>, <c>AddBearerToken</c>, <c>AddMicrosoftIdentityWebApi</c>).</summary>
        public bool BearerAuthentication => Get().BearerAuthentication;

        /// <summary>
        /// True when <c>AutoValidateAntiforgeryTokenAttribute</c> or <c>ValidateAntiForgeryTokenAttribute</c> is added to the MVC
        /// filters of every host that maps controllers.
        /// </summary>
        public bool GlobalAntiforgeryFilter => Get().GlobalAntiforgeryFilter;

        /// <summary>True when an <c>AuthorizeFilter</c> is added to the MVC filters of every host that maps controllers.</summary>
        public bool GlobalAuthorizeFilter => Get().GlobalAuthorizeFilter;

        // Fallback authorization policies (FallbackPolicy = ..., SetFallbackPolicy, AddFallbackPolicy), per host.
        /// <summary>True when a fallback authorization policy covers the endpoints of <paramref name="host"/> (null: a host that cannot be told).</summary>
        public bool FallbackCovers(string? host)
        {
            ImmutableHashSet<string?> hosts = Get().FallbackHosts;
            return hosts.Contains(null) || (host is null ? !hosts.IsEmpty : hosts.Contains(host));
        }

        /// <summary>True when every host that maps controllers has a fallback policy (and one exists).</summary>
        public bool FallbackCoversControllers
        {
            get
            {
                Results results = Get();
                return !results.FallbackHosts.IsEmpty && results.ControllerMappingHosts.All(FallbackCovers);
            }
        }

        /// <summary>True when a controller mapping (<c>MapControllers</c>, <c>MapControllerRoute</c>, ...) or its route group requires authorization.</summary>
        public bool ControllerMappingsAuthorized => Get().ControllersAuthorized;

        /// <summary>True when <c>MapRazorPages()</c> or its route group requires authorization.</summary>
        public bool RazorPagesAuthorized => Get().PagesAuthorized;

        /// <summary>Every minimal API endpoint mapped outside a development-only branch.</summary>
        public ImmutableArray<EndpointMapping> Endpoints => Get().Endpoints;

        /// <summary>True when the scheme name is a bearer scheme (the defaults, or a name passed to <c>AddJwtBearer</c>/<c>AddBearerToken</c>).</summary>
        public bool IsBearerScheme(string scheme)
        {
            lock (gate)
            {
                return bearerSchemes.Contains(scheme.Trim());
            }
        }

        /// <summary>Null when the compilation does not reference ASP.NET Core.</summary>
        public static AuthenticationSetupFacts? TryCreate(Compilation compilation)
        {
            if (WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.HttpContext") is null
                || WellKnownTypes.For(compilation).Get("Microsoft.Extensions.DependencyInjection.IServiceCollection") is null)
            {
                return null;
            }

            return new AuthenticationSetupFacts(compilation);
        }

        /// <summary>Observes every invocation and assignment of the compilation.</summary>
        public void Register(CompilationStartAnalysisContext context)
            => context.RegisterOperationAction(c => Observe(c.Operation), OperationKind.Invocation, OperationKind.SimpleAssignment);

        /// <summary>Records what <paramref name="operation"/> (an invocation or a simple assignment) contributes.</summary>
        public void Observe(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    ObserveInvocation(invocation);
                    break;
                case ISimpleAssignmentOperation assignment:
                    ObserveAssignment(assignment);
                    break;
            }
        }

        private void ObserveInvocation(IInvocationOperation invocation)
        {
            IMethodSymbol method = invocation.TargetMethod;
            string name = method.Name;
            IOperation? receiver = Receiver(invocation);
            ITypeSymbol? receiverType = receiver is null ? null : ConstantValueAnalysis.WalkDownConversions(receiver).Type;

            if (IsServiceRegistrationReceiver(receiverType))
            {
                bool ambient = AmbientCredentialMethods.Contains(name);
                bool bearer = BearerMethods.Contains(name);
                if (ambient || bearer || OtherAuthenticationMethods.Contains(name))
                {
                    string? scheme = FirstStringArgument(invocation);
                    Location location = NameLocation(invocation);
                    lock (gate)
                    {
                        authenticationConfigured = true;
                        if (authenticationLocation is null || SourceOrder.Compare(location, authenticationLocation) < 0)
                        {
                            authenticationLocation = location;
                        }

                        ambientCredentials |= ambient;
                        bearerAuthentication |= bearer;
                        if (bearer && scheme is not null && name is "AddJwtBearer" or "AddBearerToken")
                        {
                            bearerSchemes.Add(scheme);
                        }

                        if (name == "AddAuthentication" && scheme is not null)
                        {
                            defaultSchemes.Add(scheme);
                            ambientCredentials |= scheme is "Windows" or "Negotiate";
                        }
                    }
                }
            }

            if (name is "Add" or "AddService" && IsFilterCollection(receiverType ?? method.ContainingType))
            {
                ITypeSymbol? filter = FilterType(invocation);
                string? filterName = filter?.ToDisplayString();
                // AddControllersWithViews(o => o.Filters.Add(...)): the host of the registration that runs the options lambda.
                string? host = EnclosingCall(invocation) is { } registration ? PipelineHosts.Of(registration, CancellationToken.None) : null;
                if (filterName is "Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute" or "Microsoft.AspNetCore.Mvc.ValidateAntiForgeryTokenAttribute")
                {
                    lock (gate)
                    {
                        antiforgeryFilterHosts.Add(host);
                    }
                }
                else if (filterName == "Microsoft.AspNetCore.Mvc.Authorization.AuthorizeFilter")
                {
                    lock (gate)
                    {
                        authorizeFilterHosts.Add(host);
                    }
                }

                return;
            }

            if (name is "SetFallbackPolicy" or "AddFallbackPolicy"
                && method.ContainingType?.Name == "AuthorizationBuilder"
                && invocation.Arguments.Length > 0
                && !IsNull(invocation.Arguments[invocation.Arguments.Length - 1].Value))
            {
                string? host = PipelineHosts.Of(invocation, CancellationToken.None);
                lock (gate)
                {
                    fallbackHosts.Add(host);
                }

                return;
            }

            if (EndpointMethods.Contains(name) && IsEndpointRouteBuilder(receiverType) && HandlerOf(invocation) is { } handler)
            {
                if (EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(invocation))
                {
                    return;
                }

                Pending coverage = HasAuthorizationAttribute(handler) ? Pending.Covered : MappingCoverage(invocation, receiver);
                var mapping = new EndpointMapping(NameLocation(invocation), name, OperationHelpers.ConstantString(OperationHelpers.FindArgument(invocation.Arguments, "pattern")?.Value), EndpointCoverage.Unknown, BindsForm(handler), FindInChain(invocation, "DisableAntiforgery"), PipelineHosts.Of(invocation, CancellationToken.None));
                var pending = new PendingEndpoint(mapping, coverage);
                lock (gate)
                {
                    endpoints.Add(pending);
                }

                return;
            }

            if ((ControllerMappingMethods.Contains(name) || name == "MapRazorPages") && IsEndpointRouteBuilder(receiverType))
            {
                Pending coverage = MappingCoverage(invocation, receiver);
                string? host = PipelineHosts.Of(invocation, CancellationToken.None);
                lock (gate)
                {
                    (name == "MapRazorPages" ? pageMappings : controllerMappings).Add(coverage);
                    if (name != "MapRazorPages")
                    {
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

        private void ObserveAssignment(ISimpleAssignmentOperation assignment)
        {
            if (!(assignment.Target is IPropertyReferenceOperation { Property: { } property }))
            {
                return;
            }

            if (property.Name == "FallbackPolicy" && SymbolEqualityComparer.Default.Equals(property.ContainingType, authorizationOptions) && !IsNull(assignment.Value))
            {
                // AddAuthorization(o => o.FallbackPolicy = …): the host of the registration that runs the options lambda.
                string? host = EnclosingCall(assignment) is { } registration ? PipelineHosts.Of(registration, CancellationToken.None) : null;
                lock (gate)
                {
                    fallbackHosts.Add(host);
                }
            }
            else if (property.Name is "DefaultScheme" or "DefaultAuthenticateScheme"
                && SymbolEqualityComparer.Default.Equals(property.ContainingType, authenticationOptions)
                && OperationHelpers.ConstantString(assignment.Value) is { } scheme)
            {
                lock (gate)
                {
                    defaultSchemes.Add(scheme);
                    ambientCredentials |= scheme is "Windows" or "Negotiate";
                }
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
        private EndpointCoverage ChainCoverage(IOperation start)
        {
            IOperation end = WalkUp(start, out bool covered);
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
                    return ReferencesCovered(declarator.Symbol, end) ? EndpointCoverage.Covered : EndpointCoverage.Uncovered;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local }:
                    return ReferencesCovered(local.Local, end) ? EndpointCoverage.Covered : EndpointCoverage.Uncovered;
                case IReturnOperation _:
                case IArgumentOperation _:
                case ISimpleAssignmentOperation _:
                    return EndpointCoverage.Unknown;
                default:
                    return EndpointCoverage.Uncovered;
            }
        }

        /// <summary>Follows the fluent chain of builder conventions up from <paramref name="start"/>; stops at methods that return another builder (<c>MapGroup</c>, <c>MapGet</c>).</summary>
        private static IOperation WalkUp(IOperation start, out bool covered)
        {
            covered = false;
            IOperation current = start;
            for (int i = 0; i < 64; i++)
            {
                IInvocationOperation? next = InvocationOn(current);
                if (next is null)
                {
                    break;
                }

                if (IsAuthorizationConvention(next))
                {
                    covered = true;
                    return next;
                }

                if (next.TargetMethod.Name == "MapGroup"
                    || !SymbolEqualityComparer.Default.Equals(next.Type, current.Type ?? next.Type)
                    || next.Type is null
                    || next.Type.SpecialType == SpecialType.System_Void)
                {
                    break;
                }

                current = next;
            }

            return current;
        }

        /// <summary>True when a convention is applied through another reference to the local or parameter (<c>group.RequireAuthorization();</c>).</summary>
        private static bool ReferencesCovered(ISymbol symbol, IOperation anywhereInBody)
        {
            IOperation root = OperationHelpers.Root(anywhereInBody);
            foreach (IOperation descendant in root.Descendants())
            {
                ISymbol? referenced = descendant switch
                {
                    ILocalReferenceOperation l => l.Local,
                    IParameterReferenceOperation p => p.Parameter,
                    _ => null,
                };
                if (referenced is not null && SymbolEqualityComparer.Default.Equals(referenced, symbol))
                {
                    WalkUp(descendant, out bool covered);
                    if (covered)
                    {
                        return true;
                    }
                }
            }

            return false;
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
                    if (IsAuthorizationConvention(invocation))
                    {
                        return Pending.Covered;
                    }

                    // MapGroup, WithTags, WithOpenApi, ...: the builder they were called on decides.
                    IOperation? inner = Receiver(invocation);
                    return inner is not null && IsEndpointRouteBuilder(invocation.Type)
                        ? BuilderCoverage(inner, depth + 1)
                        : Pending.Unknown;
                case ILocalReferenceOperation local:
                    if (ReferencesCovered(local.Local, local))
                    {
                        return Pending.Covered;
                    }

                    return Combine(ValuesOf(local.Local, local), depth);
                case IParameterReferenceOperation parameter:
                    if (ReferencesCovered(parameter.Parameter, parameter))
                    {
                        return Pending.Covered;
                    }

                    if (parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
                    {
                        // app.UseEndpoints(endpoints => endpoints.MapGet(...)): the application's own route builder.
                        return IsUseEndpointsLambdaParameter(parameter) ? Pending.Uncovered : Pending.Unknown;
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

        private static bool IsUseEndpointsLambdaParameter(IParameterReferenceOperation reference)
        {
            for (IOperation? current = reference.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation function
                    && SymbolEqualityComparer.Default.Equals(function.Symbol, reference.Parameter.ContainingSymbol))
                {
                    IOperation? parent = function.Parent;
                    while (parent is IDelegateCreationOperation || parent is IConversionOperation || parent is IArgumentOperation)
                    {
                        parent = parent.Parent;
                    }

                    return parent is IInvocationOperation { TargetMethod.Name: "UseEndpoints" };
                }
            }

            return false;
        }

        /// <summary>A setting made for some hosts covers the controllers when every host that maps controllers has it.</summary>
        private static bool CoversControllers(HashSet<string?> settingHosts, HashSet<string?> mappingHosts)
            => settingHosts.Count > 0
               && (settingHosts.Contains(null) || mappingHosts.All(h => h is null || settingHosts.Contains(h)));

        private static IInvocationOperation? EnclosingCall(IOperation operation)
        {
            for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IInvocationOperation invocation)
                {
                    return invocation;
                }
            }

            return null;
        }

        private Results Get()
        {
            lock (gate)
            {
                return results ??= Compute();
            }
        }

        private Results Compute()
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

            bool bearerDefault = false;
            foreach (string scheme in defaultSchemes)
            {
                bearerDefault |= bearerSchemes.Contains(scheme);
            }

            return new Results(
                authenticationConfigured,
                authenticationLocation,
                ambientCredentials && !bearerDefault,
                bearerAuthentication,
                CoversControllers(antiforgeryFilterHosts, controllerMappingHosts),
                CoversControllers(authorizeFilterHosts, controllerMappingHosts),
                fallbackHosts.ToImmutableHashSet(),
                controllerMappingHosts.ToImmutableHashSet(),
                controllers,
                pages,
                builder.MoveToImmutable());
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

        private static bool IsAuthorizationConvention(IInvocationOperation invocation)
        {
            switch (invocation.TargetMethod.Name)
            {
                case "RequireAuthorization":
                case "AllowAnonymous":
                    return true;
                case "WithMetadata":
                    foreach (IArgumentOperation argument in invocation.Arguments)
                    {
                        foreach (IOperation item in argument.Value is IArrayCreationOperation { Initializer: { } init } ? init.ElementValues : ImmutableArray.Create(argument.Value))
                        {
                            ITypeSymbol? type = ConstantValueAnalysis.WalkDownConversions(item).Type;
                            if (type is not null && ImplementsByName(type, "IAuthorizeData", "IAllowAnonymous"))
                            {
                                return true;
                            }
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static Location? FindInChain(IInvocationOperation start, string methodName)
        {
            IOperation current = start;
            for (int i = 0; i < 64; i++)
            {
                IInvocationOperation? next = InvocationOn(current);
                if (next is null || next.TargetMethod.Name == "MapGroup")
                {
                    return null;
                }

                if (next.TargetMethod.Name == methodName)
                {
                    return NameLocation(next);
                }

                current = next;
            }

            return null;
        }

        /// <summary>The invocation made on <paramref name="operation"/> as its receiver (instance or extension <c>this</c>), or null.</summary>
        private static IInvocationOperation? InvocationOn(IOperation operation)
        {
            IOperation current = operation;
            IOperation? parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            if (parent is IInvocationOperation instanceCall && ReferenceEquals(instanceCall.Instance, current))
            {
                return instanceCall;
            }

            if (parent is IArgumentOperation { Parameter.Ordinal: 0 } argument
                && argument.Parent is IInvocationOperation extensionCall
                && extensionCall.TargetMethod.IsExtensionMethod)
            {
                return extensionCall;
            }

            return null;
        }

        /// <summary>The instance, or the <c>this</c> argument of an extension method.</summary>
        private static IOperation? Receiver(IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance)
            {
                return instance;
            }

            if (invocation.TargetMethod.IsExtensionMethod)
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 0)
                    {
                        return argument.Value;
                    }
                }
            }

            return null;
        }

        private static Location NameLocation(IInvocationOperation invocation)
        {
            return invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
                ? access.Name.GetLocation()
                : invocation.Syntax.GetLocation();
        }

        private static IOperation? HandlerOf(IInvocationOperation invocation)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is "handler" or "requestDelegate")
                {
                    IOperation value = ConstantValueAnalysis.WalkDownConversions(argument.Value);
                    while (value is IDelegateCreationOperation creation)
                    {
                        value = ConstantValueAnalysis.WalkDownConversions(creation.Target);
                    }

                    return value;
                }
            }

            return null;
        }

        private static IMethodSymbol? HandlerMethod(IOperation handler) => handler switch
        {
            IAnonymousFunctionOperation function => function.Symbol,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };

        private bool HasAuthorizationAttribute(IOperation handler)
        {
            IMethodSymbol? method = HandlerMethod(handler);
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
            IMethodSymbol? method = HandlerMethod(handler);
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

        /// <summary>The filter type a <c>FilterCollection.Add/AddService</c> call registers: <c>Add&lt;T&gt;()</c>, <c>Add(typeof(T))</c>, <c>Add(new T())</c>.</summary>
        internal static ITypeSymbol? FilterType(IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.IsGenericMethod && invocation.TargetMethod.TypeArguments.Length == 1)
            {
                return invocation.TargetMethod.TypeArguments[0];
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                IOperation value = ConstantValueAnalysis.WalkDownConversions(argument.Value);
                if (value is ITypeOfOperation typeOf)
                {
                    return typeOf.TypeOperand;
                }

                if (value.Type is { } type && type.SpecialType == SpecialType.None && type.TypeKind == TypeKind.Class)
                {
                    return type;
                }
            }

            return null;
        }

        private static string? FirstStringArgument(IInvocationOperation invocation)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && argument.Parameter is { Ordinal: > 0 } parameter
                    && parameter.Type.SpecialType == SpecialType.System_String
                    && parameter.Name is "authenticationScheme" or "defaultScheme")
                {
                    return OperationHelpers.ConstantString(argument.Value);
                }
            }

            return null;
        }

        private static bool IsNull(IOperation value)
        {
            IOperation walked = ConstantValueAnalysis.WalkDownConversions(value);
            return walked.ConstantValue.HasValue && walked.ConstantValue.Value is null;
        }

        private bool IsServiceRegistrationReceiver(ITypeSymbol? type)
            => type is not null && (OperationHelpers.Implements(type, serviceCollection) || OperationHelpers.IsOrDerivesFrom(type, authenticationBuilder));

        private bool IsFilterCollection(ITypeSymbol? type) => filterCollection is not null && OperationHelpers.IsOrDerivesFrom(type, filterCollection);

        private bool IsEndpointRouteBuilder(ITypeSymbol? type) => type is not null && OperationHelpers.Implements(type, endpointRouteBuilder);

        private bool IsWebApplication(ITypeSymbol? type) => type is not null && OperationHelpers.IsOrDerivesFrom(type, webApplication);

        private static bool ImplementsByName(ITypeSymbol type, string first, string second)
        {
            foreach (INamedTypeSymbol implemented in type.AllInterfaces)
            {
                if (implemented.Name == first || implemented.Name == second)
                {
                    return true;
                }
            }

            return false;
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

        private sealed class Results
        {
            public Results(
                bool authenticationConfigured,
                Location? authenticationLocation,
                bool browserCredentials,
                bool bearerAuthentication,
                bool globalAntiforgeryFilter,
                bool globalAuthorizeFilter,
                ImmutableHashSet<string?> fallbackHosts,
                ImmutableHashSet<string?> controllerMappingHosts,
                bool controllersAuthorized,
                bool pagesAuthorized,
                ImmutableArray<EndpointMapping> endpoints)
            {
                AuthenticationConfigured = authenticationConfigured;
                AuthenticationLocation = authenticationLocation;
                BrowserCredentials = browserCredentials;
                BearerAuthentication = bearerAuthentication;
                GlobalAntiforgeryFilter = globalAntiforgeryFilter;
                GlobalAuthorizeFilter = globalAuthorizeFilter;
                FallbackHosts = fallbackHosts;
                ControllerMappingHosts = controllerMappingHosts;
                ControllersAuthorized = controllersAuthorized;
                PagesAuthorized = pagesAuthorized;
                Endpoints = endpoints;
            }

            public bool AuthenticationConfigured { get; }

            public Location? AuthenticationLocation { get; }

            public bool BrowserCredentials { get; }

            public bool BearerAuthentication { get; }

            public bool GlobalAntiforgeryFilter { get; }

            public bool GlobalAuthorizeFilter { get; }

            /// <summary>The hosts with a fallback policy; null stands for a registration whose host cannot be told (it counts for all).</summary>
            public ImmutableHashSet<string?> FallbackHosts { get; }

            public ImmutableHashSet<string?> ControllerMappingHosts { get; }

            public bool ControllersAuthorized { get; }

            public bool PagesAuthorized { get; }

            public ImmutableArray<EndpointMapping> Endpoints { get; }
        }
    }
}

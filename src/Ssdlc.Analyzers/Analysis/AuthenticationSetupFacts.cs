using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Application-wide authentication and authorization setup, gathered once per compilation: whether authentication is
    /// configured and with which kind of credentials, a global antiforgery or authorize filter, a fallback authorization
    /// policy, <c>RequireAuthorization()</c> on the controller mappings, and every minimal API endpoint with its coverage.
    /// Calls count wherever they are in the compilation: top-level Program.cs, <c>Startup.ConfigureServices</c>/<c>Configure</c>,
    /// extension methods, options lambdas (<c>AddControllersWithViews(o =&gt; o.Filters.Add(...))</c>,
    /// <c>Configure&lt;MvcOptions&gt;(...)</c>, <c>AddAuthorization(o =&gt; o.FallbackPolicy = ...)</c>).
    /// <para>
    /// Usage: <see cref="For"/> at compilation start (one instance per compilation, fed once however many analyzers ask for
    /// it: <see cref="SharedBlockObserver"/>), read the results in a compilation-end action; or <see cref="TryCreate"/> and
    /// feed <see cref="Observe"/> yourself. Observation is thread-safe; the results are computed on first read. The endpoints
    /// and their coverage come from <see cref="EndpointCoverageCollector"/>.
    /// </para>
    /// Shared by SSDLC0705 (antiforgery) and SSDLC0801 (authorization coverage).
    /// </summary>
    internal sealed class AuthenticationSetupFacts
    {
        private static readonly ConditionalWeakTable<Compilation, Shared> PerCompilation = new ConditionalWeakTable<Compilation, Shared>();

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

        private readonly object gate = new object();
        private readonly INamedTypeSymbol? filterCollection;
        private readonly INamedTypeSymbol? authorizationOptions;
        private readonly INamedTypeSymbol? authenticationOptions;
        private readonly INamedTypeSymbol? serviceCollection;
        private readonly INamedTypeSymbol? authenticationBuilder;
        private readonly EndpointCoverageCollector endpoints;

        private readonly HashSet<string> bearerSchemes = new HashSet<string>(DefaultBearerSchemes, StringComparer.Ordinal);
        private readonly HashSet<string> defaultSchemes = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string?> antiforgeryFilterHosts = new HashSet<string?>();
        private readonly HashSet<string?> authorizeFilterHosts = new HashSet<string?>();
        private readonly HashSet<string?> fallbackHosts = new HashSet<string?>();
        private bool authenticationConfigured;
        private Location? authenticationLocation;
        private bool ambientCredentials;
        private bool bearerAuthentication;
        private Results? results;

        private AuthenticationSetupFacts(WellKnownTypes types)
        {
            filterCollection = types.Get("Microsoft.AspNetCore.Mvc.Filters.FilterCollection");
            authorizationOptions = types.Get("Microsoft.AspNetCore.Authorization.AuthorizationOptions");
            authenticationOptions = types.Get("Microsoft.AspNetCore.Authentication.AuthenticationOptions");
            serviceCollection = types.Get("Microsoft.Extensions.DependencyInjection.IServiceCollection");
            authenticationBuilder = types.Get("Microsoft.AspNetCore.Authentication.AuthenticationBuilder");
            endpoints = new EndpointCoverageCollector(types);
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
                return !results.FallbackHosts.IsEmpty && results.Endpoints.ControllerMappingHosts.All(FallbackCovers);
            }
        }

        /// <summary>True when a controller mapping (<c>MapControllers</c>, <c>MapControllerRoute</c>, ...) or its route group requires authorization.</summary>
        public bool ControllerMappingsAuthorized => Get().Endpoints.ControllersAuthorized;

        /// <summary>True when <c>MapRazorPages()</c> or its route group requires authorization.</summary>
        public bool RazorPagesAuthorized => Get().Endpoints.PagesAuthorized;

        /// <summary>Every minimal API endpoint mapped outside a development-only branch.</summary>
        public ImmutableArray<EndpointMapping> Endpoints => Get().Endpoints.Endpoints;

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
            WellKnownTypes types = WellKnownTypes.For(compilation);
            return types.Get("Microsoft.AspNetCore.Http.HttpContext") is null
                   || types.Get("Microsoft.Extensions.DependencyInjection.IServiceCollection") is null
                ? null
                : new AuthenticationSetupFacts(types);
        }

        /// <summary>The compilation's one instance, registered to observe its code; null when it does not reference ASP.NET Core.</summary>
        public static AuthenticationSetupFacts? For(CompilationStartAnalysisContext context)
        {
            Shared shared = PerCompilation.GetValue(context.Compilation, c => new Shared(TryCreate(c)));
            shared.Observer?.Register(context);
            return shared.Facts;
        }

        /// <summary>Records what <paramref name="operation"/> contributes (invocations and simple assignments; others are ignored).</summary>
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
            IOperation? receiver = OperationHelpers.Receiver(invocation);
            ITypeSymbol? receiverType = receiver is null ? null : ConstantValueAnalysis.WalkDownConversions(receiver).Type;

            bool ambient = AmbientCredentialMethods.Contains(name);
            bool bearer = BearerMethods.Contains(name);
            if ((ambient || bearer || OtherAuthenticationMethods.Contains(name)) && IsServiceRegistrationReceiver(receiverType))
            {
                {
                    string? scheme = FirstStringArgument(invocation);
                    Location location = OperationHelpers.NameLocation(invocation);
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
                // AddControllersWithViews(o => o.Filters.Add(...)): the host of the registration that runs the options lambda.
                string? host = EnclosingCall(invocation) is { } registration ? PipelineHosts.Of(registration, CancellationToken.None) : null;
                if (SymbolNames.DisplaysAs(filter, "Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute")
                    || SymbolNames.DisplaysAs(filter, "Microsoft.AspNetCore.Mvc.ValidateAntiForgeryTokenAttribute"))
                {
                    lock (gate)
                    {
                        antiforgeryFilterHosts.Add(host);
                    }
                }
                else if (SymbolNames.DisplaysAs(filter, "Microsoft.AspNetCore.Mvc.Authorization.AuthorizeFilter"))
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

            endpoints.Observe(invocation, receiver, receiverType);
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

        /// <summary>A setting made for some hosts covers the controllers when every host that maps controllers has it.</summary>
        private static bool CoversControllers(HashSet<string?> settingHosts, ImmutableHashSet<string?> mappingHosts)
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
            EndpointCoverageCollector.Coverage coverage = endpoints.Resolve();
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
                CoversControllers(antiforgeryFilterHosts, coverage.ControllerMappingHosts),
                CoversControllers(authorizeFilterHosts, coverage.ControllerMappingHosts),
                fallbackHosts.ToImmutableHashSet(),
                coverage);
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

        private sealed class Shared
        {
            public Shared(AuthenticationSetupFacts? facts)
            {
                Facts = facts;
                Observer = facts is null
                    ? null
                    : new SharedBlockObserver(ImmutableArray.Create(OperationKind.Invocation, OperationKind.SimpleAssignment), (operation, _) => facts.Observe(operation));
            }

            public AuthenticationSetupFacts? Facts { get; }

            public SharedBlockObserver? Observer { get; }
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
                EndpointCoverageCollector.Coverage endpoints)
            {
                AuthenticationConfigured = authenticationConfigured;
                AuthenticationLocation = authenticationLocation;
                BrowserCredentials = browserCredentials;
                BearerAuthentication = bearerAuthentication;
                GlobalAntiforgeryFilter = globalAntiforgeryFilter;
                GlobalAuthorizeFilter = globalAuthorizeFilter;
                FallbackHosts = fallbackHosts;
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

            public EndpointCoverageCollector.Coverage Endpoints { get; }
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>A call that matters to the request pipeline, e.g. <c>app.UseHsts()</c>.</summary>
    internal sealed class PipelineCall
    {
        public PipelineCall(Location location, string name, bool developmentOnly, bool isFramework, string? host = null)
        {
            Location = location;
            Name = name;
            DevelopmentOnly = developmentOnly;
            IsFramework = isFramework;
            Host = host;
        }

        /// <summary>The application host the call configures (<see cref="PipelineHosts"/>); null when it cannot be told (it counts for every host).</summary>
        public string? Host { get; }

        public Location Location { get; }

        /// <summary>The method called, e.g. "UseHsts".</summary>
        public string Name { get; }

        /// <summary>The call runs only in the Development environment (see <see cref="EnvironmentGuardAnalysis"/>).</summary>
        public bool DevelopmentOnly { get; }

        /// <summary>The call is ASP.NET Core's own (for <c>UseHsts</c>: it sends the header configured by <c>HstsOptions</c>).</summary>
        public bool IsFramework { get; }
    }

    /// <summary>An assignment to an options property, with its value when it is a constant (null when it is not known).</summary>
    internal sealed class OptionSetting<T>
        where T : struct
    {
        public OptionSetting(Location location, T? value)
        {
            Location = location;
            Value = value;
        }

        public Location Location { get; }

        public T? Value { get; }
    }

    /// <summary>A constant Strict-Transport-Security value the app writes itself, e.g. <c>"max-age=3600"</c>.</summary>
    internal sealed class HstsHeaderValue
    {
        public HstsHeaderValue(Location location, double? maxAgeDays, bool includeSubDomains)
        {
            Location = location;
            MaxAgeDays = maxAgeDays;
            IncludeSubDomains = includeSubDomains;
        }

        public Location Location { get; }

        /// <summary>The max-age directive in days; null when there is none or it cannot be read.</summary>
        public double? MaxAgeDays { get; }

        public bool IncludeSubDomains { get; }
    }

    /// <summary>
    /// What a whole compilation says about its ASP.NET Core request pipeline, transport security and response headers:
    /// is there an application with a pipeline at all (<c>WebApplicationBuilder.Build()</c>, <c>WebApplication.Run()</c>,
    /// <c>Startup.Configure(IApplicationBuilder ...)</c>, <c>IWebHostBuilder.Configure(app =&gt; ...)</c>), does it serve browser
    /// content (views, Razor Pages, Blazor components, static files), which HTTPS redirection and HSTS calls it makes (and
    /// whether only in development), how <c>HstsOptions</c> are set, whether it sets any browser protection header or uses
    /// a header middleware, and how Kestrel's <c>AddServerHeader</c> is set. Calls anywhere in the compilation count
    /// (extension methods, Startup classes, middleware classes), also in generated code (Razor views).
    /// Used by SSDLC1401 (HTTPS redirection and HSTS), SSDLC1402 (HSTS options) and SSDLC1403 (security headers).
    /// Test projects (they reference a test framework) have no pipeline of their own.
    /// </summary>
    internal sealed class HttpPipelineFacts
    {
        private static readonly ConditionalWeakTable<Compilation, Shared> PerCompilation = new ConditionalWeakTable<Compilation, Shared>();

        /// <summary>The HSTS max-age ASP.NET Core sends when <c>HstsOptions.MaxAge</c> is not set.</summary>
        public const double DefaultHstsMaxAgeDays = 30;

        private HttpPipelineFacts(
            bool isTestProject,
            Location? pipelineAnchor,
            string? browserContent,
            ImmutableArray<PipelineCall> httpsRedirections,
            ImmutableArray<PipelineCall> hstsMiddleware,
            string? hstsHeader,
            ImmutableArray<PipelineCall> hstsConfigurations,
            bool hstsOptionsFromConfiguration,
            ImmutableArray<OptionSetting<double>> hstsMaxAge,
            ImmutableArray<OptionSetting<bool>> hstsIncludeSubDomains,
            ImmutableArray<HstsHeaderValue> hstsHeaderValues,
            string? securityHeaders,
            ImmutableArray<OptionSetting<bool>> serverHeader)
        {
            IsTestProject = isTestProject;
            PipelineAnchor = pipelineAnchor;
            BrowserContent = browserContent;
            HttpsRedirections = httpsRedirections;
            HstsMiddleware = hstsMiddleware;
            HstsHeader = hstsHeader;
            HstsConfigurations = hstsConfigurations;
            HstsOptionsFromConfiguration = hstsOptionsFromConfiguration;
            HstsMaxAge = hstsMaxAge;
            HstsIncludeSubDomains = hstsIncludeSubDomains;
            HstsHeaderValues = hstsHeaderValues;
            SecurityHeaders = securityHeaders;
            ServerHeader = serverHeader;
        }

        /// <summary>The compilation references xunit, NUnit, MSTest or the ASP.NET Core test host.</summary>
        public bool IsTestProject { get; }

        /// <summary>
        /// Where an application-wide finding is reported: the first <c>Startup.Configure(IApplicationBuilder ...)</c> method name,
        /// else the first <c>WebApplicationBuilder.Build()</c> call, else the first <c>WebApplication.Run()</c>/<c>RunAsync()</c>/
        /// <c>Start()</c>/<c>StartAsync()</c>, else the first <c>IWebHostBuilder.Configure(app =&gt; ...)</c>; null when there is none.
        /// </summary>
        public Location? PipelineAnchor { get; }

        /// <summary>True for an application (not a library or test project) that builds a request pipeline.</summary>
        public bool HasPipeline => !IsTestProject && PipelineAnchor is not null;

        /// <summary>The first call showing that the app serves browser content (e.g. "AddRazorPages()"); null for an API-only app.</summary>
        public string? BrowserContent { get; }

        public bool IsBrowserFacing => BrowserContent is not null;

        /// <summary>
        /// <c>UseHttpsRedirection()</c>, rewrite rules <c>AddRedirectToHttps*()</c>, a global <c>RequireHttpsAttribute</c> filter,
        /// and Kestrel endpoints with <c>ListenOptions.UseHttps()</c>.
        /// </summary>
        public ImmutableArray<PipelineCall> HttpsRedirections { get; }

        /// <summary><c>UseHsts()</c> calls, ASP.NET Core's or a header package's (NWebsec).</summary>
        public ImmutableArray<PipelineCall> HstsMiddleware { get; }

        /// <summary>How the app sends Strict-Transport-Security other than through <c>UseHsts()</c> (a header write, a header package); null when it does not.</summary>
        public string? HstsHeader { get; }

        /// <summary><c>AddHsts(...)</c> and <c>Configure&lt;HstsOptions&gt;(...)</c> calls.</summary>
        public ImmutableArray<PipelineCall> HstsConfigurations { get; }

        /// <summary>
        /// <c>HstsOptions</c> are (also) bound from configuration: <c>Configure&lt;HstsOptions&gt;(section)</c>,
        /// <c>AddOptions&lt;HstsOptions&gt;()</c>; their values are not known.
        /// </summary>
        public bool HstsOptionsFromConfiguration { get; }

        /// <summary>Assignments to <c>HstsOptions.MaxAge</c>, the value in days.</summary>
        public ImmutableArray<OptionSetting<double>> HstsMaxAge { get; }

        public ImmutableArray<OptionSetting<bool>> HstsIncludeSubDomains { get; }

        /// <summary>Constant Strict-Transport-Security values written to response headers (indexer, typed property, Append/Add).</summary>
        public ImmutableArray<HstsHeaderValue> HstsHeaderValues { get; }

        /// <summary>How the app sets browser protection headers (a header name it writes, a header middleware it uses); null when it sets none.</summary>
        public string? SecurityHeaders { get; }

        /// <summary>Assignments to <c>KestrelServerOptions.AddServerHeader</c>.</summary>
        public ImmutableArray<OptionSetting<bool>> ServerHeader { get; }

        /// <summary>HTTPS redirection outside development.</summary>
        public bool RedirectsToHttps => HttpsRedirections.Any(c => !c.DevelopmentOnly);

        /// <summary>HSTS sent outside development (by <c>UseHsts()</c> or otherwise).</summary>
        public bool SendsHsts => HstsHeader is not null || HstsMiddleware.Any(c => !c.DevelopmentOnly);

        /// <summary>
        /// Registers the actions that collect the facts of one compilation; <paramref name="onCompilationEnd"/> gets them.
        /// Does nothing when the compilation does not reference ASP.NET Core.
        /// </summary>
        public static void Register(CompilationStartAnalysisContext context, Action<CompilationAnalysisContext, HttpPipelineFacts> onCompilationEnd)
        {
            Shared shared = PerCompilation.GetValue(context.Compilation, c => new Shared(c));
            if (shared.Observer is null || shared.FactsPerHost is null)
            {
                return;
            }

            Lazy<ImmutableArray<HttpPipelineFacts>> factsPerHost = shared.FactsPerHost;
            shared.Observer.Register(context);
            context.RegisterCompilationEndAction(c =>
            {
                foreach (HttpPipelineFacts facts in factsPerHost.Value)
                {
                    onCompilationEnd(c, facts);
                }
            });
        }

        /// <summary>
        /// One collector per compilation, fed once (<see cref="SharedBlockObserver"/>) for every analyzer that reads the
        /// facts (HTTPS, HSTS, headers; all of them analyze generated code, so they observe the same code); the facts are
        /// built once, at the first compilation end.
        /// </summary>
        private sealed class Shared
        {
            public Shared(Compilation compilation)
            {
                INamedTypeSymbol? applicationBuilder = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Builder.IApplicationBuilder");
                if (applicationBuilder is null)
                {
                    return;
                }

                var collector = new Collector(applicationBuilder, IsTestCompilation(compilation));
                Observer = new SharedBlockObserver(
                    ImmutableArray.Create(
                        OperationKind.Invocation,
                        OperationKind.SimpleAssignment,
                        OperationKind.Literal,
                        OperationKind.FieldReference,
                        OperationKind.PropertyReference,
                        OperationKind.ObjectCreation,
                        OperationKind.TypeOf),
                    collector.Analyze,
                    collector.AnalyzeMethod);
                FactsPerHost = new Lazy<ImmutableArray<HttpPipelineFacts>>(() => collector.ToFactsPerHost().ToImmutableArray(), LazyThreadSafetyMode.ExecutionAndPublication);
            }

            /// <summary>Null when the compilation does not reference ASP.NET Core.</summary>
            public SharedBlockObserver? Observer { get; }

            /// <summary>Null when the compilation does not reference ASP.NET Core.</summary>
            public Lazy<ImmutableArray<HttpPipelineFacts>>? FactsPerHost { get; }
        }

        /// <summary>The compilation references xunit, NUnit, MSTest or the ASP.NET Core test host.</summary>
        internal static bool IsTestCompilation(Compilation compilation)
        {
            foreach (AssemblyIdentity assembly in compilation.ReferencedAssemblyNames)
            {
                string name = assembly.Name;
                if (name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("nunit.framework", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("Microsoft.VisualStudio.TestPlatform.TestFramework", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("Microsoft.AspNetCore.TestHost", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("Microsoft.AspNetCore.Mvc.Testing", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value of a <see cref="TimeSpan"/> expression in days, when it is built from constants.</summary>
        public static double? TimeSpanDays(IOperation? value)
            => ConstantTimeSpanAnalysis.TryGetConstant(value, out TimeSpan span) ? span.TotalDays : null;

        private sealed class Collector
        {
            // Browser content: views, Razor Pages, Blazor components, static files and SPA hosting.
            private static readonly ImmutableHashSet<string> BrowserContentMethods = ImmutableHashSet.Create(
                StringComparer.Ordinal,
                "AddControllersWithViews", "UseMvcWithDefaultRoute", "AddRazorPages", "MapRazorPages", "AddRazorComponents", "MapRazorComponents",
                "AddServerSideBlazor", "MapBlazorHub", "UseBlazorFrameworkFiles", "UseStaticFiles", "MapStaticAssets", "UseDefaultFiles",
                "UseFileServer", "MapFallbackToFile", "MapFallbackToPage", "MapControllerRoute", "MapDefaultControllerRoute",
                "UseSpa", "UseSpaStaticFiles", "AddDefaultUI");

            private static readonly string[] ProtectionHeaderNames =
            {
                "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Security-Policy",
            };

            private static readonly ImmutableHashSet<string> ProtectionHeaderMembers = ImmutableHashSet.Create(
                StringComparer.Ordinal, "XContentTypeOptions", "XFrameOptions", "ContentSecurityPolicy", "ContentSecurityPolicyReportOnly", "ReferrerPolicy");

            // Header middleware packages (NWebsec, NetEscapades, OwaspHeaders.Core) and home-grown UseSecurityHeaders().
            private static readonly ImmutableHashSet<string> HeaderMiddlewareMethods = ImmutableHashSet.Create(
                StringComparer.Ordinal,
                "UseXContentTypeOptions", "UseXfo", "UseCsp", "UseCspReportOnly", "UseReferrerPolicy", "UseXXssProtection",
                "UseSecureHeadersMiddleware", "AddSecurityHeaderPolicies", "AddDefaultSecurityHeaders", "AddContentSecurityPolicy",
                "AddFrameOptionsDeny", "AddFrameOptionsSameOrigin", "AddContentTypeOptionsNoSniff");

            private readonly INamedTypeSymbol applicationBuilder;
            private readonly bool isTestProject;
            private readonly ConcurrentQueue<(int Priority, Location Location, string? Host)> anchors = new();
            private readonly ConcurrentQueue<(Location Location, string What, string? Host)> browserContent = new();
            private readonly ConcurrentQueue<PipelineCall> httpsRedirections = new();
            private readonly ConcurrentQueue<PipelineCall> hstsMiddleware = new();
            private readonly ConcurrentQueue<(Location Location, string What, string? Host)> hstsHeader = new();
            private readonly ConcurrentQueue<PipelineCall> hstsConfigurations = new();
            private int hstsOptionsFromConfiguration;
            private readonly ConcurrentQueue<OptionSetting<double>> hstsMaxAge = new();
            private readonly ConcurrentQueue<OptionSetting<bool>> hstsIncludeSubDomains = new();
            private readonly ConcurrentQueue<HstsHeaderValue> hstsHeaderValues = new();
            private readonly ConcurrentQueue<(Location Location, string What, string? Host)> securityHeaders = new();
            private readonly ConcurrentQueue<OptionSetting<bool>> serverHeader = new();

            public Collector(INamedTypeSymbol applicationBuilder, bool isTestProject)
            {
                this.applicationBuilder = applicationBuilder;
                this.isTestProject = isTestProject;
            }

            public void Analyze(IOperation operation, ISymbol containingSymbol)
            {
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        AnalyzeInvocation(invocation);
                        break;
                    case ISimpleAssignmentOperation assignment:
                        AnalyzeAssignment(assignment);
                        break;
                    case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } } literal:
                        AnalyzeHeaderName(literal, text, containingSymbol);
                        break;
                    case IFieldReferenceOperation { Field: { IsStatic: true, ContainingType.Name: "HeaderNames" } field }:
                        AnalyzeHeaderMember(operation, field.Name, containingSymbol);
                        break;
                    case IPropertyReferenceOperation { Property: { } property } when property.ContainingType?.Name == "IHeaderDictionary":
                        AnalyzeHeaderMember(operation, property.Name, containingSymbol);
                        break;
                    case IObjectCreationOperation { Type.Name: "RequireHttpsAttribute" }:
                        httpsRedirections.Enqueue(new PipelineCall(operation.Syntax.GetLocation(), "RequireHttpsAttribute", EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(operation), true));
                        break;
                    case ITypeOfOperation { TypeOperand.Name: "RequireHttpsAttribute" }:
                        httpsRedirections.Enqueue(new PipelineCall(operation.Syntax.GetLocation(), "RequireHttpsAttribute", EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(operation), true));
                        break;
                }
            }

            public void AnalyzeMethod(IMethodSymbol method)
            {
                // Startup.Configure(IApplicationBuilder app, ...), also ConfigureStaging(...) and the like.
                if (method.MethodKind == MethodKind.Ordinary
                    && !method.IsExtensionMethod
                    && method.Name.StartsWith("Configure", StringComparison.Ordinal)
                    && method.ContainingType?.TypeKind == TypeKind.Class
                    && method.Parameters.Length > 0
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, applicationBuilder)
                    && !method.IsAbstract)
                {
                    foreach (Location location in method.Locations)
                    {
                        if (location.IsInSource)
                        {
                            anchors.Enqueue((0, location, PipelineHosts.OfStartup(method.ContainingType)));
                        }
                    }
                }
            }

            /// <summary>A method of a type in a namespace under <c>Microsoft</c> (<c>Microsoft.AspNetCore.Builder</c>, not <c>Microsoft</c> itself).</summary>
            private static bool FromMicrosoft(IMethodSymbol method)
                => SymbolNames.IsInNamespace(method.ContainingType?.ContainingNamespace?.ContainingNamespace, "Microsoft");

            private void AnalyzeInvocation(IInvocationOperation invocation)
            {
                IMethodSymbol method = invocation.TargetMethod;
                string name = method.Name;
                switch (name)
                {
                    case "Build" when method.ContainingType?.Name == "WebApplicationBuilder":
                        anchors.Enqueue((1, invocation.Syntax.GetLocation(), PipelineHosts.Of(invocation, CancellationToken.None)));
                        return;
                    case "Run" or "RunAsync" or "Start" or "StartAsync" when method.ContainingType?.Name == "WebApplication" && FromMicrosoft(method):
                        anchors.Enqueue((2, invocation.Syntax.GetLocation(), PipelineHosts.Of(invocation, CancellationToken.None)));
                        return;
                    case "Configure" when FromMicrosoft(method) && IsWebHostBuilderConfigure(method):
                        anchors.Enqueue((3, invocation.Syntax.GetLocation(), PipelineHosts.Of(invocation, CancellationToken.None)));
                        return;
                    case "UseHttpsRedirection" or "AddRedirectToHttps" or "AddRedirectToHttpsPermanent":
                        httpsRedirections.Enqueue(Call(invocation, FromMicrosoft(method)));
                        return;
                    case "UseHttps" when method.ContainingType?.Name == "ListenOptionsHttpsExtensions":
                        // Kestrel endpoints that serve TLS themselves (the usual set-up of gRPC services and APIs).
                        httpsRedirections.Enqueue(Call(invocation, true));
                        return;
                    case "UseHsts":
                        hstsMiddleware.Enqueue(Call(invocation, method.ContainingType?.Name == "HstsBuilderExtensions" && FromMicrosoft(method)));
                        return;
                    case "AddHsts" when FromMicrosoft(method):
                        hstsConfigurations.Enqueue(ConfigurationCall(invocation));
                        return;
                    case "Configure" or "PostConfigure" when method.TypeArguments.Length == 1 && IsAspNetCoreHstsOptions(method.TypeArguments[0]):
                        hstsConfigurations.Enqueue(ConfigurationCall(invocation));
                        if (!invocation.Arguments.Any(a => ConstantValueAnalysis.WalkDownConversions(a.Value) is IDelegateCreationOperation))
                        {
                            System.Threading.Interlocked.Exchange(ref hstsOptionsFromConfiguration, 1);
                        }

                        return;
                    case "AddOptions" when method.TypeArguments.Length == 1 && IsAspNetCoreHstsOptions(method.TypeArguments[0]):
                        System.Threading.Interlocked.Exchange(ref hstsOptionsFromConfiguration, 1);
                        return;
                    case "Add" when method.TypeArguments.Length == 1 && method.TypeArguments[0].Name == "RequireHttpsAttribute":
                        httpsRedirections.Enqueue(Call(invocation, true));
                        return;
                    case "UseMiddleware" when method.TypeArguments.Length == 1
                                              && method.TypeArguments[0].Name.IndexOf("Header", StringComparison.OrdinalIgnoreCase) >= 0:
                        securityHeaders.Enqueue((invocation.Syntax.GetLocation(), "UseMiddleware<" + method.TypeArguments[0].Name + ">()", PipelineHosts.Of(invocation, CancellationToken.None)));
                        return;
                }

                if (name is "Append" or "Add" or "TryAdd"
                    && invocation.Arguments.Length == (method.IsExtensionMethod && invocation.Instance is null ? 3 : 2)
                    && IsHeaderDictionary(invocation.Instance?.Type ?? invocation.Arguments[0].Value.Type)
                    && IsHstsHeaderName(invocation.Arguments[invocation.Arguments.Length - 2].Value))
                {
                    AnalyzeHstsHeaderValue(invocation.Arguments[invocation.Arguments.Length - 1].Value, invocation.Syntax.GetLocation());
                }

                if (name.StartsWith("AddStrictTransportSecurity", StringComparison.Ordinal))
                {
                    hstsHeader.Enqueue((invocation.Syntax.GetLocation(), name + "()", PipelineHosts.Of(invocation, CancellationToken.None)));
                }

                if (BrowserContentMethods.Contains(name) && FromMicrosoft(method))
                {
                    browserContent.Enqueue((invocation.Syntax.GetLocation(), name + "()", PipelineHosts.Of(invocation, CancellationToken.None)));
                }

                if (HeaderMiddlewareMethods.Contains(name)
                    || name.IndexOf("SecurityHeader", StringComparison.OrdinalIgnoreCase) >= 0
                    || name.IndexOf("SecureHeader", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    securityHeaders.Enqueue((invocation.Syntax.GetLocation(), name + "()", PipelineHosts.Of(invocation, CancellationToken.None)));
                    if (name is "UseSecurityHeaders" or "AddDefaultSecurityHeaders")
                    {
                        // NetEscapades' default policy includes Strict-Transport-Security (max-age one year, HTTPS responses only).
                        hstsHeader.Enqueue((invocation.Syntax.GetLocation(), name + "()", PipelineHosts.Of(invocation, CancellationToken.None)));
                    }
                }
            }

            private bool IsWebHostBuilderConfigure(IMethodSymbol method)
                => method.Parameters.Length == 1
                   && method.Parameters[0].Type is INamedTypeSymbol { Name: "Action", TypeArguments: { Length: >= 1 } typeArguments }
                   && SymbolEqualityComparer.Default.Equals(typeArguments[typeArguments.Length - 1], applicationBuilder)
                   && (method.ReceiverType?.Name == "IWebHostBuilder" || method.ContainingType?.Name == "WebHostBuilderExtensions");

            private void AnalyzeAssignment(ISimpleAssignmentOperation assignment)
            {
                if (!(assignment.Target is IPropertyReferenceOperation { Property: { } property }))
                {
                    return;
                }

                INamedTypeSymbol? containingType = property.ContainingType;
                Location location = assignment.Syntax.GetLocation();
                if (IsHeaderDictionary(containingType)
                    && (property.Name == "StrictTransportSecurity"
                        || (property.IsIndexer && assignment.Target is IPropertyReferenceOperation { Arguments: { Length: 1 } arguments } && IsHstsHeaderName(arguments[0].Value))))
                {
                    AnalyzeHstsHeaderValue(assignment.Value, location);
                    return;
                }

                switch (property.Name)
                {
                    case "MaxAge" when IsAspNetCoreHstsOptions(containingType):
                        hstsMaxAge.Enqueue(new OptionSetting<double>(location, TimeSpanDays(assignment.Value)));
                        break;
                    case "IncludeSubDomains" when IsAspNetCoreHstsOptions(containingType):
                        hstsIncludeSubDomains.Enqueue(new OptionSetting<bool>(location, ConstantBool(assignment.Value)));
                        break;
                    case "AddServerHeader" when SymbolNames.IsType(containingType, "Microsoft.AspNetCore.Server.Kestrel.Core", "KestrelServerOptions"):
                        serverHeader.Enqueue(new OptionSetting<bool>(location, ConstantBool(assignment.Value)));
                        break;
                }
            }

            private static bool IsHeaderDictionary(ITypeSymbol? type)
                => type is not null
                   && (type.Name == "IHeaderDictionary" || type.AllInterfaces.Any(i => i.Name == "IHeaderDictionary"));

            private static bool IsHstsHeaderName(IOperation key)
                => string.Equals(OperationHelpers.ConstantString(key), "Strict-Transport-Security", StringComparison.OrdinalIgnoreCase)
                   || ConstantValueAnalysis.WalkDownConversions(key) is IFieldReferenceOperation { Field: { Name: "StrictTransportSecurity", ContainingType.Name: "HeaderNames" } };

            // "max-age=31536000; includeSubDomains; preload"
            private void AnalyzeHstsHeaderValue(IOperation value, Location location)
            {
                // The implicit string-to-StringValues conversion is user-defined.
                IOperation operand = ConstantValueAnalysis.WalkDownConversions(value);
                if (operand is IConversionOperation { OperatorMethod: not null } conversion)
                {
                    operand = conversion.Operand;
                }

                string? text = OperationHelpers.ConstantString(operand);
                if (text is null)
                {
                    return;
                }

                double? maxAgeDays = null;
                bool includeSubDomains = false;
                foreach (string part in text.Split(';'))
                {
                    string directive = part.Trim();
                    if (directive.Equals("includeSubDomains", StringComparison.OrdinalIgnoreCase))
                    {
                        includeSubDomains = true;
                    }
                    else if (directive.StartsWith("max-age", StringComparison.OrdinalIgnoreCase))
                    {
                        string number = directive.Substring("max-age".Length).Trim().TrimStart('=').Trim().Trim('"');
                        if (long.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long seconds))
                        {
                            maxAgeDays = seconds / (24.0 * 60 * 60);
                        }
                    }
                }

                hstsHeaderValues.Enqueue(new HstsHeaderValue(location, maxAgeDays, includeSubDomains));
            }

            private static bool IsAspNetCoreHstsOptions(ITypeSymbol? type)
                => SymbolNames.IsType(type, "Microsoft.AspNetCore.HttpsPolicy", "HstsOptions");

            private void AnalyzeHeaderName(IOperation literal, string text, ISymbol containingSymbol)
            {
                if (text.Length < 15 || text.Length > 4000)
                {
                    return;
                }

                foreach (string header in ProtectionHeaderNames)
                {
                    if (text.IndexOf(header, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        securityHeaders.Enqueue((literal.Syntax.GetLocation(), header, PipelineHosts.OfMember(containingSymbol, CancellationToken.None)));
                        return;
                    }
                }

                if (text.IndexOf("Strict-Transport-Security", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    hstsHeader.Enqueue((literal.Syntax.GetLocation(), "Strict-Transport-Security", PipelineHosts.OfMember(containingSymbol, CancellationToken.None)));
                }
            }

            private void AnalyzeHeaderMember(IOperation reference, string member, ISymbol containingSymbol)
            {
                if (ProtectionHeaderMembers.Contains(member))
                {
                    securityHeaders.Enqueue((reference.Syntax.GetLocation(), member, PipelineHosts.OfMember(containingSymbol, CancellationToken.None)));
                }
                else if (member == "StrictTransportSecurity")
                {
                    hstsHeader.Enqueue((reference.Syntax.GetLocation(), member, PipelineHosts.OfMember(containingSymbol, CancellationToken.None)));
                }
            }

            private static PipelineCall Call(IInvocationOperation invocation, bool isFramework)
                => new(NameLocation(invocation), invocation.TargetMethod.Name, EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(invocation), isFramework, PipelineHosts.Of(invocation, CancellationToken.None));

            // `AddHsts` / `Configure<HstsOptions>`: the method name, not the options lambda that follows.
            private static PipelineCall ConfigurationCall(IInvocationOperation invocation)
            {
                Location location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess }
                    ? memberAccess.Name.GetLocation()
                    : invocation.Syntax is InvocationExpressionSyntax { Expression: SimpleNameSyntax name } ? name.GetLocation() : invocation.Syntax.GetLocation();
                return new PipelineCall(location, invocation.TargetMethod.Name, EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(invocation), true, PipelineHosts.Of(invocation, CancellationToken.None));
            }

            // `app.UseHsts()` rather than the whole fluent chain it may end.
            private static Location NameLocation(IInvocationOperation invocation)
            {
                if (invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } syntax
                    && memberAccess.Expression is InvocationExpressionSyntax)
                {
                    return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(memberAccess.Name.SpanStart, syntax.Span.End));
                }

                return invocation.Syntax.GetLocation();
            }

            private static bool? ConstantBool(IOperation value)
                => value.ConstantValue.HasValue && value.ConstantValue.Value is bool b ? b : null;

            /// <summary>
            /// The facts of each application host the compilation builds (one set when there is at most one): a host's
            /// anchor, and the calls made for that host or for no particular one.
            /// </summary>
            public IEnumerable<HttpPipelineFacts> ToFactsPerHost()
            {
                var hosts = anchors.Where(a => a.Host is not null).Select(a => a.Host!).Distinct().OrderBy(h => h, StringComparer.Ordinal).ToList();
                if (hosts.Count <= 1)
                {
                    yield return ToFacts(_ => true, anchors);
                    yield break;
                }

                foreach (string host in hosts)
                {
                    yield return ToFacts(h => h is null || h == host || !hosts.Contains(h), anchors.Where(a => a.Host == host));
                }
            }

            private HttpPipelineFacts ToFacts(Func<string?, bool> belongs, IEnumerable<(int Priority, Location Location, string? Host)> hostAnchors)
            {
                Location? anchor = hostAnchors
                    .OrderBy(a => a.Priority)
                    .ThenBy(a => a.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                    .ThenBy(a => a.Location.SourceSpan.Start)
                    .Select(a => a.Location)
                    .FirstOrDefault();
                return new HttpPipelineFacts(
                    isTestProject,
                    anchor,
                    First(browserContent.Where(b => belongs(b.Host)).Select(b => (b.Location, b.What))),
                    Sorted(httpsRedirections.Where(c => belongs(c.Host)), c => c.Location),
                    Sorted(hstsMiddleware.Where(c => belongs(c.Host)), c => c.Location),
                    First(hstsHeader.Where(h => belongs(h.Host)).Select(h => (h.Location, h.What))),
                    Sorted(hstsConfigurations.Where(c => belongs(c.Host)), c => c.Location),
                    System.Threading.Volatile.Read(ref hstsOptionsFromConfiguration) != 0,
                    Sorted(hstsMaxAge, s => s.Location),
                    Sorted(hstsIncludeSubDomains, s => s.Location),
                    Sorted(hstsHeaderValues, v => v.Location),
                    First(securityHeaders.Where(h => belongs(h.Host)).Select(h => (h.Location, h.What))),
                    Sorted(serverHeader, s => s.Location));
            }

            private static string? First(IEnumerable<(Location Location, string What)> items)
                => items.OrderBy(i => i.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                    .ThenBy(i => i.Location.SourceSpan.Start)
                    .Select(i => i.What)
                    .FirstOrDefault();

            private static ImmutableArray<T> Sorted<T>(IEnumerable<T> items, Func<T, Location> location)
                => items.OrderBy(i => location(i).SourceTree?.FilePath, StringComparer.Ordinal)
                    .ThenBy(i => location(i).SourceSpan.Start)
                    .ToImmutableArray();
        }
    }
}

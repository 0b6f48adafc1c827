using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>Which request values count as sources.</summary>
    [Flags]
    internal enum RequestSources
    {
        /// <summary>
        /// Action, Razor Pages handler and minimal-API handler parameters, <c>[BindProperty]</c> properties, values read
        /// from <c>HttpRequest</c> (Query, Form, Headers, Cookies, RouteValues, Body, Path, QueryString, ...), and every
        /// <c>IFormFile</c> member except the client's file name.
        /// </summary>
        Request = 1,

        /// <summary>The file name the client sent: <c>IFormFile.FileName</c>, <c>IFormFile.ContentDisposition</c>,
        /// <c>ContentDispositionHeaderValue.FileName/FileNameStar</c>.</summary>
        ClientFileName = 2,

        /// <summary>
        /// The entry names of an archive being read: <c>ZipArchiveEntry.FullName/Name</c> and <c>TarEntry.Name/LinkName</c>
        /// (System.IO.Compression, System.Formats.Tar). Not request data, but chosen by whoever made the archive (Zip Slip);
        /// not part of <see cref="All"/>, which means every value of the request.
        /// </summary>
        ArchiveEntryName = 4,

        All = Request | ClientFileName,
    }

    /// <summary>Calls whose result a rule accepts as clean although their input was request-derived.</summary>
    [Flags]
    internal enum RequestSanitizers
    {
        None = 0,

        /// <summary><c>Path.GetFileName</c>/<c>GetFileNameWithoutExtension</c>: no directory part survives.</summary>
        FileName = 1,
    }

    /// <summary>
    /// Decides whether a value is request-derived in the rule catalog's sense: it comes from a source
    /// (see <see cref="RequestSources"/>) and reaches the value through locals, concatenation, interpolation,
    /// <c>string.Format/Concat/Join</c>, <c>StringBuilder</c>, <c>Path.Combine</c>, string methods, <c>Uri</c>,
    /// URL decoding, LINQ element access and <c>await</c> within a member (lambdas and local functions included), and
    /// across the compilation's own methods (<see cref="CallFrames"/>): a helper's result is request-derived when what it
    /// returns is, with its parameters bound to the call's arguments, and a helper's parameter is when one of its callers
    /// passes request data (a minimal API handler handing the query string to a static helper).
    /// </summary>
    /// <remarks>
    /// Only the propagations listed are followed: the result of any other library method is not request-derived (precision
    /// first), and neither are numbers, booleans, GUIDs or dates (<c>int.Parse(x)</c> is clean). The analysis is
    /// flow-insensitive (a local is request-derived when any write to it is) and bounded (<see cref="MaxSteps"/>,
    /// <see cref="MaxDepth"/>; past them it answers "not request-derived"). Minimal-API handlers are recognised as
    /// lambdas passed to <c>Map*</c>; a method group passed there is recognised only through binding attributes
    /// (<c>[FromQuery]</c>, <c>[FromRoute]</c>, <c>[FromBody]</c>, <c>[FromForm]</c>, <c>[FromHeader]</c>,
    /// <c>[AsParameters]</c>), which make a parameter a source in any method.
    /// Guards (<see cref="IsGuardedByLocalUrlCheck"/>, <see cref="IsGuardedByContainmentCheck"/>,
    /// <see cref="IsGuardedByHostCheck"/>) are separate,
    /// explicit helpers that a rule calls at its sink.
    /// </remarks>
    internal sealed class RequestDerivedAnalysis
    {
        public const int MaxDepth = 60;
        public const int MaxSteps = 3000;

        private static readonly HashSet<string> RequestMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "Query", "Form", "Headers", "Cookies", "RouteValues", "Body", "BodyReader", "Path", "PathBase", "QueryString", "Host",
        };

        private static readonly HashSet<string> RequestMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "ReadFormAsync", "ReadFromJsonAsync", "GetDisplayUrl", "GetEncodedUrl", "GetEncodedPathAndQuery", "GetTypedHeaders",
        };

        private static readonly HashSet<string> BindingAttributes = new HashSet<string>(StringComparer.Ordinal)
        {
            "FromQueryAttribute", "FromRouteAttribute", "FromBodyAttribute", "FromFormAttribute", "FromHeaderAttribute", "AsParametersAttribute",
        };

        private static readonly HashSet<string> PathPropagating = new HashSet<string>(StringComparer.Ordinal)
        {
            "Combine", "Join", "GetFullPath", "GetDirectoryName", "ChangeExtension", "TrimEndingDirectorySeparator", "GetRelativePath",
        };

        private static readonly HashSet<string> ElementAccess = new HashSet<string>(StringComparer.Ordinal)
        {
            "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "ElementAt", "ElementAtOrDefault",
            "ToArray", "ToList", "Select", "Where", "Aggregate", "Concat", "Append",
        };

        private static readonly HashSet<string> DecodingMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "UrlDecode", "UnescapeDataString", "HtmlDecode", "UrlPathDecode",
        };

        // The namespaces of the framework types CarriesText names.
        private static readonly string[] TextTypeNamespaces =
        {
            "System", "System.Text", "System.IO", "System.IO.Pipelines", "Microsoft.Extensions.Primitives", "Microsoft.AspNetCore.Http",
            "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Http.Headers", "Microsoft.Net.Http.Headers",
        };

        private readonly INamedTypeSymbol? _controllerBase;
        private readonly MvcControllerModel? _controllers;
        private readonly INamedTypeSymbol? _pageModel;
        private readonly INamedTypeSymbol? _httpRequest;
        private readonly INamedTypeSymbol? _formFile;
        private readonly INamedTypeSymbol? _formFileCollection;
        private readonly INamedTypeSymbol? _endpointRouteBuilderExtensions;
        private readonly INamedTypeSymbol? _zipArchiveEntry;
        private readonly INamedTypeSymbol? _tarEntry;

        private RequestDerivedAnalysis(Compilation compilation)
        {
            _controllerBase = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.ControllerBase");
            _controllers = MvcControllerModel.TryCreate(compilation);
            _pageModel = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            _httpRequest = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.HttpRequest");
            _formFile = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.IFormFile");
            _formFileCollection = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.IFormFileCollection");
            _endpointRouteBuilderExtensions = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
            _zipArchiveEntry = WellKnownTypes.For(compilation).Get("System.IO.Compression.ZipArchiveEntry");
            _tarEntry = WellKnownTypes.For(compilation).Get("System.Formats.Tar.TarEntry");
        }

        /// <summary>The analysis for one compilation, or null when it does not reference ASP.NET Core (no request exists).</summary>
        public static RequestDerivedAnalysis? Create(Compilation compilation) => Create(compilation, RequestSources.All);

        /// <summary>
        /// The analysis for one compilation, or null when none of <paramref name="sources"/> can occur in it (request values
        /// need ASP.NET Core; archive entry names need System.IO.Compression or System.Formats.Tar).
        /// </summary>
        public static RequestDerivedAnalysis? Create(Compilation compilation, RequestSources sources)
        {
            var analysis = new RequestDerivedAnalysis(compilation);
            bool web = analysis._httpRequest is not null || analysis._controllerBase is not null || analysis._formFile is not null;
            bool archives = analysis._zipArchiveEntry is not null || analysis._tarEntry is not null;
            return ((sources & RequestSources.All) != 0 && web) || ((sources & RequestSources.ArchiveEntryName) != 0 && archives) ? analysis : null;
        }

        /// <summary>True when <paramref name="value"/> is request-derived.</summary>
        public bool IsRequestDerived(
            IOperation? value,
            CancellationToken cancellationToken,
            RequestSources sources = RequestSources.All,
            RequestSanitizers sanitizers = RequestSanitizers.None)
        {
            if (value is null)
            {
                return false;
            }

            try
            {
                return new Evaluator(this, value, sources, sanitizers, cancellationToken).Is(value, 0);
            }
            catch (InvalidOperationException)
            {
                // Defensive: operation trees of broken code can be surprising; "not request-derived" is the quiet answer.
                return false;
            }
        }

        /// <summary>
        /// True when the member that contains <paramref name="sink"/> checks the same value (same local, parameter or
        /// member access text as <paramref name="value"/>) with <c>Url.IsLocalUrl(x)</c> (any <c>IsLocalUrl</c>) in a
        /// condition before the sink: <c>if (Url.IsLocalUrl(x)) return Redirect(x);</c> or
        /// <c>if (!Url.IsLocalUrl(x)) return BadRequest(); ... Redirect(x)</c>, or a conditional expression.
        /// </summary>
        public static bool IsGuardedByLocalUrlCheck(IOperation sink, IOperation value)
        {
            string? key = ValueKey(value);
            if (key is null)
            {
                return false;
            }

            foreach (IOperation op in Root(sink).Descendants())
            {
                if (op is IInvocationOperation { TargetMethod.Name: "IsLocalUrl" } check
                    && check.Syntax.SpanStart < sink.Syntax.SpanStart
                    && check.Arguments.Any(a => ValueKey(a.Value) == key)
                    && InCondition(check))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the path <paramref name="value"/> passed at <paramref name="sink"/> was normalised with
        /// <c>Path.GetFullPath</c> and the method checks it with <c>StartsWith</c> (a containment check against a root)
        /// before the sink. The path must be a local or parameter assigned from <c>Path.GetFullPath(...)</c>.
        /// </summary>
        public static bool IsGuardedByContainmentCheck(IOperation sink, IOperation value)
        {
            IOperation path = ConstantValueAnalysis.WalkDownConversions(value);
            ISymbol? symbol = path switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
            if (symbol is null)
            {
                return false;
            }

            IOperation root = Root(sink);
            bool normalised = false;
            bool checkedPrefix = false;
            foreach (IOperation op in root.Descendants())
            {
                switch (op)
                {
                    case IVariableDeclaratorOperation declarator
                        when SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol)
                             && IsGetFullPath(declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value):
                        normalised = true;
                        break;
                    case ISimpleAssignmentOperation assignment
                        when ReferencesSymbol(assignment.Target, symbol) && IsGetFullPath(assignment.Value):
                        normalised = true;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "StartsWith" } startsWith
                        when startsWith.Instance is not null
                             && ReferencesSymbol(startsWith.Instance, symbol)
                             && startsWith.Syntax.SpanStart < sink.Syntax.SpanStart:
                        checkedPrefix = true;
                        break;
                }
            }

            return normalised && checkedPrefix;
        }

        /// <summary>
        /// True when the member that contains <paramref name="sink"/> checks where <paramref name="value"/> (a URL, URI or
        /// host) points, in a condition before the sink: the host of a URI made from it is compared or looked up
        /// (<c>allowed.Contains(uri.Host)</c>, <c>uri.Host == "api.example.com"</c>, <c>uri.Host.EndsWith(".example.com")</c>,
        /// <c>Authority</c>, <c>IdnHost</c>, <c>DnsSafeHost</c>, also through a local holding the host), the value itself
        /// is looked up or compared with a constant (<c>AllowedHosts.Contains(host)</c>, <c>url == Known</c>,
        /// <c>url.StartsWith("https://api.example.com/")</c>), or it is passed to a method whose name says it checks an
        /// allow-list (<c>IsAllowedHost(url)</c>, <c>IsTrustedUrl(uri)</c>). "Made from it": locals assigned from the value,
        /// <c>new Uri(value)</c>, and the <c>out</c> URI of <c>Uri.TryCreate(value, …)</c>.
        /// </summary>
        public static bool IsGuardedByHostCheck(IOperation sink, IOperation value)
        {
            IOperation root = Root(sink);
            var related = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            CollectHolders(value, related, root, 0);
            if (related.Count == 0)
            {
                return false;
            }

            var hosts = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (IOperation op in root.Descendants())
                {
                    switch (op)
                    {
                        case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                            Relate(declarator.Symbol, initializer.Value, related, hosts);
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                            Relate(target.Local, assignment.Value, related, hosts);
                            break;
                        case IInvocationOperation { TargetMethod.Name: "TryCreate" } tryCreate
                            when tryCreate.TargetMethod.ContainingType?.Name == "Uri"
                                 && tryCreate.Arguments.Any(a => a.Parameter?.RefKind != RefKind.Out && RefersTo(a.Value, related)):
                            foreach (IArgumentOperation argument in tryCreate.Arguments)
                            {
                                if (argument.Parameter?.RefKind == RefKind.Out && HolderSymbol(argument.Value) is { } created)
                                {
                                    related.Add(created);
                                }
                            }

                            break;
                    }
                }
            }

            foreach (IOperation op in root.Descendants())
            {
                if (op.Syntax.SpanStart >= sink.Syntax.SpanStart || !IsHostCheck(op, related, hosts) || !InCondition(op))
                {
                    continue;
                }

                return true;
            }

            return false;
        }

        private static bool IsHostCheck(IOperation op, HashSet<ISymbol> related, HashSet<ISymbol> hosts)
        {
            switch (op)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    return IsHostTerm(comparison.LeftOperand, related, hosts)
                        || IsHostTerm(comparison.RightOperand, related, hosts)
                        || (RefersTo(comparison.LeftOperand, related) && comparison.RightOperand.ConstantValue.HasValue)
                        || (RefersTo(comparison.RightOperand, related) && comparison.LeftOperand.ConstantValue.HasValue);
                case IInvocationOperation invocation:
                    string name = invocation.TargetMethod.Name;
                    bool host = name is "Any" or "All" or "Exists"
                        ? invocation.Descendants().Any(d => IsHostTerm(d, related, hosts))
                        : invocation.Arguments.Any(a => IsHostTerm(a.Value, related, hosts))
                          || (invocation.Instance is not null && IsHostTerm(invocation.Instance, related, hosts));
                    bool valueArgument = invocation.Arguments.Any(a => RefersTo(a.Value, related));
                    bool valueInstance = invocation.Instance is not null && RefersTo(invocation.Instance, related);
                    bool constantArgument = invocation.Arguments.Any(a => a.Value.ConstantValue.HasValue);
                    switch (name)
                    {
                        case "Contains" or "ContainsKey" or "TryGetValue" or "Equals" or "EndsWith" or "StartsWith" or "IsMatch" or "Any" or "All" or "Exists":
                            return host
                                || (valueArgument && name is "Contains" or "ContainsKey" or "TryGetValue" or "Equals")
                                || (valueInstance && constantArgument && name is "StartsWith" or "Equals");
                    }

                    return (host || valueArgument || valueInstance)
                        && (name.IndexOf("Allow", StringComparison.OrdinalIgnoreCase) >= 0
                            || name.IndexOf("Trusted", StringComparison.OrdinalIgnoreCase) >= 0
                            || name.IndexOf("Whitelist", StringComparison.OrdinalIgnoreCase) >= 0
                            || name.IndexOf("Permitted", StringComparison.OrdinalIgnoreCase) >= 0);
                default:
                    return false;
            }
        }

        /// <summary>The host of a related URI (<c>uri.Host</c>, a local holding it), possibly normalised (<c>ToLowerInvariant()</c>).</summary>
        private static bool IsHostTerm(IOperation operation, HashSet<ISymbol> related, HashSet<ISymbol> hosts)
        {
            IOperation current = ConstantValueAnalysis.WalkDownConversions(operation);
            while (current is IInvocationOperation { Instance: { } instance } call && call.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String)
            {
                current = ConstantValueAnalysis.WalkDownConversions(instance);
            }

            return current switch
            {
                IPropertyReferenceOperation { Property.Name: "Host" or "Authority" or "IdnHost" or "DnsSafeHost", Instance: { } uri } => RefersTo(uri, related),
                ILocalReferenceOperation local => hosts.Contains(local.Local),
                _ => false,
            };
        }

        /// <summary>The locals and parameters that hold <paramref name="value"/> or what it was made from (new Uri(x), locals).</summary>
        private static void CollectHolders(IOperation value, HashSet<ISymbol> related, IOperation root, int depth)
        {
            if (depth > 6)
            {
                return;
            }

            IOperation operation = ConstantValueAnalysis.WalkDownConversions(value);
            if (HolderSymbol(operation) is { } symbol)
            {
                if (!related.Add(symbol) || !(symbol is ILocalSymbol local))
                {
                    return;
                }

                foreach (LocalWrite write in LocalWrites.Of(root).For(local))
                {
                    if (write.Kind is LocalWriteKind.Initializer or LocalWriteKind.Assignment && write.Value is not null)
                    {
                        CollectHolders(write.Value, related, root, depth + 1);
                    }
                }
            }
            else if (operation is IObjectCreationOperation { Type.Name: "Uri" } creation)
            {
                foreach (IArgumentOperation argument in creation.Arguments)
                {
                    CollectHolders(argument.Value, related, root, depth + 1);
                }
            }
            else if (operation is IPropertyReferenceOperation { Property.Name: "AbsoluteUri" or "OriginalString" } text && text.Instance is not null)
            {
                CollectHolders(text.Instance, related, root, depth + 1);
            }
        }

        /// <summary>A local made from a related value is related; a local holding its host is a host.</summary>
        private static void Relate(ILocalSymbol local, IOperation value, HashSet<ISymbol> related, HashSet<ISymbol> hosts)
        {
            IOperation operation = ConstantValueAnalysis.WalkDownConversions(value);
            if (IsHostTerm(operation, related, hosts))
            {
                hosts.Add(local);
            }
            else if (operation is IObjectCreationOperation { Type.Name: "Uri" } creation && creation.Arguments.Any(a => RefersTo(a.Value, related)))
            {
                related.Add(local);
            }
        }

        private static bool RefersTo(IOperation operation, HashSet<ISymbol> related)
        {
            IOperation current = ConstantValueAnalysis.WalkDownConversions(operation);
            while (current is IPropertyReferenceOperation { Property.Name: "AbsoluteUri" or "OriginalString" } text && text.Instance is not null)
            {
                current = ConstantValueAnalysis.WalkDownConversions(text.Instance);
            }

            if (current is IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance })
            {
                current = ConstantValueAnalysis.WalkDownConversions(instance);
            }

            // new Uri(url).Host
            if (current is IObjectCreationOperation { Type.Name: "Uri" } creation)
            {
                return creation.Arguments.Any(a => RefersTo(a.Value, related));
            }

            return HolderSymbol(current) is { } symbol && related.Contains(symbol);
        }

        private static ISymbol? HolderSymbol(IOperation operation)
            => ConstantValueAnalysis.WalkDownConversions(operation) switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
                _ => null,
            };

        private static bool IsGetFullPath(IOperation? value)
            => value is not null
               && ConstantValueAnalysis.WalkDownConversions(value) is IInvocationOperation { TargetMethod: { Name: "GetFullPath", ContainingType: { Name: "Path" } } };

        private static bool ReferencesSymbol(IOperation operation, ISymbol symbol)
            => ConstantValueAnalysis.WalkDownConversions(operation) switch
            {
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, symbol),
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, symbol),
                _ => false,
            };

        private static bool InCondition(IOperation operation)
        {
            for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IConditionalOperation conditional:
                        return IsWithin(operation, conditional.Condition);
                    case IWhileLoopOperation loop:
                        return loop.Condition is not null && IsWithin(operation, loop.Condition);
                    case IBlockOperation:
                    case IMethodBodyBaseOperation:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                }
            }

            return false;
        }

        private static bool IsWithin(IOperation operation, IOperation container)
            => container.Syntax.Span.Contains(operation.Syntax.Span);

        /// <summary>A key that identifies "the same value" syntactically: a local, a parameter, or a member access path.</summary>
        private static string? ValueKey(IOperation value)
        {
            IOperation stripped = ConstantValueAnalysis.WalkDownConversions(value);
            switch (stripped)
            {
                case ILocalReferenceOperation local:
                    return "local:" + local.Local.Name + "@" + (local.Local.Locations.FirstOrDefault()?.SourceSpan.Start ?? -1);
                case IParameterReferenceOperation parameter:
                    return "param:" + parameter.Parameter.Name + "@" + (parameter.Parameter.Locations.FirstOrDefault()?.SourceSpan.Start ?? -1);
                case IPropertyReferenceOperation:
                case IFieldReferenceOperation:
                    return "member:" + new string(stripped.Syntax.ToString().Where(c => !char.IsWhiteSpace(c)).ToArray());
                default:
                    return null;
            }
        }

        /// <summary>The outermost operation of the member that contains <paramref name="operation"/>.</summary>
        internal static IOperation Root(IOperation operation)
        {
            IOperation current = operation;
            while (current.Parent is not null)
            {
                current = current.Parent;
            }

            return current;
        }

        private static bool HasAttribute(ISymbol symbol, Func<string, bool> name)
            => symbol.GetAttributes().Any(a => a.AttributeClass is { } c && name(c.Name));

        /// <summary>True for a public action of an MVC/API controller or a Razor Pages handler (<c>On{Verb}[Async]</c>).</summary>
        internal bool IsActionOrHandler(IMethodSymbol method)
        {
            if (method.MethodKind != MethodKind.Ordinary
                || method.DeclaredAccessibility != Accessibility.Public
                || method.IsStatic
                || method.ContainingType is not { } type
                || HasAttribute(method, n => n == "NonActionAttribute"))
            {
                return false;
            }

            // Overrides of Controller's filter methods (OnActionExecuting, ...) inherit [NonAction] from the base.
            for (IMethodSymbol? overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (HasAttribute(overridden, n => n == "NonActionAttribute"))
                {
                    return false;
                }
            }

            if (OperationHelpers.IsOrDerivesFrom(type, _pageModel))
            {
                return method.Name.StartsWith("On", StringComparison.Ordinal);
            }

            return _controllers?.IsControllerOrBase(type) == true;
        }

        private bool IsMinimalApiHandler(IParameterSymbol parameter, IOperation reference)
        {
            if (!(parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda))
            {
                return false;
            }

            for (IOperation? current = reference.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
                {
                    IOperation? parent = function.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation)
                    {
                        parent = parent.Parent;
                    }

                    return parent is IArgumentOperation { Parent: IInvocationOperation invocation } && IsEndpointMapCall(invocation);
                }
            }

            return false;
        }

        /// <summary>
        /// True for a minimal-API endpoint registration (<see cref="MinimalApiMappings"/>) whose delegate argument is a
        /// request handler; any method of those names when the compilation does not reference ASP.NET Core.
        /// </summary>
        internal bool IsEndpointMapCall(IInvocationOperation invocation)
            => _endpointRouteBuilderExtensions is null
                ? MinimalApiMappings.MethodNames.Contains(invocation.TargetMethod.Name)
                : MinimalApiMappings.IsFrameworkMapMethod(invocation.TargetMethod);

        /// <summary>
        /// Types that can carry request text: strings and characters, <c>Uri</c>, <c>StringValues</c>, <c>PathString</c>,
        /// <c>QueryString</c>, <c>IFormFile</c>, the request collections, streams and readers, <c>StringBuilder</c>,
        /// <c>object</c> (route values), arrays, tasks and sequences of those, and the app's own DTOs (source types with
        /// a settable public property and no framework base class). Numbers, booleans, GUIDs and dates do not.
        /// </summary>
        private bool CarriesText(ITypeSymbol? type, int depth = 0)
        {
            if (type is null || depth > 4)
            {
                return false;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                case SpecialType.System_Char:
                case SpecialType.System_Object:
                    return true;
            }

            if (type.IsValueType && type.SpecialType != SpecialType.None)
            {
                return false;
            }

            if (type is IArrayTypeSymbol array)
            {
                return CarriesText(array.ElementType, depth + 1);
            }

            string name = type.Name;
            if (type is INamedTypeSymbol { IsGenericType: true } generic)
            {
                if (name is "Task" or "ValueTask" or "IEnumerable" or "List" or "IList" or "IReadOnlyList" or "ICollection" or "IReadOnlyCollection"
                    or "Nullable" or "KeyValuePair" or "IAsyncEnumerable")
                {
                    return generic.TypeArguments.Any(t => CarriesText(t, depth + 1));
                }
            }

            INamespaceSymbol? ns = type.ContainingNamespace;
            string? textTypeNamespace = name switch
            {
                "Uri" => "System",
                "StringBuilder" => "System.Text",
                "Stream" or "StreamReader" or "TextReader" => "System.IO",
                "PipeReader" => "System.IO.Pipelines",
                "StringValues" or "StringSegment" => "Microsoft.Extensions.Primitives",
                "IFormFile" or "IFormFileCollection" or "IFormCollection" or "IQueryCollection" or "IHeaderDictionary"
                    or "IRequestCookieCollection" or "PathString" or "QueryString" or "HostString" or "FormCollection" => "Microsoft.AspNetCore.Http",
                "RouteValueDictionary" => "Microsoft.AspNetCore.Routing",
                "RequestHeaders" => "Microsoft.AspNetCore.Http.Headers",
                "ContentDispositionHeaderValue" or "MediaTypeHeaderValue" => "Microsoft.Net.Http.Headers",
                _ => null,
            };
            if (textTypeNamespace is not null && SymbolNames.IsNamespace(ns, textTypeNamespace))
            {
                return true;
            }

            // Other types of those namespaces do not carry text, even when declared in source.
            return IsDto(type) && !SymbolNames.IsNamespace(ns, TextTypeNamespaces);
        }

        /// <summary>
        /// The app's own data-transfer objects: non-abstract source classes and structs with a public settable instance
        /// property, whose base class (if any) is also declared in source.
        /// </summary>
        internal static bool IsDto(ITypeSymbol type)
        {
            if (!(type is INamedTypeSymbol named)
                || named.TypeKind is not (TypeKind.Class or TypeKind.Struct)
                || named.IsAbstract
                || named.IsStatic
                || !named.Locations.Any(l => l.IsInSource))
            {
                return false;
            }

            ITypeSymbol? baseType = named.BaseType;
            if (baseType is not null
                && baseType.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType)
                && !baseType.Locations.Any(l => l.IsInSource))
            {
                return false;
            }

            for (ITypeSymbol? current = named; current is not null && current.Locations.Any(l => l.IsInSource); current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, SetMethod: { DeclaredAccessibility: Accessibility.Public } })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private sealed class Evaluator
        {
            private readonly RequestDerivedAnalysis _analysis;
            private readonly RequestSources _sources;
            private readonly RequestSanitizers _sanitizers;
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<ISymbol> _inProgress = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly CallFrames _calls;
            private int _steps;

            public Evaluator(RequestDerivedAnalysis analysis, IOperation value, RequestSources sources, RequestSanitizers sanitizers, CancellationToken cancellationToken)
            {
                _analysis = analysis;
                _calls = new CallFrames(value, cancellationToken);
                _sources = sources;
                _sanitizers = sanitizers;
                _cancellationToken = cancellationToken;
            }

            private bool Wants(RequestSources source) => (_sources & source) != 0;

            public bool Is(IOperation operation, int depth)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (++_steps > MaxSteps || depth > MaxDepth || operation.ConstantValue.HasValue)
                {
                    return false;
                }

                int next = depth + 1;
                switch (operation)
                {
                    case IConversionOperation conversion:
                        return Is(conversion.Operand, next);
                    case IParenthesizedOperation parenthesized:
                        return Is(parenthesized.Operand, next);
                    case IBinaryOperation binary:
                        return binary.OperatorKind == BinaryOperatorKind.Add
                            && _analysis.CarriesText(binary.Type)
                            && (Is(binary.LeftOperand, next) || Is(binary.RightOperand, next));
                    case IInterpolatedStringOperation interpolated:
                        return interpolated.Parts.Any(p => Is(p, next));
                    case IInterpolatedStringTextOperation:
                        return false;
                    case IInterpolationOperation interpolation:
                        return Is(interpolation.Expression, next);
                    case IInterpolatedStringHandlerCreationOperation handler:
                        return Is(handler.Content, next);
                    case IInterpolatedStringAdditionOperation addition:
                        return Is(addition.Left, next) || Is(addition.Right, next);
                    case IInterpolatedStringAppendOperation append:
                        return append.AppendCall is IInvocationOperation call && call.Arguments.Length > 0 && Is(call.Arguments[0].Value, next);
                    case IConditionalOperation conditional:
                        return Is(conditional.WhenTrue, next) || (conditional.WhenFalse is not null && Is(conditional.WhenFalse, next));
                    case ICoalesceOperation coalesce:
                        return Is(coalesce.Value, next) || Is(coalesce.WhenNull, next);
                    case ISwitchExpressionOperation switchExpression:
                        return switchExpression.Arms.Any(a => Is(a.Value, next));
                    case IAssignmentOperation assignment when !(assignment is IDeconstructionAssignmentOperation):
                        return Is(assignment.Value, next);
                    case IAwaitOperation awaited:
                        return Is(awaited.Operation, next);
                    case IArrayCreationOperation arrayCreation:
                        return arrayCreation.Initializer is not null && Is(arrayCreation.Initializer, next);
                    case IArrayInitializerOperation initializer:
                        return initializer.ElementValues.Any(e => Is(e, next));
                    case IArrayElementReferenceOperation element:
                        return Is(element.ArrayReference, next);
                    case IConditionalAccessOperation conditionalAccess:
                        return Is(conditionalAccess.WhenNotNull, next);
                    case IConditionalAccessInstanceOperation conditionalInstance:
                        return conditionalInstance.Parent is not null && FindConditionalAccess(conditionalInstance) is { } access && Is(access.Operation, next);
                    case ILocalReferenceOperation local:
                        return IsLocal(local.Local, local, next);
                    case IParameterReferenceOperation parameter:
                        return IsParameter(parameter, next);
                    case IPropertyReferenceOperation property:
                        return IsProperty(property, next);
                    case IFieldReferenceOperation field:
                        return field.Instance is not null
                            && !field.Field.IsStatic
                            && _analysis.CarriesText(field.Type)
                            && IsDto(field.Field.ContainingType)
                            && Is(field.Instance, next);
                    case IInvocationOperation invocation:
                        return IsInvocation(invocation, next);
                    case IObjectCreationOperation creation:
                        return creation.Type is { } created
                            && (created.Name is "Uri" or "StringBuilder" or "StreamReader" || created.SpecialType == SpecialType.System_String)
                            && creation.Arguments.Any(a => Is(a.Value, next));
                    default:
                        return false;
                }
            }

            private static IConditionalAccessOperation? FindConditionalAccess(IOperation instance)
            {
                for (IOperation? current = instance.Parent; current is not null; current = current.Parent)
                {
                    if (current is IConditionalAccessOperation access && access.WhenNotNull.Syntax.Span.Contains(instance.Syntax.Span))
                    {
                        return access;
                    }
                }

                return null;
            }

            /// <summary>
            /// A source parameter (action, handler, bound), or the argument of the call being followed into a helper, or, for a
            /// helper's parameter on its own, what any of its callers passes (minimal API handlers hand the query string to
            /// static helpers).
            /// </summary>
            private bool IsParameter(IParameterReferenceOperation reference, int depth)
            {
                bool? bound = _calls.EvaluateBoundArgument(reference.Parameter, argument => Is(argument, depth));
                if (bound is not null)
                {
                    return bound.Value;
                }

                if (IsSourceParameter(reference))
                {
                    return true;
                }

                IParameterSymbol parameter = reference.Parameter;
                if (!_analysis.CarriesText(parameter.Type) || !_inProgress.Add(parameter))
                {
                    return false;
                }

                try
                {
                    if (_calls.Known.TryGetValue(parameter, out bool known))
                    {
                        return known;
                    }

                    bool result = _calls.EvaluateCallers(parameter, argument => Is(argument, depth), all: false) == true;
                    _calls.Known[parameter] = result;
                    return result;
                }
                finally
                {
                    _inProgress.Remove(parameter);
                }
            }

            private bool IsSourceParameter(IParameterReferenceOperation reference)
            {
                if (!Wants(RequestSources.Request))
                {
                    return false;
                }

                IParameterSymbol parameter = reference.Parameter;
                if (!_analysis.CarriesText(parameter.Type)
                    || HasAttribute(parameter, n => n is "FromServicesAttribute" or "FromKeyedServicesAttribute"))
                {
                    return false;
                }

                // An IFormFile parameter is request data, but its FileName is judged as the client's file name (see IsProperty).
                if (HasAttribute(parameter, BindingAttributes.Contains))
                {
                    return true;
                }

                if (parameter.ContainingSymbol is IMethodSymbol method && _analysis.IsActionOrHandler(method))
                {
                    return true;
                }

                return _analysis.IsMinimalApiHandler(parameter, reference);
            }

            private bool IsProperty(IPropertyReferenceOperation reference, int depth)
            {
                IPropertySymbol property = reference.Property;
                ITypeSymbol? instanceType = reference.Instance?.Type;

                if (instanceType is not null
                    && (OperationHelpers.IsOrDerivesFrom(instanceType, _analysis._zipArchiveEntry) || OperationHelpers.IsOrDerivesFrom(instanceType, _analysis._tarEntry)))
                {
                    return Wants(RequestSources.ArchiveEntryName) && property.Name is "FullName" or "Name" or "LinkName";
                }

                if (instanceType is not null && (IsType(instanceType, _analysis._formFile) || instanceType.Name == "ContentDispositionHeaderValue"))
                {
                    if (property.Name is "FileName" or "ContentDisposition" or "FileNameStar")
                    {
                        return Wants(RequestSources.ClientFileName);
                    }

                    return IsType(instanceType, _analysis._formFile) && Wants(RequestSources.Request) && _analysis.CarriesText(property.Type);
                }

                if (instanceType is not null && OperationHelpers.IsOrDerivesFrom(instanceType, _analysis._httpRequest))
                {
                    return Wants(RequestSources.Request) && RequestMembers.Contains(property.Name);
                }

                if (reference.Instance is null)
                {
                    return false;
                }

                // [BindProperty] on a controller or page model property, or [BindProperties] on its class.
                if (reference.Instance is IInstanceReferenceOperation)
                {
                    return Wants(RequestSources.Request)
                        && _analysis.CarriesText(property.Type)
                        && (HasAttribute(property, n => n == "BindPropertyAttribute" || BindingAttributes.Contains(n))
                            || (property.SetMethod?.DeclaredAccessibility == Accessibility.Public
                                && HasAttribute(property.ContainingType, n => n == "BindPropertiesAttribute")));
                }

                // Members and indexers of request data: model.ReturnUrl, Request.Query["q"], file.Headers, Request.Headers.Referer.
                return _analysis.CarriesText(property.Type) && Is(reference.Instance, depth);
            }

            private static bool IsType(ITypeSymbol type, INamedTypeSymbol? expected)
                => expected is not null
                   && (SymbolEqualityComparer.Default.Equals(type, expected) || type.AllInterfaces.Contains(expected, SymbolEqualityComparer.Default));

            private bool IsInvocation(IInvocationOperation invocation, int depth)
            {
                IMethodSymbol method = invocation.TargetMethod;
                INamedTypeSymbol? type = method.ContainingType;
                if (type is null)
                {
                    return false;
                }

                INamespaceSymbol? ns = type.ContainingNamespace;
                IOperation? receiver = invocation.Instance
                    ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

                if (type.Name == "Path" && SymbolNames.IsNamespace(ns, "System.IO"))
                {
                    if (method.Name is "GetFileName" or "GetFileNameWithoutExtension")
                    {
                        return (_sanitizers & RequestSanitizers.FileName) == 0 && AnyArgument(invocation, depth);
                    }

                    return PathPropagating.Contains(method.Name) && AnyArgument(invocation, depth);
                }

                if (type.SpecialType == SpecialType.System_String)
                {
                    if (!_analysis.CarriesText(method.ReturnType))
                    {
                        return false;
                    }

                    return (invocation.Instance is not null && Is(invocation.Instance, depth)) || AnyArgument(invocation, depth);
                }

                if (type.Name == "StringBuilder" && SymbolNames.IsNamespace(ns, "System.Text"))
                {
                    return (invocation.Instance is not null && Is(invocation.Instance, depth))
                        || (method.Name.StartsWith("Append", StringComparison.Ordinal) || method.Name == "Insert") && AnyArgument(invocation, depth);
                }

                if (method.Name == "ToString" && receiver is not null)
                {
                    return Is(receiver, depth);
                }

                if (method.Name == "FromResult" && SymbolNames.IsNamespace(ns, "System.Threading.Tasks"))
                {
                    return AnyArgument(invocation, depth);
                }

                if (DecodingMethods.Contains(method.Name)
                    && (SymbolNames.IsNamespace(ns, "System") || SymbolNames.IsNamespace(ns, "System.Net") || SymbolNames.IsNamespace(ns, "System.Web")))
                {
                    return AnyArgument(invocation, depth);
                }

                if (type.Name == "Enumerable" && ElementAccess.Contains(method.Name) && receiver is not null && SymbolNames.IsNamespace(ns, "System.Linq"))
                {
                    return _analysis.CarriesText(method.ReturnType) && Is(receiver, depth);
                }

                if (receiver?.Type is { } receiverType && OperationHelpers.IsOrDerivesFrom(receiverType, _analysis._httpRequest))
                {
                    return Wants(RequestSources.Request) && RequestMethods.Contains(method.Name);
                }

                if (method.Name == "GetRouteValue" && SymbolNames.IsInNamespace(ns, "Microsoft.AspNetCore"))
                {
                    return Wants(RequestSources.Request);
                }

                // Readers and request collections: new StreamReader(Request.Body).ReadToEndAsync(), Request.Form.Files.GetFile("f").
                if (receiver is not null
                    && (SymbolNames.IsNamespace(ns, "System.IO") || SymbolNames.IsNamespace(ns, "Microsoft.Extensions.Primitives")
                        || SymbolNames.IsInNamespace(ns, "Microsoft.AspNetCore.Http"))
                    && _analysis.CarriesText(method.ReturnType))
                {
                    return Is(receiver, depth);
                }

                // A helper of the compilation: what it returns, with its parameters bound to this call's arguments.
                return _analysis.CarriesText(method.ReturnType)
                    && _calls.EvaluateReturns(invocation, value => Is(value, depth + 1), all: false) == true;
            }

            private bool AnyArgument(IInvocationOperation invocation, int depth)
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter && !_analysis.CarriesText(parameter.Type) && parameter.Type.TypeKind != TypeKind.Array)
                    {
                        continue;
                    }

                    if (Is(argument.Value, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool IsLocal(ILocalSymbol local, IOperation reference, int depth)
            {
                if (local.IsConst)
                {
                    return false;
                }

                if (_calls.Known.TryGetValue(local, out bool known))
                {
                    return known;
                }

                if (!_inProgress.Add(local))
                {
                    // A cycle (s = s + x): the other writes decide.
                    return false;
                }

                bool result = false;
                try
                {
                    foreach (IOperation write in Writes(reference, local))
                    {
                        if (Is(write, depth))
                        {
                            result = true;
                            break;
                        }
                    }
                }
                finally
                {
                    _inProgress.Remove(local);
                }

                _calls.Known[local] = result;
                return result;
            }

            /// <summary>The values that flow into the local: assigned values, out-argument receivers, collections, tested values, appends.</summary>
            private static IEnumerable<IOperation> Writes(IOperation reference, ILocalSymbol local)
            {
                foreach (LocalWrite write in LocalWrites.Of(reference).For(local))
                {
                    switch (write.Kind)
                    {
                        case LocalWriteKind.OutOrRefArgument:
                            // Request.Query.TryGetValue("q", out var q): the out value is as request-derived as the receiver.
                            if (write.Value is IInvocationOperation call
                                && (call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null)) is { } receiver)
                            {
                                yield return receiver;
                            }

                            break;
                        default:
                            if (write.Value is not null)
                            {
                                yield return write.Value;
                            }

                            break;
                    }
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Transport
{
    internal enum EndpointKind
    {
        /// <summary>A URL or URI that a client connects to, or that the browser is redirected to.</summary>
        Address,

        /// <summary>The host of an <c>SmtpClient</c>, clear text unless <c>EnableSsl</c> is set.</summary>
        MailHost,
    }

    /// <summary>An address reaching something that connects: the API, the value passed and the operation that passes it.</summary>
    internal readonly struct EndpointMatch
    {
        public EndpointMatch(string api, IOperation value, IOperation site, EndpointKind kind)
        {
            Api = api;
            Value = value;
            Site = site;
            Kind = kind;
        }

        public string Api { get; }

        public IOperation Value { get; }

        public IOperation Site { get; }

        public EndpointKind Kind { get; }
    }

    /// <summary>
    /// The APIs that open a connection to an address (or send the browser there), for SSDLC1010, resolved once per
    /// compilation: methods and constructors by parameter name, and settable properties.
    /// </summary>
    internal sealed class EndpointSinks
    {
        // Type, members (null: every method and constructor), parameters that take the address.
        private static readonly (string Type, string[]? Members, string[] Parameters)[] CallSinks =
        {
            ("System.Net.Http.HttpClient", null, new[] { "requestUri" }),
            ("System.Net.Http.Json.HttpClientJsonExtensions", null, new[] { "requestUri" }),
            ("System.Net.Http.HttpRequestMessage", new[] { ".ctor" }, new[] { "requestUri" }),
            ("System.Net.WebRequest", new[] { "Create", "CreateHttp", "CreateDefault" }, new[] { "requestUriString", "requestUri" }),
            ("System.Net.WebClient", null, new[] { "address" }),
            ("System.Net.WebSockets.ClientWebSocket", new[] { "ConnectAsync" }, new[] { "uri" }),
            ("Grpc.Net.Client.GrpcChannel", new[] { "ForAddress" }, new[] { "address" }),
            ("Microsoft.AspNetCore.SignalR.Client.HubConnectionBuilderHttpExtensions", new[] { "WithUrl" }, new[] { "url" }),
            ("System.ServiceModel.EndpointAddress", new[] { ".ctor" }, new[] { "uri" }),
            ("RestSharp.RestClient", new[] { ".ctor" }, new[] { "baseUrl" }),
            ("RestSharp.RestClientOptions", new[] { ".ctor" }, new[] { "baseUrl" }),
            ("Microsoft.AspNetCore.Mvc.ControllerBase", new[] { "Redirect", "RedirectPermanent", "RedirectPreserveMethod", "RedirectPermanentPreserveMethod" }, new[] { "url" }),
            ("Microsoft.AspNetCore.Mvc.RazorPages.PageModel", new[] { "Redirect", "RedirectPermanent", "RedirectPreserveMethod", "RedirectPermanentPreserveMethod" }, new[] { "url" }),
            ("Microsoft.AspNetCore.Mvc.RedirectResult", new[] { ".ctor" }, new[] { "url" }),
            ("Microsoft.AspNetCore.Http.Results", new[] { "Redirect" }, new[] { "url" }),
            ("Microsoft.AspNetCore.Http.TypedResults", new[] { "Redirect" }, new[] { "url" }),
            ("Microsoft.AspNetCore.Http.HttpResponse", new[] { "Redirect" }, new[] { "location" }),
            ("System.Net.Mail.SmtpClient", new[] { ".ctor" }, new[] { "host" }),
        };

        private static readonly (string Type, string Property)[] PropertySinks =
        {
            ("System.Net.Http.HttpClient", "BaseAddress"),
            ("System.Net.Http.HttpRequestMessage", "RequestUri"),
            ("System.Net.WebClient", "BaseAddress"),
            ("RestSharp.RestClientOptions", "BaseUrl"),
            ("System.Net.Mail.SmtpClient", "Host"),
        };

        private readonly Dictionary<INamedTypeSymbol, (string[]? Members, string[] Parameters)> _calls =
            new Dictionary<INamedTypeSymbol, (string[]?, string[])>(SymbolEqualityComparer.Default);

        private readonly Dictionary<INamedTypeSymbol, string> _properties = new Dictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
        private readonly INamedTypeSymbol _uri;
        private readonly INamedTypeSymbol? _smtpClient;

        private EndpointSinks(Compilation compilation, INamedTypeSymbol uri)
        {
            _uri = uri;
            _smtpClient = WellKnownTypes.For(compilation).Get("System.Net.Mail.SmtpClient");
            foreach ((string type, string[]? members, string[] parameters) in CallSinks)
            {
                if (WellKnownTypes.For(compilation).Get(type) is { } symbol)
                {
                    _calls[symbol] = (members, parameters);
                }
            }

            foreach ((string type, string property) in PropertySinks)
            {
                if (WellKnownTypes.For(compilation).Get(type) is { } symbol)
                {
                    _properties[symbol] = _properties.TryGetValue(symbol, out string? other) ? other + "|" + property : property;
                }
            }
        }

        public static EndpointSinks? Create(Compilation compilation)
            => WellKnownTypes.For(compilation).Get("System.Uri") is { } uri ? new EndpointSinks(compilation, uri) : null;

        public EndpointMatch? Match(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    return MatchCall(invocation.TargetMethod, invocation.Arguments, invocation);
                case IObjectCreationOperation { Constructor: { } constructor } creation:
                    return MatchCall(constructor, creation.Arguments, creation);
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                    IPropertySymbol symbol = property.Property;
                    if (symbol.ContainingType is { } type
                        && _properties.TryGetValue(type.OriginalDefinition, out string? names)
                        && Array.IndexOf(names.Split('|'), symbol.Name) >= 0)
                    {
                        bool mail = SymbolEqualityComparer.Default.Equals(type, _smtpClient);
                        IOperation site = mail ? (IOperation?)OperationHelpers.EnclosingObjectCreation(assignment) ?? assignment : assignment;
                        return new EndpointMatch(type.Name + "." + symbol.Name, assignment.Value, site, mail ? EndpointKind.MailHost : EndpointKind.Address);
                    }

                    return null;
                default:
                    return null;
            }
        }

        private EndpointMatch? MatchCall(IMethodSymbol method, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, IOperation site)
        {
            if (method.ContainingType is not { } type || !_calls.TryGetValue(type.OriginalDefinition, out (string[]? Members, string[] Parameters) sink))
            {
                return null;
            }

            string member = method.MethodKind == MethodKind.Constructor ? ".ctor" : method.Name;
            if (sink.Members is not null && Array.IndexOf(sink.Members, member) < 0)
            {
                return null;
            }

            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is { } parameter
                    && argument.ArgumentKind != ArgumentKind.DefaultValue
                    && Array.IndexOf(sink.Parameters, parameter.Name) >= 0
                    && (parameter.Type.SpecialType == SpecialType.System_String || SymbolEqualityComparer.Default.Equals(parameter.Type, _uri)))
                {
                    bool mail = SymbolEqualityComparer.Default.Equals(type, _smtpClient);
                    string api = method.MethodKind == MethodKind.Constructor ? "new " + type.Name : type.Name + "." + method.Name;
                    return new EndpointMatch(api, argument.Value, site, mail ? EndpointKind.MailHost : EndpointKind.Address);
                }
            }

            return null;
        }

        /// <summary>
        /// Steps from a wrapper to the text that holds the scheme and host: <c>new Uri(text)</c> and <c>new Uri(baseUri, path)</c>,
        /// a concatenation or interpolation that starts with a value held elsewhere (<c>BaseUrl + "/orders"</c>).
        /// </summary>
        public IOperation? Unwrap(IOperation operation)
        {
            switch (operation)
            {
                case IObjectCreationOperation { Arguments.Length: > 0 } creation when SymbolEqualityComparer.Default.Equals(creation.Type, _uri):
                    return creation.Arguments[0].Value;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add when add.Type?.SpecialType == SpecialType.System_String:
                    IOperation leftmost = add.LeftOperand;
                    while (ConstantValueAnalysis.WalkDownConversions(leftmost) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } inner)
                    {
                        leftmost = inner.LeftOperand;
                    }

                    return IsReference(leftmost) ? leftmost : null;
                case IInterpolatedStringOperation interpolated when interpolated.Parts.Length > 0
                                                                    && interpolated.Parts[0] is IInterpolationOperation { Alignment: null, FormatString: null } first
                                                                    && IsReference(first.Expression):
                    return first.Expression;
                default:
                    return null;
            }
        }

        private static bool IsReference(IOperation operation)
            => ConstantValueAnalysis.WalkDownConversions(operation) is ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                or IParameterReferenceOperation or IInvocationOperation;

        /// <summary>
        /// True when the SmtpClient created at <paramref name="site"/> gets <c>EnableSsl</c> set to anything but <c>false</c>:
        /// in its object initializer, or later in the same member through the local, field or property that holds it.
        /// </summary>
        public static bool EnablesSsl(IOperation site)
        {
            ISymbol? holder = Holder(site);
            foreach (IOperation operation in OperationHelpers.Root(site).Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "EnableSsl" } property } assignment
                    && !OperationHelpers.IsConstantFalse(assignment.Value)
                    && (property.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                        ? OperationHelpers.EnclosingObjectCreation(assignment) == site
                        : holder is not null && SymbolEqualityComparer.Default.Equals(OperationHelpers.ReferencedSymbol(property.Instance), holder)))
                {
                    return true;
                }
            }

            return false;
        }

        private static ISymbol? Holder(IOperation creation)
        {
            IOperation current = creation;
            while (current.Parent is IConversionOperation)
            {
                current = current.Parent;
            }

            return current.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation assignment when assignment.Value == current => OperationHelpers.ReferencedSymbol(assignment.Target),
                IFieldInitializerOperation field when field.InitializedFields.Length == 1 => field.InitializedFields[0],
                _ => null,
            };
        }
    }
}

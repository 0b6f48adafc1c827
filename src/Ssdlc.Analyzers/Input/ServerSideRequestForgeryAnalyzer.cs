using System.Linq;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Transport;

namespace Ssdlc.Analyzers.Input
{
    /// <summary>
    /// SSDLC0208: a request-derived URL or host reaching an outbound request (B.2.2, A.5.5.4): the connecting APIs of
    /// <see cref="EndpointSinks"/> (<c>HttpClient</c> and its JSON extensions, <c>HttpRequestMessage</c>, <c>BaseAddress</c>,
    /// <c>WebRequest</c>, <c>WebClient</c>, web sockets, gRPC, SignalR, WCF, RestSharp, <c>SmtpClient</c>; not redirects,
    /// which are SSDLC0204's), and sockets (<c>TcpClient</c>, <c>Socket</c>, <c>UdpClient</c>, also with addresses resolved
    /// by <c>Dns</c> or parsed by <c>IPAddress.Parse</c>).
    /// </summary>
    /// <remarks>
    /// Not reported: a URL whose scheme and host are fixed before the first request-derived part (an absolute base with a
    /// path separator after the host, or a relative path such as <c>items/{id}</c> resolved against <c>BaseAddress</c>);
    /// a destination checked before the call (<see cref="RequestDerivedAnalysis.IsGuardedByHostCheck"/>).
    /// </remarks>
    public sealed class ServerSideRequestForgeryAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxDepth = 8;
        private const char Opaque = '\0';

        private static readonly HashSet<string> AddressParameters = new HashSet<string>
        {
            "host", "hostname", "address", "addresses", "ipAddress", "ipAddresses", "remoteEP",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ServerSideRequestForgery);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                RequestDerivedAnalysis? analysis = RequestDerivedAnalysis.Create(start.Compilation, RequestSources.Request);
                if (analysis is null)
                {
                    return;
                }

                EndpointSinks? endpoints = EndpointSinks.Create(start.Compilation);
                start.RegisterOperationAction(
                    c => Analyze(c, analysis, endpoints),
                    OperationKind.Invocation,
                    OperationKind.ObjectCreation,
                    OperationKind.SimpleAssignment);
            });
        }

        private static void Analyze(OperationAnalysisContext context, RequestDerivedAnalysis analysis, EndpointSinks? endpoints)
        {
            // HTTP and other URL clients: the connecting APIs that SSDLC1010 knows (redirects are SSDLC0204's).
            if (endpoints?.Match(context.Operation) is { } match)
            {
                if (match.Api.IndexOf("Redirect", System.StringComparison.Ordinal) < 0)
                {
                    CheckValue(context, analysis, match.Value, match.Kind == EndpointKind.MailHost ? "host" : "URL", match.Api);
                }

                return;
            }

            switch (context.Operation)
            {
                case IInvocationOperation invocation:
                    INamedTypeSymbol? type = invocation.TargetMethod.ContainingType;
                    string name = invocation.TargetMethod.Name;
                    if ((name.Contains("Connect")
                            && (SymbolNames.DisplaysAs(type, "System.Net.Sockets.Socket") || SymbolNames.DisplaysAs(type, "System.Net.Sockets.TcpClient")
                                || SymbolNames.DisplaysAs(type, "System.Net.Sockets.UdpClient")))
                        || (name.StartsWith("Send", System.StringComparison.Ordinal) && SymbolNames.DisplaysAs(type, "System.Net.Sockets.UdpClient")))
                    {
                        CheckAddresses(context, analysis, invocation.Arguments, invocation.TargetMethod.ContainingType!.Name + "." + name);
                    }

                    break;
                case IObjectCreationOperation { Type: { } created } creation
                    when SymbolNames.DisplaysAs(created, "System.Net.Sockets.TcpClient") || SymbolNames.DisplaysAs(created, "System.Net.Sockets.UdpClient"):
                    CheckAddresses(context, analysis, creation.Arguments, "new " + created.Name);
                    break;
            }
        }

        private static void CheckValue(OperationAnalysisContext context, RequestDerivedAnalysis analysis, IOperation value, string what, string api)
        {
            CancellationToken cancellationToken = context.CancellationToken;
            if (value.Syntax is null
                || !analysis.IsRequestDerived(value, cancellationToken, RequestSources.Request)
                || (what == "URL" && DestinationIsFixed(value, analysis, cancellationToken))
                || RequestDerivedAnalysis.IsGuardedByHostCheck(context.Operation, value))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ServerSideRequestForgery, value.Syntax.GetLocation(), what, api));
        }

        private static void CheckAddresses(OperationAnalysisContext context, RequestDerivedAnalysis analysis, ImmutableArray<IArgumentOperation> arguments, string api)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null || !AddressParameters.Contains(argument.Parameter.Name))
                {
                    continue;
                }

                if (argument.Parameter.Type.SpecialType == SpecialType.System_String)
                {
                    CheckValue(context, analysis, argument.Value, "host", api);
                }
                else if (IsRequestDerivedAddress(argument.Value, analysis, context.CancellationToken, 0)
                    && !RequestDerivedAnalysis.IsGuardedByHostCheck(context.Operation, argument.Value))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.ServerSideRequestForgery, argument.Value.Syntax.GetLocation(), "address", api));
                }
            }
        }

        /// <summary>
        /// An <c>IPAddress</c>, address list or end point that comes from a request-derived host: <c>Dns.GetHostAddresses(host)</c>,
        /// <c>Dns.GetHostEntry(host).AddressList</c>, <c>IPAddress.Parse(host)</c>, <c>new IPEndPoint(address, port)</c>,
        /// <c>new DnsEndPoint(host, port)</c>, elements of those, and locals holding them.
        /// </summary>
        private static bool IsRequestDerivedAddress(IOperation value, RequestDerivedAnalysis analysis, CancellationToken cancellationToken, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            IOperation operation = ConstantValueAnalysis.WalkDownConversions(value);
            int next = depth + 1;
            switch (operation)
            {
                case IAwaitOperation awaited:
                    return IsRequestDerivedAddress(awaited.Operation, analysis, cancellationToken, next);
                case IArrayElementReferenceOperation element:
                    return IsRequestDerivedAddress(element.ArrayReference, analysis, cancellationToken, next);
                case IPropertyReferenceOperation { Property.Name: "AddressList", Instance: { } entry }:
                    return IsRequestDerivedAddress(entry, analysis, cancellationToken, next);
                case IInvocationOperation invocation:
                    INamedTypeSymbol? type = invocation.TargetMethod.ContainingType;
                    if ((invocation.TargetMethod.Name.StartsWith("GetHost", System.StringComparison.Ordinal) && SymbolNames.DisplaysAs(type, "System.Net.Dns"))
                        || (invocation.TargetMethod.Name == "Parse" && SymbolNames.DisplaysAs(type, "System.Net.IPAddress")))
                    {
                        return invocation.Arguments.Length > 0 && analysis.IsRequestDerived(invocation.Arguments[0].Value, cancellationToken, RequestSources.Request);
                    }

                    // addresses.First(), addresses.FirstOrDefault(a => ...)
                    return SymbolNames.DisplaysAs(type, "System.Linq.Enumerable")
                        && invocation.Arguments.Length > 0
                        && IsRequestDerivedAddress(invocation.Arguments[0].Value, analysis, cancellationToken, next);
                case IObjectCreationOperation creation when creation.Type?.Name is "IPEndPoint" or "DnsEndPoint":
                    IOperation? first = creation.Arguments.Length > 0 ? creation.Arguments[0].Value : null;
                    return first is not null
                        && (creation.Type.Name == "DnsEndPoint"
                            ? analysis.IsRequestDerived(first, cancellationToken, RequestSources.Request)
                            : IsRequestDerivedAddress(first, analysis, cancellationToken, next));
                case ILocalReferenceOperation local:
                    foreach (LocalWrite write in LocalWrites.Of(local).For(local.Local))
                    {
                        if (write.Kind is LocalWriteKind.Initializer or LocalWriteKind.Assignment or LocalWriteKind.ForEachVariable
                            && write.Value is not null
                            && IsRequestDerivedAddress(write.Value, analysis, cancellationToken, next))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when the scheme and host of the URL are fixed before its first request-derived part: the text before that
        /// part has a path, query or fragment separator after the authority (<c>https://api.example.com/items/{id}</c>,
        /// <c>{baseUrl}/items/{id}</c>) or is a relative path (<c>items/{id}</c>, <c>/items/{id}</c>, <c>?q={q}</c>).
        /// </summary>
        private static bool DestinationIsFixed(IOperation value, RequestDerivedAnalysis analysis, CancellationToken cancellationToken)
        {
            var prefix = new StringBuilder();
            if (!PrefixBeforeRequest(value, analysis, prefix, cancellationToken, 0))
            {
                // No request-derived part found along the text: where it hides is unknown.
                return false;
            }

            string text = prefix.ToString();
            int authority = text.IndexOf("//", System.StringComparison.Ordinal);
            if (authority >= 0)
            {
                return text.IndexOfAny(new[] { '/', '?', '#', '\\' }, authority + 2) >= 0;
            }

            if (text.Length == 0 || text == "/" || text == "\\" || text[text.Length - 1] == ':')
            {
                return false;
            }

            return text.IndexOfAny(new[] { '/', '?', '#' }) >= 0;
        }

        /// <summary>
        /// Appends the text that precedes the first request-derived part of <paramref name="value"/> (text that is not
        /// constant but not request-derived either, such as a configured base URL, as <see cref="Opaque"/>) and returns
        /// true once that part is reached. Concatenation, interpolation, <c>string.Format/Concat</c>, <c>new Uri(...)</c> and
        /// locals with a single write are looked into; anything else is one part.
        /// </summary>
        private static bool PrefixBeforeRequest(IOperation value, RequestDerivedAnalysis analysis, StringBuilder prefix, CancellationToken cancellationToken, int depth)
        {
            IOperation operation = ConstantValueAnalysis.WalkDownConversions(value);
            if (OperationHelpers.ConstantString(operation) is { } constant)
            {
                prefix.Append(constant);
                return false;
            }

            int next = depth + 1;
            if (depth <= MaxDepth)
            {
                switch (operation)
                {
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                        return PrefixBeforeRequest(binary.LeftOperand, analysis, prefix, cancellationToken, next)
                            || PrefixBeforeRequest(binary.RightOperand, analysis, prefix, cancellationToken, next);
                    case IInterpolatedStringOperation interpolated:
                        foreach (IOperation part in interpolated.Parts)
                        {
                            if (part is IInterpolatedStringTextOperation text)
                            {
                                prefix.Append(OperationHelpers.ConstantString(text.Text) ?? string.Empty);
                            }
                            else if (part is IInterpolationOperation hole && PrefixBeforeRequest(hole.Expression, analysis, prefix, cancellationToken, next))
                            {
                                return true;
                            }
                        }

                        return false;
                    case IObjectCreationOperation creation when creation.Type?.Name == "Uri":
                        foreach (IArgumentOperation argument in creation.Arguments)
                        {
                            if (argument.Parameter?.Type.TypeKind != TypeKind.Enum
                                && PrefixBeforeRequest(argument.Value, analysis, prefix, cancellationToken, next))
                            {
                                return true;
                            }
                        }

                        return false;
                    case IInvocationOperation { TargetMethod: { Name: "Format", ContainingType.SpecialType: SpecialType.System_String } } format
                        when OperationHelpers.ConstantString(OperationHelpers.FindStringArgument(format.Arguments, "format")?.Value) is { } formatText:
                        return FormatPrefix(format, formatText, analysis, prefix, cancellationToken, next);
                    case IInvocationOperation { TargetMethod: { Name: "Concat", ContainingType.SpecialType: SpecialType.System_String } } concat:
                        foreach (IArgumentOperation argument in concat.Arguments)
                        {
                            if (PrefixBeforeRequest(argument.Value, analysis, prefix, cancellationToken, next))
                            {
                                return true;
                            }
                        }

                        return false;
                    case ILocalReferenceOperation local when LocalWrites.Of(local).SingleValue(local.Local) is { } write:
                        return PrefixBeforeRequest(write, analysis, prefix, cancellationToken, next);
                }
            }

            if (analysis.IsRequestDerived(operation, cancellationToken, RequestSources.Request))
            {
                return true;
            }

            prefix.Append(Opaque);
            return false;
        }

        /// <summary><c>string.Format("https://api.example.com/{0}", id)</c>: the format's text up to the first hole that is request-derived.</summary>
        private static bool FormatPrefix(IInvocationOperation format, string text, RequestDerivedAnalysis analysis, StringBuilder prefix, CancellationToken cancellationToken, int depth)
        {
            var values = new List<IOperation>();
            foreach (IArgumentOperation argument in format.Arguments)
            {
                if (argument.Parameter is null || argument.Parameter.Name == "format" || argument.Parameter.Type.Name is "IFormatProvider" or "CultureInfo")
                {
                    continue;
                }

                if (argument.Parameter.IsParams && ConstantValueAnalysis.WalkDownConversions(argument.Value) is IArrayCreationOperation { Initializer: { } items })
                {
                    values.AddRange(items.ElementValues);
                }
                else
                {
                    values.Add(argument.Value);
                }
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
                {
                    prefix.Append(c);
                    i++;
                    continue;
                }

                if (c != '{')
                {
                    prefix.Append(c);
                    continue;
                }

                int end = text.IndexOf('}', i);
                string hole = end < 0 ? string.Empty : text.Substring(i + 1, end - i - 1);
                int stop = hole.IndexOfAny(new[] { ',', ':' });
                if (!int.TryParse(stop < 0 ? hole : hole.Substring(0, stop), out int index) || index < 0 || index >= values.Count)
                {
                    return true;
                }

                if (PrefixBeforeRequest(values[index], analysis, prefix, cancellationToken, depth))
                {
                    return true;
                }

                i = end;
            }

            return false;
        }
    }
}

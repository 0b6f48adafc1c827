using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Transport
{
    /// <summary>
    /// SSDLC1010: clear-text transport to a non-local host (B.10.2.1, B.12.6). Reports constant <c>http://</c>,
    /// <c>ftp://</c> and <c>ws://</c> addresses used as endpoints: <c>new Uri("…")</c>, string request URIs of
    /// <c>HttpClient</c> (and its JSON extensions), <c>HttpRequestMessage</c>, <c>WebRequest.Create</c>, <c>WebClient</c>.
    /// Local hosts (<c>localhost</c>, <c>*.localhost</c>, loopback addresses) and XML namespace/schema hosts are not reported;
    /// strings that never reach an endpoint API (namespaces, documentation links, attribute values) are never looked at.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CleartextTransportAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] ClearTextSchemes = { "http", "ftp", "ws" };

        private static readonly HashSet<string> EndpointParameters = new HashSet<string>(StringComparer.Ordinal)
        {
            "requestUri", "requestUriString", "address", "url", "uri", "uriString", "baseAddress", "endpoint",
        };

        // Hosts of XML namespace and schema identifiers: names, not endpoints, even when wrapped in a Uri.
        private static readonly HashSet<string> NamespaceHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "www.w3.org", "w3.org", "schemas.xmlsoap.org", "schemas.microsoft.com", "schemas.openxmlformats.org", "purl.org",
            "xmlns.com", "ns.adobe.com", "docs.oasis-open.org", "www.omg.org", "schemas.android.com", "json-schema.org",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.CleartextTransport);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? uri = start.Compilation.GetTypeByMetadataName("System.Uri");
                if (uri is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeArgument(c, uri), OperationKind.Argument);
            });
        }

        private static void AnalyzeArgument(OperationAnalysisContext context, INamedTypeSymbol uri)
        {
            var argument = (IArgumentOperation)context.Operation;
            IParameterSymbol? parameter = argument.Parameter;
            if (parameter is null
                || argument.ArgumentKind == ArgumentKind.DefaultValue
                || parameter.Type.SpecialType != SpecialType.System_String
                || !(parameter.ContainingSymbol is IMethodSymbol method))
            {
                return;
            }

            INamedTypeSymbol type = method.ContainingType;
            string api;
            if (SymbolEqualityComparer.Default.Equals(type, uri) && method.MethodKind == MethodKind.Constructor)
            {
                if (method.Parameters.IsEmpty || !SymbolEqualityComparer.Default.Equals(method.Parameters[0], parameter))
                {
                    return;
                }

                api = "new Uri";
            }
            else if (EndpointParameters.Contains(parameter.Name)
                     && (type.ContainingNamespace?.ToDisplayString() ?? string.Empty).StartsWith("System.Net", StringComparison.Ordinal))
            {
                api = method.MethodKind == MethodKind.Constructor ? "new " + type.Name : type.Name + "." + method.Name;
            }
            else
            {
                return;
            }

            if (ConstantDataAnalysis.TryGetConstantString(argument.Value, context.CancellationToken, out string address)
                && ClearTextRemoteScheme(address) is { } scheme)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CleartextTransport, argument.Value.Syntax.GetLocation(), api, scheme));
            }
        }

        /// <summary>The clear-text scheme of an absolute address to a non-local host; null for anything else.</summary>
        internal static string? ClearTextRemoteScheme(string address)
        {
            string text = address.Trim();
            foreach (string scheme in ClearTextSchemes)
            {
                string prefix = scheme + "://";
                if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string host = Host(text.Substring(prefix.Length));
                return host.Length == 0 || IsLocal(host) || NamespaceHosts.Contains(host) || host.IndexOfAny(new[] { '{', '<', '$', '%' }) >= 0
                    ? null
                    : scheme;
            }

            return null;
        }

        private static string Host(string rest)
        {
            int at = rest.IndexOf('@');
            int slash = rest.IndexOfAny(new[] { '/', '?', '#' });
            if (at >= 0 && (slash < 0 || at < slash))
            {
                rest = rest.Substring(at + 1);
            }

            if (rest.StartsWith("[", StringComparison.Ordinal))
            {
                int close = rest.IndexOf(']');
                return close > 0 ? rest.Substring(0, close + 1) : rest;
            }

            int end = rest.IndexOfAny(new[] { '/', '?', '#', ':' });
            return end >= 0 ? rest.Substring(0, end) : rest;
        }

        private static bool IsLocal(string host)
        {
            string h = host.TrimEnd('.').ToLowerInvariant();
            return h == "localhost"
                || h.EndsWith(".localhost", StringComparison.Ordinal)
                || h.StartsWith("127.", StringComparison.Ordinal)
                || h == "[::1]"
                || h == "0.0.0.0"
                || h == "[::]"
                || h == "+"
                || h == "*";
        }
    }
}

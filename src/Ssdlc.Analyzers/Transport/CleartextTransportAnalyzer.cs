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
    /// SSDLC1010: clear-text transport to a non-local host (B.10.2.1, B.12.6). A URL is not a connection: only addresses
    /// that reach something that connects are judged (<see cref="EndpointSinks"/>: HttpClient and its BaseAddress,
    /// HttpRequestMessage, WebRequest, WebClient, ClientWebSocket, gRPC channels, SignalR hub connections, WCF endpoint
    /// addresses, RestSharp clients, browser redirects, and SmtpClient without <c>EnableSsl</c>). The address is followed
    /// back to where it is written (<see cref="ValueOrigins"/>: locals, either branch of a conditional, constants, fields,
    /// options defaults and record arguments, helper methods and their callers), and reported there, once, with the use
    /// as an additional location. A clear-text scheme written in the literal part of an interpolated or concatenated URL
    /// is clear text whatever the holes hold (<c>$"http://{host}/api"</c>). Local hosts, XML namespace and schema hosts,
    /// and addresses whose scheme is not written in the source (configuration) are not reported.
    /// </summary>
    public sealed class CleartextTransportAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] ClearTextSchemes = { "http", "ftp", "ws", "smtp" };

        // Hosts of XML namespace and schema identifiers: names, not endpoints, even when wrapped in a Uri.
        private static readonly HashSet<string> NamespaceHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "www.w3.org", "w3.org", "schemas.xmlsoap.org", "schemas.microsoft.com", "schemas.openxmlformats.org", "purl.org",
            "xmlns.com", "ns.adobe.com", "docs.oasis-open.org", "www.omg.org", "schemas.android.com", "json-schema.org",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
            => ImmutableArray.Create(Descriptors.CleartextTransport, Descriptors.CleartextTransportDefinedElsewhere);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                EndpointSinks? sinks = EndpointSinks.Create(start.Compilation);
                if (sinks is null)
                {
                    return;
                }

                var reports = new DefinitionSiteReports(Descriptors.CleartextTransport, Descriptors.CleartextTransportDefinedElsewhere);
                start.RegisterOperationBlockStartAction(block =>
                {
                    // One finding per definition and block, however many uses of it the block has.
                    var reported = new HashSet<Location>();
                    block.RegisterOperationAction(
                        c =>
                        {
                            if (sinks.Match(c.Operation) is { } sink)
                            {
                                lock (reported)
                                {
                                    AnalyzeSink(new Reporter(c.ReportDiagnostic, c.Compilation, c.CancellationToken), sink, sinks, reports, reported);
                                }
                            }
                        },
                        OperationKind.Invocation,
                        OperationKind.ObjectCreation,
                        OperationKind.SimpleAssignment);
                });
                start.RegisterCompilationEndAction(reports.ReportPending);
            });
        }

        private static void AnalyzeSink(Reporter context, EndpointMatch sink, EndpointSinks sinks, DefinitionSiteReports reports, HashSet<Location> reported)
        {
            if (sink.Kind == EndpointKind.MailHost)
            {
                AnalyzeMailHost(context, sink, reports, reported);
                return;
            }

            foreach (ValueOrigin origin in ValueOrigins.Of(sink.Value, context.Compilation, sinks.Unwrap, context.CancellationToken))
            {
                if (ConstantPrefix.Of(origin.Definition, context.CancellationToken) is { } text
                    && ClearTextRemoteScheme(text.Text, text.IsComplete) is { } scheme)
                {
                    reports.Report(context.ReportDiagnostic, reported, origin, sink.Value.Syntax.GetLocation(), sink.Api, scheme, SecureScheme(scheme));
                }
            }
        }

        /// <summary><c>new SmtpClient("smtp.example.com")</c> without <c>EnableSsl = true</c> anywhere in the member: mail in clear text.</summary>
        private static void AnalyzeMailHost(Reporter context, EndpointMatch sink, DefinitionSiteReports reports, HashSet<Location> reported)
        {
            if (EndpointSinks.EnablesSsl(sink.Site))
            {
                return;
            }

            foreach (ValueOrigin origin in ValueOrigins.Of(sink.Value, context.Compilation, null, context.CancellationToken))
            {
                if (origin.Definition.ConstantValue is { HasValue: true, Value: string host }
                    && ClearTextRemoteScheme("smtp://" + host, complete: true) is not null)
                {
                    reports.Report(context.ReportDiagnostic, reported, origin, sink.Value.Syntax.GetLocation(), sink.Api, "SMTP (EnableSsl is not set)", "EnableSsl = true");
                }
            }
        }

        private static string SecureScheme(string scheme) => scheme switch
        {
            "ws" => "wss://",
            "ftp" => "ftps:// or sftp",
            _ => "https://",
        };

        /// <summary>The clear-text scheme of an absolute address to a non-local host; null for anything else.</summary>
        internal static string? ClearTextRemoteScheme(string address) => ClearTextRemoteScheme(address, complete: true);

        /// <summary>
        /// The clear-text scheme of an address whose leading text is <paramref name="text"/>; when the rest is not
        /// known (<paramref name="complete"/> false) and the host is not fully written, the scheme alone decides.
        /// </summary>
        internal static string? ClearTextRemoteScheme(string text, bool complete)
        {
            text = text.TrimStart();
            foreach (string scheme in ClearTextSchemes)
            {
                string prefix = scheme + "://";
                if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string rest = text.Substring(prefix.Length);
                string host = Host(rest, out bool hostComplete);
                if (!complete && !hostComplete)
                {
                    // $"http://{host}/api": clear text whatever the host; a written-out local prefix still counts as local.
                    return IsLocal(host) ? null : scheme;
                }

                return host.Length == 0 || IsLocal(host) || NamespaceHosts.Contains(host) || host.IndexOfAny(new[] { '{', '<', '$', '%' }) >= 0
                    ? null
                    : scheme;
            }

            return null;
        }

        private static string Host(string rest, out bool complete)
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
                complete = close > 0;
                return close > 0 ? rest.Substring(0, close + 1) : rest;
            }

            int end = rest.IndexOfAny(new[] { '/', '?', '#', ':' });
            complete = end >= 0;
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

using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Api
{
    /// <summary>
    /// SSDLC1204: WebSockets accepted without an origin check (B.12.6). Reports <c>WebSocketManager.AcceptWebSocketAsync</c>
    /// (<c>context.WebSockets.AcceptWebSocketAsync()</c>) when
    /// <list type="bullet">
    /// <item>nothing restricts <c>WebSocketOptions.AllowedOrigins</c> for the host that maps the handler (any use of the
    /// property counts, except adding only <c>"*"</c>, which the middleware treats as every origin; with several hosts in one
    /// compilation each host's own <c>UseWebSockets</c> options count, see <see cref="PipelineHosts"/>), and</item>
    /// <item>the handler that accepts (the enclosing lambda, local function or member) does not look at the Origin header:
    /// <c>Request.Headers.Origin</c>, <c>Headers["Origin"]</c>, <c>HeaderNames.Origin</c>, or a call of a method whose name
    /// mentions an origin (<c>IsAllowedOrigin(context)</c>).</item>
    /// </list>
    /// The finding is placed on the accept call, the place where the check belongs; the application-wide fact is gathered
    /// once per compilation, so the finding appears at the end of the compilation (build, full-solution analysis).
    /// </summary>
    public sealed class WebSocketOriginAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.WebSocketOriginNotChecked);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? manager = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Http.WebSocketManager");
                INamedTypeSymbol? options = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Builder.WebSocketOptions");
                if (manager is null)
                {
                    return;
                }

                var accepts = new ConcurrentBag<(Location Location, string? Host)>();
                var restrictedHosts = new ConcurrentDictionary<string, bool>();
                start.RegisterOperationAction(
                    c =>
                    {
                        var invocation = (IInvocationOperation)c.Operation;
                        if (invocation.TargetMethod.Name == "AcceptWebSocketAsync"
                            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, manager)
                            && !ChecksOrigin(OperationHelpers.EnclosingFunction(invocation)))
                        {
                            accepts.Add((invocation.Syntax.GetLocation(), HostOfEnclosingRegistration(invocation)));
                        }
                    },
                    OperationKind.Invocation);
                if (options is not null)
                {
                    start.RegisterOperationAction(
                        c =>
                        {
                            var reference = (IPropertyReferenceOperation)c.Operation;
                            if (reference.Property.Name == "AllowedOrigins"
                                && SymbolEqualityComparer.Default.Equals(reference.Property.ContainingType, options)
                                && !OnlyWildcard(reference))
                            {
                                // The host of the UseWebSockets(...) or Configure<WebSocketOptions>(...) call the options are made in.
                                restrictedHosts[HostOfEnclosingRegistration(reference) ?? AnyHost] = true;
                            }
                        },
                        OperationKind.PropertyReference);
                }

                start.RegisterCompilationEndAction(end =>
                {
                    foreach ((Location location, string? host) in accepts)
                    {
                        if (restrictedHosts.ContainsKey(AnyHost) || (host is null ? !restrictedHosts.IsEmpty : restrictedHosts.ContainsKey(host)))
                        {
                            continue;
                        }

                        end.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.WebSocketOriginNotChecked,
                            location,
                            "The WebSocket is accepted from any origin: WebSocketOptions.AllowedOrigins is not set and the handler does not check the Origin header"));
                    }
                });
            });
        }

        private const string AnyHost = "";

        /// <summary>
        /// The host (<see cref="PipelineHosts"/>) of the registration an operation is part of: the call that takes the lambda
        /// it is in (<c>app.Map("/ws", async context =&gt; …)</c>), else the first enclosing call that is not a collection's
        /// <c>Add</c> (<c>app.UseWebSockets(new WebSocketOptions { … })</c>).
        /// </summary>
        private static string? HostOfEnclosingRegistration(IOperation operation)
        {
            IInvocationOperation? candidate = null;
            bool inLambda = false;
            for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation:
                        inLambda = true;
                        candidate = null;
                        break;
                    case IInvocationOperation invocation when invocation.TargetMethod.Name != "Add":
                        if (inLambda)
                        {
                            return PipelineHosts.Of(invocation, CancellationToken.None);
                        }

                        candidate ??= invocation;
                        break;
                }
            }

            return candidate is null ? null : PipelineHosts.Of(candidate, CancellationToken.None);
        }

        private static bool ChecksOrigin(IOperation scope)
        {
            foreach (IOperation descendant in scope.DescendantsAndSelf())
            {
                switch (descendant)
                {
                    case IPropertyReferenceOperation { Property.Name: "Origin" }:
                    case IFieldReferenceOperation { Field.Name: "Origin" }:
                    case ILiteralOperation literal when literal.ConstantValue.Value is string text && text.Equals("Origin", StringComparison.OrdinalIgnoreCase):
                        return true;
                    case IInvocationOperation invocation when invocation.TargetMethod.Name.IndexOf("Origin", StringComparison.OrdinalIgnoreCase) >= 0:
                        return true;
                }
            }

            return false;
        }

        // AllowedOrigins.Add("*") or AllowedOrigins = { "*" }: the middleware then allows every origin.
        private static bool OnlyWildcard(IPropertyReferenceOperation reference)
        {
            if (reference.Parent is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add && ReferenceEquals(add.Instance, reference))
            {
                return IsWildcard(add.Arguments[0].Value);
            }

            if (reference.Parent is IMemberInitializerOperation { Initializer: IObjectOrCollectionInitializerOperation collection } && collection.Initializers.Length > 0)
            {
                foreach (IOperation element in collection.Initializers)
                {
                    if (!(element is IInvocationOperation { Arguments.Length: 1 } call && IsWildcard(call.Arguments[0].Value)))
                    {
                        return false;
                    }
                }

                return true;
            }

            return false;
        }

        private static bool IsWildcard(IOperation value)
            => OperationHelpers.ConstantString(value) is string text && text.Trim() == "*";
    }
}

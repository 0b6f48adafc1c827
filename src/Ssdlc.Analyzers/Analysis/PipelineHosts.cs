using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Which application host a pipeline or service call belongs to, so that one well-configured host does not hide
    /// another in the same compilation (two <c>WebApplication</c> builders, a host built in a helper, a second
    /// <c>Startup</c>). A host is named by where it starts: the <c>WebApplication.CreateBuilder(...)</c> call its
    /// <c>builder</c>, <c>builder.Services</c> and <c>app = builder.Build()</c> come from, or the <c>Startup</c> class whose
    /// <c>Configure*</c> methods receive it. The receiver of a call is followed through locals, fluent chains and the
    /// builder's properties, and through the parameter of a helper or extension method to its callers (one host when all
    /// of them pass the same one). Null when the host cannot be told: such a call counts for every host.
    /// </summary>
    internal static class PipelineHosts
    {
        private const int MaxDepth = 12;

        private static readonly HashSet<string> BuilderProperties = new HashSet<string>(StringComparer.Ordinal)
        {
            "Services", "WebHost", "Host", "Configuration", "Environment", "Logging", "Metrics",
        };

        /// <summary>The host of the receiver of <paramref name="call"/> (its instance, or the <c>this</c> argument of an extension method).</summary>
        public static string? Of(IInvocationOperation call, CancellationToken cancellationToken)
        {
            IOperation? receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            return receiver is null ? null : Resolve(receiver, 0, cancellationToken);
        }

        /// <summary>
        /// The host a member works on, through its application-builder parameter (<c>static void UseHeaders(this
        /// WebApplication app)</c>: the host of its callers); null for members without one (middleware classes, ...).
        /// </summary>
        public static string? OfMember(ISymbol member, CancellationToken cancellationToken)
        {
            if (!(member is IMethodSymbol method))
            {
                return null;
            }

            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (parameter.Type.Name is "WebApplication" or "IApplicationBuilder" or "IEndpointRouteBuilder")
                {
                    return OfParameter(parameter, method, 0, cancellationToken);
                }
            }

            return null;
        }

        /// <summary>The host a <c>Startup</c> class's <c>Configure*</c> methods configure.</summary>
        public static string OfStartup(INamedTypeSymbol startup) => "startup:" + startup.ToDisplayString();

        private static string? Resolve(IOperation operation, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            operation = ConstantValueAnalysis.WalkDownConversions(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return LocalWrites.Of(local).SingleValue(local.Local) is { } value ? Resolve(value, depth + 1, cancellationToken) : null;
                case IInvocationOperation invocation:
                    IMethodSymbol method = invocation.TargetMethod;
                    if (method.Name is "CreateBuilder" or "CreateSlimBuilder" or "CreateEmptyBuilder" or "CreateApplicationBuilder"
                        && method.ContainingType?.Name is "WebApplication" or "Host")
                    {
                        Location location = invocation.Syntax.GetLocation();
                        return "builder:" + location.SourceTree?.FilePath + ":" + location.SourceSpan.Start;
                    }

                    // builder.Build(), app.UseX().UseY(), services.AddX(): the same host as the receiver.
                    IOperation? receiver = invocation.Instance
                        ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    return receiver is null ? null : Resolve(receiver, depth + 1, cancellationToken);
                case IPropertyReferenceOperation { Instance: { } instance } property when BuilderProperties.Contains(property.Property.Name):
                    return Resolve(instance, depth + 1, cancellationToken);
                case IParameterReferenceOperation parameter when parameter.Parameter.ContainingSymbol is IMethodSymbol owner:
                    return OfParameter(parameter.Parameter, owner, depth, cancellationToken);
                default:
                    return null;
            }
        }

        private static string? OfParameter(IParameterSymbol parameter, IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            if (method.MethodKind == MethodKind.Ordinary && !method.IsExtensionMethod && !method.IsStatic
                && method.Name.StartsWith("Configure", StringComparison.Ordinal) && method.ContainingType is { TypeKind: TypeKind.Class } startup)
            {
                return OfStartup(startup);
            }

            if (!ValueOrigins.IsHelper(method) || method.ContainingAssembly is not ISourceAssemblySymbol source)
            {
                return null;
            }

            string? host = null;
            foreach (IOperation call in SourceIndex.For(source.Compilation).CallsTo(method, cancellationToken))
            {
                foreach (IArgumentOperation argument in OperationHelpers.Arguments(call))
                {
                    if (argument.Parameter?.Ordinal != parameter.Ordinal)
                    {
                        continue;
                    }

                    string? passed = Resolve(argument.Value, depth + 1, cancellationToken);
                    if (passed is null || (host is not null && host != passed))
                    {
                        return null; // an unknown caller, or several hosts: the helper's calls count for every host
                    }

                    host = passed;
                }
            }

            return host;
        }
    }
}

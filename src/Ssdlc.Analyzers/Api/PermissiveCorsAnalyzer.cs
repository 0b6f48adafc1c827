using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Api
{
    /// <summary>
    /// SSDLC1202: permissive CORS (B.12.5). Reports <c>CorsPolicyBuilder.AllowAnyOrigin()</c>,
    /// <c>SetIsOriginAllowed(_ => true)</c> (a lambda whose every result is the constant <c>true</c>),
    /// <c>WithOrigins("*")</c>, and a response header <c>Access-Control-Allow-Origin: *</c> written by hand
    /// (<c>Headers["Access-Control-Allow-Origin"] = "*"</c>, <c>Headers.Append/Add/TryAdd(…)</c>,
    /// <c>Headers.AccessControlAllowOrigin = "*"</c>). When the same policy (the same fluent chain or the same policy lambda)
    /// also calls <c>AllowCredentials()</c> the message says so: the standard grades that Critical, but one rule ID carries one
    /// criticality, and High already fails the build at every risk class, so the verdict is the same.
    /// Code that only runs in development (<see cref="EnvironmentGuardAnalysis"/>) is not reported.
    /// </summary>
    public sealed class PermissiveCorsAnalyzer : DiagnosticAnalyzer
    {
        private const string AllowOriginHeader = "Access-Control-Allow-Origin";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.PermissiveCors);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? builder = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder");
                INamedTypeSymbol? headers = ResponseHeaderWrites.HeaderDictionaryType(start.Compilation);
                if (builder is not null)
                {
                    start.RegisterOperationAction(c => AnalyzePolicy(c, builder), OperationKind.Invocation);
                }

                if (headers is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeHeaderWrite(c, headers), OperationKind.Invocation, OperationKind.SimpleAssignment);
                }
            });
        }

        private static void AnalyzePolicy(OperationAnalysisContext context, INamedTypeSymbol builder)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, builder))
            {
                return;
            }

            string? finding = method.Name switch
            {
                "AllowAnyOrigin" => "The CORS policy allows any origin (AllowAnyOrigin)",
                "SetIsOriginAllowed" when invocation.Arguments.Length == 1 && AlwaysTrue(invocation.Arguments[0].Value)
                    => "The CORS policy allows any origin (SetIsOriginAllowed with a check that always returns true)",
                "WithOrigins" when HasWildcard(invocation)
                    => "The CORS policy allows any origin (WithOrigins(\"*\"))",
                _ => null,
            };

            if (finding is null || EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(invocation))
            {
                return;
            }

            if (AllowsCredentials(invocation, builder))
            {
                finding += " and credentials (AllowCredentials), so any web site can call the API as the signed-in visitor";
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.PermissiveCors, invocation.Syntax.GetLocation(), finding));
        }

        // headers["Access-Control-Allow-Origin"] = "*", headers.AccessControlAllowOrigin = "*", headers.Append(HeaderNames.AccessControlAllowOrigin, "*").
        private static void AnalyzeHeaderWrite(OperationAnalysisContext context, INamedTypeSymbol headers)
        {
            if (ResponseHeaderWrites.TryGetWrite(context.Operation, headers, context.CancellationToken, out ResponseHeaderWrite write)
                && string.Equals(write.Name, AllowOriginHeader, StringComparison.OrdinalIgnoreCase)
                && IsWildcard(write.Value))
            {
                Report(context, context.Operation);
            }
        }

        private static void Report(OperationAnalysisContext context, IOperation operation)
        {
            if (!EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(operation))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.PermissiveCors, operation.Syntax.GetLocation(), "The response header Access-Control-Allow-Origin is \"*\", so any web site may read the response"));
            }
        }

        private static bool IsWildcard(IOperation value)
            => OperationHelpers.ConstantString(Unwrap(value)) is string text && text.Trim() == "*";

        // StringValues and arrays: "*" reaches the header through a user-defined conversion or a params array.
        private static IOperation Unwrap(IOperation value)
        {
            while (true)
            {
                switch (value)
                {
                    case IConversionOperation conversion:
                        value = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        value = parenthesized.Operand;
                        break;
                    case IArrayCreationOperation { Initializer: { ElementValues.Length: 1 } initializer }:
                        value = initializer.ElementValues[0];
                        break;
                    default:
                        return value;
                }
            }
        }

        private static bool HasWildcard(IInvocationOperation invocation)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                IOperation value = ConstantValueAnalysis.WalkDownConversions(argument.Value);
                if (value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (IOperation element in initializer.ElementValues)
                    {
                        if (IsWildcard(element))
                        {
                            return true;
                        }
                    }
                }
                else if (IsWildcard(value))
                {
                    return true;
                }
            }

            return false;
        }

        // origin => true, _ => { return true; }: every result is the constant true.
        private static bool AlwaysTrue(IOperation value)
        {
            value = ConstantValueAnalysis.WalkDownConversions(value);
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            if (!(value is IAnonymousFunctionOperation lambda))
            {
                return false;
            }

            bool any = false;
            foreach (IOperation descendant in lambda.Body.Descendants())
            {
                if (descendant is IReturnOperation { ReturnedValue: { } returned })
                {
                    if (!(returned.ConstantValue.HasValue && returned.ConstantValue.Value is true))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        // AllowCredentials() on the same builder: later or earlier in the same fluent chain, or on the same receiver
        // (the policy lambda's parameter, a local) in the same lambda or member body.
        private static bool AllowsCredentials(IInvocationOperation invocation, INamedTypeSymbol builder)
        {
            // Up the chain: policy.AllowAnyOrigin().AllowAnyHeader().AllowCredentials().
            IOperation current = invocation;
            while (current.Parent is IInvocationOperation outer && ReferenceEquals(outer.Instance, current))
            {
                if (outer.TargetMethod.Name == "AllowCredentials")
                {
                    return true;
                }

                current = outer;
            }

            // Down the chain, to the root receiver.
            IOperation? receiver = invocation.Instance;
            while (receiver is IInvocationOperation inner && SymbolEqualityComparer.Default.Equals(inner.TargetMethod.ContainingType, builder))
            {
                if (inner.TargetMethod.Name == "AllowCredentials")
                {
                    return true;
                }

                receiver = inner.Instance;
            }

            if (receiver is not (IParameterReferenceOperation or ILocalReferenceOperation))
            {
                return false;
            }

            ISymbol? root = receiver is IParameterReferenceOperation p ? p.Parameter : ((ILocalReferenceOperation)receiver).Local;
            foreach (IOperation descendant in OperationHelpers.Root(invocation).Descendants())
            {
                if (descendant is IInvocationOperation { TargetMethod.Name: "AllowCredentials" } credentials
                    && SymbolEqualityComparer.Default.Equals(credentials.TargetMethod.ContainingType, builder)
                    && RootReceiver(credentials, builder) is { } other
                    && SymbolEqualityComparer.Default.Equals(other, root))
                {
                    return true;
                }
            }

            return false;
        }

        private static ISymbol? RootReceiver(IInvocationOperation invocation, INamedTypeSymbol builder)
        {
            IOperation? receiver = invocation.Instance;
            while (receiver is IInvocationOperation inner && SymbolEqualityComparer.Default.Equals(inner.TargetMethod.ContainingType, builder))
            {
                receiver = inner.Instance;
            }

            return receiver switch
            {
                IParameterReferenceOperation parameter => parameter.Parameter,
                ILocalReferenceOperation local => local.Local,
                _ => null,
            };
        }
    }
}

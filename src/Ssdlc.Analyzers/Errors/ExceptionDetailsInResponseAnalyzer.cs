using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Errors
{
    /// <summary>
    /// SSDLC0902: exception details returned to the client (B.9.1). Reports <c>ex.ToString()</c>, <c>ex.StackTrace</c> and
    /// <c>ex.Message</c> that reach, within the method (locals, interpolation, concatenation, <c>string.Format</c>, anonymous
    /// and initialised objects), an action result (<c>Ok</c>, <c>BadRequest</c>, <c>StatusCode</c>, <c>Content</c>,
    /// <c>Problem</c>, …), <c>Results</c>/<c>TypedResults</c>, a <c>new …Result(…)</c> or the response body
    /// (<c>Response.WriteAsync</c>, <c>WriteAsJsonAsync</c>). <c>Message</c> of exception types declared in the project itself
    /// is not reported: such exceptions are usually thrown with a message meant for the user. Code under a
    /// development-environment check is not reported.
    /// </summary>
    public sealed class ExceptionDetailsInResponseAnalyzer : DiagnosticAnalyzer
    {
        private static readonly HashSet<string> ResultMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Ok", "BadRequest", "StatusCode", "Content", "Problem", "ValidationProblem", "NotFound", "Conflict", "UnprocessableEntity",
            "Json", "Text", "InternalServerError", "Created", "Accepted", "Unauthorized", "Forbid",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ExceptionDetailsInResponse);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? exception = WellKnownTypes.For(start.Compilation).Get("System.Exception");
                if (exception is null || WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Http.HttpResponse") is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeInvocation(c, exception), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeCreation(c, exception), OperationKind.ObjectCreation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol exception)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            string? sink = null;
            if (ResultMethods.Contains(method.Name)
                && (DerivesFrom(method.ContainingType, "Microsoft.AspNetCore.Mvc", "ControllerBase")
                    || DerivesFrom(method.ContainingType, "Microsoft.AspNetCore.Mvc.RazorPages", "PageModel")
                    || IsType(method.ContainingType, "Microsoft.AspNetCore.Http", "Results")
                    || IsType(method.ContainingType, "Microsoft.AspNetCore.Http", "TypedResults")))
            {
                sink = method.IsStatic ? method.ContainingType.Name + "." + method.Name : method.Name;
            }
            else if ((method.Name == "WriteAsync" || method.Name == "WriteAsJsonAsync")
                     && invocation.Arguments.Length > 0
                     && invocation.Arguments[0].Value.Type is INamedTypeSymbol target
                     && DerivesFrom(target, "Microsoft.AspNetCore.Http", "HttpResponse"))
            {
                sink = "Response." + method.Name;
            }

            if (sink is null)
            {
                return;
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && argument.Parameter?.Type.SpecialType != SpecialType.System_Int32
                    && Carries(argument.Value, exception, 0) is { } detail
                    && !EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(invocation))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.ExceptionDetailsInResponse, argument.Value.Syntax.GetLocation(), detail, sink));
                }
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol exception)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!(creation.Type is INamedTypeSymbol type)
                || !type.Name.EndsWith("Result", StringComparison.Ordinal)
                || !SymbolNames.IsInNamespace(type.ContainingNamespace, "Microsoft.AspNetCore"))
            {
                return;
            }

            var values = new List<IOperation>();
            foreach (IArgumentOperation argument in creation.Arguments)
            {
                values.Add(argument.Value);
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (IOperation member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation assignment)
                    {
                        values.Add(assignment.Value);
                    }
                }
            }

            foreach (IOperation value in values)
            {
                if (Carries(value, exception, 0) is { } detail && !EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(creation))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.ExceptionDetailsInResponse, value.Syntax.GetLocation(), detail, "new " + type.Name));
                }
            }
        }

        /// <summary>The exception detail (e.g. "ex.StackTrace") that <paramref name="value"/> carries, or null.</summary>
        private static string? Carries(IOperation? value, INamedTypeSymbol exception, int depth)
        {
            if (value is null || depth > 10)
            {
                return null;
            }

            value = ConstantValueAnalysis.WalkDownConversions(value);
            switch (value)
            {
                case IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } when IsException(instance.Type, exception):
                    return "Exception.ToString()";
                case IPropertyReferenceOperation { Property.Name: "StackTrace", Instance: { } instance } when IsException(instance.Type, exception):
                    return "Exception.StackTrace";
                case IPropertyReferenceOperation { Property.Name: "Message", Instance: { } instance } when IsException(instance.Type, exception) && !DeclaredInSource(instance.Type):
                    return "Exception.Message";
                case IInterpolatedStringOperation interpolated:
                    foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation && Carries(interpolation.Expression, exception, depth + 1) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IBinaryOperation binary:
                    return Carries(binary.LeftOperand, exception, depth + 1) ?? Carries(binary.RightOperand, exception, depth + 1);
                case IConditionalOperation conditional:
                    return Carries(conditional.WhenTrue, exception, depth + 1) ?? Carries(conditional.WhenFalse, exception, depth + 1);
                case ICoalesceOperation coalesce:
                    return Carries(coalesce.Value, exception, depth + 1) ?? Carries(coalesce.WhenNull, exception, depth + 1);
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Format" or "Concat" or "Join" } method } call
                    when method.ContainingType.SpecialType == SpecialType.System_String:
                    foreach (IArgumentOperation argument in call.Arguments)
                    {
                        if (Carries(argument.Value, exception, depth + 1) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IArrayCreationOperation { Initializer: { } arrayInitializer }:
                    foreach (IOperation element in arrayInitializer.ElementValues)
                    {
                        if (Carries(element, exception, depth + 1) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IAnonymousObjectCreationOperation anonymous:
                    foreach (IOperation member in anonymous.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation assignment && Carries(assignment.Value, exception, depth + 1) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IObjectCreationOperation creation:
                    foreach (IArgumentOperation argument in creation.Arguments)
                    {
                        if (Carries(argument.Value, exception, depth + 1) is { } found)
                        {
                            return found;
                        }
                    }

                    if (creation.Initializer is { } initializer)
                    {
                        foreach (IOperation member in initializer.Initializers)
                        {
                            if (member is ISimpleAssignmentOperation assignment && Carries(assignment.Value, exception, depth + 1) is { } found)
                            {
                                return found;
                            }
                        }
                    }

                    return null;
                case ILocalReferenceOperation local:
                    return CarriedByLocal(local, exception, depth);
                default:
                    return null;
            }
        }

        private static string? CarriedByLocal(ILocalReferenceOperation local, INamedTypeSymbol exception, int depth)
        {
            foreach (IOperation descendant in OperationHelpers.Root(local).Descendants())
            {
                IOperation? assigned = descendant switch
                {
                    IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) => declarator.Initializer?.Value,
                    IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local.Local) => assignment.Value,
                    _ => null,
                };
                if (assigned is not null && Carries(assigned, exception, depth + 1) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        private static bool IsException(ITypeSymbol? type, INamedTypeSymbol exception)
        {
            for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, exception))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DeclaredInSource(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            foreach (Location location in type.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DerivesFrom(INamedTypeSymbol? type, string ns, string name)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (IsType(t, ns, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsType(INamedTypeSymbol? type, string ns, string name)
            => SymbolNames.IsType(type, ns, name);
    }
}

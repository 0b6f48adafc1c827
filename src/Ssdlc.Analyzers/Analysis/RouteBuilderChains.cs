using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Fluent conventions on ASP.NET Core route builders and endpoint mappings: what is called on a mapping
    /// (<c>app.MapGet(...).RequireAuthorization()</c>), through the local it is stored in, and on the handler.
    /// </summary>
    internal static class RouteBuilderChains
    {
        private const int MaxChain = 64;

        /// <summary>Follows the fluent chain of builder conventions up from <paramref name="start"/>; stops at methods that return another builder (<c>MapGroup</c>, <c>MapGet</c>).</summary>
        public static IOperation WalkUp(IOperation start, out bool covered)
        {
            covered = false;
            IOperation current = start;
            for (int i = 0; i < MaxChain; i++)
            {
                IInvocationOperation? next = OperationHelpers.InvocationOn(current);
                if (next is null)
                {
                    break;
                }

                if (IsAuthorizationConvention(next))
                {
                    covered = true;
                    return next;
                }

                if (next.TargetMethod.Name == "MapGroup"
                    || !SymbolEqualityComparer.Default.Equals(next.Type, current.Type ?? next.Type)
                    || next.Type is null
                    || next.Type.SpecialType == SpecialType.System_Void)
                {
                    break;
                }

                current = next;
            }

            return current;
        }

        /// <summary>True when a convention is applied through another reference to the local or parameter (<c>group.RequireAuthorization();</c>).</summary>
        public static bool ReferencesCovered(ISymbol symbol, IOperation anywhereInBody)
        {
            IOperation root = OperationHelpers.Root(anywhereInBody);
            foreach (IOperation descendant in root.Descendants())
            {
                ISymbol? referenced = descendant switch
                {
                    ILocalReferenceOperation l => l.Local,
                    IParameterReferenceOperation p => p.Parameter,
                    _ => null,
                };
                if (referenced is not null && SymbolEqualityComparer.Default.Equals(referenced, symbol))
                {
                    WalkUp(descendant, out bool covered);
                    if (covered)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary><c>RequireAuthorization</c>, <c>AllowAnonymous</c>, or <c>WithMetadata</c> with authorization metadata.</summary>
        public static bool IsAuthorizationConvention(IInvocationOperation invocation)
        {
            switch (invocation.TargetMethod.Name)
            {
                case "RequireAuthorization":
                case "AllowAnonymous":
                    return true;
                case "WithMetadata":
                    foreach (IArgumentOperation argument in invocation.Arguments)
                    {
                        foreach (IOperation item in argument.Value is IArrayCreationOperation { Initializer: { } init } ? init.ElementValues : ImmutableArray.Create(argument.Value))
                        {
                            ITypeSymbol? type = ConstantValueAnalysis.WalkDownConversions(item).Type;
                            if (type is not null && ImplementsAuthorizationMetadata(type))
                            {
                                return true;
                            }
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>Where <paramref name="methodName"/> is called in the fluent chain on <paramref name="start"/> (up to a <c>MapGroup</c>), or null.</summary>
        public static Location? FindInChain(IInvocationOperation start, string methodName)
        {
            IOperation current = start;
            for (int i = 0; i < MaxChain; i++)
            {
                IInvocationOperation? next = OperationHelpers.InvocationOn(current);
                if (next is null || next.TargetMethod.Name == "MapGroup")
                {
                    return null;
                }

                if (next.TargetMethod.Name == methodName)
                {
                    return OperationHelpers.NameLocation(next);
                }

                current = next;
            }

            return null;
        }

        /// <summary>The handler delegate of a <c>MapGet</c>-like call: a lambda or a method group.</summary>
        public static IOperation? HandlerOf(IInvocationOperation invocation)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is "handler" or "requestDelegate")
                {
                    IOperation value = ConstantValueAnalysis.WalkDownConversions(argument.Value);
                    while (value is IDelegateCreationOperation creation)
                    {
                        value = ConstantValueAnalysis.WalkDownConversions(creation.Target);
                    }

                    return value;
                }
            }

            return null;
        }

        public static IMethodSymbol? HandlerMethod(IOperation handler) => handler switch
        {
            IAnonymousFunctionOperation function => function.Symbol,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };

        /// <summary><c>app.UseEndpoints(endpoints =&gt; ...)</c>: the reference is to the lambda's route-builder parameter.</summary>
        public static bool IsUseEndpointsLambdaParameter(IParameterReferenceOperation reference)
        {
            for (IOperation? current = reference.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation function
                    && SymbolEqualityComparer.Default.Equals(function.Symbol, reference.Parameter.ContainingSymbol))
                {
                    IOperation? parent = function.Parent;
                    while (parent is IDelegateCreationOperation || parent is IConversionOperation || parent is IArgumentOperation)
                    {
                        parent = parent.Parent;
                    }

                    return parent is IInvocationOperation { TargetMethod.Name: "UseEndpoints" };
                }
            }

            return false;
        }

        private static bool ImplementsAuthorizationMetadata(ITypeSymbol type)
        {
            foreach (INamedTypeSymbol implemented in type.AllInterfaces)
            {
                if (implemented.Name is "IAuthorizeData" or "IAllowAnonymous")
                {
                    return true;
                }
            }

            return false;
        }
    }
}

using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.ClientSide
{
    /// <summary>
    /// Recognises calls into JavaScript through Microsoft.JSInterop: <c>IJSRuntime.InvokeAsync</c>, the
    /// <c>JSRuntimeExtensions.InvokeVoidAsync/InvokeAsync</c> overloads (with <c>CancellationToken</c> or <c>TimeSpan</c>),
    /// <c>IJSInProcessRuntime.Invoke/InvokeVoid</c>, <c>IJSObjectReference</c> and <c>IJSInProcessObjectReference</c>
    /// and their extensions, and <c>InvokeConstructorAsync</c>.
    /// </summary>
    internal static class JSInteropCalls
    {
        private const string JSInteropNamespace = "Microsoft.JSInterop";

        /// <summary>
        /// True when <paramref name="invocation"/> calls a JavaScript function through JS interop. <paramref name="identifier"/>
        /// is the function's identifier when it is a constant (without a leading <c>window.</c>, <c>globalThis.</c> or
        /// <c>self.</c>), otherwise null; <paramref name="arguments"/> are the JavaScript arguments when they are written
        /// out at the call (the <c>params</c> array), otherwise empty.
        /// </summary>
        public static bool TryGetCall(IInvocationOperation invocation, System.Threading.CancellationToken cancellationToken, out string? identifier, out ImmutableArray<IOperation> arguments, out IArgumentOperation? identifierArgument)
        {
            identifier = null;
            arguments = ImmutableArray<IOperation>.Empty;
            identifierArgument = null;
            IMethodSymbol method = invocation.TargetMethod;
            if (!(method.Name is "InvokeAsync" or "InvokeVoidAsync" or "Invoke" or "InvokeVoid" or "InvokeConstructorAsync" or "InvokeConstructor")
                || !SymbolNames.IsInNamespace(method.ContainingType?.ContainingNamespace, JSInteropNamespace))
            {
                return false;
            }

            identifierArgument = OperationHelpers.FindStringArgument(invocation.Arguments, "identifier");
            if (identifierArgument is null)
            {
                return false;
            }

            if (ConstantDataAnalysis.TryGetConstantString(identifierArgument.Value, cancellationToken, out string text))
            {
                identifier = Normalise(text);
            }

            IArgumentOperation? args = OperationHelpers.FindArgument(invocation.Arguments, "args");
            if (args is not null && ConstantValueAnalysis.WalkDownConversions(args.Value) is IArrayCreationOperation { Initializer: { } initializer })
            {
                var builder = ImmutableArray.CreateBuilder<IOperation>(initializer.ElementValues.Length);
                foreach (IOperation element in initializer.ElementValues)
                {
                    builder.Add(element);
                }

                arguments = builder.MoveToImmutable();
            }

            return true;
        }

        /// <summary>The value an argument carries, without the boxing to <c>object</c> of the <c>params object[]</c>.</summary>
        public static IOperation Unbox(IOperation argument) => ConstantValueAnalysis.WalkDownConversions(argument);

        private static string Normalise(string identifier)
        {
            string text = identifier.Trim();
            bool stripped = true;
            while (stripped)
            {
                stripped = false;
                foreach (string prefix in new[] { "window.", "globalThis.", "self." })
                {
                    if (text.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        text = text.Substring(prefix.Length);
                        stripped = true;
                    }
                }
            }

            return text;
        }
    }
}

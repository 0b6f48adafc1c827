using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// For rules that judge a setting by its constant value (a key size, an iteration count, a cookie flag): the constant
    /// values it can take, wherever they are written. A constant is itself; anything else is followed back with
    /// <see cref="ValueOrigins"/>, so that a weak value on either branch of a conditional, in a field or options default,
    /// or returned by a helper is found too (<c>KeySize = legacy ? 1024 : 4096</c>).
    /// </summary>
    internal static class ConstantCandidates
    {
        /// <summary>The first constant value <paramref name="value"/> can take that satisfies <paramref name="isWeak"/>, or null.</summary>
        public static object? FirstWeak(IOperation value, Func<object?, bool> isWeak, CancellationToken cancellationToken)
        {
            IOperation stripped = ConstantValueAnalysis.WalkDownConversions(value);
            if (stripped.ConstantValue.HasValue || value.ConstantValue.HasValue)
            {
                object? constant = value.ConstantValue.HasValue ? value.ConstantValue.Value : stripped.ConstantValue.Value;
                return isWeak(constant) ? constant ?? Null : null;
            }

            if (value.SemanticModel?.Compilation is not { } compilation)
            {
                return null;
            }

            foreach (ValueOrigin origin in ValueOrigins.Of(value, compilation, null, cancellationToken))
            {
                Optional<object?> constant = origin.Definition.ConstantValue;
                if (constant.HasValue && isWeak(constant.Value))
                {
                    return constant.Value ?? Null;
                }
            }

            return null;
        }

        /// <summary>Returned for a weak <c>null</c> constant, so that the answer is never ambiguous with "none".</summary>
        public static readonly object Null = new object();
    }
}

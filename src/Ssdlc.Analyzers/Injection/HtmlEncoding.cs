using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Injection
{
    /// <summary>What counts as safe HTML text for SSDLC0405: constants, encoded values, sanitised values and plain numbers.</summary>
    internal static class HtmlEncoding
    {
        /// <summary>True when every part of <paramref name="value"/> is constant, encoded, sanitised or a simple value type.</summary>
        public static bool IsSafe(IOperation value, CancellationToken cancellationToken)
            => ConstantValueAnalysis.IsConstantOrTrusted(value, IsTrustedPart, cancellationToken);

        private static bool IsTrustedPart(IOperation operation)
        {
            if (OperationHelpers.IsSimpleValue(operation.Type))
            {
                return true;
            }

            return operation is IInvocationOperation invocation && IsEncodingCall(invocation.TargetMethod);
        }

        /// <summary>
        /// HTML/JavaScript encoders (<c>HtmlEncoder.Encode</c>, <c>JavaScriptEncoder.Encode</c>, <c>WebUtility.HtmlEncode</c>,
        /// <c>HttpUtility.HtmlEncode</c>, <c>IHtmlHelper.Encode</c>), HTML sanitisers (<c>*Sanitizer.Sanitize*</c>) and JSON
        /// serialisers that escape HTML-sensitive characters by default (System.Text.Json, <c>IJsonHelper.Serialize</c>).
        /// </summary>
        public static bool IsEncodingCall(IMethodSymbol method)
        {
            INamedTypeSymbol? type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            string typeName = type.Name;
            string name = method.Name;
            if (name == "Encode" && (typeName is "IHtmlHelper" or "HtmlHelper" || SymbolNames.IsNamespace(type.ContainingNamespace, "System.Text.Encodings.Web")))
            {
                return true;
            }

            if ((typeName is "WebUtility" or "HttpUtility" or "AntiXssEncoder" or "Encoder")
                && (name.StartsWith("Html", StringComparison.Ordinal) || name.StartsWith("JavaScript", StringComparison.Ordinal))
                && name.IndexOf("Encode", StringComparison.Ordinal) >= 0
                && name.IndexOf("Decode", StringComparison.Ordinal) < 0)
            {
                return true;
            }

            if (name.StartsWith("HtmlEncode", StringComparison.Ordinal) || name.StartsWith("EncodeHtml", StringComparison.Ordinal))
            {
                return true;
            }

            if (name.StartsWith("Sanitize", StringComparison.Ordinal) && typeName.IndexOf("Sanitizer", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            if (name == "Serialize" && typeName is "IJsonHelper")
            {
                return true;
            }

            // System.Text.Json escapes <, >, &, ' and " by default; options could relax that, so only the option-less calls count.
            if (name == "Serialize" && typeName == "JsonSerializer" && SymbolNames.IsNamespace(type.ContainingNamespace, "System.Text.Json"))
            {
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (parameter.Type.Name is "JsonSerializerOptions" or "JsonTypeInfo" or "JsonSerializerContext")
                    {
                        return false;
                    }
                }

                return true;
            }

            return false;
        }
    }
}

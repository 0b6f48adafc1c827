using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>One write of an HTTP response header whose name is known at compile time.</summary>
    internal readonly struct ResponseHeaderWrite
    {
        public ResponseHeaderWrite(string name, IOperation written)
        {
            Name = name;
            Written = written;
            Value = ResponseHeaderWrites.UnwrapStringValues(written);
        }

        /// <summary>The header name as written (compare it case-insensitively), e.g. <c>Content-Security-Policy</c>.</summary>
        public string Name { get; }

        /// <summary>The value written, with the implicit <c>string</c>/<c>string[]</c> → <c>StringValues</c> conversion removed.</summary>
        public IOperation Value { get; }

        /// <summary>The value as written at the call or assignment (report findings here).</summary>
        public IOperation Written { get; }
    }

    /// <summary>
    /// Recognises writes to ASP.NET Core response headers (<c>IHeaderDictionary</c>): the indexer
    /// (<c>Response.Headers["X-Frame-Options"] = "DENY"</c>), <c>Append</c>, <c>Add</c>, <c>TryAdd</c>,
    /// <c>AppendCommaSeparatedValues</c>/<c>SetCommaSeparatedValues</c>, and the typed properties
    /// (<c>Headers.ContentSecurityPolicy = …</c>). The name may be a constant (any case) or a <c>HeaderNames</c> field
    /// (<c>HeaderNames.XFrameOptions</c>, which are static readonly fields, not constants).
    /// Shared by the header rules (SSDLC1404; reusable by SSDLC1401–1403).
    /// </summary>
    internal static class ResponseHeaderWrites
    {
        private const string HeaderDictionaryName = "Microsoft.AspNetCore.Http.IHeaderDictionary";

        /// <summary>True when <paramref name="operation"/> (an assignment or invocation) writes a response header with a known name.</summary>
        public static bool TryGetWrite(IOperation operation, INamedTypeSymbol headerDictionary, CancellationToken cancellationToken, out ResponseHeaderWrite write)
        {
            write = default;
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                    when property.Instance is not null && IsHeaderDictionary(property.Instance.Type, headerDictionary):
                    if (property.Property.IsIndexer)
                    {
                        if (property.Arguments.Length == 1 && HeaderName(property.Arguments[0].Value, cancellationToken) is { } indexed)
                        {
                            write = new ResponseHeaderWrite(indexed, assignment.Value);
                            return true;
                        }

                        return false;
                    }

                    if (SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, headerDictionary))
                    {
                        write = new ResponseHeaderWrite(NameFromMember(property.Property.Name), assignment.Value);
                        return true;
                    }

                    return false;
                case IInvocationOperation invocation:
                    return TryGetInvocationWrite(invocation, headerDictionary, cancellationToken, out write);
                default:
                    return false;
            }
        }

        /// <summary>Resolves <see cref="TryGetWrite"/>'s <c>IHeaderDictionary</c> type for a compilation (null when ASP.NET Core is absent).</summary>
        public static INamedTypeSymbol? HeaderDictionaryType(Compilation compilation) => compilation.GetTypeByMetadataName(HeaderDictionaryName);

        /// <summary>The header name that <paramref name="value"/> holds: a constant string, or a <c>HeaderNames.X</c> field.</summary>
        public static string? HeaderName(IOperation value, CancellationToken cancellationToken)
        {
            IOperation operation = ConstantValueAnalysis.WalkDownConversions(value);
            if (operation is IFieldReferenceOperation { Field: { ContainingType: { Name: "HeaderNames" } containing } field }
                && containing.ContainingNamespace?.ToDisplayString() == "Microsoft.Net.Http.Headers")
            {
                return field.HasConstantValue && field.ConstantValue is string constant ? constant : NameFromMember(field.Name);
            }

            return ConstantDataAnalysis.TryGetConstantString(operation, cancellationToken, out string text) ? text : null;
        }

        /// <summary>
        /// The constant texts of a header value: one for a constant string, several for a constant array or
        /// <c>new StringValues(new[] { … })</c>; false when any part is not constant.
        /// </summary>
        public static bool TryGetConstantValues(IOperation value, CancellationToken cancellationToken, out List<string> texts)
        {
            texts = new List<string>();
            IOperation operation = UnwrapStringValues(value);
            if (ConstantDataAnalysis.TryGetConstantString(operation, cancellationToken, out string single))
            {
                texts.Add(single);
                return true;
            }

            IArrayInitializerOperation? initializer = operation switch
            {
                IArrayCreationOperation array => array.Initializer,
                IArrayInitializerOperation direct => direct,
                _ => null,
            };
            if (initializer is null || initializer.ElementValues.Length == 0)
            {
                return false;
            }

            foreach (IOperation element in initializer.ElementValues)
            {
                if (!ConstantDataAnalysis.TryGetConstantString(element, cancellationToken, out string text))
                {
                    return false;
                }

                texts.Add(text);
            }

            return true;
        }

        private static bool TryGetInvocationWrite(IInvocationOperation invocation, INamedTypeSymbol headerDictionary, CancellationToken cancellationToken, out ResponseHeaderWrite write)
        {
            write = default;
            IMethodSymbol method = invocation.TargetMethod;
            if (!(method.Name is "Append" or "Add" or "TryAdd" or "AppendCommaSeparatedValues" or "SetCommaSeparatedValues"))
            {
                return false;
            }

            IOperation? receiver = method.IsExtensionMethod
                ? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)
                : invocation.Instance;
            if (receiver is null || !IsHeaderDictionary(ConstantValueAnalysis.WalkDownConversions(receiver).Type, headerDictionary))
            {
                return false;
            }

            IArgumentOperation? key = OperationHelpers.FindArgument(invocation.Arguments, "key");
            IArgumentOperation? value = OperationHelpers.FindArgument(invocation.Arguments, "value")
                ?? OperationHelpers.FindArgument(invocation.Arguments, "values");
            if (key is null || value is null || HeaderName(key.Value, cancellationToken) is not { } name)
            {
                return false;
            }

            write = new ResponseHeaderWrite(name, value.Value);
            return true;
        }

        private static bool IsHeaderDictionary(ITypeSymbol? type, INamedTypeSymbol headerDictionary)
            => OperationHelpers.Implements(type, headerDictionary);

        /// <summary>Strips <c>string</c> → <c>StringValues</c> conversions and <c>new StringValues(x)</c>.</summary>
        internal static IOperation UnwrapStringValues(IOperation value)
        {
            IOperation operation = value;
            for (int i = 0; i < 4; i++)
            {
                operation = ConstantValueAnalysis.WalkDownConversions(operation);
                if (operation is IConversionOperation { OperatorMethod.ContainingType.Name: "StringValues" } conversion)
                {
                    operation = conversion.Operand;
                }
                else if (operation is IObjectCreationOperation { Type.Name: "StringValues", Arguments.Length: 1 } creation)
                {
                    operation = creation.Arguments[0].Value;
                }
                else
                {
                    break;
                }
            }

            return operation;
        }

        /// <summary><c>ContentSecurityPolicy</c> → <c>content-security-policy</c>, <c>XFrameOptions</c> → <c>x-frame-options</c>.</summary>
        private static string NameFromMember(string member)
        {
            var builder = new StringBuilder();
            foreach (string word in SecurityValueNames.SplitWords(member))
            {
                if (builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(word);
            }

            return builder.ToString();
        }
    }
}

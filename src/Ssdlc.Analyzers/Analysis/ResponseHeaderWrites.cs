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
        public static INamedTypeSymbol? HeaderDictionaryType(Compilation compilation) => WellKnownTypes.For(compilation).Get(HeaderDictionaryName);

        /// <summary>The header name that <paramref name="value"/> holds: a constant string, or a <c>HeaderNames.X</c> field.</summary>
        public static string? HeaderName(IOperation value, CancellationToken cancellationToken)
        {
            IOperation operation = ConstantValueAnalysis.WalkDownConversions(value);
            if (operation is IFieldReferenceOperation { Field: { ContainingType: { Name: "HeaderNames" } containing } field }
                && SymbolNames.IsNamespace(containing.ContainingNamespace, "Microsoft.Net.Http.Headers"))
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
            if (TryGetText(operation, cancellationToken, 0, out string single))
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
                if (!TryGetText(element, cancellationToken, 0, out string text))
                {
                    return false;
                }

                texts.Add(text);
            }

            return true;
        }

        /// <summary>
        /// The text of a value built only from constants: what <see cref="ConstantDataAnalysis.TryGetConstantString"/> accepts,
        /// plus concatenation, interpolation and <c>string.Join</c>/<c>string.Concat</c> of such values, and a local written
        /// once with one (policies are often assembled from one directive per line).
        /// </summary>
        private static bool TryGetText(IOperation value, CancellationToken cancellationToken, int depth, out string text)
        {
            text = string.Empty;
            if (depth > 16)
            {
                return false;
            }

            if (ConstantDataAnalysis.TryGetConstantString(value, cancellationToken, out text))
            {
                return true;
            }

            IOperation operation = ConstantValueAnalysis.WalkDownConversions(value);
            int next = depth + 1;
            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, OperatorMethod: null } binary:
                    if (TryGetText(binary.LeftOperand, cancellationToken, next, out string left)
                        && TryGetText(binary.RightOperand, cancellationToken, next, out string right))
                    {
                        text = left + right;
                        return true;
                    }

                    return false;
                case IInterpolatedStringOperation interpolated:
                    var builder = new StringBuilder();
                    foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string literal } })
                        {
                            builder.Append(literal);
                        }
                        else if (part is IInterpolationOperation { Alignment: null, FormatString: null } hole
                                 && TryGetText(hole.Expression, cancellationToken, next, out string inner))
                        {
                            builder.Append(inner);
                        }
                        else
                        {
                            return false;
                        }
                    }

                    text = builder.ToString();
                    return true;
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Join" or "Concat", ContainingType.SpecialType: SpecialType.System_String } } call:
                    return TryJoin(call, cancellationToken, next, out text);
                case ILocalReferenceOperation local when SingleInitializer(local) is { } initializer:
                    return TryGetText(initializer, cancellationToken, next, out text);
                default:
                    return false;
            }
        }

        private static bool TryJoin(IInvocationOperation call, CancellationToken cancellationToken, int depth, out string text)
        {
            text = string.Empty;
            string separator = string.Empty;
            var parts = new List<string>();
            foreach (IArgumentOperation argument in call.Arguments)
            {
                IOperation value = ConstantValueAnalysis.WalkDownConversions(argument.Value);
                if (call.TargetMethod.Name == "Join" && argument.Parameter?.Ordinal == 0)
                {
                    if (value.ConstantValue is { HasValue: true, Value: string s })
                    {
                        separator = s;
                    }
                    else if (value.ConstantValue is { HasValue: true, Value: char c })
                    {
                        separator = c.ToString();
                    }
                    else
                    {
                        return false;
                    }

                    continue;
                }

                IArrayInitializerOperation? elements = value switch
                {
                    IArrayCreationOperation array => array.Initializer,
                    _ => null,
                };
                if (elements is not null)
                {
                    foreach (IOperation element in elements.ElementValues)
                    {
                        if (!TryGetText(element, cancellationToken, depth, out string item))
                        {
                            return false;
                        }

                        parts.Add(item);
                    }
                }
                else if (TryGetText(value, cancellationToken, depth, out string item))
                {
                    parts.Add(item);
                }
                else
                {
                    return false;
                }
            }

            text = string.Join(call.TargetMethod.Name == "Join" ? separator : string.Empty, parts);
            return true;
        }

        /// <summary>The initializer of a local that is never written again in its member, or null.</summary>
        private static IOperation? SingleInitializer(ILocalReferenceOperation reference)
        {
            ILocalSymbol local = reference.Local;
            if (local.IsRef)
            {
                return null;
            }

            IOperation? initializer = null;
            foreach (IOperation operation in OperationHelpers.Root(reference).Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                        break;
                    case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local) && IsWritten(other):
                        return null;
                }
            }

            return initializer;
        }

        private static bool IsWritten(ILocalReferenceOperation reference)
        {
            IOperation? parent = reference.Parent;
            return parent switch
            {
                IAssignmentOperation assignment => ReferenceEquals(assignment.Target, reference),
                IIncrementOrDecrementOperation => true,
                IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
                ITupleOperation or IDeclarationExpressionOperation => true,
                _ => false,
            };
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

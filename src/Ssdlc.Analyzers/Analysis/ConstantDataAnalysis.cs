using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Decides whether a byte sequence (a key, an IV) is written in the source, and how long it is:
    /// <c>new byte[] { 1, 2, … }</c>, collection expressions of constants, <c>"…"u8</c> (and <c>.ToArray()</c>),
    /// <c>Encoding.*.GetBytes(constant)</c>, <c>Convert.FromBase64String(constant)</c>, <c>Convert.FromHexString(constant)</c>;
    /// followed through locals every write of which is such data, and through fields and get-only properties (in any file)
    /// whose only value in the compilation is (their initialiser, expression body or single assignment).
    /// Also reads constant strings through locals and fields (<see cref="TryGetConstantString"/>).
    /// </summary>
    internal static class ConstantDataAnalysis
    {
        /// <summary>Length reported when the data is constant but its size cannot be worked out.</summary>
        public const int UnknownLength = -1;

        private const int MaxDepth = 16;

        /// <summary>True when <paramref name="value"/> is byte data written in the source; <paramref name="length"/> in bytes or <see cref="UnknownLength"/>.</summary>
        public static bool IsConstantByteData(IOperation value, CancellationToken cancellationToken, out int length)
            => new Walker(cancellationToken).IsConstantBytes(value, 0, out length);

        public static bool IsConstantByteData(IOperation value, CancellationToken cancellationToken)
            => IsConstantByteData(value, cancellationToken, out _);

        /// <summary>The value of a string that is a compile-time constant, or a local or field only ever set to one.</summary>
        public static bool TryGetConstantString(IOperation value, CancellationToken cancellationToken, out string text)
            => new Walker(cancellationToken).TryGetString(value, 0, out text);

        private sealed class Walker
        {
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<ISymbol> _visiting = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public Walker(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

            public bool IsConstantBytes(IOperation? value, int depth, out int length)
            {
                length = UnknownLength;
                if (value is null || depth > MaxDepth)
                {
                    return false;
                }

                value = Unwrap(value);
                if (value.Syntax is CollectionExpressionSyntax collection)
                {
                    return IsConstantCollection(value, collection, out length);
                }

                switch (value)
                {
                    case IArrayCreationOperation array:
                        if (array.Initializer is null || array.Initializer.ElementValues.Length == 0
                            || !array.Initializer.ElementValues.All(e => e.ConstantValue.HasValue))
                        {
                            return false;
                        }

                        length = array.Initializer.ElementValues.Length;
                        return true;
                    case IArrayInitializerOperation initializer:
                        // byte[] key = { 1, 2, 3 }; in a field declaration
                        if (initializer.ElementValues.Length == 0 || !initializer.ElementValues.All(e => e.ConstantValue.HasValue))
                        {
                            return false;
                        }

                        length = initializer.ElementValues.Length;
                        return true;
                    case IUtf8StringOperation utf8:
                        length = System.Text.Encoding.UTF8.GetByteCount(utf8.Value);
                        return true;
                    case IInvocationOperation invocation:
                        return IsConstantBytesCall(invocation, depth, out length);
                    case ILocalReferenceOperation local:
                        return IsConstantLocal(local, depth, out length);
                    case IFieldReferenceOperation field:
                        return IsConstantMember(field.Field, field, depth, out length);
                    case IPropertyReferenceOperation property when property.Arguments.Length == 0:
                        return IsConstantMember(property.Property, property, depth, out length);
                    default:
                        return false;
                }
            }

            /// <summary>Strips built-in conversions and the implicit byte[] → (ReadOnly)Span/Memory conversions.</summary>
            private static IOperation Unwrap(IOperation value)
            {
                while (true)
                {
                    value = ConstantValueAnalysis.WalkDownConversions(value);
                    if (value is IConversionOperation { OperatorMethod: { ContainingType.Name: "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory" or "ArraySegment" } } conversion)
                    {
                        value = conversion.Operand;
                        continue;
                    }

                    return value;
                }
            }

            private bool IsConstantCollection(IOperation value, CollectionExpressionSyntax collection, out int length)
            {
                length = UnknownLength;
                SemanticModel? model = value.SemanticModel;
                if (model is null || collection.Elements.Count == 0)
                {
                    return false;
                }

                foreach (CollectionElementSyntax element in collection.Elements)
                {
                    if (!(element is ExpressionElementSyntax expression)
                        || !model.GetConstantValue(expression.Expression, _cancellationToken).HasValue)
                    {
                        return false;
                    }
                }

                length = collection.Elements.Count;
                return true;
            }

            private bool IsConstantBytesCall(IInvocationOperation invocation, int depth, out int length)
            {
                length = UnknownLength;
                IMethodSymbol method = invocation.TargetMethod;
                INamedTypeSymbol? type = method.ContainingType;
                if (type is null)
                {
                    return false;
                }

                // "…"u8.ToArray(), key.AsSpan(), bytes.ToArray()
                if (method.Name is "ToArray" or "AsSpan" or "AsMemory" or "Clone")
                {
                    IOperation? source = invocation.Instance ?? (invocation.Arguments.Length > 0 && method.IsExtensionMethod ? invocation.Arguments[0].Value : null);
                    return method.Parameters.Length <= (invocation.Instance is null ? 1 : 0) && IsConstantBytes(source, depth + 1, out length);
                }

                if (invocation.Arguments.Length != 1)
                {
                    return false;
                }

                string text;
                if (method.Name == "GetBytes" && DerivesFrom(type, "System.Text.Encoding")
                    && invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
                {
                    if (TryGetString(invocation.Arguments[0].Value, depth + 1, out text))
                    {
                        length = EncodedLength(invocation.Instance, text);
                        return true;
                    }

                    return ConstantValueAnalysis.IsConstant(invocation.Arguments[0].Value, _cancellationToken);
                }

                if (type.Name == "Convert" && (method.Name == "FromBase64String" || method.Name == "FromHexString")
                    && SymbolNames.IsNamespace(type.ContainingNamespace, "System"))
                {
                    if (!TryGetString(invocation.Arguments[0].Value, depth + 1, out text))
                    {
                        return ConstantValueAnalysis.IsConstant(invocation.Arguments[0].Value, _cancellationToken);
                    }

                    length = method.Name == "FromHexString" ? text.Length / 2 : Base64Length(text);
                    return true;
                }

                return false;
            }

            private static int EncodedLength(IOperation? encoding, string text)
            {
                if (encoding is null)
                {
                    return UnknownLength;
                }

                string? name = (ConstantValueAnalysis.WalkDownConversions(encoding) as IPropertyReferenceOperation)?.Property.Name;
                return name switch
                {
                    "UTF8" => System.Text.Encoding.UTF8.GetByteCount(text),
                    "ASCII" or "Latin1" => text.Length,
                    "Unicode" or "BigEndianUnicode" => text.Length * 2,
                    "UTF32" => text.Length * 4,
                    _ => UnknownLength,
                };
            }

            private static int Base64Length(string text)
            {
                try
                {
                    return Convert.FromBase64String(text).Length;
                }
                catch (FormatException)
                {
                    return UnknownLength;
                }
            }

            public bool TryGetString(IOperation? value, int depth, out string text)
            {
                text = string.Empty;
                if (value is null || depth > MaxDepth)
                {
                    return false;
                }

                value = ConstantValueAnalysis.WalkDownConversions(value);
                if (value.ConstantValue is { HasValue: true, Value: string constant })
                {
                    text = constant;
                    return true;
                }

                IOperation? source = null;
                switch (value)
                {
                    case ILocalReferenceOperation local:
                        source = SingleWrite(local.Local, local);
                        break;
                    case IFieldReferenceOperation field:
                        source = MemberInitializer(field.Field, value);
                        break;
                    case IPropertyReferenceOperation property when property.Arguments.Length == 0:
                        source = MemberInitializer(property.Property, value);
                        break;
                }

                if (source is null || !Enter(value))
                {
                    return false;
                }

                try
                {
                    return TryGetString(source, depth + 1, out text);
                }
                finally
                {
                    Leave(value);
                }
            }

            private bool IsConstantLocal(ILocalReferenceOperation reference, int depth, out int length)
            {
                length = UnknownLength;
                ILocalSymbol local = reference.Local;
                if (local.IsRef || !Enter(reference))
                {
                    return false;
                }

                try
                {
                    List<IOperation>? writes = Writes(local, reference);
                    if (writes is null || writes.Count == 0)
                    {
                        return false;
                    }

                    int? agreed = null;
                    foreach (IOperation write in writes)
                    {
                        if (!IsConstantBytes(write, depth + 1, out int writeLength))
                        {
                            return false;
                        }

                        agreed = agreed is null || agreed == writeLength ? writeLength : UnknownLength;
                    }

                    length = agreed ?? UnknownLength;
                    return true;
                }
                finally
                {
                    Leave(reference);
                }
            }

            private bool IsConstantMember(ISymbol member, IOperation reference, int depth, out int length)
            {
                length = UnknownLength;
                IOperation? initializer = MemberInitializer(member, reference);
                if (initializer is null || !Enter(reference))
                {
                    return false;
                }

                try
                {
                    return IsConstantBytes(initializer, depth + 1, out length);
                }
                finally
                {
                    Leave(reference);
                }
            }

            private bool Enter(IOperation reference)
            {
                ISymbol? symbol = Symbol(reference);
                return symbol is not null && _visiting.Add(symbol);
            }

            private void Leave(IOperation reference)
            {
                ISymbol? symbol = Symbol(reference);
                if (symbol is not null)
                {
                    _visiting.Remove(symbol);
                }
            }

            private static ISymbol? Symbol(IOperation reference) => reference switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };

            /// <summary>The only value ever written to <paramref name="local"/>, or null.</summary>
            private static IOperation? SingleWrite(ILocalSymbol local, IOperation reference) => LocalWrites.Of(reference).SingleValue(local);

            /// <summary>Every value written to the local in its member; null when it is written in a way not followed (ref, out, ++, deconstruction).</summary>
            private static List<IOperation>? Writes(ILocalSymbol local, IOperation reference)
            {
                var writes = new List<IOperation>();
                foreach (LocalWrite write in LocalWrites.Of(reference).For(local))
                {
                    switch (write.Kind)
                    {
                        case LocalWriteKind.Declaration:
                            break;
                        case LocalWriteKind.Initializer:
                        case LocalWriteKind.Assignment:
                            writes.Add(write.Value!);
                            break;
                        default:
                            return null;
                    }
                }

                return writes;
            }

            /// <summary>
            /// The only value a field or get-only property (or one with a private setter) is ever given in the compilation:
            /// its initialiser or expression body, or the one assignment that sets it (<see cref="SourceIndex.WritesOf"/>);
            /// otherwise null.
            /// </summary>
            private IOperation? MemberInitializer(ISymbol member, IOperation reference)
            {
                SemanticModel? model = reference.SemanticModel;
                if (model is null || member.DeclaringSyntaxReferences.Length != 1)
                {
                    return null;
                }

                bool writable = member switch
                {
                    IFieldSymbol field => !field.IsReadOnly && !field.IsConst && field.DeclaredAccessibility != Accessibility.Private,
                    IPropertySymbol property => property.SetMethod is not null && property.SetMethod.DeclaredAccessibility != Accessibility.Private,
                    _ => true,
                };
                if (writable)
                {
                    return null;
                }

                MemberWrites writes = SourceIndex.For(model.Compilation).WritesOf(member, _cancellationToken);
                return writes.IsComplete && writes.Values.Count == 1 ? writes.Values[0] : null;
            }

            private static bool DerivesFrom(INamedTypeSymbol type, string fullName)
            {
                for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolNames.DisplaysAs(current, fullName))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}

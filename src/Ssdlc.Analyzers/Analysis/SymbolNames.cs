using System;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Whether a namespace or a type has a given dotted name, compared name by name from the innermost symbol outwards
    /// with ordinal comparisons and without building a string. The rules ask this for every invocation and object creation
    /// of a compilation; <c>ContainingNamespace.ToDisplayString() == "System.IO"</c> allocated a string each time.
    /// The global namespace and null match no name.
    /// </summary>
    internal static class SymbolNames
    {
        /// <summary>
        /// True when <paramref name="ns"/> is exactly the namespace <paramref name="dottedName"/> (<c>System.IO</c>): not a
        /// namespace nested in it, nor a namespace of the same name under another root (<c>Foo.System.IO</c>).
        /// </summary>
        public static bool IsNamespace(INamespaceSymbol? ns, string dottedName)
            => ns is not null && !ns.IsGlobalNamespace && MatchesNamespaceSuffix(ns, dottedName, dottedName.Length);

        /// <summary>True when <paramref name="ns"/> is exactly one of the namespaces <paramref name="dottedNames"/>.</summary>
        public static bool IsNamespace(INamespaceSymbol? ns, string[] dottedNames)
        {
            foreach (string dottedName in dottedNames)
            {
                if (IsNamespace(ns, dottedName))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="ns"/> is the namespace <paramref name="dottedName"/> or is nested in it
        /// (<c>Microsoft.AspNetCore</c> contains <c>Microsoft.AspNetCore.Http</c> but not <c>Microsoft.AspNetCoreX</c>).
        /// </summary>
        public static bool IsInNamespace(INamespaceSymbol? ns, string dottedName)
        {
            for (INamespaceSymbol? current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                if (MatchesNamespaceSuffix(current, dottedName, dottedName.Length))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <c>type.ToDisplayString() == fullName</c> for a <paramref name="fullName"/> without type arguments
        /// (<c>System.Net.Sockets.TcpClient</c>, <c>Namespace.Outer.Inner</c> for a nested type), without building the
        /// display string. As with the display string, a generic type (or a type nested in one) matches no such name, nor
        /// does a type annotated nullable (<c>Uri?</c> displays as <c>System.Uri?</c>) or a type C# writes with a keyword
        /// (<c>System.String</c> displays as <c>string</c>, <c>System.Decimal.DecCalc</c> as <c>decimal.DecCalc</c>).
        /// </summary>
        public static bool DisplaysAs(ITypeSymbol? type, string fullName)
        {
            if (!(type is INamedTypeSymbol current) || type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                return false;
            }

            int end = fullName.Length;
            while (true)
            {
                if (current.Arity != 0
                    || !MatchesSegment(current.Name, fullName, end, out int start)
                    || current.IsNativeIntegerType
                    || HasKeyword(current.SpecialType))
                {
                    return false;
                }

                INamedTypeSymbol? containing = current.ContainingType;
                if (containing is null)
                {
                    INamespaceSymbol? ns = current.ContainingNamespace;
                    return ns is null || ns.IsGlobalNamespace
                        ? start == 0
                        : start > 0 && fullName[start - 1] == '.' && MatchesNamespaceSuffix(ns, fullName, start - 1);
                }

                if (start == 0 || fullName[start - 1] != '.')
                {
                    return false;
                }

                current = containing;
                end = start - 1;
            }
        }

        /// <summary>
        /// True when <paramref name="type"/> is named <paramref name="name"/> (whatever its type parameters) and its
        /// namespace is exactly <paramref name="dottedNamespace"/>: <c>type.Name == name</c> first, then the namespace.
        /// A nested type's namespace is that of its outermost containing type.
        /// </summary>
        public static bool IsType(ITypeSymbol? type, string dottedNamespace, string name)
            => type is not null
               && string.Equals(type.Name, name, StringComparison.Ordinal)
               && IsNamespace(type.ContainingNamespace, dottedNamespace);

        /// <summary>
        /// True when <c>dottedName[0..end]</c> is the full name of the (non-global) namespace <paramref name="ns"/>.
        /// </summary>
        private static bool MatchesNamespaceSuffix(INamespaceSymbol ns, string dottedName, int end)
        {
            for (INamespaceSymbol current = ns; ; )
            {
                if (!MatchesSegment(current.Name, dottedName, end, out int start))
                {
                    return false;
                }

                INamespaceSymbol? parent = current.ContainingNamespace;
                if (parent is null || parent.IsGlobalNamespace)
                {
                    return start == 0;
                }

                if (start == 0 || dottedName[start - 1] != '.')
                {
                    return false;
                }

                current = parent;
                end = start - 1;
            }
        }

        /// <summary>The special types C# writes with a keyword (<c>int</c>, <c>string</c>, <c>object</c>) in a display string.</summary>
        private static bool HasKeyword(SpecialType type)
        {
            switch (type)
            {
                case SpecialType.System_Object:
                case SpecialType.System_Void:
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Decimal:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_String:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>True when <paramref name="text"/> ends at <paramref name="end"/> with the non-empty <paramref name="name"/>.</summary>
        private static bool MatchesSegment(string name, string text, int end, out int start)
        {
            start = end - name.Length;
            return name.Length > 0 && start >= 0 && string.CompareOrdinal(text, start, name, 0, name.Length) == 0;
        }
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// The types the rules look for, resolved once per compilation and shared by every analyzer (a lookup by metadata name
    /// walks every referenced assembly): <c>WellKnownTypes.For(compilation).Get("System.Text.Encoding")</c>, null when the
    /// compilation does not reference it. Also the base-type and interface tests the rules need, in one place.
    /// </summary>
    internal sealed class WellKnownTypes
    {
        private static readonly ConditionalWeakTable<Compilation, WellKnownTypes> Cache = new ConditionalWeakTable<Compilation, WellKnownTypes>();

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new ConcurrentDictionary<string, INamedTypeSymbol?>();

        private WellKnownTypes(Compilation compilation) => _compilation = compilation;

        public static WellKnownTypes For(Compilation compilation) => Cache.GetValue(compilation, c => new WellKnownTypes(c));

        /// <summary>The type with this metadata name (<c>Namespace.Type</c>, <c>Namespace.Outer+Inner</c>, <c>Type`1</c>), or null.</summary>
        public INamedTypeSymbol? Get(string metadataName) => _types.GetOrAdd(metadataName, name => _compilation.GetTypeByMetadataName(name));

        /// <summary>True when <paramref name="type"/> is, derives from or implements the type named <paramref name="metadataName"/>.</summary>
        public bool Is(ITypeSymbol? type, string metadataName)
        {
            INamedTypeSymbol? target = Get(metadataName);
            return target is not null
                && (target.TypeKind == TypeKind.Interface ? OperationHelpers.Implements(type, target) : OperationHelpers.IsOrDerivesFrom(type, target));
        }
    }
}

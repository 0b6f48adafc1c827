using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>Symbols gathered concurrently, put back in source order so that compilation-end reports are deterministic.</summary>
    internal static class SourceOrder
    {
        public static IEnumerable<T> Of<T>(IEnumerable<T> symbols)
            where T : ISymbol
            => symbols
                .Distinct<T>(new SymbolComparer<T>())
                .OrderBy(s => s.Locations.Length > 0 ? s.Locations[0].SourceTree?.FilePath ?? string.Empty : string.Empty, StringComparer.Ordinal)
                .ThenBy(s => s.Locations.Length > 0 ? s.Locations[0].SourceSpan.Start : 0);

        /// <summary>Orders locations by file path, then position.</summary>
        public static int Compare(Location a, Location b)
        {
            int byFile = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
            return byFile != 0 ? byFile : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
        }

        private sealed class SymbolComparer<T> : IEqualityComparer<T>
            where T : ISymbol
        {
            public bool Equals(T? x, T? y) => SymbolEqualityComparer.Default.Equals(x, y);

            public int GetHashCode(T obj) => SymbolEqualityComparer.Default.GetHashCode(obj);
        }
    }
}

using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// What a minimal API endpoint is, for every rule: a call of ASP.NET Core's <c>MapGet</c>, <c>MapPost</c>, <c>MapPut</c>,
    /// <c>MapDelete</c>, <c>MapPatch</c>, <c>MapMethods</c>, <c>Map</c> or <c>MapFallback</c> with a handler delegate, on the
    /// application or a route group. Request data (<see cref="RequestDerivedAnalysis"/>) and authorization and antiforgery
    /// coverage (<see cref="EndpointCoverageCollector"/>) use this one definition.
    /// </summary>
    internal static class MinimalApiMappings
    {
        public static readonly ImmutableHashSet<string> MethodNames = ImmutableHashSet.Create(
            StringComparer.Ordinal, "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "Map", "MapFallback");

        /// <summary>A fallback endpoint answers every request no other endpoint matches (a single-page app's shell, a not-found page).</summary>
        public const string FallbackMethod = "MapFallback";

        /// <summary>One of the mapping methods, declared by ASP.NET Core (not an application's own method of the same name).</summary>
        public static bool IsFrameworkMapMethod(IMethodSymbol method)
            => MethodNames.Contains(method.Name)
               && SymbolNames.IsInNamespace(method.ContainingNamespace, "Microsoft.AspNetCore");
    }
}

using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// File-system APIs that take a path: <c>File.*</c>, <c>Directory.*</c>, <c>FileStream</c>/<c>FileInfo</c>/<c>DirectoryInfo</c>/
    /// <c>StreamReader</c>/<c>StreamWriter</c> constructors, <c>ControllerBase.PhysicalFile</c>, <c>new PhysicalFileResult</c>,
    /// <c>Results/TypedResults.File/PhysicalFile</c> with a path, <c>ZipArchiveEntry/TarEntry.ExtractToFile</c>. Shared by the
    /// path rules (SSDLC0203, SSDLC0301).
    /// </summary>
    internal static class FileApiSinks
    {
        /// <summary>
        /// Calls <paramref name="report"/> for each path argument of a file API at <paramref name="operation"/>, with
        /// <paramref name="state"/>: the rules call this for every invocation and creation, so nothing is allocated for the others.
        /// </summary>
        public static void ForEachPathArgument<TState>(IOperation operation, TState state, Action<TState, IArgumentOperation, string> report)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    string? api = InvocationApi(invocation.TargetMethod);
                    if (api is not null)
                    {
                        ForEachPath(invocation.Arguments, api, state, report);
                    }

                    break;
                case IObjectCreationOperation { Type: INamedTypeSymbol type } creation when IsPathConstructedType(type):
                    ForEachPath(creation.Arguments, "new " + type.Name, state, report);
                    break;
            }
        }

        private static string? InvocationApi(IMethodSymbol method)
        {
            INamedTypeSymbol? type = method.ContainingType;
            if (type is null)
            {
                return null;
            }

            INamespaceSymbol? ns = type.ContainingNamespace;
            if (method.IsStatic && type.Name is "File" or "Directory" && SymbolNames.IsNamespace(ns, "System.IO"))
            {
                return type.Name + "." + method.Name;
            }

            if (method.Name == "PhysicalFile" && type.Name is "ControllerBase" or "PageModel" && SymbolNames.IsNamespace(ns, "Microsoft.AspNetCore.Mvc"))
            {
                return method.Name;
            }

            if (method.Name == "PhysicalFile" && SymbolNames.IsNamespace(ns, "Microsoft.AspNetCore.Mvc.RazorPages"))
            {
                return method.Name;
            }

            if (type.Name is "Results" or "TypedResults" && method.Name is "File" or "PhysicalFile" && SymbolNames.IsNamespace(ns, "Microsoft.AspNetCore.Http"))
            {
                return type.Name + "." + method.Name;
            }

            // entry.ExtractToFile(destinationFileName): ZipArchiveEntry (an extension method) and TarEntry.
            if (method.Name is "ExtractToFile" or "ExtractToFileAsync"
                && (SymbolNames.IsType(type, "System.IO.Compression", "ZipFileExtensions") || SymbolNames.IsType(type, "System.Formats.Tar", "TarEntry")))
            {
                return (type.Name == "TarEntry" ? "TarEntry." : "ZipArchiveEntry.") + method.Name;
            }

            return null;
        }

        private static bool IsPathConstructedType(INamedTypeSymbol type)
        {
            return (type.Name is "FileStream" or "FileInfo" or "DirectoryInfo" or "StreamReader" or "StreamWriter"
                    && SymbolNames.IsNamespace(type.ContainingNamespace, "System.IO"))
                || SymbolNames.IsType(type, "Microsoft.AspNetCore.Mvc", "PhysicalFileResult");
        }

        private static void ForEachPath<TState>(
            System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string api, TState state, Action<TState, IArgumentOperation, string> report)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter
                    && IsPathParameter(parameter.Name))
                {
                    report(state, argument, api);
                }
            }
        }

        private static bool IsPathParameter(string name)
            => name.IndexOf("path", StringComparison.OrdinalIgnoreCase) >= 0
               || name.EndsWith("FileName", StringComparison.OrdinalIgnoreCase)
               || name.EndsWith("DirName", StringComparison.OrdinalIgnoreCase)
               || name == "fileName";
    }
}

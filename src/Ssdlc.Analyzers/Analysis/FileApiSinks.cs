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
        /// <summary>Calls <paramref name="report"/> for each path argument of a file API at <paramref name="operation"/>.</summary>
        public static void ForEachPathArgument(IOperation operation, Action<IArgumentOperation, string> report)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    string? api = InvocationApi(invocation.TargetMethod);
                    if (api is not null)
                    {
                        ForEachPath(invocation.Arguments, api, report);
                    }

                    break;
                case IObjectCreationOperation { Type: INamedTypeSymbol type } creation when IsPathConstructedType(type):
                    ForEachPath(creation.Arguments, "new " + type.Name, report);
                    break;
            }
        }

        private static string? InvocationApi(IMethodSymbol method)
        {
            INamedTypeSymbol? type = method.ContainingType;
            string ns = type?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (type is null)
            {
                return null;
            }

            if (ns == "System.IO" && method.IsStatic && type.Name is "File" or "Directory")
            {
                return type.Name + "." + method.Name;
            }

            if (ns == "Microsoft.AspNetCore.Mvc" && method.Name == "PhysicalFile" && type.Name is "ControllerBase" or "PageModel")
            {
                return method.Name;
            }

            if (ns == "Microsoft.AspNetCore.Mvc.RazorPages" && method.Name == "PhysicalFile")
            {
                return method.Name;
            }

            if (ns == "Microsoft.AspNetCore.Http" && type.Name is "Results" or "TypedResults" && method.Name is "File" or "PhysicalFile")
            {
                return type.Name + "." + method.Name;
            }

            // entry.ExtractToFile(destinationFileName): ZipArchiveEntry (an extension method) and TarEntry.
            if (method.Name is "ExtractToFile" or "ExtractToFileAsync"
                && ((ns == "System.IO.Compression" && type.Name == "ZipFileExtensions") || (ns == "System.Formats.Tar" && type.Name == "TarEntry")))
            {
                return (type.Name == "TarEntry" ? "TarEntry." : "ZipArchiveEntry.") + method.Name;
            }

            return null;
        }

        private static bool IsPathConstructedType(INamedTypeSymbol type)
        {
            string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return (ns == "System.IO" && type.Name is "FileStream" or "FileInfo" or "DirectoryInfo" or "StreamReader" or "StreamWriter")
                || (ns == "Microsoft.AspNetCore.Mvc" && type.Name == "PhysicalFileResult");
        }

        private static void ForEachPath(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string api, Action<IArgumentOperation, string> report)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter
                    && IsPathParameter(parameter.Name))
                {
                    report(argument, api);
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

using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Ssdlc.Detection.Rules
{
    /// <summary>
    /// Where a rule's page is. Both packages ship every page as <c>docs/rules/&lt;ID&gt;.md</c>; the help link is the page
    /// at the public address the packages were packed with (<see cref="RuleCatalog.HelpLinkBase"/>), else the page shipped
    /// in the package. Paths and addresses only: the callers (analyzers, build tasks) look at the file system themselves.
    /// </summary>
    internal static class RulePages
    {
        /// <summary>The key of the assembly metadata that carries the pack-time property <c>SsdlcHelpLinkBase</c>.</summary>
        public const string HelpLinkBaseMetadataKey = "SsdlcHelpLinkBase";

        /// <summary>The packages that ship the pages, as NuGet's global packages folder names them (lower case).</summary>
        public static readonly IReadOnlyList<string> PackageFolderNames = new[] { "ssdlc.analyzers", "ssdlc.sdk" };

        /// <summary>Folders between a package's root and the analyzer assemblies (<c>analyzers/dotnet/cs</c>).</summary>
        public const int AnalyzerFolderDepth = 3;

        /// <summary>Folders between a package's root and the task assemblies (<c>tasks/net8.0</c>).</summary>
        public const int TaskFolderDepth = 2;

        /// <summary>The base address baked into <paramref name="assembly"/>, or null when there is none or it is malformed.</summary>
        public static string? ReadHelpLinkBase(Assembly assembly)
        {
            try
            {
                foreach (object attribute in assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), inherit: false))
                {
                    if (attribute is AssemblyMetadataAttribute metadata && metadata.Key == HelpLinkBaseMetadataKey)
                    {
                        return IsValidHelpLinkBase(metadata.Value) ? metadata.Value : null;
                    }
                }
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // Read in the catalog's static initializer: a failure there would take every rule with it.
            }

            return null;
        }

        /// <summary>
        /// The form a base address must have: http or https, a host (and port), path segments of unreserved characters,
        /// and a final '/'. Ssdlc.Detection.csproj checks the pack-time property against the same pattern.
        /// </summary>
        public const string HelpLinkBasePattern = "^https?://[A-Za-z0-9.-]+(:[0-9]+)?/([A-Za-z0-9._~+-]+/)*$";

        public static bool IsValidHelpLinkBase(string? value)
            => value != null && Regex.IsMatch(value, HelpLinkBasePattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        /// <summary>The package's pages folder (<c>docs/rules</c>).</summary>
        public static string PagesDirectory(string packageRoot) => Path.Combine(packageRoot, "docs", "rules");

        public static string PagePath(string pagesDirectory, string id) => Path.Combine(pagesDirectory, id + ".md");

        /// <summary>The root of the package an assembly ships in, <paramref name="folderDepth"/> folders above its own; null when the path is too short.</summary>
        public static string? PackageRoot(string? assemblyPath, int folderDepth)
        {
            if (string.IsNullOrEmpty(assemblyPath) || !Path.IsPathRooted(assemblyPath))
            {
                return null;
            }

            string? directory = Path.GetDirectoryName(assemblyPath);
            for (int i = 0; i < folderDepth && directory != null; i++)
            {
                directory = Path.GetDirectoryName(directory);
            }

            return directory;
        }

        /// <summary>NuGet's global packages folder: <c>NUGET_PACKAGES</c> when set, else <c>.nuget/packages</c> in the user's profile.</summary>
        public static string? GlobalPackagesFolder(string? nugetPackagesVariable, string? userProfile)
        {
            if (!string.IsNullOrWhiteSpace(nugetPackagesVariable))
            {
                return nugetPackagesVariable!.Trim();
            }

            return string.IsNullOrEmpty(userProfile) ? null : Path.Combine(userProfile, ".nuget", "packages");
        }

        /// <summary>Where the global packages folder holds the packages at <paramref name="version"/>, Ssdlc.Analyzers first.</summary>
        public static IEnumerable<string> GlobalPackageRoots(string? globalPackagesFolder, string? version)
        {
            if (string.IsNullOrEmpty(globalPackagesFolder) || string.IsNullOrEmpty(version) || !Path.IsPathRooted(globalPackagesFolder))
            {
                yield break;
            }

            foreach (string id in PackageFolderNames)
            {
                yield return Path.Combine(globalPackagesFolder, id, version!.ToLowerInvariant());
            }
        }

        /// <summary>The package version an assembly was built for (its informational version without the source revision).</summary>
        public static string? PackageVersion(Assembly assembly)
        {
            string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(version))
            {
                return null;
            }

            int plus = version!.IndexOf('+');
            return plus < 0 ? version : version.Substring(0, plus);
        }

        /// <summary>A <c>file:</c> address for a page on this machine.</summary>
        public static string FileLink(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
    }
}

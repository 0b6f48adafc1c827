using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Analyzers
{
    /// <summary>
    /// The help link of each descriptor: the rule's page at the public address the packages were packed with, else the
    /// page shipped in the package on this machine (a <c>file:</c> address), else none. Never a link to a page that does
    /// not exist.
    /// </summary>
    /// <remarks>
    /// The shipped page is found from this assembly's location (<c>analyzers/dotnet/cs</c> → package root →
    /// <c>docs/rules</c>). Compiler servers and IDEs often load analyzers from a shadow copy or from memory; then the
    /// package is looked up in NuGet's global packages folder at this assembly's own version. The lookup runs once,
    /// when the first descriptor is created, and any failure means "no link".
    /// </remarks>
    internal static class HelpLinks
    {
        private static readonly Lazy<string?> ShippedPages = new(FindShippedPages, LazyThreadSafetyMode.ExecutionAndPublication);

        public static string For(RuleInfo rule)
        {
            if (rule.PublicHelpLink != null)
            {
                return rule.PublicHelpLink;
            }

            return ShippedPages.Value is string pages ? PageLink(pages, rule.Id) : string.Empty;
        }

        /// <summary>The <c>file:</c> address of the page in <paramref name="pagesDirectory"/>, or empty when it is not there.</summary>
        internal static string PageLink(string pagesDirectory, string id)
        {
            try
            {
                string page = RulePages.PagePath(pagesDirectory, id);
#pragma warning disable RS1035 // Reads no source input: only checks that the shipped page a help link names exists (see FindPagesDirectory).
                return File.Exists(page) ? RulePages.FileLink(page) : string.Empty;
#pragma warning restore RS1035
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException || ex is UriFormatException || ex is System.Security.SecurityException)
            {
                return string.Empty;
            }
        }

        /// <summary>
        /// The shipped pages folder: next to the package this assembly was loaded from, else in the global packages folder
        /// (<paramref name="nugetPackagesVariable"/>, else the user's <c>.nuget/packages</c>) at <paramref name="version"/>;
        /// null when neither holds it.
        /// </summary>
        internal static string? FindPagesDirectory(string? assemblyPath, string? version, string? nugetPackagesVariable, string? userProfile)
        {
            try
            {
                string? ownRoot = RulePages.PackageRoot(assemblyPath, RulePages.AnalyzerFolderDepth);
                var roots = RulePages.GlobalPackageRoots(RulePages.GlobalPackagesFolder(nugetPackagesVariable, userProfile), version);
                if (ownRoot != null)
                {
                    roots = new[] { ownRoot }.Concat(roots);
                }

#pragma warning disable RS1035 // Analyzers must not read files: this is not an input of the analysis, only where the rule pages shipped with the package are, for the descriptors' help links.
                return roots.Select(RulePages.PagesDirectory).FirstOrDefault(Directory.Exists);
#pragma warning restore RS1035
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException || ex is System.Security.SecurityException)
            {
                return null;
            }
        }

        private static string? FindShippedPages()
        {
            try
            {
                Assembly assembly = typeof(HelpLinks).Assembly;
#pragma warning disable RS1035 // The environment tells where NuGet's global packages folder is (NUGET_PACKAGES, the user profile); see FindPagesDirectory.
                return FindPagesDirectory(
                    assembly.Location,
                    RulePages.PackageVersion(assembly),
                    Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
                    Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
#pragma warning restore RS1035
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return null;
            }
        }
    }
}

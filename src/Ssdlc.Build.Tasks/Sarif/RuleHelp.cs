using System;
using System.IO;
using System.Security;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Sarif
{
    /// <summary>
    /// A rule's help for SARIF: the link (the page at the public address the package was packed with, else the page
    /// shipped in this package as a <c>file:</c> address, else none) and the page's text, so that a code-scanning
    /// service shows the help whatever the link.
    /// </summary>
    internal sealed class RuleHelp
    {
        private readonly string? _pagesDirectory;
        private readonly string? _publicBase;

        public RuleHelp(string? pagesDirectory, string? publicBase)
        {
            _pagesDirectory = pagesDirectory;
            _publicBase = publicBase;
        }

        /// <summary>The pages shipped in the package this assembly was loaded from (<c>tasks/&lt;tfm&gt;</c> → package root → <c>docs/rules</c>).</summary>
        public static RuleHelp OfThisPackage()
        {
            string? pages = null;
            try
            {
                string? root = RulePages.PackageRoot(typeof(RuleHelp).Assembly.Location, RulePages.TaskFolderDepth);
                if (root != null && Directory.Exists(RulePages.PagesDirectory(root)))
                {
                    pages = RulePages.PagesDirectory(root);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException || ex is SecurityException)
            {
            }

            return new RuleHelp(pages, RuleCatalog.HelpLinkBase);
        }

        public string? Link(string id)
        {
            if (_publicBase != null)
            {
                return _publicBase + id + ".md";
            }

            string? page = Page(id);
            return page == null ? null : RulePages.FileLink(page);
        }

        /// <summary>The page's Markdown text (line ends normalised), or null when the package does not ship it.</summary>
        public string? Text(string id)
        {
            string? page = Page(id);
            if (page == null)
            {
                return null;
            }

            try
            {
                return File.ReadAllText(page).Replace("\r\n", "\n");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        private string? Page(string id)
        {
            if (_pagesDirectory == null)
            {
                return null;
            }

            string page = RulePages.PagePath(_pagesDirectory, id);
            return File.Exists(page) ? page : null;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>What the SBOM takes from a package's .nuspec: license, authors, description, repository, development dependency.</summary>
    internal sealed class NuspecInfo
    {
        public string? Authors { get; private set; }

        public string? Description { get; private set; }

        /// <summary><c>&lt;license type="expression"&gt;</c>: an SPDX expression.</summary>
        public string? LicenseExpression { get; private set; }

        /// <summary><c>&lt;license type="file"&gt;</c>: the license file's path inside the package.</summary>
        public string? LicenseFile { get; private set; }

        /// <summary><c>&lt;licenseUrl&gt;</c> (deprecated by NuGet, still the only license information of older packages).</summary>
        public string? LicenseUrl { get; private set; }

        public string? RepositoryUrl { get; private set; }

        public bool DevelopmentDependency { get; private set; }

        /// <summary>Finds and reads the package's .nuspec in the first package folder that has it; null when none can be read.</summary>
        public static NuspecInfo? Find(IReadOnlyList<string> packageFolders, string? libraryPath, string id)
        {
            if (string.IsNullOrEmpty(libraryPath))
            {
                return null;
            }

            foreach (string folder in packageFolders)
            {
                string dir = Path.Combine(folder, libraryPath!.Replace('/', Path.DirectorySeparatorChar));
                string file = Path.Combine(dir, id.ToLowerInvariant() + ".nuspec");
                if (!File.Exists(file))
                {
                    if (!Directory.Exists(dir))
                    {
                        continue;
                    }

                    file = Directory.EnumerateFiles(dir, "*.nuspec").OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault() ?? string.Empty;
                    if (file.Length == 0)
                    {
                        continue;
                    }
                }

                try
                {
                    return Read(file);
                }
                catch (Exception ex) when (ex is XmlException || ex is IOException || ex is UnauthorizedAccessException)
                {
                    return null;
                }
            }

            return null;
        }

        internal static NuspecInfo Read(string file)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            XDocument doc;
            using (XmlReader reader = XmlReader.Create(file, settings))
            {
                doc = XDocument.Load(reader);
            }

            XElement? metadata = doc.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
            var info = new NuspecInfo();
            if (metadata == null)
            {
                return info;
            }

            string? Text(string name)
            {
                string? value = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
                return string.IsNullOrEmpty(value) ? null : value;
            }

            info.Authors = Text("authors");
            info.Description = Text("description");
            info.LicenseUrl = AbsoluteUrl(Text("licenseUrl"));
            info.DevelopmentDependency = string.Equals(Text("developmentDependency"), "true", StringComparison.OrdinalIgnoreCase);

            XElement? license = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
            string? licenseValue = license?.Value.Trim();
            if (license != null && !string.IsNullOrEmpty(licenseValue))
            {
                string type = (string?)license.Attribute("type") ?? string.Empty;
                if (string.Equals(type, "expression", StringComparison.OrdinalIgnoreCase))
                {
                    info.LicenseExpression = licenseValue;
                }
                else if (string.Equals(type, "file", StringComparison.OrdinalIgnoreCase))
                {
                    info.LicenseFile = licenseValue;
                }
            }

            XElement? repository = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "repository");
            info.RepositoryUrl = AbsoluteUrl((string?)repository?.Attribute("url"));
            return info;
        }

        /// <summary>Only absolute http(s)/git URLs: CycloneDX requires an IRI reference, and anything else is not a usable link.</summary>
        private static string? AbsoluteUrl(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            string trimmed = value!.Trim();
            return Uri.TryCreate(trimmed, UriKind.Absolute, out Uri? uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == "git" || uri.Scheme == "ssh")
                && trimmed.IndexOf(' ') < 0
                ? trimmed
                : null;
        }
    }
}

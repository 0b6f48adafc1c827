using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>
    /// SSDLC2601 (A.2.6.1): the package sources restore actually used (from the restore result, so the nuget.config
    /// hierarchy, <c>clear</c>, disabled sources and RestoreSources are already applied) are approved, encrypted, and
    /// mapped; the nuget.config files restore read hold no clear-text credentials.
    /// </summary>
    internal static class FeedRules
    {
        public static void Check(DependencyPolicyCheck task, ProjectAssets assets, List<Finding> findings)
        {
            var declared = new Dictionary<string, (string Key, string File, int Line)>(StringComparer.OrdinalIgnoreCase);
            bool hasMapping = false;
            foreach (string config in assets.ConfigFilePaths)
            {
                XDocument? doc = Load(config, findings);
                if (doc?.Root == null)
                {
                    continue;
                }

                foreach (XElement add in Section(doc, "packageSources").Elements("add"))
                {
                    string? key = (string?)add.Attribute("key");
                    string? value = (string?)add.Attribute("value");
                    if (key != null && value != null && !declared.ContainsKey(Normalize(value, config)))
                    {
                        declared[Normalize(value, config)] = (key, config, Line(add));
                    }
                }

                hasMapping |= Section(doc, "packageSourceMapping").Elements("packageSource").Any();

                foreach (XElement source in Section(doc, "packageSourceCredentials").Elements())
                {
                    foreach (XElement add in source.Elements("add"))
                    {
                        string? value = (string?)add.Attribute("value");
                        if (string.Equals((string?)add.Attribute("key"), "ClearTextPassword", StringComparison.OrdinalIgnoreCase)
                            && !string.IsNullOrEmpty(value) && !IsEnvironmentReference(value!))
                        {
                            string sourceKey = XmlConvert.DecodeName(source.Name.LocalName);
                            findings.Add(new Finding(
                                RuleIds.UnapprovedFeed,
                                Criticality.High,
                                $"nuget.config stores a clear-text password for package source '{sourceKey}' (packageSourceCredentials); reference an environment variable (%NUGET_FEED_TOKEN%) or use a credential provider.",
                                config,
                                Line(add),
                                0,
                                sourceKey));
                        }
                    }
                }
            }

            // An approved entry is a nuget.config key, a URL or a folder: keep it as written and in normalised form.
            var approved = new HashSet<string>(
                task.ApprovedFeeds.SelectMany(f => new[] { f.ItemSpec.Trim(), Normalize(f.ItemSpec, task.ProjectFile) }),
                StringComparer.OrdinalIgnoreCase);
            foreach (string source in assets.Sources)
            {
                string normalized = Normalize(source, null);
                declared.TryGetValue(normalized, out var origin);
                string name = origin.Key != null ? $"'{origin.Key}' ({source})" : $"'{source}'";
                bool local = IsLocal(source);
                string kind = local ? "Local folder feed " : "Package source ";
                string? file = origin.File ?? task.ProjectFile;
                int line = origin.Line;
                string subject = origin.Key ?? source;

                if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add(new Finding(RuleIds.UnapprovedFeed, Criticality.Critical, $"{kind}{name} is reached over plain HTTP: packages and credentials can be read and replaced in transit; use HTTPS.", file, line, 0, subject));
                }

                if (approved.Count > 0 && !approved.Contains(normalized) && (origin.Key == null || !approved.Contains(origin.Key)))
                {
                    findings.Add(new Finding(RuleIds.UnapprovedFeed, Criticality.High, $"{kind}{name} is not an approved feed (SsdlcApprovedFeed); restore only from approved feeds.", file, line, 0, subject));
                }
            }

            if (assets.Sources.Count > 1 && !hasMapping)
            {
                findings.Add(new Finding(
                    RuleIds.UnapprovedFeed,
                    Criticality.High,
                    $"Restore uses {assets.Sources.Count} package sources without package source mapping, so any of them can supply any package id (dependency confusion); add <packageSourceMapping> to nuget.config.",
                    assets.ConfigFilePaths.FirstOrDefault() ?? task.ProjectFile,
                    0,
                    0,
                    "packageSourceMapping"));
            }
        }

        private static XDocument? Load(string path, List<Finding> findings)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                return XDocument.Load(path, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.High, $"{path} is not well-formed XML ({ex.Message}); NuGet cannot read it either.", path, ex.LineNumber, ex.LinePosition, "nuget.config"));
                return null;
            }
        }

        private static IEnumerable<XElement> Section(XDocument doc, string name)
            => doc.Root!.Elements().Where(e => string.Equals(e.Name.LocalName, name, StringComparison.OrdinalIgnoreCase));

        private static int Line(XElement element) => ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : 0;

        private static bool IsLocal(string source)
            => !(source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

        private static bool IsEnvironmentReference(string value)
            => value.Length > 2 && value[0] == '%' && value[value.Length - 1] == '%';

        /// <summary>URLs without a trailing slash; relative folders resolved against the config file that declared them.</summary>
        private static string Normalize(string source, string? configFile)
        {
            string s = source.Trim();
            if (IsLocal(s))
            {
                try
                {
                    if (configFile != null && !Path.IsPathRooted(s))
                    {
                        s = Path.Combine(Path.GetDirectoryName(configFile) ?? string.Empty, s);
                    }

                    s = Path.GetFullPath(s);
                }
                catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
                {
                    return s;
                }
            }

            return s.TrimEnd('/', '\\');
        }
    }
}

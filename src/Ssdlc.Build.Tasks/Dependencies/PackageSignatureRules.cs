using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using RiskClass = Ssdlc.Detection.Rules.RiskClass;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>
    /// A.2.6.6 at risk class VeryHigh (dependencies pinned by signature): NuGet verifies package signatures
    /// (<c>signatureValidationMode=require</c>) with trusted signers for every source (SSDLC2601), and every package of the
    /// graph, as restore keeps it in the global packages folder, is signed by a trusted signer (SSDLC2606). The second
    /// check matters because NuGet verifies a package only when it extracts it: one that entered the packages folder
    /// before the policy (or through another project) is never verified again.
    /// </summary>
    internal static class PackageSignatureRules
    {
        private const int ListedInSummary = 8;

        public static void Check(DependencyPolicyCheck task, ProjectAssets assets, List<Finding> findings)
        {
            if (task.ResolvedRiskClass < RiskClass.VeryHigh)
            {
                return;
            }

            TrustPolicy policy = TrustPolicy.Read(assets.ConfigFilePaths);
            (Dictionary<string, GraphNode> nodes, _) = assets.GraphFor(task.TargetFramework);
            var uncovered = new List<(GraphNode Node, string Why, string? Source)>();
            var unreadable = new List<string>();
            foreach (GraphNode node in nodes.Values.Where(n => n.Type == "package").OrderBy(n => n.Id, StringComparer.OrdinalIgnoreCase))
            {
                string? nupkg = FindPackage(assets, node);
                if (nupkg == null)
                {
                    unreadable.Add($"{node.Id} {node.Version}");
                    continue;
                }

                List<PackageSigner> signers;
                try
                {
                    signers = NupkgSignatureReader.Read(nupkg);
                }
                catch (Exception ex) when (!(ex is OutOfMemoryException))
                {
                    uncovered.Add((node, $"its signature cannot be read ({ex.GetType().Name}: {ex.Message.Trim()})", SourceOf(nupkg)));
                    continue;
                }

                string? why = policy.WhyNotTrusted(signers);
                if (why != null)
                {
                    uncovered.Add((node, why, SourceOf(nupkg)));
                }
            }

            string configFile = policy.ModeFile ?? assets.ConfigFilePaths.FirstOrDefault() ?? task.ProjectFile ?? string.Empty;
            if (!string.Equals(policy.Mode, "require", StringComparison.OrdinalIgnoreCase))
            {
                string packages = uncovered.Count == 0
                    ? "Every package of the graph is signed by a trusted signer already."
                    : $"{uncovered.Count} of {nodes.Values.Count(n => n.Type == "package")} packages of the graph are not covered by a trusted signer: {string.Join(", ", uncovered.Take(ListedInSummary).Select(u => u.Node.Id + " " + u.Node.Version))}{(uncovered.Count > ListedInSummary ? ", ..." : string.Empty)}.";
                findings.Add(new Finding(
                    RuleIds.UnapprovedFeed,
                    Criticality.High,
                    $"At risk class VeryHigh NuGet must verify package signatures: signatureValidationMode is '{policy.Mode ?? "accept"}'. Set <add key=\"signatureValidationMode\" value=\"require\" /> in nuget.config's <config> and list <trustedSigners> (a repository signer for each source, author signers where needed). {packages}",
                    configFile,
                    policy.ModeLine,
                    0,
                    "signatureValidationMode"));
                return;
            }

            foreach (string source in assets.Sources)
            {
                if (!policy.Covers(source))
                {
                    bool local = !(source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
                    findings.Add(new Finding(
                        RuleIds.UnapprovedFeed,
                        Criticality.High,
                        local
                            ? $"Local folder feed '{source}' is in use, but no author is a trusted signer: with signatureValidationMode=require its packages are accepted only when signed by a trusted author. Add an <author> trusted signer for the packages it serves (dotnet nuget trust author), or remove the feed."
                            : $"Package source '{source}' has no repository entry in <trustedSigners>: with signatureValidationMode=require its packages are accepted only when signed by a trusted author. Add it (dotnet nuget trust repository <name>) with the certificates it signs with.",
                        policy.TrustedSignersFile ?? configFile,
                        policy.TrustedSignersLine,
                        0,
                        source));
                }
            }

            foreach ((GraphNode node, string why, string? source) in uncovered)
            {
                findings.Add(new Finding(
                    RuleIds.UnpinnedDependency,
                    Criticality.High,
                    $"Package {node.Id} {node.Version}{(source == null ? string.Empty : $" (from {source})")} is not covered by a trusted signer: {why}. NuGet verifies a package only when it first extracts it, so this one was never checked against the trusted signers; remove it from the global packages folder and restore again, trust its signer, or replace it.",
                    task.ProjectFile,
                    0,
                    0,
                    node.Id));
            }

            if (unreadable.Count > 0)
            {
                findings.Add(new Finding(
                    RuleIds.UnpinnedDependency,
                    Criticality.High,
                    $"The signatures of {unreadable.Count} package(s) cannot be checked, because their .nupkg is not in the packages folders restore used (packageSaveMode without nupkg?): {string.Join(", ", unreadable.Take(ListedInSummary))}{(unreadable.Count > ListedInSummary ? ", ..." : string.Empty)}.",
                    task.ProjectFile,
                    0,
                    0,
                    "package signatures"));
            }
        }

        private static string? FindPackage(ProjectAssets assets, GraphNode node)
        {
            if (!assets.Libraries.TryGetValue(node.Id + "/" + node.Version, out AssetsLibrary? library) || string.IsNullOrEmpty(library.Path))
            {
                return null;
            }

            string[] parts = library.Path!.Split('/');
            if (parts.Length != 2)
            {
                return null;
            }

            foreach (string folder in assets.PackageFolders)
            {
                string file = Path.Combine(folder, parts[0], parts[1], parts[0] + "." + parts[1] + ".nupkg");
                if (File.Exists(file))
                {
                    return file;
                }
            }

            return null;
        }

        /// <summary>The source restore took the package from, as NuGet recorded it next to the package.</summary>
        private static string? SourceOf(string nupkg)
        {
            string metadata = Path.Combine(Path.GetDirectoryName(nupkg)!, ".nupkg.metadata");
            try
            {
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(metadata));
                return doc.RootElement.TryGetProperty("source", out JsonElement source) && source.ValueKind == JsonValueKind.String ? source.GetString() : null;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException)
            {
                return null;
            }
        }

        /// <summary>signatureValidationMode and trustedSigners as NuGet merges them over the nuget.config files restore read.</summary>
        private sealed class TrustPolicy
        {
            private readonly Dictionary<string, TrustedSigner> _signers = new Dictionary<string, TrustedSigner>(StringComparer.OrdinalIgnoreCase);

            public string? Mode { get; private set; }

            public string? ModeFile { get; private set; }

            public int ModeLine { get; private set; }

            public string? TrustedSignersFile { get; private set; }

            public int TrustedSignersLine { get; private set; }

            /// <summary>Reads the files nearest first (as restore lists them): the nearest value of a key wins, trusted signers add up until a clear.</summary>
            public static TrustPolicy Read(IReadOnlyList<string> configFiles)
            {
                var policy = new TrustPolicy();
                foreach (string file in configFiles.Reverse())
                {
                    XDocument? doc = Load(file);
                    if (doc?.Root == null)
                    {
                        continue;
                    }

                    foreach (XElement config in Sections(doc, "config"))
                    {
                        foreach (XElement add in config.Elements("add"))
                        {
                            if (string.Equals((string?)add.Attribute("key"), "signatureValidationMode", StringComparison.OrdinalIgnoreCase))
                            {
                                policy.Mode = ((string?)add.Attribute("value"))?.Trim();
                                policy.ModeFile = file;
                                policy.ModeLine = Line(add);
                            }
                        }
                    }

                    foreach (XElement section in Sections(doc, "trustedSigners"))
                    {
                        policy.TrustedSignersFile = file;
                        policy.TrustedSignersLine = Line(section);
                        foreach (XElement entry in section.Elements())
                        {
                            string kind = entry.Name.LocalName.ToLowerInvariant();
                            if (kind == "clear")
                            {
                                policy._signers.Clear();
                                continue;
                            }

                            if (kind != "author" && kind != "repository")
                            {
                                continue;
                            }

                            var signer = new TrustedSigner(kind, (string?)entry.Attribute("name") ?? string.Empty, ((string?)entry.Attribute("serviceIndex"))?.Trim());
                            foreach (XElement certificate in entry.Elements().Where(e => e.Name.LocalName == "certificate"))
                            {
                                string? fingerprint = ((string?)certificate.Attribute("fingerprint"))?.Replace(" ", string.Empty).Replace(":", string.Empty);
                                if (!string.IsNullOrEmpty(fingerprint))
                                {
                                    signer.Certificates.Add((((string?)certificate.Attribute("hashAlgorithm"))?.Trim() ?? "SHA256", fingerprint!));
                                }
                            }

                            foreach (XElement owners in entry.Elements().Where(e => e.Name.LocalName == "owners"))
                            {
                                signer.Owners.AddRange(owners.Value.Split(';').Select(o => o.Trim()).Where(o => o.Length > 0));
                            }

                            policy._signers[kind + ":" + signer.Name] = signer;
                        }
                    }
                }

                return policy;
            }

            /// <summary>A repository signer for an HTTP(S) source (by service index); an author signer for a local folder.</summary>
            public bool Covers(string source)
            {
                bool remote = source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
                return remote
                    ? _signers.Values.Any(s => s.Kind == "repository" && s.ServiceIndex != null && string.Equals(s.ServiceIndex.TrimEnd('/'), source.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
                    : _signers.Values.Any(s => s.Kind == "author" && s.Certificates.Count > 0);
            }

            /// <summary>Null when a trusted signer covers the package (NuGet's rules: author by certificate; repository by certificate and, when listed, owners).</summary>
            public string? WhyNotTrusted(List<PackageSigner> signers)
            {
                if (signers.Count == 0)
                {
                    return "it is not signed";
                }

                foreach (PackageSigner signer in signers)
                {
                    foreach (TrustedSigner trusted in _signers.Values.Where(t => t.Kind == signer.Role))
                    {
                        bool certificate = trusted.Certificates.Any(c => signer.Fingerprints.TryGetValue(c.Algorithm, out string? actual) && string.Equals(actual, c.Fingerprint, StringComparison.OrdinalIgnoreCase));
                        bool owners = trusted.Owners.Count == 0 || signer.Owners.Any(o => trusted.Owners.Contains(o, StringComparer.OrdinalIgnoreCase));
                        if (certificate && owners)
                        {
                            return null;
                        }
                    }
                }

                return string.Join(" and ", signers.Select(s =>
                    $"{s.Role}-signed by '{s.Subject}' (SHA256 {(s.Fingerprints.TryGetValue("SHA256", out string? f) ? f.Substring(0, 16) + "..." : "unknown")}{(s.Owners.Count > 0 ? ", owners " + string.Join(";", s.Owners) : string.Empty)}), not a trusted signer"));
            }

            private static XDocument? Load(string path)
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                try
                {
                    return XDocument.Load(path, LoadOptions.SetLineInfo);
                }
                catch (XmlException)
                {
                    // FeedRules reports a malformed nuget.config (SSDLC0002) once.
                    return null;
                }
            }

            private static IEnumerable<XElement> Sections(XDocument doc, string name)
                => doc.Root!.Elements().Where(e => string.Equals(e.Name.LocalName, name, StringComparison.OrdinalIgnoreCase));

            private static int Line(XElement element) => ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : 0;
        }

        private sealed class TrustedSigner
        {
            public TrustedSigner(string kind, string name, string? serviceIndex)
            {
                Kind = kind;
                Name = name;
                ServiceIndex = serviceIndex;
            }

            public string Kind { get; }

            public string Name { get; }

            public string? ServiceIndex { get; }

            public List<(string Algorithm, string Fingerprint)> Certificates { get; } = new List<(string, string)>();

            public List<string> Owners { get; } = new List<string>();
        }
    }
}

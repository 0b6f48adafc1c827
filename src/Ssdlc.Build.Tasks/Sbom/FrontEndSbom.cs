using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Ssdlc.Build.Tasks.FrontEnd;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>
    /// Front-end components in the SBOM (A.2.6 "both backend and frontend"): every package an npm or yarn lock file
    /// resolved, with purl <c>pkg:npm/…</c>, the lock file's integrity hashes and scope <c>required</c>, or <c>excluded</c>
    /// for dev dependencies, with their edges; LibMan libraries (no hashes: LibMan records none). A file that cannot be
    /// read is left out here; the front-end check reports it.
    /// </summary>
    internal static class FrontEndSbom
    {
        public static void Add(SbomInputs inputs, Bom bom, List<string> rootDependsOn)
        {
            var known = new HashSet<string>(bom.Components.Select(c => c.BomRef), StringComparer.Ordinal);
            var edges = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (string file in inputs.FrontEndFiles.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
            {
                try
                {
                    if (string.Equals(Path.GetFileName(file), "libman.json", StringComparison.OrdinalIgnoreCase))
                    {
                        AddLibman(file, bom, known, rootDependsOn, edges);
                    }
                    else
                    {
                        AddNpm(FrontEndFiles.ReadNpmProject(file, inputs.RepositoryRoot), bom, known, rootDependsOn, edges);
                    }
                }
                catch (Exception ex) when (ex is FrontEndFormatException || ex is IOException || ex is UnauthorizedAccessException)
                {
                }
            }

            foreach (KeyValuePair<string, SortedSet<string>> edge in edges)
            {
                bom.Dependencies.Add(new SbomDependency(edge.Key, edge.Value));
            }
        }

        /// <summary><c>pkg:npm/name@version</c>, a scope as the percent-encoded namespace: <c>pkg:npm/%40scope/name@1.0.0</c>.</summary>
        public static string NpmPurl(string name, string version)
        {
            string path = name.StartsWith("@", StringComparison.Ordinal) && name.IndexOf('/') > 0
                ? SbomBuilder.EncodePurlSegment(name.Substring(0, name.IndexOf('/'))) + "/" + SbomBuilder.EncodePurlSegment(name.Substring(name.IndexOf('/') + 1))
                : SbomBuilder.EncodePurlSegment(name);
            return $"pkg:npm/{path}@{SbomBuilder.EncodePurlSegment(version)}";
        }

        /// <summary>SRI strings ("sha512-base64 sha1-base64") to CycloneDX (algorithm, hex) pairs.</summary>
        public static IEnumerable<(string Algorithm, string Hex)> Hashes(string? integrity)
        {
            if (string.IsNullOrWhiteSpace(integrity))
            {
                yield break;
            }

            foreach (string part in integrity!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int dash = part.IndexOf('-');
                if (dash <= 0)
                {
                    continue;
                }

                string? algorithm = part.Substring(0, dash).ToLowerInvariant() switch
                {
                    "sha1" => "SHA-1",
                    "sha256" => "SHA-256",
                    "sha384" => "SHA-384",
                    "sha512" => "SHA-512",
                    _ => null,
                };
                byte[] bytes;
                try
                {
                    bytes = Convert.FromBase64String(part.Substring(dash + 1).Split('?')[0]);
                }
                catch (FormatException)
                {
                    continue;
                }

                if (algorithm != null)
                {
                    yield return (algorithm, CycloneDxWriter.ToHex(bytes));
                }
            }
        }

        private static void AddNpm(NpmProject project, Bom bom, HashSet<string> known, List<string> rootDependsOn, Dictionary<string, SortedSet<string>> edges)
        {
            var purls = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (LockedPackage package in project.Locked)
            {
                string purl = NpmPurl(package.Name, package.Version);
                purls[package.Key] = purl;
                if (!known.Add(purl))
                {
                    continue;
                }

                var component = new SbomComponent
                {
                    Type = "library",
                    Name = package.Name,
                    Version = package.Version,
                    Purl = purl,
                    BomRef = purl,
                    Scope = package.Dev ? "excluded" : "required",
                };
                foreach ((string algorithm, string hex) in Hashes(package.Integrity))
                {
                    component.Hashes.Add((algorithm, hex));
                }

                component.Properties.Add((SbomBuilder.PropertyPrefix + "lockFile", Path.GetFileName(project.LockFile ?? "package-lock.json")));
                if (package.Dev)
                {
                    component.Properties.Add((SbomBuilder.PropertyPrefix + "developmentDependency", "true"));
                }

                bom.Components.Add(component);
            }

            foreach (LockedPackage package in project.Locked)
            {
                string from = purls[package.Key];
                if (!edges.TryGetValue(from, out SortedSet<string>? targets))
                {
                    targets = new SortedSet<string>(StringComparer.Ordinal);
                    edges[from] = targets;
                }

                foreach (string key in package.DependencyKeys)
                {
                    if (purls.TryGetValue(key, out string? to))
                    {
                        targets.Add(to);
                    }
                }
            }

            IEnumerable<string> roots = project.RootKeys.Count > 0 ? project.RootKeys : project.Locked.Where(p => p.Key.IndexOf("/node_modules/", StringComparison.Ordinal) < 0).Select(p => p.Key);
            foreach (string key in roots)
            {
                if (purls.TryGetValue(key, out string? purl) && !rootDependsOn.Contains(purl))
                {
                    rootDependsOn.Add(purl);
                }
            }
        }

        private static void AddLibman(string file, Bom bom, HashSet<string> known, List<string> rootDependsOn, Dictionary<string, SortedSet<string>> edges)
        {
            (string? defaultProvider, List<(string Library, string? Provider, int Line)> libraries) = FrontEndFiles.ReadLibman(file);
            foreach ((string library, string? ownProvider, _) in libraries)
            {
                string provider = ownProvider ?? defaultProvider ?? "cdnjs";
                (string name, string? version) = FrontEndDependencyCheck.SplitLibrary(library);
                if (version == null || string.Equals(provider, "filesystem", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                bool npm = (string.Equals(provider, "unpkg", StringComparison.OrdinalIgnoreCase) || string.Equals(provider, "jsdelivr", StringComparison.OrdinalIgnoreCase))
                    && !name.StartsWith("gh/", StringComparison.OrdinalIgnoreCase);
                string purl = npm ? NpmPurl(name, version) : $"pkg:generic/{SbomBuilder.EncodePurlSegment(name)}@{SbomBuilder.EncodePurlSegment(version)}";
                if (!known.Add(purl))
                {
                    continue;
                }

                var component = new SbomComponent { Type = "library", Name = name, Version = version, Purl = purl, BomRef = purl, Scope = "required" };
                component.Properties.Add((SbomBuilder.PropertyPrefix + "libmanProvider", provider));
                bom.Components.Add(component);
                edges[purl] = new SortedSet<string>(StringComparer.Ordinal);
                rootDependsOn.Add(purl);
            }
        }
    }
}

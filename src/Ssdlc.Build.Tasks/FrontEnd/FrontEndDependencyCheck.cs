using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using NuGet.Versioning;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.FrontEnd
{
    /// <summary>
    /// A.2.6 for front-end dependencies ("both backend and frontend"): package.json with its lock file, .npmrc, libman.json.
    /// Floating versions and git or URL sources, and at High and above a missing lock file (SSDLC2606); registries and CDN
    /// providers that are not approved, plain-HTTP registries (SSDLC2601); the approved and denied package lists (SSDLC2602).
    /// </summary>
    public sealed class FrontEndDependencyCheck : SsdlcCheckTask
    {
        private static readonly Regex ExactVersion = new Regex(@"^=?v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant);

        private static readonly Regex GitHubShorthand = new Regex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:#.*)?$", RegexOptions.CultureInvariant);

        public ITaskItem[] PackageJsonFiles { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] LibmanFiles { get; set; } = Array.Empty<ITaskItem>();

        public string? ProjectDirectory { get; set; }

        /// <summary><c>SsdlcApprovedFeed</c> items: for npm a registry URL (prefix), for LibMan a provider name (cdnjs, jsdelivr, unpkg).</summary>
        public ITaskItem[] ApprovedFeeds { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>SsdlcApprovedPackage</c> items; those with <c>Ecosystem="nuget"</c> are not for front-end packages.</summary>
        public ITaskItem[] ApprovedPackages { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] DeniedPackages { get; set; } = Array.Empty<ITaskItem>();

        internal bool Strict => ResolvedRiskClass >= Detection.Rules.RiskClass.High;

        internal override void Check(List<Finding> findings)
        {
            List<PackageRule> approved = Rules(ApprovedPackages);
            List<PackageRule> denied = Rules(DeniedPackages);
            var approvedFeeds = ApprovedFeeds.Select(f => f.ItemSpec.Trim()).Where(f => f.Length > 0).ToList();
            var npmrcSeen = new HashSet<string>(StringComparer.Ordinal);

            foreach (string manifest in PackageJsonFiles.Select(f => Path.GetFullPath(f.ItemSpec)).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
            {
                NpmProject project;
                try
                {
                    project = FrontEndFiles.ReadNpmProject(manifest, RepositoryRoot(manifest));
                }
                catch (FrontEndFormatException ex)
                {
                    findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.Low, $"{ex.Message}; the front-end dependency checks skip it.", ex.File, ex.Line, 0, Path.GetFileName(ex.File)));
                    continue;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.Low, $"{manifest} cannot be read ({ex.Message}).", manifest, 0, 0, "package.json"));
                    continue;
                }

                CheckDeclarations(project, findings);
                CheckLockFile(project, findings);
                CheckRegistries(project, approvedFeeds, npmrcSeen, findings);
                CheckPackageLists(project, approved, denied, findings);
            }

            foreach (string file in LibmanFiles.Select(f => Path.GetFullPath(f.ItemSpec)).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
            {
                CheckLibman(file, approvedFeeds, approved, denied, findings);
            }
        }

        /// <summary>Why a package.json specification is not pinned, or null when it is (or is a local path).</summary>
        internal static string? Floating(string specification)
        {
            string spec = specification.Trim();
            if (spec.StartsWith("npm:", StringComparison.OrdinalIgnoreCase))
            {
                int at = spec.LastIndexOf('@');
                spec = at > 4 ? spec.Substring(at + 1) : string.Empty;
            }

            if (spec.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("link:", StringComparison.OrdinalIgnoreCase)
                || spec.StartsWith("workspace:", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("portal:", StringComparison.OrdinalIgnoreCase)
                || spec.StartsWith("./", StringComparison.Ordinal) || spec.StartsWith("../", StringComparison.Ordinal))
            {
                return null;
            }

            if (spec.StartsWith("git", StringComparison.OrdinalIgnoreCase) && (spec.StartsWith("git+", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("git://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("git@", StringComparison.OrdinalIgnoreCase))
                || spec.StartsWith("github:", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("gitlab:", StringComparison.OrdinalIgnoreCase)
                || spec.StartsWith("bitbucket:", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("gist:", StringComparison.OrdinalIgnoreCase)
                || GitHubShorthand.IsMatch(spec))
            {
                return "a git source, which follows whatever the branch or tag points to and bypasses the registry";
            }

            if (spec.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                return "a tarball URL, whose content can change without a new version";
            }

            if (ExactVersion.IsMatch(spec))
            {
                return null;
            }

            if (spec.Length == 0 || spec == "*" || spec.Equals("x", StringComparison.OrdinalIgnoreCase))
            {
                return "any version";
            }

            if (spec.StartsWith("^", StringComparison.Ordinal))
            {
                return "a caret range (any later minor or patch version)";
            }

            if (spec.StartsWith("~", StringComparison.Ordinal))
            {
                return "a tilde range (any later patch version)";
            }

            if (Regex.IsMatch(spec, @"^[A-Za-z][A-Za-z0-9._-]*$"))
            {
                return $"the dist-tag '{spec}', which the registry moves to every new release";
            }

            return "a version range";
        }

        private void CheckDeclarations(NpmProject project, List<Finding> findings)
        {
            Criticality criticality = Strict ? Criticality.High : Criticality.Medium;
            foreach (DeclaredDependency dependency in project.Dependencies)
            {
                string? why = Floating(dependency.Specification);
                if (why == null)
                {
                    continue;
                }

                string[] locked = project.Locked.Where(p => p.Name == dependency.Name && project.RootKeys.Contains(p.Key)).Select(p => p.Version).Distinct().ToArray();
                string resolved = locked.Length > 0 ? $"; the lock file has {string.Join(", ", locked)}" : string.Empty;
                string example = locked.Length > 0 ? $", e.g. \"{dependency.Name}\": \"{locked[0]}\"" : string.Empty;
                findings.Add(new Finding(
                    RuleIds.UnpinnedDependency,
                    criticality,
                    $"package.json {dependency.Section} '{dependency.Name}' declares '{FrontEndFiles.Describe(dependency.Specification)}', {why}{resolved}; declare the exact version that was reviewed{example} (npm install --save-exact, or save-exact=true in .npmrc).",
                    project.Manifest,
                    dependency.Line,
                    0,
                    dependency.Name));
            }
        }

        private void CheckLockFile(NpmProject project, List<Finding> findings)
        {
            if (!Strict || project.LockFile != null || project.Dependencies.Count == 0)
            {
                return;
            }

            findings.Add(new Finding(
                RuleIds.UnpinnedDependency,
                Criticality.High,
                $"{Relative(project.Manifest)} has {project.Dependencies.Count} dependencies but no lock file (package-lock.json, npm-shrinkwrap.json, yarn.lock or pnpm-lock.yaml): at risk class High and above the exact front-end dependency graph, with integrity hashes, must be committed. Run npm install and commit package-lock.json; install with npm ci in CI.",
                project.Manifest,
                0,
                0,
                "package-lock.json"));
        }

        private void CheckRegistries(NpmProject project, List<string> approvedFeeds, HashSet<string> npmrcSeen, List<Finding> findings)
        {
            string? root = RepositoryRoot(project.Manifest);
            for (string? dir = Path.GetDirectoryName(project.Manifest); dir != null; dir = Path.GetDirectoryName(dir))
            {
                string npmrc = Path.Combine(dir, ".npmrc");
                if (File.Exists(npmrc) && npmrcSeen.Add(npmrc))
                {
                    List<(string Key, string Url, int Line)> registries;
                    try
                    {
                        registries = FrontEndFiles.ReadNpmrc(npmrc);
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        registries = new List<(string, string, int)>();
                    }

                    foreach ((string key, string url, int line) in registries)
                    {
                        CheckRegistry(url, $".npmrc {key}", npmrc, line, approvedFeeds, findings);
                    }
                }

                if (root == null || string.Equals(dir.TrimEnd(Path.DirectorySeparatorChar), root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
                {
                    break;
                }
            }

            // Where the lock file says the packages came from.
            foreach (string origin in project.Locked.Select(p => Origin(p.Resolved)).Where(o => o != null).Select(o => o!).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(o => o, StringComparer.Ordinal))
            {
                LockedPackage example = project.Locked.First(p => Origin(p.Resolved) is string o && string.Equals(o, origin, StringComparison.OrdinalIgnoreCase));
                CheckRegistry(example.Resolved!, $"{Path.GetFileName(project.LockFile)} (e.g. {example.Name} {example.Version})", project.LockFile!, 0, approvedFeeds, findings, origin);
            }
        }

        private static void CheckRegistry(string url, string where, string file, int line, List<string> approvedFeeds, List<Finding> findings, string? subject = null)
        {
            string shown = subject ?? url;
            if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(new Finding(RuleIds.UnapprovedFeed, Criticality.Critical, $"{where}: the npm registry {shown} is reached over plain HTTP: packages and tokens can be read and replaced in transit; use HTTPS.", file, line, 0, shown));
            }

            if (approvedFeeds.Count > 0 && !approvedFeeds.Any(a => IsUnder(url, a)))
            {
                findings.Add(new Finding(RuleIds.UnapprovedFeed, Criticality.High, $"{where}: the npm registry {shown} is not an approved feed (SsdlcApprovedFeed); install front-end packages only from approved registries.", file, line, 0, shown));
            }
        }

        private void CheckPackageLists(NpmProject project, List<PackageRule> approved, List<PackageRule> denied, List<Finding> findings)
        {
            if (approved.Count == 0 && denied.Count == 0)
            {
                return;
            }

            IEnumerable<(string Name, string? Version)> packages = project.Locked.Count > 0
                ? project.Locked.Select(p => (p.Name, (string?)p.Version))
                : project.Dependencies.Select(d => (d.Name, (string?)null));
            foreach ((string name, string? version) in packages.Distinct().OrderBy(p => p.Item1, StringComparer.Ordinal))
            {
                CheckListed("npm package", name, version, project.Manifest, project.Dependencies.FirstOrDefault(d => d.Name == name)?.Line ?? 0, approved, denied, findings);
            }
        }

        private void CheckLibman(string file, List<string> approvedFeeds, List<PackageRule> approved, List<PackageRule> denied, List<Finding> findings)
        {
            (string? DefaultProvider, List<(string Library, string? Provider, int Line)> Libraries) libman;
            try
            {
                libman = FrontEndFiles.ReadLibman(file);
            }
            catch (FrontEndFormatException ex)
            {
                findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.Low, $"{ex.Message}; the front-end dependency checks skip it.", ex.File, ex.Line, 0, "libman.json"));
                return;
            }

            Criticality criticality = Strict ? Criticality.High : Criticality.Medium;
            foreach ((string library, string? ownProvider, int line) in libman.Libraries)
            {
                string provider = ownProvider ?? libman.DefaultProvider ?? "cdnjs";
                if (string.Equals(provider, "filesystem", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                (string name, string? version) = SplitLibrary(library);
                string? why = version == null ? "no version (LibMan then takes the latest)" : Floating(version) is string f && !f.StartsWith("a git", StringComparison.Ordinal) ? f : null;
                if (why != null)
                {
                    findings.Add(new Finding(
                        RuleIds.UnpinnedDependency,
                        criticality,
                        $"libman.json library '{library}' ({provider}) has {why}; name the exact version that was reviewed ({name}@<version>).",
                        file,
                        line,
                        0,
                        name));
                }

                if (approvedFeeds.Count > 0 && !approvedFeeds.Any(a => string.Equals(a, provider, StringComparison.OrdinalIgnoreCase)))
                {
                    findings.Add(new Finding(
                        RuleIds.UnapprovedFeed,
                        Criticality.High,
                        $"libman.json library '{library}' comes from the LibMan provider '{provider}', which is not an approved feed (SsdlcApprovedFeed); use an approved provider or serve the files from an approved package.",
                        file,
                        line,
                        0,
                        provider));
                }

                CheckListed("LibMan library", name, version, file, line, approved, denied, findings);
            }
        }

        private static void CheckListed(string kind, string name, string? version, string file, int line, List<PackageRule> approved, List<PackageRule> denied, List<Finding> findings)
        {
            NuGetVersion? parsed = null;
            if (version != null)
            {
                NuGetVersion.TryParse(version.TrimStart('=', 'v'), out parsed);
            }

            PackageRule? deny = denied.FirstOrDefault(r => r.Matches(name, parsed));
            string shown = version == null ? name : $"{name} {version}";
            if (deny != null)
            {
                findings.Add(new Finding(RuleIds.UnapprovedPackage, Criticality.High, $"The {kind} {shown} is on the denied list{(deny.Reason.Length > 0 ? $" ({deny.Reason})" : string.Empty)}; remove it or replace the package that brings it in.", file, line, 0, name));
            }
            else if (approved.Count > 0 && !approved.Any(r => r.Matches(name, parsed)))
            {
                findings.Add(new Finding(RuleIds.UnapprovedPackage, Criticality.High, $"The {kind} {shown} is not on the approved list (SsdlcApprovedPackage); have it reviewed and approved, or remove it.", file, line, 0, name));
            }
        }

        /// <summary>"jquery@3.7.1", "@scope/pkg@1.0.0", "gh/user/repo@v1": (name, version or null).</summary>
        internal static (string Name, string? Version) SplitLibrary(string library)
        {
            int at = library.LastIndexOf('@');
            return at > 0 ? (library.Substring(0, at), library.Substring(at + 1)) : (library, null);
        }

        /// <summary>scheme://host of a resolved URL (the registry a locked package came from), or null.</summary>
        internal static string? Origin(string? resolved)
        {
            if (string.IsNullOrEmpty(resolved) || !Uri.TryCreate(resolved, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
            {
                return null;
            }

            return uri.GetLeftPart(UriPartial.Authority);
        }

        /// <summary>An approved entry approves a URL when the URL starts with it (compared without a trailing slash).</summary>
        private static bool IsUnder(string url, string approved)
        {
            string a = approved.TrimEnd('/');
            return url.TrimEnd('/').Equals(a, StringComparison.OrdinalIgnoreCase) || url.StartsWith(a + "/", StringComparison.OrdinalIgnoreCase);
        }

        private string Relative(string file)
            => string.IsNullOrEmpty(ProjectDirectory) ? Path.GetFileName(file) : Path.GetRelativePath(ProjectDirectory!, file);

        private string? RepositoryRoot(string file)
        {
            string? root = FrontEndFiles.RepositoryRootOf(Path.GetDirectoryName(file));
            return root != null && (Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git"))) ? root : ProjectDirectory;
        }

        private List<PackageRule> Rules(ITaskItem[] items)
        {
            var rules = new List<PackageRule>();
            foreach (ITaskItem item in items)
            {
                string ecosystem = item.GetMetadata("Ecosystem").Trim();
                if (ecosystem.Length > 0 && !ecosystem.Equals("npm", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string versionText = item.GetMetadata("Version").Trim();
                VersionRange? range = null;
                if (versionText.Length > 0 && !VersionRange.TryParse(versionText, out range))
                {
                    continue;
                }

                rules.Add(new PackageRule(item.ItemSpec.Trim(), range, item.GetMetadata("Reason").Trim()));
            }

            return rules;
        }

        private sealed class PackageRule
        {
            private readonly string _id;
            private readonly VersionRange? _range;

            public PackageRule(string id, VersionRange? range, string reason)
            {
                _id = id;
                _range = range;
                Reason = reason;
            }

            public string Reason { get; }

            public bool Matches(string name, NuGetVersion? version)
            {
                bool idMatches = _id.EndsWith("*", StringComparison.Ordinal)
                    ? name.StartsWith(_id.Substring(0, _id.Length - 1), StringComparison.OrdinalIgnoreCase)
                    : string.Equals(_id, name, StringComparison.OrdinalIgnoreCase);
                return idMatches && (_range == null || (version != null && _range.Satisfies(version)));
            }
        }
    }
}

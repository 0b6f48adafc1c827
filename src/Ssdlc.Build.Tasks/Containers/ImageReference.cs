using System;

namespace Ssdlc.Build.Tasks.Containers
{
    /// <summary>
    /// A container image reference, <c>[registry[:port]/]repository[:tag][@digest]</c>. The registry is the first
    /// path component when it looks like a host (has a dot or a port, or is localhost); otherwise the image comes from
    /// the container engine's default registry, which approvals name <c>default</c>.
    /// </summary>
    internal sealed class ImageReference
    {
        public const string DefaultRegistry = "default";

        private ImageReference(string text, string registry, string repository, string? tag, string? digest)
        {
            Text = text;
            Registry = registry;
            Repository = repository;
            Tag = tag;
            Digest = digest;
        }

        public string Text { get; }

        /// <summary>Host[:port], or <see cref="DefaultRegistry"/>.</summary>
        public string Registry { get; }

        public string Repository { get; }

        public string? Tag { get; }

        /// <summary>e.g. <c>sha256:…</c>; null when the image is referenced by tag only.</summary>
        public string? Digest { get; }

        public bool IsPinned => Digest != null && Digest.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) && Digest.Length == "sha256:".Length + 64;

        public bool IsScratch => string.Equals(Text, "scratch", StringComparison.OrdinalIgnoreCase);

        /// <summary>Minimal images that carry (almost) no OS packages: .NET's chiseled images, distroless, UBI micro.</summary>
        public bool IsMinimal
            => Contains(Repository, "distroless") || Contains(Tag, "distroless") || Contains(Repository, "chiseled") || Contains(Tag, "chiseled")
               || Repository.EndsWith("-micro", StringComparison.OrdinalIgnoreCase);

        /// <summary>Base images whose default user is not root.</summary>
        public bool RunsAsNonRootByDefault
            => Contains(Tag, "chiseled") || Contains(Repository, "chiseled") || Contains(Tag, "nonroot") || Contains(Repository, "nonroot");

        public static ImageReference Parse(string text)
        {
            string rest = text.Trim();
            string? digest = null;
            int at = rest.IndexOf('@');
            if (at >= 0)
            {
                digest = rest.Substring(at + 1);
                rest = rest.Substring(0, at);
            }

            string registry = DefaultRegistry;
            int slash = rest.IndexOf('/');
            if (slash > 0)
            {
                string first = rest.Substring(0, slash);
                if (first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || string.Equals(first, "localhost", StringComparison.OrdinalIgnoreCase))
                {
                    registry = first;
                    rest = rest.Substring(slash + 1);
                }
            }

            string? tag = null;
            int colon = rest.LastIndexOf(':');
            if (colon > rest.LastIndexOf('/'))
            {
                tag = rest.Substring(colon + 1);
                rest = rest.Substring(0, colon);
            }

            return new ImageReference(text.Trim(), registry, rest, tag, digest);
        }

        /// <summary>
        /// An approved entry is a registry host (<c>registry.example.com</c>, any repository there), a registry with a
        /// path prefix (<c>registry.example.com/base-images</c>), or <c>default</c> for the engine's default registry.
        /// </summary>
        public bool IsFrom(string approved)
        {
            string entry = approved.Trim().TrimEnd('/');
            if (entry.Length == 0)
            {
                return false;
            }

            int slash = entry.IndexOf('/');
            string host = slash < 0 ? entry : entry.Substring(0, slash);
            if (!string.Equals(host, Registry, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (slash < 0)
            {
                return true;
            }

            string prefix = entry.Substring(slash + 1);
            return Repository.Equals(prefix, StringComparison.OrdinalIgnoreCase) || Repository.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
        }

        private static bool Contains(string? text, string part) => text != null && text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}

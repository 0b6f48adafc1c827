using System.Collections.Generic;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>The part of a CycloneDX 1.6 BOM that Ssdlc writes (see <see cref="CycloneDxWriter"/>).</summary>
    internal sealed class Bom
    {
        /// <summary>ISO 8601 UTC, only from SOURCE_DATE_EPOCH; null omits it (the output stays reproducible).</summary>
        public string? Timestamp { get; set; }

        public List<SbomComponent> Tools { get; } = new List<SbomComponent>();

        public List<string> Lifecycles { get; } = new List<string>();

        /// <summary>What the BOM describes: the project's build output.</summary>
        public SbomComponent Subject { get; set; } = new SbomComponent();

        public List<SbomComponent> Components { get; } = new List<SbomComponent>();

        public List<SbomDependency> Dependencies { get; } = new List<SbomDependency>();
    }

    internal sealed class SbomComponent
    {
        /// <summary>CycloneDX component type: application, library, framework.</summary>
        public string Type { get; set; } = "library";

        public string BomRef { get; set; } = string.Empty;

        public string? Author { get; set; }

        public string Name { get; set; } = string.Empty;

        public string? Version { get; set; }

        public string? Description { get; set; }

        /// <summary>required (ships with the output) or excluded (build-time only); null omits it.</summary>
        public string? Scope { get; set; }

        /// <summary>Algorithm (CycloneDX name, e.g. SHA-512) to lower-case hex.</summary>
        public List<(string Algorithm, string Content)> Hashes { get; } = new List<(string, string)>();

        /// <summary>An SPDX expression; when set, <see cref="Licenses"/> is not written (CycloneDX allows one or the other).</summary>
        public string? LicenseExpression { get; set; }

        public List<SbomLicense> Licenses { get; } = new List<SbomLicense>();

        public string? Purl { get; set; }

        /// <summary>(type, url) pairs, e.g. ("vcs", repository URL).</summary>
        public List<(string Type, string Url)> ExternalReferences { get; } = new List<(string, string)>();

        public List<(string Name, string Value)> Properties { get; } = new List<(string, string)>();
    }

    internal sealed class SbomLicense
    {
        public SbomLicense(string name, string? url)
        {
            Name = name;
            Url = url;
        }

        public string Name { get; }

        public string? Url { get; }
    }

    internal sealed class SbomDependency
    {
        public SbomDependency(string reference, IEnumerable<string> dependsOn)
        {
            Ref = reference;
            DependsOn = new SortedSet<string>(dependsOn, System.StringComparer.Ordinal);
        }

        public string Ref { get; }

        public SortedSet<string> DependsOn { get; }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Build.Framework;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>
    /// SSDLC2507 (A.2.5.7): writes a CycloneDX 1.6 SBOM of the build output for one target framework
    /// (<c>$(OutDir)$(AssemblyName).cdx.json</c>). Generation problems are findings, never a failed task;
    /// switching the SBOM off (<c>SsdlcSbom=false</c>) is a finding at risk class High and above.
    /// </summary>
    public sealed class GenerateSbom : SsdlcCheckTask
    {
        /// <summary>False when the project switched the SBOM off: only the policy finding is written.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Where the SBOM goes.</summary>
        public string? SbomFile { get; set; }

        public string? ProjectAssetsFile { get; set; }

        public string? TargetFramework { get; set; }

        public string? TargetFrameworkMoniker { get; set; }

        public string? RuntimeIdentifier { get; set; }

        /// <summary>The component name: PackageId, else AssemblyName.</summary>
        public string? ComponentName { get; set; }

        public string? Version { get; set; }

        public string? OutputType { get; set; }

        /// <summary>The built assembly (hashed into the SBOM's metadata component).</summary>
        public string? AssemblyFile { get; set; }

        /// <summary>@(ResolvedFrameworkReference): TargetingPackName/Version, RuntimePackName/Version.</summary>
        public ITaskItem[] FrameworkReferences { get; set; } = Array.Empty<ITaskItem>();

        public string? BundledNETCoreAppPackageVersion { get; set; }

        /// <summary>$(SOURCE_DATE_EPOCH): seconds since 1970; the only source of the SBOM's timestamp.</summary>
        public string? SourceDateEpoch { get; set; }

        /// <summary>SSDLC2508: a PFX/P12 or PEM file with the private key that signs the SBOM (JSF); never inside the repository.</summary>
        public string? SigningKeyFile { get; set; }

        /// <summary>SSDLC2508: a certificate with a private key in a store: thumbprint, or StoreLocation/StoreName/thumbprint.</summary>
        public string? SigningCertificate { get; set; }

        /// <summary>ES256, ES384, RS256 or PS256; empty: the key's natural algorithm.</summary>
        public string? SignatureAlgorithm { get; set; }

        /// <summary>The environment variable holding the key file's password (the password itself never passes through MSBuild).</summary>
        public string? SigningKeyPasswordVariable { get; set; }

        /// <summary>A release build or a pack: at risk class High and above its SBOM must be signed (SSDLC2508).</summary>
        public bool ReleaseBuild { get; set; }

        internal bool SigningRequired => ReleaseBuild && ResolvedRiskClass >= Detection.Rules.RiskClass.High;

        /// <summary>Only the signing policy (SSDLC2508), with the other checks: no SBOM is written.</summary>
        public bool SigningPolicyOnly { get; set; }

        /// <summary>The project directory: a signing key below the repository that holds it is refused.</summary>
        public string? ProjectDirectory { get; set; }

        /// <summary>package.json and libman.json files: what their lock files resolved goes into the SBOM as npm components.</summary>
        public ITaskItem[] FrontEndFiles { get; set; } = Array.Empty<ITaskItem>();

        internal override void Check(List<Finding> findings)
        {
            if (SigningPolicyOnly)
            {
                if (Enabled)
                {
                    SbomSigning.Policy(this, findings);
                }

                return;
            }

            if (!Enabled)
            {
                if (ResolvedRiskClass >= Detection.Rules.RiskClass.High)
                {
                    findings.Add(new Finding(
                        RuleIds.SbomNotGenerated,
                        Criticality.High,
                        $"The SBOM is switched off (SsdlcSbom=false) for target framework '{TargetFramework}': at risk class {ResolvedRiskClass} every build output needs a CycloneDX SBOM. Remove SsdlcSbom=false.",
                        ProjectFile,
                        0,
                        0,
                        "SsdlcSbom"));
                }

                return;
            }

            if (string.IsNullOrEmpty(SbomFile))
            {
                findings.Add(Failure("no SBOM path was given (SbomFile)", ProjectFile, 0));
                return;
            }

            try
            {
                var inputs = new SbomInputs
                {
                    AssetsFile = ProjectAssetsFile ?? string.Empty,
                    TargetFramework = TargetFramework ?? string.Empty,
                    TargetMoniker = TargetFrameworkMoniker,
                    RuntimeIdentifier = RuntimeIdentifier,
                    Name = string.IsNullOrEmpty(ComponentName) ? Path.GetFileNameWithoutExtension(ProjectFile ?? "project") : ComponentName!,
                    Version = Version,
                    ComponentType = IsApplication(OutputType) ? "application" : "library",
                    AssemblyFile = AssemblyFile,
                    DefaultNetCoreAppVersion = BundledNETCoreAppPackageVersion,
                    ToolVersion = ToolVersion(),
                    RepositoryRoot = FrontEnd.FrontEndFiles.RepositoryRootOf(ProjectDirectory),
                };
                inputs.FrontEndFiles.AddRange(FrontEndFiles.Select(f => Path.GetFullPath(f.ItemSpec)));

                foreach (ITaskItem reference in FrameworkReferences)
                {
                    string runtimePack = reference.GetMetadata("RuntimePackName");
                    string runtimeVersion = reference.GetMetadata("RuntimePackVersion");
                    bool selfContained = runtimePack.Length > 0 && runtimeVersion.Length > 0;
                    inputs.Frameworks.Add((
                        reference.ItemSpec,
                        selfContained ? runtimePack : NullIfEmpty(reference.GetMetadata("TargetingPackName")),
                        selfContained ? runtimeVersion : NullIfEmpty(reference.GetMetadata("TargetingPackVersion"))));
                }

                if (!string.IsNullOrWhiteSpace(SourceDateEpoch))
                {
                    if (long.TryParse(SourceDateEpoch!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds <= 253402300799L)
                    {
                        inputs.Timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        findings.Add(new Finding(
                            RuleIds.InvalidConfiguration,
                            Criticality.High,
                            $"SOURCE_DATE_EPOCH '{SourceDateEpoch}' is not a number of seconds since 1970-01-01; the SBOM is written without a timestamp.",
                            ProjectFile,
                            0,
                            0,
                            "SOURCE_DATE_EPOCH"));
                    }
                }

                byte[] content = CycloneDxWriter.Write(SbomBuilder.Build(inputs));
                content = SbomSigning.Apply(this, content, findings);
                string full = Path.GetFullPath(SbomFile!);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, content);
            }
            catch (SbomInputException ex)
            {
                DeleteStale();
                findings.Add(Failure(ex.Message, ex.File, ex.Line));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException || ex is System.Text.Json.JsonException || ex is InvalidOperationException)
            {
                DeleteStale();
                findings.Add(Failure($"{ex.GetType().Name}: {ex.Message}", ProjectFile, 0));
            }
        }

        private Finding Failure(string reason, string? file, int line)
            => new Finding(
                RuleIds.SbomNotGenerated,
                Criticality.High,
                $"The SBOM for target framework '{TargetFramework}' could not be generated: {reason}",
                string.IsNullOrEmpty(file) ? ProjectFile : file,
                line,
                0,
                string.IsNullOrEmpty(SbomFile) ? "SBOM" : Path.GetFileName(SbomFile));

        private void DeleteStale()
        {
            try
            {
                if (!string.IsNullOrEmpty(SbomFile) && File.Exists(SbomFile))
                {
                    File.Delete(SbomFile);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private static bool IsApplication(string? outputType)
            => string.Equals(outputType, "Exe", StringComparison.OrdinalIgnoreCase) || string.Equals(outputType, "WinExe", StringComparison.OrdinalIgnoreCase);

        private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

        private static string ToolVersion()
        {
            string? version = typeof(GenerateSbom).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(version))
            {
                return "0.0.0";
            }

            int plus = version!.IndexOf('+');
            return plus > 0 ? version.Substring(0, plus) : version;
        }
    }
}

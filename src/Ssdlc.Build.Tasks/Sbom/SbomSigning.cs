using System;
using System.Collections.Generic;
using System.IO;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>
    /// SSDLC2508 (A.2.5.8): signs the SBOM with an embedded JSF signature when a key is configured; reports an unsigned
    /// SBOM where signing is required (release builds and packs at risk class High and above), a key that cannot be used,
    /// and a key kept inside the repository (which is refused).
    /// </summary>
    internal static class SbomSigning
    {
        public const string Subject = "SBOM signature";

        /// <summary>
        /// The signing policy, checked with the other build checks (so also when compilation fails): no key for a release
        /// build or pack at High and above, and a key file inside the repository.
        /// </summary>
        public static void Policy(GenerateSbom task, List<Finding> findings)
        {
            bool hasFile = !string.IsNullOrWhiteSpace(task.SigningKeyFile);
            bool hasStore = !string.IsNullOrWhiteSpace(task.SigningCertificate);
            if (!hasFile && !hasStore)
            {
                if (task.SigningRequired)
                {
                    findings.Add(new Finding(
                        RuleIds.SbomNotSigned,
                        Criticality.Medium,
                        $"The SBOM of this release build ({task.TargetFramework}) is not signed: at risk class {task.ResolvedRiskClass} every deployed artifact, SBOMs included, is signed. Set SsdlcSbomSigningKey (or the environment variable SSDLC_SBOM_SIGNING_KEY) to a PFX or PEM file kept outside the repository, or SsdlcSbomSigningCertificate to a certificate in the store.",
                        task.ProjectFile,
                        0,
                        0,
                        Subject));
                }

                return;
            }

            if (hasFile && InsideRepository(task.SigningKeyFile!, task.ProjectDirectory, out string root))
            {
                findings.Add(new Finding(
                    RuleIds.SbomNotSigned,
                    Criticality.High,
                    $"The SBOM signing key '{Path.GetFileName(task.SigningKeyFile)}' lies inside the repository ({root}); a private key must never be committed. Keep it in a secret store or on the build agent and point SsdlcSbomSigningKey or SSDLC_SBOM_SIGNING_KEY to it there. The SBOM is not signed with it.",
                    task.SigningKeyFile,
                    0,
                    0,
                    Subject));
            }
        }

        /// <summary>Signs the SBOM when a usable key is configured; a key that cannot be used is reported here.</summary>
        public static byte[] Apply(GenerateSbom task, byte[] content, List<Finding> findings)
        {
            bool hasFile = !string.IsNullOrWhiteSpace(task.SigningKeyFile);
            bool hasStore = !string.IsNullOrWhiteSpace(task.SigningCertificate);
            if ((!hasFile && !hasStore) || (hasFile && InsideRepository(task.SigningKeyFile!, task.ProjectDirectory, out _)))
            {
                // Reported by Policy, which runs with the other checks.
                return content;
            }

            string? password = null;
            string variable = string.IsNullOrWhiteSpace(task.SigningKeyPasswordVariable) ? "SSDLC_SBOM_SIGNING_KEY_PASSWORD" : task.SigningKeyPasswordVariable!.Trim();
            if (hasFile)
            {
                password = Environment.GetEnvironmentVariable(variable);
            }

            try
            {
                using SigningKey key = SigningKey.Load(hasFile ? task.SigningKeyFile : null, hasFile ? null : task.SigningCertificate, password, task.SignatureAlgorithm);
                return JsfSignature.Sign(content, key);
            }
            catch (SigningKeyException ex)
            {
                findings.Add(new Finding(
                    RuleIds.SbomNotSigned,
                    Criticality.High,
                    $"The SBOM ({task.TargetFramework}) could not be signed: {ex.Message}{(hasFile ? $" (the password, if any, is read from the environment variable {variable})" : string.Empty)}. The SBOM was written unsigned.",
                    hasFile ? task.SigningKeyFile : task.ProjectFile,
                    0,
                    0,
                    Subject));
                return content;
            }
        }

        /// <summary>The key file is below the git work tree (or, without one, the project directory) of the project.</summary>
        internal static bool InsideRepository(string keyFile, string? projectDirectory, out string root)
        {
            root = string.Empty;
            if (string.IsNullOrEmpty(projectDirectory))
            {
                return false;
            }

            string project = Path.GetFullPath(projectDirectory);
            string? dir = project;
            while (dir != null && !Directory.Exists(Path.Combine(dir, ".git")) && !File.Exists(Path.Combine(dir, ".git")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            root = Path.TrimEndingDirectorySeparator(dir ?? project);
            string key = Path.GetFullPath(keyFile);
            return key.StartsWith(root + Path.DirectorySeparatorChar, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }
    }
}

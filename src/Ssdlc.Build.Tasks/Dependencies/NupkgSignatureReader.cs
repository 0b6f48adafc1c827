using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using NuGet.Packaging;
using NuGet.Packaging.Signing;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>One signer of a package: the primary signature, or a repository countersignature on an author signature.</summary>
    internal sealed class PackageSigner
    {
        public PackageSigner(string role, string subject, Dictionary<string, string> fingerprints, IReadOnlyList<string> owners)
        {
            Role = role;
            Subject = subject;
            Fingerprints = fingerprints;
            Owners = owners;
        }

        /// <summary>"author" or "repository".</summary>
        public string Role { get; }

        public string Subject { get; }

        /// <summary>Hash algorithm (SHA256, SHA384, SHA512) to the upper-case hex fingerprint of the signing certificate.</summary>
        public Dictionary<string, string> Fingerprints { get; }

        /// <summary>The package owners a repository signature names (nuget-package-owners); empty for author signatures.</summary>
        public IReadOnlyList<string> Owners { get; }
    }

    /// <summary>
    /// Reads a package's signature with NuGet.Packaging, from the <c>.nupkg</c> that restore keeps in the global packages
    /// folder. Kept apart from the rules so that NuGet.Packaging is loaded only where signatures are checked (VeryHigh).
    /// </summary>
    internal static class NupkgSignatureReader
    {
        /// <summary>The signers, primary first; empty when the package is unsigned. Throws on an unreadable package.</summary>
        public static List<PackageSigner> Read(string nupkg)
        {
            var signers = new List<PackageSigner>();
            using var reader = new PackageArchiveReader(File.OpenRead(nupkg));
            if (!reader.IsSignedAsync(CancellationToken.None).GetAwaiter().GetResult())
            {
                return signers;
            }

            PrimarySignature? primary = reader.GetPrimarySignatureAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (primary == null)
            {
                return signers;
            }

            if (primary.Type == SignatureType.Repository)
            {
                signers.Add(Signer("repository", primary.SignerInfo.Certificate, primary as IRepositorySignature));
            }
            else if (primary.Type == SignatureType.Author)
            {
                signers.Add(Signer("author", primary.SignerInfo.Certificate, null));
                RepositoryCountersignature? countersignature = RepositoryCountersignature.GetRepositoryCountersignature(primary);
                if (countersignature != null)
                {
                    signers.Add(Signer("repository", countersignature.SignerInfo.Certificate, countersignature));
                }
            }
            else
            {
                signers.Add(new PackageSigner("unknown", primary.SignerInfo.Certificate?.Subject ?? "unknown signer", new Dictionary<string, string>(), Array.Empty<string>()));
            }

            return signers;
        }

        private static PackageSigner Signer(string role, X509Certificate2? certificate, IRepositorySignature? repository)
        {
            var fingerprints = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (certificate != null)
            {
                fingerprints["SHA256"] = Convert.ToHexString(SHA256.HashData(certificate.RawData));
                fingerprints["SHA384"] = Convert.ToHexString(SHA384.HashData(certificate.RawData));
                fingerprints["SHA512"] = Convert.ToHexString(SHA512.HashData(certificate.RawData));
            }

            IReadOnlyList<string> owners = repository?.PackageOwners?.ToList() ?? new List<string>();
            return new PackageSigner(role, certificate?.GetNameInfo(X509NameType.SimpleName, false) ?? "no certificate", fingerprints, owners);
        }
    }
}

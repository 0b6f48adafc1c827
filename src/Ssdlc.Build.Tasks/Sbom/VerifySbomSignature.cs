using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Build.Framework;
using Ssdlc.Detection.Rules;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>
    /// A.2.5.8/9: verifies the JSF signature of CycloneDX SBOMs (<c>*.cdx.json</c>, or every <c>sbom/**.cdx.json</c> in a
    /// <c>.nupkg</c>) against trusted certificates or public keys, for a release pipeline. Unlike the build checks this
    /// task fails: an unsigned SBOM, a signature by an untrusted key, and content changed after signing are errors
    /// (SSDLC2508) that stop the pipeline.
    /// </summary>
    public sealed class VerifySbomSignature : MSBuildTask
    {
        /// <summary>SBOM files or packages holding SBOMs.</summary>
        [Required]
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Certificate files (DER or PEM; a PEM file may hold several): the signer's certificate or an issuer of it.</summary>
        public ITaskItem[] TrustedCertificates { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>PEM files with a PUBLIC KEY block (SubjectPublicKeyInfo).</summary>
        public ITaskItem[] TrustedPublicKeys { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>How many SBOMs were verified (for the caller and the tests).</summary>
        [Output]
        public int VerifiedCount { get; set; }

        public override bool Execute()
        {
            var certificates = new List<X509Certificate2>();
            var keys = new List<byte[]>();
            try
            {
                if (!LoadTrust(certificates, keys))
                {
                    return false;
                }

                if (Files.Length == 0)
                {
                    Error(null, "no SBOM to verify was given (SsdlcSbomToVerify)");
                }

                foreach (ITaskItem item in Files)
                {
                    string path = item.GetMetadata("FullPath");
                    if (path.Length == 0)
                    {
                        path = Path.GetFullPath(item.ItemSpec);
                    }

                    if (!File.Exists(path))
                    {
                        Error(path, "the file does not exist");
                        continue;
                    }

                    if (path.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
                    {
                        VerifyPackage(path, certificates, keys);
                    }
                    else
                    {
                        VerifyOne(path, path, File.ReadAllBytes(path), certificates, keys);
                    }
                }
            }
            finally
            {
                foreach (X509Certificate2 certificate in certificates)
                {
                    certificate.Dispose();
                }
            }

            return !Log.HasLoggedErrors;
        }

        private void VerifyPackage(string package, List<X509Certificate2> certificates, List<byte[]> keys)
        {
            try
            {
                using ZipArchive zip = ZipFile.OpenRead(package);
                List<ZipArchiveEntry> entries = zip.Entries
                    .Where(e => e.FullName.StartsWith("sbom/", StringComparison.OrdinalIgnoreCase) && e.FullName.EndsWith(".cdx.json", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(e => e.FullName, StringComparer.Ordinal)
                    .ToList();
                if (entries.Count == 0)
                {
                    Error(package, "the package holds no SBOM (sbom/<tfm>/*.cdx.json)");
                }

                foreach (ZipArchiveEntry entry in entries)
                {
                    using var buffer = new MemoryStream();
                    using (Stream stream = entry.Open())
                    {
                        stream.CopyTo(buffer);
                    }

                    VerifyOne(package, $"{Path.GetFileName(package)}:{entry.FullName}", buffer.ToArray(), certificates, keys);
                }
            }
            catch (InvalidDataException ex)
            {
                Error(package, $"the package cannot be read as a zip file ({ex.Message})");
            }
        }

        private void VerifyOne(string file, string name, byte[] content, List<X509Certificate2> certificates, List<byte[]> keys)
        {
            JsfVerification result = JsfSignature.Verify(content, certificates, keys);
            if (result.IsValid)
            {
                VerifiedCount++;
                Log.LogMessage(MessageImportance.High, $"Ssdlc: {name}: signature valid ({result.Algorithm}, {result.Detail}).");
            }
            else
            {
                Error(file, $"{name}: the SBOM signature is not valid: {result.Detail}.");
            }
        }

        private bool LoadTrust(List<X509Certificate2> certificates, List<byte[]> keys)
        {
            foreach (ITaskItem item in TrustedCertificates)
            {
                string path = Path.GetFullPath(item.ItemSpec);
                try
                {
                    byte[] content = File.ReadAllBytes(path);
                    string text = System.Text.Encoding.ASCII.GetString(content);
                    if (text.Contains("-----BEGIN CERTIFICATE-----"))
                    {
                        var collection = new X509Certificate2Collection();
                        collection.ImportFromPem(text);
                        certificates.AddRange(collection.Cast<X509Certificate2>());
                    }
                    else
                    {
                        certificates.Add(CertificateLoading.Certificate(content));
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is CryptographicException)
                {
                    Error(path, $"the trusted certificate cannot be read ({ex.Message.Trim()})");
                }
            }

            foreach (ITaskItem item in TrustedPublicKeys)
            {
                string path = Path.GetFullPath(item.ItemSpec);
                try
                {
                    string text = File.ReadAllText(path);
                    PemFields fields = PemEncoding.Find(text);
                    if (!text.AsSpan()[fields.Label].SequenceEqual("PUBLIC KEY"))
                    {
                        Error(path, "the trusted public key file holds no PEM 'PUBLIC KEY' block");
                        continue;
                    }

                    keys.Add(Convert.FromBase64String(text.Substring(fields.Base64Data.Start.Value, fields.Base64Data.End.Value - fields.Base64Data.Start.Value)));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is FormatException)
                {
                    Error(path, $"the trusted public key cannot be read ({ex.Message.Trim()})");
                }
            }

            if (!Log.HasLoggedErrors && certificates.Count == 0 && keys.Count == 0)
            {
                Error(null, "no trusted certificate or public key was given: set SsdlcSbomTrustedCertificate or SsdlcSbomTrustedPublicKey");
            }

            return !Log.HasLoggedErrors;
        }

        private void Error(string? file, string message)
            => Log.LogError(RuleCatalog.Category, RuleIds.SbomNotSigned, null, file, 0, 0, 0, 0, message);
    }
}

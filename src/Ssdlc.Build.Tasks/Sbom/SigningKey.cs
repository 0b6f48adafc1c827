using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>The signing key cannot be used (missing file, wrong password, unsupported key, unknown algorithm).</summary>
    internal sealed class SigningKeyException : Exception
    {
        public SigningKeyException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// A private key for JSF signatures (ES256, ES384, RS256, PS256) with its certificate path when it has one. Loaded
    /// from a PFX/PKCS#12 file, a PEM file (PKCS#8 or SEC1/PKCS#1 private key, optionally followed by the certificates),
    /// or a certificate store by thumbprint. Messages name the file or thumbprint, never the password.
    /// </summary>
    internal sealed class SigningKey : IDisposable
    {
        public static readonly IReadOnlyList<string> Algorithms = new[] { "ES256", "ES384", "RS256", "PS256" };

        private SigningKey(AsymmetricAlgorithm key, IReadOnlyList<X509Certificate2> certificates, string algorithm, string source)
        {
            Key = key;
            Certificates = certificates;
            Algorithm = algorithm;
            Source = source;
        }

        public AsymmetricAlgorithm Key { get; }

        /// <summary>The signing certificate first, then the rest of its path as the file had it; may be empty.</summary>
        public IReadOnlyList<X509Certificate2> Certificates { get; }

        public string Algorithm { get; }

        /// <summary>Where the key came from, for messages (a file name or a store and thumbprint).</summary>
        public string Source { get; }

        /// <summary>
        /// <paramref name="file"/> (PFX/P12 or PEM) or <paramref name="storeReference"/> (<c>thumbprint</c>, or
        /// <c>StoreLocation/StoreName/thumbprint</c>, default CurrentUser/My); <paramref name="algorithm"/> empty picks the
        /// key's natural one (ES256 for P-256, ES384 for P-384, RS256 for RSA).
        /// </summary>
        public static SigningKey Load(string? file, string? storeReference, string? password, string? algorithm)
        {
            if (!string.IsNullOrWhiteSpace(file))
            {
                return FromFile(file!.Trim(), password, algorithm);
            }

            if (!string.IsNullOrWhiteSpace(storeReference))
            {
                return FromStore(storeReference!.Trim(), algorithm);
            }

            throw new SigningKeyException("no signing key was given");
        }

        public byte[] Sign(byte[] data)
            => Algorithm switch
            {
                "ES256" => ((ECDsa)Key).SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                "ES384" => ((ECDsa)Key).SignData(data, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                "RS256" => ((RSA)Key).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                "PS256" => ((RSA)Key).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
                _ => throw new SigningKeyException($"unsupported algorithm {Algorithm}"),
            };

        public void Dispose()
        {
            Key.Dispose();
            foreach (X509Certificate2 certificate in Certificates)
            {
                certificate.Dispose();
            }
        }

        private static SigningKey FromFile(string file, string? password, string? algorithm)
        {
            if (!File.Exists(file))
            {
                throw new SigningKeyException($"the signing key file '{file}' does not exist");
            }

            string name = Path.GetFileName(file);
            byte[] content = File.ReadAllBytes(file);
            if (LooksLikePem(content))
            {
                return FromPem(System.Text.Encoding.ASCII.GetString(content), name, password, algorithm);
            }

            X509Certificate2Collection collection;
            try
            {
                collection = CertificateLoading.Pkcs12(content, password, X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable);
            }
            catch (CryptographicException ex)
            {
                throw new SigningKeyException($"'{name}' cannot be read as a PFX/PKCS#12 file with the given password ({ex.Message.Trim()})");
            }
            catch (PlatformNotSupportedException)
            {
                // Ephemeral key sets are not supported everywhere (macOS); fall back to a normal import.
                collection = CertificateLoading.Pkcs12(content, password, X509KeyStorageFlags.Exportable);
            }

            X509Certificate2? leaf = collection.Cast<X509Certificate2>().FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new SigningKeyException($"'{name}' holds no certificate with a private key");
            var path = new List<X509Certificate2> { leaf };
            path.AddRange(OrderedIssuers(leaf, collection.Cast<X509Certificate2>().Where(c => !ReferenceEquals(c, leaf))));
            AsymmetricAlgorithm key = (AsymmetricAlgorithm?)leaf.GetECDsaPrivateKey() ?? leaf.GetRSAPrivateKey()
                ?? throw new SigningKeyException($"the key in '{name}' is neither an EC nor an RSA key");
            return new SigningKey(key, path, ChooseAlgorithm(key, algorithm, name), name);
        }

        private static SigningKey FromPem(string pem, string name, string? password, string? algorithm)
        {
            AsymmetricAlgorithm? key = null;
            bool encrypted = pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
            if (encrypted && string.IsNullOrEmpty(password))
            {
                throw new SigningKeyException($"'{name}' holds an encrypted private key and no password was given");
            }

            bool isEc = pem.Contains("-----BEGIN EC PRIVATE KEY-----");
            bool isRsa = pem.Contains("-----BEGIN RSA PRIVATE KEY-----");
            foreach (Func<AsymmetricAlgorithm> create in Candidates(isEc, isRsa))
            {
                AsymmetricAlgorithm candidate = create();
                try
                {
                    if (encrypted)
                    {
                        candidate.ImportFromEncryptedPem(pem, password);
                    }
                    else
                    {
                        candidate.ImportFromPem(pem);
                    }

                    key = candidate;
                    break;
                }
                catch (Exception ex) when (ex is CryptographicException || ex is ArgumentException)
                {
                    candidate.Dispose();
                }
            }

            if (key == null)
            {
                throw new SigningKeyException($"'{name}' holds no EC or RSA private key that can be read{(encrypted ? " with the given password" : string.Empty)}");
            }

            var certificates = new List<X509Certificate2>();
            var collection = new X509Certificate2Collection();
            try
            {
                collection.ImportFromPem(pem);
            }
            catch (CryptographicException ex)
            {
                key.Dispose();
                throw new SigningKeyException($"a certificate in '{name}' cannot be read ({ex.Message.Trim()})");
            }

            X509Certificate2? leaf = collection.Cast<X509Certificate2>().FirstOrDefault(c => SamePublicKey(c, key));
            if (leaf != null)
            {
                certificates.Add(leaf);
                certificates.AddRange(OrderedIssuers(leaf, collection.Cast<X509Certificate2>().Where(c => !ReferenceEquals(c, leaf))));
            }
            else if (collection.Count > 0)
            {
                key.Dispose();
                throw new SigningKeyException($"none of the certificates in '{name}' belongs to its private key");
            }

            return new SigningKey(key, certificates, ChooseAlgorithm(key, algorithm, name), name);
        }

        private static IEnumerable<Func<AsymmetricAlgorithm>> Candidates(bool isEc, bool isRsa)
        {
            if (!isRsa)
            {
                yield return () => ECDsa.Create();
            }

            if (!isEc)
            {
                yield return () => RSA.Create();
            }
        }

        private static SigningKey FromStore(string reference, string? algorithm)
        {
            string[] parts = reference.Split('/', '\\');
            StoreLocation location = StoreLocation.CurrentUser;
            StoreName storeName = StoreName.My;
            string thumbprint = parts[parts.Length - 1].Replace(" ", string.Empty);
            if (parts.Length == 3)
            {
                if (!Enum.TryParse(parts[0], true, out location) || !Enum.TryParse(parts[1], true, out storeName))
                {
                    throw new SigningKeyException($"'{reference}' is not a certificate store reference: use a thumbprint or StoreLocation/StoreName/thumbprint (e.g. CurrentUser/My/<thumbprint>)");
                }
            }
            else if (parts.Length != 1)
            {
                throw new SigningKeyException($"'{reference}' is not a certificate store reference: use a thumbprint or StoreLocation/StoreName/thumbprint (e.g. CurrentUser/My/<thumbprint>)");
            }

            using var store = new X509Store(storeName, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException ex)
            {
                throw new SigningKeyException($"the certificate store {location}/{storeName} cannot be opened ({ex.Message.Trim()})");
            }

            X509Certificate2? certificate = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false)
                .Cast<X509Certificate2>().FirstOrDefault(c => c.HasPrivateKey);
            string source = $"{location}/{storeName}/{thumbprint}";
            if (certificate == null)
            {
                throw new SigningKeyException($"the certificate store {location}/{storeName} has no certificate with a private key and thumbprint {thumbprint}");
            }

            AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
                ?? throw new SigningKeyException($"the key of certificate {source} is neither an EC nor an RSA key");
            return new SigningKey(key, new[] { certificate }, ChooseAlgorithm(key, algorithm, source), source);
        }

        private static string ChooseAlgorithm(AsymmetricAlgorithm key, string? requested, string source)
        {
            string? natural = key switch
            {
                ECDsa ec when ec.KeySize == 256 => "ES256",
                ECDsa ec when ec.KeySize == 384 => "ES384",
                RSA rsa when rsa.KeySize >= 2048 => "RS256",
                _ => null,
            };
            if (natural == null)
            {
                string kind = key is RSA ? $"an RSA key of {key.KeySize} bits (at least 2048 are needed)" : $"an EC key of {key.KeySize} bits (P-256 or P-384 are supported)";
                key.Dispose();
                throw new SigningKeyException($"the key from {source} is {kind}");
            }

            if (string.IsNullOrWhiteSpace(requested))
            {
                return natural;
            }

            string algorithm = requested!.Trim().ToUpperInvariant();
            bool fits = algorithm switch
            {
                "ES256" or "ES384" => algorithm == natural,
                "RS256" or "PS256" => key is RSA,
                _ => false,
            };
            if (!fits)
            {
                key.Dispose();
                throw new SigningKeyException(
                    Algorithms.Contains(algorithm)
                        ? $"the signature algorithm {algorithm} does not fit the key from {source} (it needs {natural}{(key is RSA ? " or PS256" : string.Empty)})"
                        : $"'{requested}' is not a supported signature algorithm; use one of {string.Join(", ", Algorithms)}");
            }

            return algorithm;
        }

        private static IEnumerable<X509Certificate2> OrderedIssuers(X509Certificate2 leaf, IEnumerable<X509Certificate2> others)
        {
            var remaining = others.ToList();
            X509Certificate2 current = leaf;
            while (current.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData) == false)
            {
                X509Certificate2? issuer = remaining.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData));
                if (issuer == null)
                {
                    yield break;
                }

                remaining.Remove(issuer);
                yield return issuer;
                current = issuer;
            }
        }

        internal static bool SamePublicKey(X509Certificate2 certificate, AsymmetricAlgorithm key)
        {
            byte[] spki = key switch
            {
                ECDsa ec => ec.ExportSubjectPublicKeyInfo(),
                RSA rsa => rsa.ExportSubjectPublicKeyInfo(),
                _ => Array.Empty<byte>(),
            };
            return certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(spki);
        }

        private static bool LooksLikePem(byte[] content)
        {
            int length = Math.Min(content.Length, 4096);
            string head = System.Text.Encoding.ASCII.GetString(content, 0, length);
            return head.Contains("-----BEGIN ");
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>What a verification found: whether the signature holds, and why not.</summary>
    internal sealed class JsfVerification
    {
        private JsfVerification(bool valid, string detail, string? algorithm)
        {
            IsValid = valid;
            Detail = detail;
            Algorithm = algorithm;
        }

        public bool IsValid { get; }

        /// <summary>On success, who signed; on failure, what is wrong.</summary>
        public string Detail { get; }

        public string? Algorithm { get; }

        public static JsfVerification Valid(string signer, string algorithm) => new JsfVerification(true, signer, algorithm);

        public static JsfVerification Invalid(string reason, string? algorithm = null) => new JsfVerification(false, reason, algorithm);
    }

    /// <summary>
    /// Enveloped JSON Signature Format (JSF 0.82) signatures on a JSON object, as CycloneDX embeds them (a top-level
    /// <c>signature</c>): the signature is computed over the RFC 8785 canonical form of the whole object, the signature
    /// object included but without its <c>value</c>; the value is base64url without padding, in JWA's format (ECDSA as
    /// r||s). The signature object carries the public key as a JWK and, when the key has one, the certificate path
    /// (base64url DER, signing certificate first).
    /// </summary>
    internal static class JsfSignature
    {
        public const string PropertyName = "signature";

        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>Adds (or replaces) the top-level signature of a JSON object document; indented, LF, final newline.</summary>
        public static byte[] Sign(byte[] json, SigningKey key)
        {
            JsonObject root = ParseObject(json);
            root.Remove(PropertyName);
            var signature = new JsonObject
            {
                ["algorithm"] = key.Algorithm,
                ["publicKey"] = PublicJwk(key.Key),
            };
            if (key.Certificates.Count > 0)
            {
                signature["certificatePath"] = new JsonArray(key.Certificates.Select(c => (JsonNode)JsonValue.Create(Base64Url(c.RawData))!).ToArray());
            }

            root[PropertyName] = signature;
            byte[] canonical = Canonical(root);
            signature["value"] = Base64Url(key.Sign(canonical));
            return Serialize(root);
        }

        /// <summary>
        /// Verifies the top-level signature against the trusted certificates or public keys (SubjectPublicKeyInfo DER):
        /// the key that verifies must be one of them, or the signing certificate must chain to a trusted certificate.
        /// </summary>
        public static JsfVerification Verify(byte[] json, IReadOnlyList<X509Certificate2> trustedCertificates, IReadOnlyList<byte[]> trustedPublicKeys)
        {
            try
            {
                return VerifyCore(json, trustedCertificates, trustedPublicKeys);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // Damaged keys, certificates or values surface as all kinds of exceptions; any of them means "not valid".
                return JsfVerification.Invalid($"its signature cannot be checked ({ex.GetType().Name}: {ex.Message.Trim()})");
            }
        }

        private static JsfVerification VerifyCore(byte[] json, IReadOnlyList<X509Certificate2> trustedCertificates, IReadOnlyList<byte[]> trustedPublicKeys)
        {
            JsonObject root;
            try
            {
                root = ParseObject(json);
            }
            catch (JsonException ex)
            {
                return JsfVerification.Invalid($"it is not valid JSON ({ex.Message})");
            }
            catch (InvalidOperationException ex)
            {
                return JsfVerification.Invalid(ex.Message);
            }

            if (!(root[PropertyName] is JsonObject signature))
            {
                return JsfVerification.Invalid("it has no signature (no top-level 'signature' object)");
            }

            if (signature.ContainsKey("signers") || signature.ContainsKey("chain"))
            {
                return JsfVerification.Invalid("it has a multi-signature or signature chain, which this verifier does not accept; a single signer is expected");
            }

            string? algorithm = Text(signature, "algorithm");
            string? value = Text(signature, "value");
            if (algorithm == null || value == null)
            {
                return JsfVerification.Invalid("its signature has no 'algorithm' or no 'value'");
            }

            if (!SigningKey.Algorithms.Contains(algorithm))
            {
                return JsfVerification.Invalid($"its signature algorithm '{algorithm}' is not one of {string.Join(", ", SigningKey.Algorithms)}", algorithm);
            }

            byte[] signatureBytes;
            List<X509Certificate2> path;
            AsymmetricAlgorithm? embeddedKey;
            try
            {
                signatureBytes = FromBase64Url(value);
                path = (signature["certificatePath"] as JsonArray)?.Select(n => CertificateLoading.Certificate(FromBase64Url(n!.GetValue<string>()))).ToList() ?? new List<X509Certificate2>();
                embeddedKey = signature["publicKey"] is JsonObject jwk ? FromJwk(jwk) : null;
            }
            catch (Exception ex) when (ex is FormatException || ex is CryptographicException || ex is InvalidOperationException || ex is ArgumentException)
            {
                return JsfVerification.Invalid($"its signature object cannot be read ({ex.Message.Trim()})", algorithm);
            }

            try
            {
                // The signed form: the object with the signature but without its value and without what 'excludes' names.
                JsonObject signed = (JsonObject)root.DeepClone();
                var signedSignature = (JsonObject)signed[PropertyName]!;
                signedSignature.Remove("value");
                if (signedSignature["excludes"] is JsonArray excludes)
                {
                    foreach (JsonNode? name in excludes)
                    {
                        signed.Remove(name?.GetValue<string>() ?? string.Empty);
                    }

                    signedSignature.Remove("excludes");
                }

                byte[] canonical = Canonical(signed);

                // The candidates: the trusted keys themselves, then the embedded key when its certificate chains to a trusted one.
                var candidates = new List<(AsymmetricAlgorithm Key, string Who)>();
                foreach (X509Certificate2 trusted in trustedCertificates)
                {
                    AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)trusted.GetECDsaPublicKey() ?? trusted.GetRSAPublicKey();
                    if (key != null)
                    {
                        candidates.Add((key, "trusted certificate " + trusted.Subject));
                    }
                }

                foreach (byte[] spki in trustedPublicKeys)
                {
                    AsymmetricAlgorithm? key = FromSpki(spki);
                    if (key != null)
                    {
                        candidates.Add((key, "trusted public key " + Convert.ToHexString(SHA256.HashData(spki)).Substring(0, 16).ToLowerInvariant()));
                    }
                }

                if (path.Count > 0 && ChainsToTrusted(path, trustedCertificates))
                {
                    AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)path[0].GetECDsaPublicKey() ?? path[0].GetRSAPublicKey();
                    if (key != null)
                    {
                        candidates.Add((key, "certificate " + path[0].Subject + ", issued under a trusted certificate"));
                    }
                }

                foreach ((AsymmetricAlgorithm key, string who) in candidates)
                {
                    if (VerifyWith(key, algorithm, canonical, signatureBytes))
                    {
                        if (embeddedKey != null && !SameKey(embeddedKey, key))
                        {
                            return JsfVerification.Invalid("the signature verifies, but the public key it names is not the one that signed", algorithm);
                        }

                        return JsfVerification.Valid(who, algorithm);
                    }
                }

                if (candidates.Count == 0)
                {
                    return JsfVerification.Invalid("no trusted certificate or public key was given, or none holds an EC or RSA key", algorithm);
                }

                bool signedByTrustedKey = embeddedKey != null && candidates.Any(c => SameKey(embeddedKey, c.Key));
                return JsfVerification.Invalid(
                    signedByTrustedKey || embeddedKey == null
                        ? "the signature does not match the content: the SBOM was changed after it was signed, or the signature is damaged"
                        : "it is signed with a key that is not trusted (neither a trusted key nor certified by a trusted certificate)",
                    algorithm);
            }
            catch (JsonCanonicalizationException ex)
            {
                return JsfVerification.Invalid($"it cannot be canonicalized (RFC 8785): {ex.Message}", algorithm);
            }
            finally
            {
                embeddedKey?.Dispose();
                foreach (X509Certificate2 certificate in path)
                {
                    certificate.Dispose();
                }
            }
        }

        public static byte[] Canonical(JsonNode node)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                node.WriteTo(writer);
            }

            using JsonDocument doc = JsonDocument.Parse(stream.ToArray());
            return JsonCanonicalizer.Canonicalize(doc.RootElement);
        }

        public static string Base64Url(byte[] data)
            => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        /// <summary>
        /// base64url without padding, as JSF writes it (standard base64 is accepted too); strict: unused trailing bits must be
        /// zero, so that no two texts decode to the same bytes and every changed character of a value is a changed value.
        /// </summary>
        public static byte[] FromBase64Url(string text)
        {
            string normalized = text.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_');
            byte[] bytes = DecodeBase64Url(normalized);
            if (Base64Url(bytes) != normalized)
            {
                throw new FormatException("a base64url value is not in canonical form");
            }

            return bytes;
        }

        private static byte[] DecodeBase64Url(string text)
        {
            string s = text.Replace('-', '+').Replace('_', '/');
            switch (s.Length % 4)
            {
                case 2:
                    s += "==";
                    break;
                case 3:
                    s += "=";
                    break;
            }

            return Convert.FromBase64String(s);
        }

        internal static JsonObject PublicJwk(AsymmetricAlgorithm key)
        {
            switch (key)
            {
                case ECDsa ec:
                    ECParameters p = ec.ExportParameters(false);
                    return new JsonObject
                    {
                        ["kty"] = "EC",
                        ["crv"] = ec.KeySize == 384 ? "P-384" : "P-256",
                        ["x"] = Base64Url(p.Q.X!),
                        ["y"] = Base64Url(p.Q.Y!),
                    };
                case RSA rsa:
                    RSAParameters r = rsa.ExportParameters(false);
                    return new JsonObject
                    {
                        ["kty"] = "RSA",
                        ["n"] = Base64Url(r.Modulus!),
                        ["e"] = Base64Url(r.Exponent!),
                    };
                default:
                    throw new SigningKeyException("only EC and RSA keys are supported");
            }
        }

        private static AsymmetricAlgorithm? FromJwk(JsonObject jwk)
        {
            switch (Text(jwk, "kty"))
            {
                case "EC":
                    ECCurve curve = Text(jwk, "crv") switch
                    {
                        "P-256" => ECCurve.NamedCurves.nistP256,
                        "P-384" => ECCurve.NamedCurves.nistP384,
                        "P-521" => ECCurve.NamedCurves.nistP521,
                        string other => throw new FormatException($"unknown curve '{other}'"),
                        null => throw new FormatException("the EC public key has no curve"),
                    };
                    return ECDsa.Create(new ECParameters
                    {
                        Curve = curve,
                        Q = new ECPoint { X = FromBase64Url(Text(jwk, "x") ?? string.Empty), Y = FromBase64Url(Text(jwk, "y") ?? string.Empty) },
                    });
                case "RSA":
                    RSA rsa = RSA.Create();
                    rsa.ImportParameters(new RSAParameters { Modulus = FromBase64Url(Text(jwk, "n") ?? string.Empty), Exponent = FromBase64Url(Text(jwk, "e") ?? string.Empty) });
                    return rsa;
                default:
                    return null;
            }
        }

        private static AsymmetricAlgorithm? FromSpki(byte[] spki)
        {
            try
            {
                var ec = ECDsa.Create();
                ec.ImportSubjectPublicKeyInfo(spki, out _);
                return ec;
            }
            catch (CryptographicException)
            {
            }

            try
            {
                var rsa = RSA.Create();
                rsa.ImportSubjectPublicKeyInfo(spki, out _);
                return rsa;
            }
            catch (CryptographicException)
            {
                return null;
            }
        }

        private static bool VerifyWith(AsymmetricAlgorithm key, string algorithm, byte[] data, byte[] signature)
        {
            try
            {
                return (algorithm, key) switch
                {
                    ("ES256", ECDsa ec) => ec.KeySize == 256 && ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                    ("ES384", ECDsa ec) => ec.KeySize == 384 && ec.VerifyData(data, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                    ("RS256", RSA rsa) => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                    ("PS256", RSA rsa) => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
                    _ => false,
                };
            }
            catch (CryptographicException)
            {
                return false;
            }
        }

        private static bool SameKey(AsymmetricAlgorithm a, AsymmetricAlgorithm b)
            => Spki(a).AsSpan().SequenceEqual(Spki(b));

        private static byte[] Spki(AsymmetricAlgorithm key) => key switch
        {
            ECDsa ec => ec.ExportSubjectPublicKeyInfo(),
            RSA rsa => rsa.ExportSubjectPublicKeyInfo(),
            _ => Array.Empty<byte>(),
        };

        /// <summary>The signing certificate chains to a trusted certificate (custom root trust, offline: no revocation check).</summary>
        private static bool ChainsToTrusted(List<X509Certificate2> path, IReadOnlyList<X509Certificate2> trusted)
        {
            if (trusted.Count == 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            // Builds are offline: revocation lists only from the machine's cache (a cached revocation still fails), and
            // an SBOM stays verifiable after its certificate expired.
            chain.ChainPolicy.RevocationMode = X509RevocationMode.Offline;
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid
                | X509VerificationFlags.IgnoreEndRevocationUnknown
                | X509VerificationFlags.IgnoreCertificateAuthorityRevocationUnknown;
            foreach (X509Certificate2 certificate in trusted)
            {
                chain.ChainPolicy.CustomTrustStore.Add(certificate);
            }

            foreach (X509Certificate2 certificate in path.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(certificate);
            }

            if (chain.Build(path[0]))
            {
                return true;
            }

            // A trusted intermediate (not a root) is enough: accept a chain whose only failure is an untrusted root above it.
            return chain.ChainElements.Cast<X509ChainElement>().Any(e => trusted.Any(t => t.RawData.AsSpan().SequenceEqual(e.Certificate.RawData)))
                && chain.ChainStatus.All(s => s.Status == X509ChainStatusFlags.UntrustedRoot || s.Status == X509ChainStatusFlags.PartialChain || s.Status == X509ChainStatusFlags.NoError
                    || s.Status == X509ChainStatusFlags.RevocationStatusUnknown || s.Status == X509ChainStatusFlags.OfflineRevocation || s.Status == X509ChainStatusFlags.NotTimeValid);
        }

        private static JsonObject ParseObject(byte[] json)
        {
            JsonNode? node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
            return node as JsonObject ?? throw new InvalidOperationException("the document is not a JSON object");
        }

        private static string? Text(JsonObject obj, string name)
            => obj[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

        private static byte[] Serialize(JsonObject root)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, WriterOptions))
            {
                root.WriteTo(writer);
            }

            string text = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
            return new System.Text.UTF8Encoding(false).GetBytes(text);
        }
    }
}

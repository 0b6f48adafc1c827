using System.Security.Cryptography.X509Certificates;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>
    /// Loads certificates for both task builds: net8.0 has only the constructors and <c>Import</c>, which net10.0 marks
    /// obsolete in favour of <c>X509CertificateLoader</c>.
    /// </summary>
    internal static class CertificateLoading
    {
        /// <summary>One DER-encoded certificate.</summary>
        public static X509Certificate2 Certificate(byte[] der)
#if NET9_0_OR_GREATER
            => X509CertificateLoader.LoadCertificate(der);
#else
            => new X509Certificate2(der);
#endif

        /// <summary>The certificates (and keys) of a PFX/PKCS#12 file.</summary>
        public static X509Certificate2Collection Pkcs12(byte[] content, string? password, X509KeyStorageFlags flags)
        {
#if NET9_0_OR_GREATER
            return X509CertificateLoader.LoadPkcs12Collection(content, password, flags);
#else
            var collection = new X509Certificate2Collection();
            collection.Import(content, password, flags);
            return collection;
#endif
        }
    }
}

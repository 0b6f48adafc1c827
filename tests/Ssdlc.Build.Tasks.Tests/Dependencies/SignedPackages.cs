using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NuGet.Common;
using NuGet.Packaging.Signing;
using NuGetHash = NuGet.Common.HashAlgorithmName;

namespace Ssdlc.Build.Tasks.Tests.Dependencies;

/// <summary>
/// Packages and signing certificates made at run time: a minimal .nupkg laid out as restore keeps it in the global
/// packages folder, unsigned, author-signed, repository-signed (with owners) or author-signed and repository-countersigned,
/// signed with NuGet.Packaging's own signing code.
/// </summary>
internal static class SignedPackages
{
    /// <summary>An RSA code-signing certificate (NuGet signs with RSA only), self-signed.</summary>
    public static X509Certificate2 Certificate(string name)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, System.Security.Cryptography.HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false));
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Re-imported so the private key is usable by the signing code on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12, "x"), "x", X509KeyStorageFlags.Exportable);
    }

    public static string Fingerprint(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));

    /// <summary>Writes &lt;folder&gt;/&lt;id&gt;/&lt;version&gt;/&lt;id&gt;.&lt;version&gt;.nupkg (lower case) and .nupkg.metadata; returns the nupkg path.</summary>
    public static string Create(
        string packagesFolder,
        string id,
        string version,
        X509Certificate2? author = null,
        X509Certificate2? repository = null,
        string[]? owners = null,
        string source = "https://packages.example.test/v3/index.json")
    {
        string lower = id.ToLowerInvariant();
        string dir = Path.Combine(packagesFolder, lower, version);
        Directory.CreateDirectory(dir);
        string target = Path.Combine(dir, $"{lower}.{version}.nupkg");
        string unsigned = target + ".unsigned";
        using (ZipArchive zip = ZipFile.Open(unsigned, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(zip.CreateEntry($"{lower}.nuspec").Open()))
            {
                writer.Write($"""
                    <?xml version="1.0" encoding="utf-8"?>
                    <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                      <metadata><id>{id}</id><version>{version}</version><authors>Test</authors><description>Test package.</description></metadata>
                    </package>
                    """);
            }

            using (var writer = new StreamWriter(zip.CreateEntry("lib/net10.0/_._").Open()))
            {
                writer.Write(string.Empty);
            }
        }

        string current = unsigned;
        if (author != null)
        {
            current = Sign(current, target + ".author", new AuthorSignPackageRequest(author, NuGetHash.SHA256));
        }

        if (repository != null)
        {
            current = Sign(current, target + ".repository", new RepositorySignPackageRequest(repository, NuGetHash.SHA256, NuGetHash.SHA256, new Uri(source), owners ?? []));
        }

        File.Copy(current, target, overwrite: true);
        File.WriteAllText(Path.Combine(dir, ".nupkg.metadata"), $$"""{ "version": 2, "contentHash": "", "source": "{{source}}" }""");
        return target;
    }

    private static string Sign(string input, string output, SignPackageRequest request)
    {
        // The request is not disposed: that would dispose the certificate, which the tests sign several packages with.
        using var options = SigningOptions.CreateFromFilePaths(input, output, overwrite: true, new X509SignatureProvider(timestampProvider: null), NullLogger.Instance);
        SigningUtility.SignAsync(options, request, CancellationToken.None).GetAwaiter().GetResult();

        return output;
    }
}

using System.IO.Compression;
using Microsoft.Build.Framework;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Build.Tasks.Sbom;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using Ssdlc.Tests.Sbom;
using static Ssdlc.Build.Tasks.Tests.Items;

namespace Ssdlc.Build.Tasks.Tests.Sbom;

/// <summary>
/// SSDLC2508 (A.2.5.8/9): the SBOM carries a JSF signature made with a key from outside the repository; our verifier
/// and an independent one (Node.js: the 'canonicalize' package and Node's crypto) accept it, and reject it once any
/// single character of the signed document changes. Keys and certificates are made at run time.
/// </summary>
public sealed class SbomSigningTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>Outside the project directory, where a signing key belongs.</summary>
    private string KeyDirectory => _dir.File("keys");

    private string ProjectDirectory => _dir.File("repo/app");

    public SbomSigningTests()
    {
        Directory.CreateDirectory(_dir.File("repo/.git"));
        Directory.CreateDirectory(ProjectDirectory);
    }

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string, string, string> Keys => new()
    {
        // key kind, file form, requested algorithm, algorithm in the signature
        { "ES256", "pfx", "", "ES256" },
        { "ES384", "pem", "", "ES384" },
        { "RSA", "encrypted-pem", "", "RS256" },
        { "RSA", "pfx", "PS256", "PS256" },
        { "ES256", "encrypted-pem", "es256", "ES256" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_SBOM_is_signed_and_verifies_with_our_verifier_the_independent_one_and_the_schema(string kind, string form, string requested, string algorithm)
    {
        using TestKey key = TestKey.Create(KeyDirectory, kind);
        string file = form switch { "pfx" => key.PfxFile, "pem" => key.PemFile, _ => key.EncryptedPemFile };

        (List<Finding> findings, string sbom) = Generate(t =>
        {
            t.SigningKeyFile = file;
            t.SignatureAlgorithm = requested;
            t.SigningKeyPasswordVariable = Password(form == "pem" ? null : TestKey.Password);
            t.RiskClass = "VeryHigh";
            t.ReleaseBuild = true;
        });

        Assert.Empty(findings);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(sbom));
        JsonElement signature = doc.RootElement.GetProperty("signature");
        Assert.Equal(algorithm, signature.GetProperty("algorithm").GetString());
        Assert.Equal(kind == "RSA" ? "RSA" : "EC", signature.GetProperty("publicKey").GetProperty("kty").GetString());
        Assert.Matches("^[A-Za-z0-9_-]+$", signature.GetProperty("value").GetString());
        // The content is the unsigned SBOM's: the signature is the last member, nothing else changed.
        Assert.Equal("signature", doc.RootElement.EnumerateObject().Last().Name);

        Assert.True(Verify(sbom, trustedCertificate: key.CertificateFile).IsValid);
        JsfVerification byKey = Verify(sbom, trustedPublicKey: key.PublicKeyFile);
        Assert.True(byKey.IsValid, byKey.Detail);
        Assert.Equal(algorithm, byKey.Algorithm);

        (int exitCode, string output) = SbomSchemaValidator.VerifyJsf(key.PublicKeyFile, sbom);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"VALID {algorithm} ", output, StringComparison.Ordinal);
        SbomSchemaValidator.AssertValid(sbom);
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RSA")]
    public void Changing_any_single_character_of_the_signed_document_fails_verification(string kind)
    {
        using TestKey key = TestKey.Create(KeyDirectory, kind);
        (_, string sbom) = Generate(t =>
        {
            t.SigningKeyFile = key.PfxFile;
            t.SigningKeyPasswordVariable = Password(TestKey.Password);
        });
        byte[] original = File.ReadAllBytes(sbom);
        Assert.True(Verify(original, key).IsValid);

        int tampered = 0;
        for (int i = 0; i < original.Length; i++)
        {
            byte b = original[i];
            if (!char.IsAsciiLetterOrDigit((char)b))
            {
                continue;
            }

            byte[] copy = (byte[])original.Clone();
            copy[i] = (byte)(char.IsAsciiDigit((char)b) ? (b == '9' ? '0' : b + 1) : (b == 'z' ? 'y' : b == 'Z' ? 'Y' : b + 1));
            if (!IsJson(copy))
            {
                continue;
            }

            tampered++;
            JsfVerification result = Verify(copy, key);
            Assert.False(result.IsValid, $"a change at byte {i} ('{(char)b}' in \"{Context(original, i)}\") still verifies");
        }

        // Every member name, string and number of the document was changed once.
        Assert.True(tampered > original.Length / 3, $"{tampered} of {original.Length} bytes were changed");

        // The independent verifier agrees on a changed hash digit.
        string text = Encoding.UTF8.GetString(original);
        int digit = text.IndexOf("\"content\": \"", StringComparison.Ordinal) + 12;
        string changed = text[..digit] + (text[digit] == '0' ? '1' : '0') + text[(digit + 1)..];
        string changedFile = _dir.Write("tampered.cdx.json", changed);
        (int exitCode, string output) = SbomSchemaValidator.VerifyJsf(key.PublicKeyFile, changedFile);
        Assert.True(exitCode == 1, output);
        Assert.Contains("INVALID", output, StringComparison.Ordinal);
        Assert.Contains("does not match the content", Verify(changedFile, trustedCertificate: key.CertificateFile).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_by_another_key_is_not_trusted()
    {
        using TestKey signer = TestKey.Create(KeyDirectory, "ES256", "signer");
        using TestKey other = TestKey.Create(KeyDirectory, "ES256", "other");
        (_, string sbom) = Generate(t => t.SigningKeyFile = signer.PemFile);

        JsfVerification result = Verify(sbom, trustedCertificate: other.CertificateFile);

        Assert.False(result.IsValid);
        Assert.Contains("not trusted", result.Detail, StringComparison.Ordinal);
        (int exitCode, _) = SbomSchemaValidator.VerifyJsf(other.PublicKeyFile, sbom);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void A_certificate_issued_by_a_trusted_CA_verifies_and_its_path_is_embedded()
    {
        using TestKey leaf = TestKey.IssuedBy(KeyDirectory, "ES384");
        (List<Finding> findings, string sbom) = Generate(t =>
        {
            t.SigningKeyFile = leaf.PfxFile;
            t.SigningKeyPasswordVariable = Password(TestKey.Password);
        });

        Assert.Empty(findings);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(sbom));
        string[] path = doc.RootElement.GetProperty("signature").GetProperty("certificatePath").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(2, path.Length);
        Assert.Equal(leaf.Certificate.RawData, JsfSignature.FromBase64Url(path[0]));
        Assert.Equal(leaf.Issuer!.RawData, JsfSignature.FromBase64Url(path[1]));

        JsfVerification byCa = Verify(sbom, trustedCertificate: leaf.IssuerFile);
        Assert.True(byCa.IsValid, byCa.Detail);
        Assert.Contains("issued under a trusted certificate", byCa.Detail, StringComparison.Ordinal);
        (int exitCode, string output) = SbomSchemaValidator.VerifyJsf(leaf.PublicKeyFile, sbom);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void A_key_from_the_certificate_store_signs()
    {
        using TestKey key = TestKey.Create(KeyDirectory, "ES256");
        using var pfx = X509CertificateLoader.LoadPkcs12FromFile(key.PfxFile, TestKey.Password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.PersistKeySet);
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(pfx);
        try
        {
            (List<Finding> findings, string sbom) = Generate(t => t.SigningCertificate = "CurrentUser/My/" + pfx.Thumbprint);

            Assert.Empty(findings);
            Assert.True(Verify(sbom, trustedCertificate: key.CertificateFile).IsValid);

            (findings, _) = Generate(t => t.SigningCertificate = new string('0', 40));
            Finding missing = Assert.Single(findings);
            Assert.Equal((RuleIds.SbomNotSigned, Criticality.High), (missing.RuleId, missing.Criticality));
            Assert.Contains("has no certificate with a private key and thumbprint", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            store.Remove(pfx);
        }
    }

    [Theory]
    [InlineData("High", true, true)]
    [InlineData("VeryHigh", true, true)]
    [InlineData("High", false, false)]
    [InlineData("Standard", true, false)]
    public void An_unsigned_release_SBOM_is_a_Medium_finding_at_High_and_above(string riskClass, bool release, bool reported)
    {
        (List<Finding> findings, string sbom) = Generate(t =>
        {
            t.RiskClass = riskClass;
            t.ReleaseBuild = release;
        });

        Assert.True(File.Exists(sbom));
        Assert.False(JsonDocument.Parse(File.ReadAllBytes(sbom)).RootElement.TryGetProperty("signature", out _));
        if (reported)
        {
            Finding finding = Assert.Single(findings);
            Assert.Equal((RuleIds.SbomNotSigned, Criticality.Medium, SbomSigning.Subject), (finding.RuleId, finding.Criticality, finding.Subject));
            Assert.Contains("SsdlcSbomSigningKey", finding.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(findings);
        }
    }

    [Fact]
    public void A_key_inside_the_repository_is_refused_and_reported()
    {
        using TestKey key = TestKey.Create(Path.Combine(ProjectDirectory, "..", "build-keys"), "ES256");

        (List<Finding> findings, string sbom) = Generate(t => t.SigningKeyFile = key.PemFile);

        Finding finding = Assert.Single(findings);
        Assert.Equal((RuleIds.SbomNotSigned, Criticality.High, key.PemFile), (finding.RuleId, finding.Criticality, finding.File));
        Assert.Contains("lies inside the repository", finding.Message, StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(File.ReadAllBytes(sbom)).RootElement.TryGetProperty("signature", out _));
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("missing file")]
    [InlineData("algorithm does not fit")]
    [InlineData("unknown algorithm")]
    [InlineData("no password for encrypted PEM")]
    public void A_key_that_cannot_be_used_is_a_High_finding_and_never_shows_the_password(string problem)
    {
        using TestKey key = TestKey.Create(KeyDirectory, "RSA");
        const string wrong = "not-the-password-1234";
        (List<Finding> findings, _) = Generate(t =>
        {
            t.SigningKeyFile = problem switch
            {
                "missing file" => Path.Combine(KeyDirectory, "absent.pfx"),
                "no password for encrypted PEM" => key.EncryptedPemFile,
                _ => key.PfxFile,
            };
            t.SigningKeyPasswordVariable = Password(problem switch { "wrong password" => wrong, "no password for encrypted PEM" => null, _ => TestKey.Password });
            t.SignatureAlgorithm = problem switch { "algorithm does not fit" => "ES256", "unknown algorithm" => "HS256", _ => null };
        });

        Finding finding = Assert.Single(findings);
        Assert.Equal((RuleIds.SbomNotSigned, Criticality.High), (finding.RuleId, finding.Criticality));
        Assert.DoesNotContain(wrong, finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKey.Password, finding.Message, StringComparison.Ordinal);
        Assert.Contains(
            problem switch
            {
                "wrong password" => "cannot be read as a PFX",
                "missing file" => "does not exist",
                "algorithm does not fit" => "does not fit the key",
                "unknown algorithm" => "not a supported signature algorithm",
                _ => "encrypted private key and no password",
            },
            finding.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_verification_task_checks_files_and_the_SBOMs_in_a_package_and_fails_on_a_changed_one()
    {
        using TestKey key = TestKey.Create(KeyDirectory, "ES256");
        (_, string sbom) = Generate(t => t.SigningKeyFile = key.PemFile);
        string package = _dir.File("out/App.2.1.0.nupkg");
        Directory.CreateDirectory(Path.GetDirectoryName(package)!);
        using (ZipArchive zip = ZipFile.Open(package, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(sbom, "sbom/net8.0/App.cdx.json");
            zip.CreateEntryFromFile(sbom, "sbom/net10.0/App.cdx.json");
        }

        (bool ok, int verified, FakeBuildEngine engine) = RunVerify([sbom, package], certificates: [key.CertificateFile]);
        Assert.True(ok);
        Assert.Equal(3, verified);
        Assert.Empty(engine.Errors);

        string changed = _dir.Write("changed.cdx.json", File.ReadAllText(sbom).Replace("\"version\": \"2.1.0\"", "\"version\": \"2.1.1\"", StringComparison.Ordinal));
        (ok, _, engine) = RunVerify([changed], publicKeys: [key.PublicKeyFile]);
        Assert.False(ok);
        BuildErrorEventArgs error = Assert.Single(engine.Errors);
        Assert.Equal(RuleIds.SbomNotSigned, error.Code);
        Assert.Contains("does not match the content", error.Message, StringComparison.Ordinal);

        (List<Finding> _, string unsigned) = Generate(_ => { });
        (ok, _, engine) = RunVerify([unsigned], certificates: [key.CertificateFile]);
        Assert.False(ok);
        Assert.Contains("has no signature", Assert.Single(engine.Errors).Message, StringComparison.Ordinal);

        (ok, _, engine) = RunVerify([sbom]);
        Assert.False(ok);
        Assert.Contains("no trusted certificate or public key", Assert.Single(engine.Errors).Message, StringComparison.Ordinal);
    }

    private (bool Ok, int Verified, FakeBuildEngine Engine) RunVerify(string[] files, string[]? certificates = null, string[]? publicKeys = null)
    {
        var engine = new FakeBuildEngine();
        var task = new VerifySbomSignature
        {
            BuildEngine = engine,
            Files = files.Select(f => Item(f)).ToArray(),
            TrustedCertificates = (certificates ?? []).Select(f => Item(f)).ToArray(),
            TrustedPublicKeys = (publicKeys ?? []).Select(f => Item(f)).ToArray(),
        };
        bool ok = task.Execute();
        return (ok, task.VerifiedCount, engine);
    }

    private static JsfVerification Verify(string file, string? trustedCertificate = null, string? trustedPublicKey = null)
    {
        var certificates = new List<X509Certificate2>();
        var keys = new List<byte[]>();
        if (trustedCertificate != null)
        {
            certificates.Add(X509CertificateLoader.LoadCertificateFromFile(trustedCertificate));
        }

        if (trustedPublicKey != null)
        {
            string text = File.ReadAllText(trustedPublicKey);
            keys.Add(Convert.FromBase64String(string.Concat(text.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))));
        }

        return JsfSignature.Verify(File.ReadAllBytes(file), certificates, keys);
    }

    private static JsfVerification Verify(byte[] content, TestKey key)
        => JsfSignature.Verify(content, [key.Certificate], []);

    private static bool IsJson(byte[] content)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(content);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Context(byte[] content, int i)
    {
        int start = Math.Max(0, i - 20);
        return Encoding.UTF8.GetString(content, start, Math.Min(40, content.Length - start)).ReplaceLineEndings(" ");
    }

    /// <summary>A per-test environment variable with the key's password (null: none); returns its name.</summary>
    private static string Password(string? password)
    {
        string name = "SSDLC_TEST_SBOM_KEY_PASSWORD_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(name, password);
        return name;
    }

    private (List<Finding> Findings, string Sbom) Generate(Action<GenerateSbom> configure)
    {
        string sbom = _dir.File($"repo/app/bin/{Guid.NewGuid():N}/App.cdx.json");
        var task = new GenerateSbom
        {
            ProjectFile = Path.Combine(ProjectDirectory, "App.csproj"),
            ProjectDirectory = ProjectDirectory,
            SbomFile = sbom,
            ProjectAssetsFile = Assets(),
            TargetFramework = "net8.0",
            TargetFrameworkMoniker = ".NETCoreApp,Version=v8.0",
            ComponentName = "App",
            Version = "2.1.0",
            OutputType = "Exe",
            RiskClass = "Standard",
            FrameworkReferences = [Item("Microsoft.NETCore.App", ("TargetingPackName", "Microsoft.NETCore.App.Ref"), ("TargetingPackVersion", "8.0.11"))],
        };
        configure(task);
        var engine = new FakeBuildEngine();
        task.BuildEngine = engine;
        task.FindingsFile = _dir.File("findings-" + Guid.NewGuid().ToString("N") + ".json");
        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);

        // What a build reports: the SBOM target's findings and those of the signing policy, which runs with the other checks.
        var policy = new GenerateSbom { ProjectFile = task.ProjectFile, ProjectDirectory = ProjectDirectory, TargetFramework = "net8.0", RiskClass = "Standard", SigningPolicyOnly = true };
        configure(policy);
        policy.BuildEngine = engine;
        policy.FindingsFile = _dir.File("policy-" + Guid.NewGuid().ToString("N") + ".json");
        Assert.True(policy.Execute());
        Assert.False(File.Exists(policy.SbomFile ?? string.Empty));
        return ([.. FindingsFile.Read(task.FindingsFile), .. FindingsFile.Read(policy.FindingsFile)], sbom);
    }

    private string Assets()
    {
        string hash = Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes("A")));
        return _dir.Write("repo/app/obj/project.assets.json", $$"""
            {
              "version": 3,
              "targets": { "net8.0": { "A/1.0.0": { "type": "package", "dependencies": { "B": "2.0.0" } }, "B/2.0.0": { "type": "package" } } },
              "libraries": {
                "A/1.0.0": { "sha512": "{{hash}}", "type": "package", "path": "a/1.0.0" },
                "B/2.0.0": { "sha512": "{{hash}}", "type": "package", "path": "b/2.0.0" }
              },
              "project": { "frameworks": { "net8.0": { "targetAlias": "net8.0", "dependencies": { "A": { "target": "Package", "version": "[1.0.0, )" } } } } }
            }
            """);
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Ssdlc.Tests;

namespace Ssdlc.Tests.Sbom;

/// <summary>
/// Validates SBOMs against the official CycloneDX 1.6 JSON schema, strictly, with @cyclonedx/cyclonedx-library
/// (tests/sbom-validator). The node project is installed by the tests themselves (<c>npm ci</c>) the first time a
/// run needs it; a stamp of the lock file and a cross-process lock keep parallel test projects from installing twice.
/// </summary>
internal static class SbomSchemaValidator
{
    private static readonly object Gate = new();
    private static bool _installed;

    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "tests", "sbom-validator");

    /// <summary>Returns the validator's output; throws when a file is not schema-valid.</summary>
    public static string AssertValid(params string[] files)
    {
        EnsureInstalled();
        (int exitCode, string output) = Run("node", [Path.Combine(Directory, "validate.mjs"), .. files], TimeSpan.FromMinutes(2));
        if (exitCode != 0)
        {
            throw new Xunit.Sdk.XunitException("The SBOM is not valid CycloneDX 1.6:\n" + output);
        }

        return output;
    }

    /// <summary>
    /// Runs the independent JSF verifier (tests/sbom-validator/verify-jsf.mjs: the 'canonicalize' npm package and Node's
    /// crypto) on signed SBOMs with a trusted public key (PEM); returns its exit code and output.
    /// </summary>
    public static (int ExitCode, string Output) VerifyJsf(string publicKeyPem, params string[] files)
    {
        EnsureInstalled();
        return Run("node", [Path.Combine(Directory, "verify-jsf.mjs"), publicKeyPem, .. files], TimeSpan.FromMinutes(2));
    }

    private static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            string stamp = Path.Combine(Directory, "node_modules", ".ssdlc-installed");
            string expected = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(Directory, "package-lock.json"))));
            string lockPath = Path.Combine(Path.GetTempPath(), "ssdlc-sbom-validator.lock");
            using (AcquireFileLock(lockPath))
            {
                if (!File.Exists(stamp) || File.ReadAllText(stamp) != expected)
                {
                    (int exitCode, string output) = Run("npm", ["ci", "--prefix", Directory, "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                    if (exitCode != 0)
                    {
                        throw new InvalidOperationException("npm ci for tests/sbom-validator failed:\n" + output);
                    }

                    File.WriteAllText(stamp, expected);
                }
            }

            _installed = true;
        }
    }

    private static FileStream AcquireFileLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(6);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }

    private static (int ExitCode, string Output) Run(string fileName, string[] arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in {timeout}.\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}

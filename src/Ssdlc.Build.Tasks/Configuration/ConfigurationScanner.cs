using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using Ssdlc.Detection.Secrets;

namespace Ssdlc.Build.Tasks.Configuration
{
    /// <summary>
    /// Scans one configuration file: secrets anywhere in its text (SSDLC3305, through the shared
    /// <see cref="SecretScanner"/>), hardening switches in web.config and appsettings (SSDLC5201), and a malformed
    /// JSON or XML file (SSDLC0002, Low; the text is still scanned for secrets). Never prints a secret.
    /// </summary>
    internal static class ConfigurationScanner
    {
        /// <summary>Larger files are not configuration; they are skipped.</summary>
        public const long MaxFileBytes = 8 * 1024 * 1024;

        private const string DeploymentAdvice = "remove it from the file and rotate it; supply it at deployment through environment variables or a secret store (Azure Key Vault, AWS Secrets Manager, HashiCorp Vault) and in development through user-secrets (dotnet user-secrets set)";

        private const string DevelopmentAdvice = "move it to user-secrets (dotnet user-secrets set) or the environment; even a local development secret in a committed file is copied with every clone";

        private static readonly string[] SkippedFolders = { "bin", "obj", "node_modules", ".git" };

        private static readonly string[] LocalHosts = { "localhost", "127.0.0.1", "(localdb)", "host.docker.internal", "[::1]", "::1" };

        /// <summary>Small files in key folders are sniffed for a private-key block; larger ones are not key files.</summary>
        public const long MaxSniffedFileBytes = 64 * 1024;

        // Folder names (any part of them) where extensionless key files live: keys/, .ssh/, certs/, secrets/.
        private static readonly string[] KeyFolderHints = { "key", "ssh", "cert", "secret" };

        /// <summary>
        /// Whether a file name looks like configuration (used for MSBuild items; the default globs in the targets say the
        /// same). Every JSON file counts (appsettings, launchSettings, local.settings.json, a copied secrets.json, REST
        /// client environments, JWKS, seed data) except the ones restore, npm and the SDK generate.
        /// </summary>
        public static bool IsConfigurationFileName(string path)
        {
            string name = Path.GetFileName(path).ToLowerInvariant();
            string extension = Path.GetExtension(name);
            if (extension == ".json")
            {
                return !IsGeneratedJson(name);
            }

            return name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal)
                   || name == "dockerfile" || name.StartsWith("dockerfile.", StringComparison.Ordinal)
                   || name is ".npmrc" or ".yarnrc" or ".pypirc"
                   || extension is ".config" or ".env" or ".yml" or ".yaml" or ".pubxml" or ".ini" or ".xml" or ".dockerfile"
                       or ".settings" or ".cscfg" or ".csdef" or ".http" or ".rest"
                       or ".pfx" or ".p12" or ".pem" or ".key" or ".p8" or ".jwk" or ".jwks";
        }

        /// <summary>Lock files, npm's lock files and the SDK's deps/runtimeconfig files: hashes and versions, never configuration.</summary>
        public static bool IsGeneratedJson(string name)
            => name is "packages.lock.json" or "package-lock.json" or "npm-shrinkwrap.json" or "project.assets.json"
               || name.EndsWith(".deps.json", StringComparison.Ordinal) || name.EndsWith(".runtimeconfig.json", StringComparison.Ordinal);

        /// <summary>A file below a folder named like keys, ssh, certs or secrets (below the project directory when it is inside it).</summary>
        public static bool IsInKeyFolder(string fullPath, string? projectDirectory)
        {
            foreach (string folder in FolderNames(fullPath, projectDirectory))
            {
                foreach (string hint in KeyFolderHints)
                {
                    if (folder.Contains(hint, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Text that starts (after a byte order mark and white space) with a PEM private-key header.</summary>
        public static bool StartsWithPrivateKeyBlock(string text)
        {
            int i = 0;
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF'))
            {
                i++;
            }

            if (string.CompareOrdinal(text, i, "-----BEGIN ", 0, 11) != 0)
            {
                return false;
            }

            int lineEnd = text.IndexOf('\n', i);
            string header = lineEnd < 0 ? text.Substring(i) : text.Substring(i, lineEnd - i);
            return header.Contains("PRIVATE KEY", StringComparison.Ordinal);
        }

        /// <summary>bin/, obj/, node_modules/ and .git/ below the project directory (or anywhere in the path when outside it).</summary>
        public static bool IsInSkippedFolder(string fullPath, string? projectDirectory)
        {
            foreach (string folder in FolderNames(fullPath, projectDirectory))
            {
                foreach (string skipped in SkippedFolders)
                {
                    if (string.Equals(folder, skipped, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The names of the folders a file is in: below the project directory when it is inside it, else all of them.</summary>
        private static IEnumerable<string> FolderNames(string fullPath, string? projectDirectory)
        {
            string path = fullPath;
            if (!string.IsNullOrEmpty(projectDirectory))
            {
                string relative = Path.GetRelativePath(Path.GetFullPath(projectDirectory!), fullPath);
                if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                {
                    path = relative;
                }
            }

            string[] segments = path.Replace('\\', '/').Split('/');
            return segments.Take(segments.Length - 1);
        }

        /// <summary>Development configuration: <c>*.Development.*</c>, <c>launchSettings.json</c>, <c>.env.development</c>.</summary>
        public static bool IsDevelopmentFile(string path)
        {
            string name = Path.GetFileName(path).ToLowerInvariant();
            return name.Contains(".development.", StringComparison.Ordinal) || name == "launchsettings.json"
                   || name == ".env.development" || name == ".env.development.local"
                   || name is "local.settings.json" or "secrets.json" or "http-client.env.json" or "http-client.private.env.json";
        }

        /// <summary>
        /// Scans one file. With <paramref name="sniffPrivateKey"/> (a file from a key folder that is not named like
        /// configuration) only a small text file that starts with a private-key block is scanned.
        /// </summary>
        public static void ScanFile(string path, List<Finding> findings, bool sniffPrivateKey = false)
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > (sniffPrivateKey ? MaxSniffedFileBytes : MaxFileBytes))
            {
                return;
            }

            string name = info.Name.ToLowerInvariant();
            if (sniffPrivateKey && !StartsWithPrivateKeyBlock(Decode(ReadPrefix(path, 512))))
            {
                return; // only the first bytes of a file that is not a key are read
            }

            byte[] bytes = File.ReadAllBytes(path);
            if (!sniffPrivateKey && (name.EndsWith(".pfx", StringComparison.Ordinal) || name.EndsWith(".p12", StringComparison.Ordinal)))
            {
                ReportKeyContainer(path, bytes, "Private key container (PKCS#12)", findings);
                return;
            }

            if (IsBinary(bytes))
            {
                // A binary .p8 is a DER PKCS#8 private key (Apple's keys are PEM text and scanned below).
                if (!sniffPrivateKey && name.EndsWith(".p8", StringComparison.Ordinal) && bytes.Length > 16 && bytes[0] == 0x30)
                {
                    ReportKeyContainer(path, bytes, "Private key file (PKCS#8, DER)", findings);
                }

                return;
            }

            string text = Decode(bytes);
            if (sniffPrivateKey && !StartsWithPrivateKeyBlock(text))
            {
                return;
            }

            ScanText(path, text, findings);
        }

        /// <summary>Scans a file's text (the file name selects the format checks).</summary>
        public static void ScanText(string path, string text, List<Finding> findings)
        {
            string name = Path.GetFileName(path).ToLowerInvariant();
            bool development = IsDevelopmentFile(path);
            foreach (SecretMatch match in SecretScanner.ScanText(text, name))
            {
                bool local = development && PointsAtLocalHost(text, match);
                string advice = development ? DevelopmentAdvice : DeploymentAdvice;
                string where = local ? " (development file, local host: Medium)" : string.Empty;
                findings.Add(new Finding(
                    RuleIds.ConfigurationSecret,
                    local ? Criticality.Medium : Criticality.High,
                    $"{Capitalize(match.Kind)} in {Path.GetFileName(path)} at line {match.Line}, column {match.Column}: {match.Masked}, fingerprint {match.Fingerprint}{where}; {advice}.",
                    path,
                    match.Line,
                    match.Column,
                    match.Fingerprint));
            }

            if (name.EndsWith(".json", StringComparison.Ordinal) && (name.StartsWith("appsettings", StringComparison.Ordinal) || name == "launchsettings.json"))
            {
                CheckJson(path, text, !development && name.StartsWith("appsettings", StringComparison.Ordinal), findings);
            }
            else if (name.EndsWith(".config", StringComparison.Ordinal) || name.EndsWith(".pubxml", StringComparison.Ordinal))
            {
                CheckXml(path, text, name == "web.config", findings);
            }
        }

        private static void ReportKeyContainer(string path, byte[] bytes, string what, List<Finding> findings)
        {
            string fingerprint = Fingerprint(bytes);
            string advice = IsDevelopmentFile(path) ? DevelopmentAdvice : DeploymentAdvice;
            findings.Add(new Finding(
                RuleIds.ConfigurationSecret,
                Criticality.High,
                $"{what} {Path.GetFileName(path)} is kept in the project ({bytes.Length} bytes), fingerprint {fingerprint}; keep certificates and private keys in a certificate store or a vault, not in the repository; {advice}.",
                path,
                0,
                0,
                fingerprint));
        }

        private static bool PointsAtLocalHost(string text, SecretMatch match)
        {
            int lineStart = match.Offset;
            while (lineStart > 0 && text[lineStart - 1] != '\n')
            {
                lineStart--;
            }

            int lineEnd = text.IndexOf('\n', match.Offset);
            string line = text.Substring(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart);
            foreach (string host in LocalHosts)
            {
                if (line.IndexOf(host, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Validates appsettings/launchSettings JSON (comments and trailing commas allowed, as the configuration reader does) and finds a root <c>DetailedErrors: true</c>.</summary>
        private static void CheckJson(string path, string text, bool checkDetailedErrors, List<Finding> findings)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 });
            try
            {
                while (reader.Read())
                {
                    if (checkDetailedErrors && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1
                        && string.Equals(reader.GetString(), "DetailedErrors", StringComparison.OrdinalIgnoreCase))
                    {
                        int at = (int)reader.TokenStartIndex;
                        if (!reader.Read())
                        {
                            break;
                        }

                        bool on = reader.TokenType == JsonTokenType.True
                                  || (reader.TokenType == JsonTokenType.String && string.Equals(reader.GetString(), "true", StringComparison.OrdinalIgnoreCase));
                        if (on)
                        {
                            (int line, int column) = LineColumn(utf8, at);
                            findings.Add(new Finding(
                                RuleIds.HardeningDisabled,
                                Criticality.Medium,
                                $"\"DetailedErrors\": true in {Path.GetFileName(path)} shows exception details to every client; remove it (keep it only in appsettings.Development.json).",
                                path,
                                line,
                                column,
                                "DetailedErrors"));
                        }
                    }
                }
            }
            catch (JsonException ex)
            {
                int line = (int)(ex.LineNumber ?? -1) + 1;
                int column = (int)(ex.BytePositionInLine ?? -1) + 1;
                findings.Add(new Finding(
                    RuleIds.InvalidConfiguration,
                    Criticality.Low,
                    $"{Path.GetFileName(path)} is not valid JSON (line {line}, column {column}); it was scanned as text for secrets, but its settings could not be checked.",
                    path,
                    line,
                    column,
                    Path.GetFileName(path)));
            }
        }

        /// <summary>Validates a .config or .pubxml file as XML and, for web.config, finds the hardening switches of A.5.2.</summary>
        private static void CheckXml(string path, string text, bool webConfig, List<Finding> findings)
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true };
            try
            {
                using var stringReader = new StringReader(text);
                using var reader = XmlReader.Create(stringReader, settings);
                var lineInfo = (IXmlLineInfo)reader;
                var stack = new List<string>();
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        if (reader.NodeType == XmlNodeType.EndElement && stack.Count > 0)
                        {
                            stack.RemoveAt(stack.Count - 1);
                        }

                        continue;
                    }

                    string element = reader.LocalName;
                    string? parent = stack.Count > 0 ? stack[stack.Count - 1] : null;
                    if (webConfig)
                    {
                        CheckWebConfigElement(path, element, parent, reader, lineInfo, findings);
                    }

                    if (!reader.IsEmptyElement)
                    {
                        stack.Add(element);
                    }
                }
            }
            catch (XmlException ex)
            {
                findings.Add(new Finding(
                    RuleIds.InvalidConfiguration,
                    Criticality.Low,
                    $"{Path.GetFileName(path)} is not well-formed XML ({ex.Message}); it was scanned as text for secrets, but its settings could not be checked.",
                    path,
                    ex.LineNumber,
                    ex.LinePosition,
                    Path.GetFileName(path)));
            }
        }

        private static void CheckWebConfigElement(string path, string element, string? parent, XmlReader reader, IXmlLineInfo lineInfo, List<Finding> findings)
        {
            string? problem = null;
            string? subject = null;
            if (parent == "system.web" && element == "customErrors" && Is(reader.GetAttribute("mode"), "Off"))
            {
                problem = "<customErrors mode=\"Off\"> shows exception details and stack traces to every client; use mode=\"RemoteOnly\" or \"On\" with an error page";
                subject = "customErrors";
            }
            else if (parent == "system.web" && element == "compilation" && Is(reader.GetAttribute("debug"), "true"))
            {
                problem = "<compilation debug=\"true\"> ships a debug build (no request timeouts, detailed errors, unoptimised code); remove the attribute or set debug=\"false\"";
                subject = "compilation debug";
            }
            else if (parent == "system.web" && element == "httpRuntime" && Is(reader.GetAttribute("enableVersionHeader"), "true"))
            {
                problem = "<httpRuntime enableVersionHeader=\"true\"> sends the X-AspNet-Version header, which tells attackers the exact framework version; set enableVersionHeader=\"false\"";
                subject = "httpRuntime enableVersionHeader";
            }
            else if (parent == "system.webServer" && element == "httpErrors" && Is(reader.GetAttribute("errorMode"), "Detailed"))
            {
                problem = "<httpErrors errorMode=\"Detailed\"> shows IIS error details to every client; use errorMode=\"DetailedLocalOnly\" or \"Custom\"";
                subject = "httpErrors";
            }

            if (problem != null)
            {
                findings.Add(new Finding(RuleIds.HardeningDisabled, Criticality.Medium, $"{problem} ({Path.GetFileName(path)}).", path, lineInfo.LineNumber, lineInfo.LinePosition, subject));
            }
        }

        private static bool Is(string? value, string expected) => value != null && string.Equals(value.Trim(), expected, StringComparison.OrdinalIgnoreCase);

        private static (int Line, int Column) LineColumn(byte[] utf8, int offset)
        {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset && i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (line, Encoding.UTF8.GetCharCount(utf8, lineStart, offset - lineStart) + 1);
        }

        private static bool IsBinary(byte[] bytes)
        {
            int limit = Math.Min(bytes.Length, 8000);
            for (int i = 0; i < limit; i++)
            {
                if (bytes[i] == 0)
                {
                    // UTF-16 text has NULs too; treat it as text when it has a byte order mark.
                    return !(bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)));
                }
            }

            return false;
        }

        private static byte[] ReadPrefix(string path, int count)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var buffer = new byte[count];
            int read = 0;
            int n;
            while (read < count && (n = stream.Read(buffer, read, count - read)) > 0)
            {
                read += n;
            }

            Array.Resize(ref buffer, read);
            return buffer;
        }

        private static string Decode(byte[] bytes)
        {
            using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        private static string Fingerprint(byte[] bytes)
        {
            byte[] hash = SHA256.HashData(bytes);
            var builder = new StringBuilder("sha256:", 23);
            for (int i = 0; i < 8; i++)
            {
                builder.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }

        private static string Capitalize(string kind) => kind.Length == 0 ? kind : char.ToUpperInvariant(kind[0]) + kind.Substring(1);
    }
}

using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ssdlc.Build.Tasks.Sbom
{
    /// <summary>
    /// Writes a <see cref="Bom"/> as CycloneDX 1.6 JSON with <see cref="Utf8JsonWriter"/>: components and
    /// dependencies sorted by bom-ref, fixed property order, LF line endings, and a serial number derived from the
    /// content, so the same inputs give byte-identical files.
    /// </summary>
    internal static class CycloneDxWriter
    {
        public const string SpecVersion = "1.6";

        private static readonly JsonWriterOptions Options = new JsonWriterOptions
        {
            Indented = true,
            // Keeps '+' and non-ASCII text (author names, descriptions) readable; still valid, escaped JSON.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>The document as UTF-8 bytes (no BOM), ending with a newline.</summary>
        public static byte[] Write(Bom bom)
        {
            byte[] withoutSerial = Serialize(bom, serialNumber: null);
            return Serialize(bom, SerialNumberFor(withoutSerial));
        }

        /// <summary>
        /// <c>urn:uuid:</c> from the SHA-256 of the document without its serial number, laid out as an RFC 4122
        /// name-based UUID (version 5 bits, variant 10): equal content, equal serial number.
        /// </summary>
        internal static string SerialNumberFor(byte[] content)
        {
            byte[] hash;
            using (var sha = SHA256.Create())
            {
                hash = sha.ComputeHash(content);
            }

            var bytes = new byte[16];
            Array.Copy(hash, bytes, 16);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            string hex = ToHex(bytes);
            return $"urn:uuid:{hex.Substring(0, 8)}-{hex.Substring(8, 4)}-{hex.Substring(12, 4)}-{hex.Substring(16, 4)}-{hex.Substring(20, 12)}";
        }

        internal static string ToHex(byte[] bytes)
        {
            var chars = new char[bytes.Length * 2];
            const string digits = "0123456789abcdef";
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[(2 * i) + 1] = digits[bytes[i] & 0xF];
            }

            return new string(chars);
        }

        private static byte[] Serialize(Bom bom, string? serialNumber)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, Options))
            {
                w.WriteStartObject();
                w.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
                w.WriteString("bomFormat", "CycloneDX");
                w.WriteString("specVersion", SpecVersion);
                if (serialNumber != null)
                {
                    w.WriteString("serialNumber", serialNumber);
                }

                w.WriteNumber("version", 1);

                w.WriteStartObject("metadata");
                if (bom.Timestamp != null)
                {
                    w.WriteString("timestamp", bom.Timestamp);
                }

                if (bom.Lifecycles.Count > 0)
                {
                    w.WriteStartArray("lifecycles");
                    foreach (string phase in bom.Lifecycles)
                    {
                        w.WriteStartObject();
                        w.WriteString("phase", phase);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                if (bom.Tools.Count > 0)
                {
                    w.WriteStartObject("tools");
                    w.WriteStartArray("components");
                    foreach (SbomComponent tool in bom.Tools)
                    {
                        WriteComponent(w, tool);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WritePropertyName("component");
                WriteComponent(w, bom.Subject);
                w.WriteEndObject();

                w.WriteStartArray("components");
                foreach (SbomComponent c in bom.Components.OrderBy(c => c.BomRef, StringComparer.Ordinal))
                {
                    WriteComponent(w, c);
                }

                w.WriteEndArray();

                w.WriteStartArray("dependencies");
                foreach (SbomDependency d in bom.Dependencies.OrderBy(d => d.Ref, StringComparer.Ordinal))
                {
                    w.WriteStartObject();
                    w.WriteString("ref", d.Ref);
                    w.WriteStartArray("dependsOn");
                    foreach (string target in d.DependsOn)
                    {
                        w.WriteStringValue(target);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            // Utf8JsonWriter indents with the platform's new line on some targets; the file is LF everywhere.
            string text = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
            return new System.Text.UTF8Encoding(false).GetBytes(text);
        }

        private static void WriteComponent(Utf8JsonWriter w, SbomComponent c)
        {
            w.WriteStartObject();
            w.WriteString("type", c.Type);
            if (c.BomRef.Length > 0)
            {
                w.WriteString("bom-ref", c.BomRef);
            }

            WriteOptional(w, "author", c.Author);
            w.WriteString("name", c.Name);
            WriteOptional(w, "version", c.Version);
            WriteOptional(w, "description", c.Description);
            WriteOptional(w, "scope", c.Scope);

            if (c.Hashes.Count > 0)
            {
                w.WriteStartArray("hashes");
                foreach ((string alg, string content) in c.Hashes)
                {
                    w.WriteStartObject();
                    w.WriteString("alg", alg);
                    w.WriteString("content", content);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (c.LicenseExpression != null)
            {
                w.WriteStartArray("licenses");
                w.WriteStartObject();
                w.WriteString("expression", c.LicenseExpression);
                w.WriteEndObject();
                w.WriteEndArray();
            }
            else if (c.Licenses.Count > 0)
            {
                w.WriteStartArray("licenses");
                foreach (SbomLicense license in c.Licenses)
                {
                    w.WriteStartObject();
                    w.WriteStartObject("license");
                    w.WriteString("name", license.Name);
                    WriteOptional(w, "url", license.Url);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            WriteOptional(w, "purl", c.Purl);

            if (c.ExternalReferences.Count > 0)
            {
                w.WriteStartArray("externalReferences");
                foreach ((string type, string url) in c.ExternalReferences)
                {
                    w.WriteStartObject();
                    w.WriteString("url", url);
                    w.WriteString("type", type);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (c.Properties.Count > 0)
            {
                w.WriteStartArray("properties");
                foreach ((string name, string value) in c.Properties)
                {
                    w.WriteStartObject();
                    w.WriteString("name", name);
                    w.WriteString("value", value);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                w.WriteString(name, value);
            }
        }
    }
}

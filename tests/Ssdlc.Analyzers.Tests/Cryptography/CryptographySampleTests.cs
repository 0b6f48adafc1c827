using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Cryptography;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Cryptography;

/// <summary>
/// The cryptography and transport code of samples/VulnerableApp and samples/CompliantApp (Services/TokenService.cs,
/// Services/PartnerClient.cs), copied verbatim with the Web SDK's implicit usings, so that the samples are known to
/// compile and to produce exactly these diagnostics. Keep the copies in sync with the sample files.
/// </summary>
public class CryptographySampleTests
{
    private static readonly DiagnosticAnalyzer[] Analyzers = [.. ProductAnalyzers.All];

    [Fact]
    public async Task VulnerableApp_services_report_each_cryptography_rule_once()
    {
        await Verify.DiagnosticsAsync(VulnerableServices, Analyzers);
    }

    [Fact]
    public async Task CompliantApp_services_are_clean()
    {
        await Verify.DiagnosticsAsync(CompliantServices, Analyzers);
    }

    [Fact]
    public void Copies_match_the_sample_files()
    {
        AssertContainsSample(VulnerableServices, "VulnerableApp/Services/TokenService.cs");
        AssertContainsSample(VulnerableServices, "VulnerableApp/Services/PartnerClient.cs");
        AssertContainsSample(CompliantServices, "CompliantApp/Services/TokenService.cs");
        AssertContainsSample(CompliantServices, "CompliantApp/Services/PartnerClient.cs");
    }

    private static void AssertContainsSample(string markup, string relativePath)
    {
        string sample = File.ReadAllText(Path.Combine(Ssdlc.Tests.RepoPaths.Root, "samples", relativePath)).Replace("\r\n", "\n", StringComparison.Ordinal);
        string copy = Markup.Parse(markup).Source.Replace("\r\n", "\n", StringComparison.Ordinal);
        int start = sample.IndexOf(';', sample.IndexOf("namespace ", StringComparison.Ordinal)) + 1;
        string body = sample.Substring(start).Trim();
        Assert.Contains(body, copy, StringComparison.Ordinal);
    }

    private const string VulnerableServices = """
    global using global::System;
    global using global::System.Collections.Generic;
    global using global::System.IO;
    global using global::System.Linq;
    global using global::System.Net.Http;
    global using global::System.Threading;
    global using global::System.Threading.Tasks;
    global using global::Microsoft.AspNetCore.Builder;
    global using global::Microsoft.AspNetCore.Http;
    global using global::Microsoft.Extensions.Configuration;
    global using global::Microsoft.Extensions.DependencyInjection;
    global using global::Microsoft.Extensions.Hosting;
    global using global::Microsoft.Extensions.Logging;
    using System.Security.Cryptography;
    using System.Text;

    namespace VulnerableApp.Services
    {

    // Deliberately wrong: each member below breaks one B.10 control.
    public sealed class TokenService
    {
        private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

        // SSDLC1004: the encryption key is written in the source.
        private static readonly byte[] PayloadKey = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");

        private readonly Random _random = new();

        // SSDLC1008: System.Random makes reset tokens predictable.
        public string GeneratePasswordResetToken()
        {
            var chars = new char[32];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[{|SSDLC1008:_random.Next(Alphabet.Length)|}];
            }

            return new string(chars);
        }

        // SSDLC1009: 128 bits are too few for a session identifier.
        public string CreateSessionId() => Convert.ToHexString({|SSDLC1009:RandomNumberGenerator.GetBytes(16)|});

        public byte[] Protect(byte[] data)
        {
            using var aes = Aes.Create();
            aes.Key = {|SSDLC1004:PayloadKey|};
            return aes.EncryptCbc(data, aes.IV);
        }
    }
    }

    namespace VulnerableApp.Services
    {

    // Deliberately wrong: clear-text transport and no certificate validation.
    public static class PartnerClient
    {
        public static IHttpClientBuilder AddPartnerClient(this IServiceCollection services)
            => services
                // SSDLC1010: http:// to a remote host.
                .AddHttpClient("partner", client => client.BaseAddress = new Uri({|SSDLC1010:"http://partner.example.com/"|}))
                // SSDLC1007: every server certificate is accepted.
                .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = {|SSDLC1007:(message, certificate, chain, errors) => true|},
                });
    }
    }
    """;

    private const string CompliantServices = """
    global using global::System;
    global using global::System.Collections.Generic;
    global using global::System.IO;
    global using global::System.Linq;
    global using global::System.Net.Http;
    global using global::System.Threading;
    global using global::System.Threading.Tasks;
    global using global::Microsoft.AspNetCore.Builder;
    global using global::Microsoft.AspNetCore.Http;
    global using global::Microsoft.Extensions.Configuration;
    global using global::Microsoft.Extensions.DependencyInjection;
    global using global::Microsoft.Extensions.Hosting;
    global using global::Microsoft.Extensions.Logging;
    using System.Security.Cryptography;

    namespace CompliantApp.Services
    {

    // The same features as VulnerableApp's TokenService, done right.
    public sealed class TokenService(IConfiguration configuration)
    {
        private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

        // A cryptographically secure generator for secrets.
        public string GeneratePasswordResetToken() => RandomNumberGenerator.GetString(Alphabet, 32);

        // 256 bits for a session identifier.
        public string CreateSessionId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

        // The key comes from configuration (a key store in production); the IV is fresh for every message.
        public byte[] Protect(byte[] data)
        {
            using var aes = Aes.Create();
            aes.Key = Convert.FromBase64String(configuration["Crypto:PayloadKey"] ?? throw new InvalidOperationException("Crypto:PayloadKey is not configured."));
            byte[] iv = RandomNumberGenerator.GetBytes(16);
            return [.. iv, .. aes.EncryptCbc(data, iv)];
        }
    }
    }

    namespace CompliantApp.Services
    {

    // HTTPS to the partner, with the platform's certificate validation left on.
    public static class PartnerClient
    {
        public static IHttpClientBuilder AddPartnerClient(this IServiceCollection services)
            => services.AddHttpClient("partner", client => client.BaseAddress = new Uri("https://partner.example.com/"));
    }
    }
    """;
}

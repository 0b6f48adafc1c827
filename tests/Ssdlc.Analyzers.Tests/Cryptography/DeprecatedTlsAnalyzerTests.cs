using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.DeprecatedTlsAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class DeprecatedTlsAnalyzerTests
{
    [Fact]
    public async Task Ssl_stream_authentication_with_old_protocols()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Net.Security;
            using System.Security.Authentication;
            using System.Security.Cryptography.X509Certificates;
            using System.Threading.Tasks;

            #pragma warning disable SYSLIB0039 // the obsolete protocol values are the point of this sample
            public class LegacyClient
            {
                public async Task Connect(Stream stream, string host)
                {
                    using var ssl = new SslStream(stream);
                    await ssl.AuthenticateAsClientAsync(host, null, {|SSDLC1006:SslProtocols.Tls11|}, checkCertificateRevocation: true);
                }

                public void Serve(SslStream ssl, X509Certificate certificate)
                    => ssl.AuthenticateAsServer(certificate, false, {|SSDLC1006:SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12|}, true);
            }
            """);
        Assert.Equal("SslStream.AuthenticateAsClientAsync enables the deprecated protocol version TLS 1.1; use TLS 1.2 or 1.3, or leave the choice to the operating system (None/SystemDefault)", diagnostics[0].GetMessage());
        Assert.StartsWith("SslStream.AuthenticateAsServer enables the deprecated protocol version TLS 1.0, TLS 1.1;", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_options_and_handlers_in_object_initialisers()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Authentication;

            #pragma warning disable SYSLIB0039, CS0618
            public class Clients
            {
                public HttpClient Legacy() => new HttpClient(new HttpClientHandler { SslProtocols = {|SSDLC1006:SslProtocols.Tls|} });

                public SocketsHttpHandler Sockets() => new SocketsHttpHandler
                {
                    SslOptions = new SslClientAuthenticationOptions { EnabledSslProtocols = {|SSDLC1006:SslProtocols.Ssl3 | SslProtocols.Tls12|} },
                };

                public void Configure(SslServerAuthenticationOptions options) => options.EnabledSslProtocols = {|SSDLC1006:SslProtocols.Default|};
            }
            """);
        Assert.Equal("HttpClientHandler.SslProtocols enables the deprecated protocol version TLS 1.0; use TLS 1.2 or 1.3, or leave the choice to the operating system (None/SystemDefault)", diagnostics[0].GetMessage());
        Assert.StartsWith("SslServerAuthenticationOptions.EnabledSslProtocols enables the deprecated protocol version SSL 3.0, TLS 1.0;", diagnostics[2].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kestrel_https_defaults_in_an_options_lambda()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Authentication;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            #pragma warning disable SYSLIB0039
            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.WebHost.ConfigureKestrel(kestrel =>
                        kestrel.ConfigureHttpsDefaults(https => https.SslProtocols = {|SSDLC1006:SslProtocols.Tls11 | SslProtocols.Tls12|}));
                    var app = builder.Build();
                    app.Run();
                }
            }
            """);
    }

    [Fact]
    public async Task Service_point_manager_security_protocol()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Net;

            #pragma warning disable SYSLIB0014, CS0618
            public static class Startup
            {
                public static void LegacyTls()
                {
                    ServicePointManager.SecurityProtocol = {|SSDLC1006:SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12|};
                    ServicePointManager.SecurityProtocol |= {|SSDLC1006:SecurityProtocolType.Ssl3|};
                }
            }
            """);
        Assert.StartsWith("ServicePointManager.SecurityProtocol enables the deprecated protocol version TLS 1.0, TLS 1.1;", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constants_fields_locals_and_casts()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using System.Security.Authentication;

            #pragma warning disable SYSLIB0039
            public class Settings
            {
                private const SslProtocols Legacy = {|SSDLC1006:SslProtocols.Tls11|};
                private static readonly SslProtocols Allowed = {|SSDLC1006:SslProtocols.Tls | SslProtocols.Tls12|};
                public SslProtocols Protocols { get; set; } = {|SSDLC1006:(SslProtocols)192|};

                public HttpClientHandler A() => new HttpClientHandler { SslProtocols = Legacy };

                public HttpClientHandler B()
                {
                    var protocols = {|SSDLC1006:SslProtocols.Tls11|};
                    protocols |= {|SSDLC1006:SslProtocols.Tls|};
                    return new HttpClientHandler { SslProtocols = protocols };
                }
            }
            """);
    }

    [Fact]
    public async Task Options_class_configured_through_services()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Authentication;
            using Microsoft.Extensions.DependencyInjection;

            #pragma warning disable SYSLIB0039
            public sealed class MailOptions
            {
                public SslProtocols Protocols { get; set; } = SslProtocols.Tls12;
            }

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                    => services.Configure<MailOptions>(o => o.Protocols = {|SSDLC1006:SslProtocols.Tls11|});
            }
            """);
    }

    [Fact]
    public async Task Tls12_tls13_none_and_system_default_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Net;
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Authentication;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Builder;

            #pragma warning disable SYSLIB0014, CS0618
            public class Modern
            {
                public HttpClientHandler A() => new HttpClientHandler { SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 };
                public SslClientAuthenticationOptions B() => new SslClientAuthenticationOptions { EnabledSslProtocols = SslProtocols.None };
                public Task C(SslStream ssl, string host) => ssl.AuthenticateAsClientAsync(host, null, SslProtocols.Tls13, true);
                public void D() => ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                public void E() => ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13;

                public static void Kestrel(WebApplicationBuilder builder)
                    => builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13));
            }
            """);
    }

    [Fact]
    public async Task Checks_comparisons_and_masking_out_old_versions_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net;
            using System.Net.Security;
            using System.Security.Authentication;

            #pragma warning disable SYSLIB0039, SYSLIB0014, CS0618
            public class Audit
            {
                public bool IsLegacy(SslStream ssl) => ssl.SslProtocol == SslProtocols.Tls || ssl.SslProtocol == SslProtocols.Tls11;

                public bool AllowsTls10(SslProtocols protocols) => protocols.HasFlag(SslProtocols.Tls) || Enum.IsDefined(SslProtocols.Tls11);

                public string Describe(SslProtocols p) => p switch
                {
                    SslProtocols.Tls11 => "TLS 1.1 (rejected)",
                    _ => p.ToString(),
                };

                public void Harden()
                {
                    ServicePointManager.SecurityProtocol &= ~(SecurityProtocolType.Tls | SecurityProtocolType.Tls11);
                    var p = ServicePointManager.SecurityProtocol & ~SecurityProtocolType.Ssl3;
                    ServicePointManager.SecurityProtocol = p;
                }

                public int Raw() => (int)SslProtocols.Tls;
            }
            """);
    }

    [Fact]
    public async Task Protocols_from_configuration_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using System.Security.Authentication;
            using Microsoft.Extensions.Configuration;

            public class Configured
            {
                public HttpClientHandler Create(IConfiguration configuration)
                    => new HttpClientHandler { SslProtocols = configuration.GetValue<SslProtocols>("Tls:Protocols") };

                public HttpClientHandler Copy(SslProtocols protocols) => new HttpClientHandler { SslProtocols = protocols };
            }
            """);
    }

    [Fact]
    public async Task Old_versions_chosen_in_a_conditional_or_switch_expression()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using System.Security.Authentication;

            #pragma warning disable SYSLIB0039
            public class Negotiated
            {
                public HttpClientHandler A(bool legacyPartner) => new HttpClientHandler
                {
                    SslProtocols = legacyPartner ? {|SSDLC1006:SslProtocols.Tls11 | SslProtocols.Tls12|} : SslProtocols.Tls12 | SslProtocols.Tls13,
                };

                public HttpClientHandler B(int partnerLevel) => new HttpClientHandler
                {
                    SslProtocols = partnerLevel switch
                    {
                        0 => {|SSDLC1006:SslProtocols.Tls|},
                        1 => SslProtocols.Tls12,
                        _ => SslProtocols.None,
                    },
                };
            }
            """);
    }

    [Fact]
    public async Task Kestrel_and_ssl_stream_with_modern_protocols_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Net.Security;
            using System.Security.Authentication;
            using System.Security.Cryptography.X509Certificates;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;

            public static class Server
            {
                public static void Configure(WebApplicationBuilder builder)
                    => builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https =>
                    {
                        https.SslProtocols = SslProtocols.Tls13;
                    }));

                public static Task Accept(Stream stream, X509Certificate2 certificate)
                    => new SslStream(stream).AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificate = certificate,
                        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    });
            }
            """);
    }

    [Fact]
    public async Task Logging_and_reporting_the_negotiated_protocol_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Security;
            using System.Security.Authentication;
            using Microsoft.Extensions.Logging;

            #pragma warning disable SYSLIB0039
            public class Telemetry(ILogger<Telemetry> logger)
            {
                public void Record(SslStream ssl)
                {
                    logger.LogInformation("Negotiated {Protocol}", ssl.SslProtocol);
                    if (ssl.SslProtocol is SslProtocols.Tls or SslProtocols.Tls11)
                    {
                        logger.LogWarning("Peer negotiated a deprecated protocol: {Protocol}", ssl.SslProtocol);
                    }
                }

                public string Name(SslProtocols protocol) => protocol == SslProtocols.Tls11 ? "TLS 1.1" : protocol.ToString();
            }
            """);
    }

    [Fact]
    public async Task Other_enums_with_members_named_tls_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            public enum Transport { Plain = 0, Tls = 192, Tls11 = 768 }

            public sealed class MailSettings
            {
                public Transport Transport { get; set; } = Transport.Tls;
                public int LegacyFlags { get; set; } = (int)System.Security.Authentication.SslProtocols.None | 192;
            }

            public static class Setup
            {
                public static MailSettings Create() => new MailSettings { Transport = Transport.Tls11 };
            }
            """);
    }
}

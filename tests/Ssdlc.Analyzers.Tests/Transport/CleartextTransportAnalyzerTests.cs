using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Transport;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Transport.CleartextTransportAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Transport;

public class CleartextTransportAnalyzerTests
{
    [Fact]
    public async Task Base_address_and_request_uris_of_http_client()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class PartnerClient
            {
                private const string Endpoint = "http://partner.example.com/api/orders";
                private readonly HttpClient _client = new HttpClient { BaseAddress = new Uri({|SSDLC1010:"http://partner.example.com/"|}) };

                public async Task<string> Orders() => await _client.GetStringAsync({|SSDLC1010:Endpoint|});

                public Task<HttpResponseMessage> Post(HttpContent content) => _client.PostAsync({|SSDLC1010:"http://partner.example.com/api/orders"|}, content);

                public Task<HttpResponseMessage> Send()
                    => _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, {|SSDLC1010:"HTTP://10.0.0.5:8080/orders/1"|}));
            }
            """);
        Assert.Equal(
            "new Uri connects to a non-local host over clear-text http; use https:// (wss://, ftps://)",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Typed_client_registration_in_an_options_lambda()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient("billing", client =>
                    {
                        client.BaseAddress = new Uri({|SSDLC1010:"http://billing.internal.example.net"|});
                        client.Timeout = TimeSpan.FromSeconds(10);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Web_sockets_web_request_and_ftp()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net;
            using System.Net.WebSockets;
            using System.Threading;
            using System.Threading.Tasks;

            #pragma warning disable SYSLIB0014 // WebRequest is obsolete; legacy code still uses it
            public class Feeds
            {
                public async Task Listen(CancellationToken ct)
                {
                    using var socket = new ClientWebSocket();
                    await socket.ConnectAsync(new Uri({|SSDLC1010:"ws://prices.example.com/stream"|}), ct);
                }

                public WebRequest Legacy() => WebRequest.Create({|SSDLC1010:"ftp://files.example.com/export.csv"|});

                public string Download()
                {
                    string url = "http://reports.example.org/daily";
                    using var client = new WebClient();
                    return client.DownloadString({|SSDLC1010:url|});
                }
            }
            """);
    }

    [Fact]
    public async Task Local_hosts_and_secure_schemes_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Net.WebSockets;
            using System.Threading.Tasks;

            public class LocalClients
            {
                private readonly HttpClient _client = new HttpClient { BaseAddress = new Uri("http://localhost:5000/") };

                public Task<string> Health() => _client.GetStringAsync("http://127.0.0.1:8080/health");
                public Task<string> V6() => _client.GetStringAsync("http://[::1]:8080/health");
                public Task<string> Dev() => _client.GetStringAsync("http://api.localhost/health");
                public Task<string> Secure() => _client.GetStringAsync("https://api.example.com/orders");
                public Uri Socket() => new Uri("wss://prices.example.com/stream");
                public Uri Relative() => new Uri("/orders", UriKind.Relative);
            }
            """);
    }

    [Fact]
    public async Task Xml_namespaces_and_documentation_links_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.ComponentModel;
            using System.Xml.Linq;

            /// <summary>See http://example.com/spec for the format.</summary>
            [Description("Format described at http://example.com/spec")]
            public class Soap
            {
                private static readonly XNamespace Envelope = "http://schemas.xmlsoap.org/soap/envelope/";
                private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

                public Uri SchemaUri() => new Uri("http://www.w3.org/2001/XMLSchema");

                public XElement Body() => new XElement(Envelope + "Body", new XAttribute(XNamespace.Xmlns + "xsi", Xsi));
            }
            """);
    }

    [Fact]
    public async Task Strings_never_used_as_endpoints_and_non_constant_addresses_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Configuration;

            public class Misc
            {
                public const string Homepage = "http://example.com";

                public string Link() => $"<a href=\"{Homepage}\">home</a>";

                public bool IsInsecure(string url) => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

                public Task<string> Configured(HttpClient client, IConfiguration configuration)
                    => client.GetStringAsync(configuration["Partner:Url"]);

                public Uri Template(string host) => new Uri($"http://{host}/api");
            }
            """);
    }

    [Theory]
    [InlineData("http://example.com", "http")]
    [InlineData("  ws://chat.example.com:81/x", "ws")]
    [InlineData("ftp://user:pw@files.example.com/", "ftp")]
    [InlineData("http://localhost", null)]
    [InlineData("http://LOCALHOST:5000/", null)]
    [InlineData("http://127.0.0.1/", null)]
    [InlineData("http://[::1]:80/", null)]
    [InlineData("http://foo.localhost/", null)]
    [InlineData("http://{host}/x", null)]
    [InlineData("https://example.com", null)]
    [InlineData("http://", null)]
    public void Clear_text_remote_scheme(string address, string? expected)
        => Assert.Equal(expected, CleartextTransportAnalyzer.ClearTextRemoteScheme(address));
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
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
                private const string Endpoint = {|SSDLC1010:"http://partner.example.com/api/orders"|};
                private readonly HttpClient _client = new HttpClient { BaseAddress = new Uri({|SSDLC1010:"http://partner.example.com/"|}) };

                public async Task<string> Orders() => await _client.GetStringAsync(Endpoint);

                public Task<HttpResponseMessage> Post(HttpContent content) => _client.PostAsync({|SSDLC1010:"http://partner.example.com/api/orders"|}, content);

                public Task<HttpResponseMessage> Send()
                    => _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, {|SSDLC1010:"HTTP://10.0.0.5:8080/orders/1"|}));
            }
            """);
        Assert.Equal(
            "HttpClient.BaseAddress connects to a non-local host over clear-text http; use https://",
            diagnostics[1].GetMessage());
        Assert.Equal("HttpClient.GetStringAsync connects to a non-local host over clear-text http; use https://", diagnostics[0].GetMessage());
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
                    string url = {|SSDLC1010:"http://reports.example.org/daily"|};
                    using var client = new WebClient();
                    return client.DownloadString(url);
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

    [Fact]
    public async Task A_url_used_as_data_connects_to_nothing()
    {
        // Serialization tests, URIs compared or stored, documentation and namespace identifiers: no connection, no finding.
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Net.Http;

            public class Link { public Uri? Href { get; set; } public string? Url { get; set; } }

            public class SerializationTests
            {
                private static readonly Uri Schema = new Uri("http://schemas.example.com/orders/v1");

                public void RoundTrip(HttpClient client)
                {
                    var link = new Link { Href = new Uri("http://www.example.com/products/1"), Url = "http://example.org/a" };
                    var values = new Dictionary<string, Uri> { ["home"] = new Uri("http://example.net/") };
                    bool same = link.Href == new Uri("http://www.example.com/products/1");
                    Console.WriteLine(same + values["home"].Host + Schema.AbsoluteUri + link.Url);
                    Uri parsed = new Uri("http://example.com/items?id=1");
                    Console.WriteLine(parsed.Query);
                    client.DefaultRequestHeaders.Add("Referer", "http://example.com/");
                }
            }
            """);
    }

    [Fact]
    public async Task Options_defaults_record_arguments_and_fields_in_another_file_are_reported_where_they_are_written()
    {
        ImmutableArray<Diagnostic> diagnostics = await WebProjectVerifier<CleartextTransportAnalyzer>.VerifyAsync(new[] {
            ("PartnerOptions.cs", """
                public class PartnerOptions
                {
                    public string BaseUrl { get; set; } = {|SSDLC1010:"http://partner.example.com/"|};
                    public string HealthUrl { get; set; } = "https://partner.example.com/health";
                }

                public record GatewaySettings(string Url, int Retries);

                public static class Endpoints
                {
                    public static readonly string Billing = {|SSDLC1010:"http://billing.example.com/api"|};
                }
                """),
            ("Clients.cs", """
                using System;
                using System.Net.Http;
                using System.Threading.Tasks;

                public class PartnerClient(HttpClient client, PartnerOptions options)
                {
                    public Task<string> Orders()
                    {
                        client.BaseAddress = new Uri(options.BaseUrl);
                        return client.GetStringAsync(options.HealthUrl);
                    }

                    public Task<string> Again() => client.GetStringAsync(options.BaseUrl + "orders");

                    public Task<string> Billing() => client.GetStringAsync($"{Endpoints.Billing}/invoices");
                }

                public class Gateway(HttpClient client)
                {
                    private readonly GatewaySettings _settings = new GatewaySettings({|SSDLC1010:"http://gateway.example.com"|}, 3);
                    private readonly GatewaySettings _local = new GatewaySettings("http://localhost:8080", 1);

                    public Task<string> Ping() => client.GetStringAsync(_settings.Url);
                }
                """), }, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
        Diagnostic options = diagnostics.Single(d => d.Location.SourceTree!.FilePath.EndsWith("PartnerOptions.cs") && d.GetMessage().Contains("BaseAddress"));
        Assert.Equal("/src/Clients.cs", Assert.Single(options.AdditionalLocations).SourceTree!.FilePath);
    }

    [Fact]
    public async Task Helper_methods_their_callers_and_either_branch_of_a_conditional()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public static class ClientFactory
            {
                private static HttpClient Create(string baseUrl) => new HttpClient { BaseAddress = new Uri(baseUrl) };

                private static string Endpoint() => {|SSDLC1010:"http://inventory.example.com/stock"|};

                public static HttpClient Orders() => Create({|SSDLC1010:"http://orders.example.com/"|});

                public static HttpClient Local() => Create("http://localhost:5000/");

                public static Task<string> Stock(HttpClient client) => client.GetStringAsync(Endpoint());

                public static Task<string> Either(HttpClient client, bool tls)
                {
                    string url = tls ? "https://prices.example.com/" : {|SSDLC1010:"http://prices.example.com/"|};
                    return client.GetStringAsync(url);
                }
            }
            """);
    }

    [Fact]
    public async Task A_clear_text_scheme_in_the_literal_part_of_an_interpolated_or_concatenated_url()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public class Templates(HttpClient client)
            {
                public Task<string> Host(string host) => client.GetStringAsync({|SSDLC1010:$"http://{host}/api/orders"|});
                public Task<string> Concat(string host) => client.GetStringAsync({|SSDLC1010:"http://" + host + "/api"|});
                public Task<string> Format(string host) => client.GetStringAsync({|SSDLC1010:string.Format("ws://{0}/feed", host)|});
                public Task<string> Path(string id) => client.GetStringAsync({|SSDLC1010:$"http://api.example.com/orders/{id}"|});
                public Task<string> LocalPort(int port) => client.GetStringAsync($"http://localhost:{port}/health");
                public Task<string> Loopback(int last) => client.GetStringAsync($"http://127.0.0.{last}/health");
                public Task<string> Secure(string host) => client.GetStringAsync($"https://{host}/api");
                public Task<string> Unknown(string baseUrl) => client.GetStringAsync($"{baseUrl}/api");
            }
            """);
    }

    [Fact]
    public async Task Redirects_to_clear_text_addresses_and_mail_without_tls()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Mail;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class PartnerController : Controller
            {
                public IActionResult Out() => Redirect({|SSDLC1010:"http://partner.example.com/welcome"|});
                public IActionResult Secure() => Redirect("https://partner.example.com/welcome");
                public IActionResult Home() => LocalRedirect("/home");
                public IResult Minimal() => Results.Redirect({|SSDLC1010:"http://partner.example.com/"|});

                public void Mail()
                {
                    using var plain = new SmtpClient({|SSDLC1010:"smtp.example.com"|});
                    using var tls = new SmtpClient("smtp.example.com") { EnableSsl = true };
                    using var local = new SmtpClient("localhost");
                }
            }
            """);
    }

    [Fact]
    public async Task A_constant_used_by_several_endpoints_is_reported_once_at_its_definition()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class Partner(HttpClient client)
            {
                private const string Api = {|SSDLC1010:"http://partner.example.com/api"|};

                public Task<string> A() => client.GetStringAsync(Api);
                public Task<string> B() => client.GetStringAsync(Api + "/b");
                public Task<HttpResponseMessage> C() => client.DeleteAsync(new Uri(Api));
            }
            """);
        Location use = Assert.Single(Assert.Single(diagnostics).AdditionalLocations);
        Assert.Equal(9, use.GetLineSpan().StartLinePosition.Line + 1);
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

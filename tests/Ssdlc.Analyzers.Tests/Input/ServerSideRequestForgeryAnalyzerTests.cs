using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Input.ServerSideRequestForgeryAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Input;

public class ServerSideRequestForgeryAnalyzerTests
{
    [Fact]
    public async Task Request_urls_reaching_http_clients()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class WebhookModel { public string CallbackUrl { get; set; } = ""; public string Endpoint { get; set; } = ""; }

            [ApiController, Route("preview")]
            public class PreviewController : ControllerBase
            {
                private readonly HttpClient _http;
                private readonly string _baseUrl;
                public PreviewController(HttpClient http, string baseUrl) { _http = http; _baseUrl = baseUrl; }

                [HttpGet]
                public async Task<IActionResult> Get(string url) => Content(await _http.GetStringAsync({|SSDLC0208:url|}));

                [HttpGet("status")]
                public async Task<IActionResult> Status(string host)
                    => Ok((await _http.GetAsync({|SSDLC0208:$"https://{host}/health"|})).StatusCode);

                [HttpPost("fetch")]
                public async Task<IActionResult> Fetch([FromQuery] string target)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, {|SSDLC0208:new Uri(target)|});
                    using HttpResponseMessage response = await _http.SendAsync(request);
                    return Ok(response.StatusCode);
                }

                [HttpPost("hooks")]
                public async Task<IActionResult> Register(WebhookModel model)
                {
                    await _http.PostAsJsonAsync({|SSDLC0208:model.CallbackUrl|}, new { registered = true });
                    var client = new HttpClient { BaseAddress = {|SSDLC0208:new Uri(model.Endpoint)|} };
                    return Ok(await client.GetStringAsync("status"));
                }

                [HttpGet("proxy/{*path}")]
                public async Task<IActionResult> Proxy(string path)
                    => Ok(await _http.GetStringAsync({|SSDLC0208:_baseUrl + path|}));

                [HttpGet("legacy")]
                public async Task<IActionResult> Legacy(string server)
                    => Ok(await _http.GetStringAsync({|SSDLC0208:string.Format("http://{0}/api/info", server)|}));
            }
            """);
        Assert.Equal(
            "A request-derived URL reaches HttpClient.GetStringAsync; build the address from a constant base and send only path or query values, "
            + "or check the host against an allow-list before the request",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Request_hosts_reaching_sockets_and_legacy_clients()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Net;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class DiagnosticsEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/port", (string host, int port) =>
                    {
                        using var client = new TcpClient({|SSDLC0208:host|}, port);
                        return Results.Ok(client.Connected);
                    });
                    app.MapGet("/smtp", async (HttpRequest request) =>
                    {
                        string server = request.Query["server"].ToString();
                        IPAddress[] addresses = await Dns.GetHostAddressesAsync(server);
                        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        await socket.ConnectAsync({|SSDLC0208:addresses|}, 25);
                        using var tcp = new TcpClient();
                        tcp.Connect({|SSDLC0208:new IPEndPoint(IPAddress.Parse(server), 25)|});
                        return Results.Ok();
                    });
                    app.MapGet("/feed", (string feed) =>
                    {
                    #pragma warning disable SYSLIB0014 // the sample shows the legacy API on purpose
                        WebRequest request = WebRequest.Create({|SSDLC0208:feed|});
                        using var web = new WebClient();
                        string text = web.DownloadString({|SSDLC0208:feed + "?format=rss"|});
                    #pragma warning restore SYSLIB0014
                        return Results.Text(text);
                    });
                }
            }
            """);
        Assert.StartsWith("A request-derived host reaches new TcpClient;", diagnostics[0].GetMessage(), System.StringComparison.Ordinal);
        Assert.StartsWith("A request-derived address reaches Socket.ConnectAsync;", diagnostics[1].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_connecting_clients_but_not_redirects()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Mail;
            using System.Net.WebSockets;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("relay")]
            public class RelayController : ControllerBase
            {
                [HttpGet("socket")]
                public async Task<IActionResult> Socket(string endpoint)
                {
                    using var socket = new ClientWebSocket();
                    await socket.ConnectAsync({|SSDLC0208:new Uri(endpoint)|}, CancellationToken.None);
                    return Ok();
                }

                [HttpPost("mail")]
                public IActionResult Mail(string server)
                {
                    using var smtp = new SmtpClient({|SSDLC0208:server|}) { EnableSsl = true };
                    return Ok();
                }

                [HttpGet("back")]
                public IActionResult Back(string returnUrl) => Redirect(returnUrl);
            }
            """);
    }

    [Fact]
    public async Task Fixed_hosts_with_request_derived_paths_and_queries_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class ApiOptions { public string BaseUrl { get; set; } = ""; }

            [ApiController, Route("catalog")]
            public class CatalogController : ControllerBase
            {
                private const string Api = "https://api.example.com";
                private readonly HttpClient _http;
                private readonly ApiOptions _options;
                public CatalogController(HttpClient http, ApiOptions options) { _http = http; _options = options; }

                [HttpGet("{id}")]
                public async Task<IActionResult> Item(string id, string q, int port)
                {
                    var a = await _http.GetAsync($"https://api.example.com/items/{id}");
                    var b = await _http.GetStringAsync("items/" + Uri.EscapeDataString(id));
                    var c = await _http.GetStringAsync($"{Api}/search?q={q}");
                    var d = await _http.GetStringAsync(_options.BaseUrl + "/items/" + id);
                    var e = await _http.GetStringAsync(string.Format("https://api.example.com/items/{0}?q={1}", id, q));
                    string url = "https://api.example.com/users/" + id;
                    var f = await _http.GetStringAsync(url);
                    var g = await _http.GetStringAsync(new Uri($"/reports/{id}", UriKind.Relative));
                    var h = await _http.GetStringAsync($"http://localhost:{port}/metrics");
                    var i = await _http.GetStringAsync($"?page={q}");
                    return Ok((a, b, c, d, e, f, g, h, i));
                }
            }

            public class FeedReader
            {
                private readonly HttpClient _http = new HttpClient();
                public Task<string> Read(string url) => _http.GetStringAsync(url);
            }
            """);
    }

    [Fact]
    public async Task Destinations_checked_against_an_allow_list_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Net.Http;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("images")]
            public class ImageProxyController : ControllerBase
            {
                private static readonly HashSet<string> AllowedHosts = new(StringComparer.OrdinalIgnoreCase) { "cdn.example.com", "img.example.com" };
                private static readonly string[] AllowedSuffixes = { ".example.com" };
                private readonly HttpClient _http;
                public ImageProxyController(HttpClient http) => _http = http;

                [HttpGet("a")]
                public async Task<IActionResult> ByHostSet(string url)
                {
                    var uri = new Uri(url);
                    if (!AllowedHosts.Contains(uri.Host))
                    {
                        return BadRequest();
                    }

                    return File(await _http.GetByteArrayAsync(uri), "image/png");
                }

                [HttpGet("b")]
                public async Task<IActionResult> ByTryCreate(string url)
                {
                    if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Host != "cdn.example.com")
                    {
                        return BadRequest();
                    }

                    return File(await _http.GetByteArrayAsync(url), "image/png");
                }

                [HttpGet("c")]
                public async Task<IActionResult> BySuffix(string url)
                {
                    string host = new Uri(url).Host.ToLowerInvariant();
                    if (!AllowedSuffixes.Any(s => host.EndsWith(s, StringComparison.Ordinal)))
                    {
                        return BadRequest();
                    }

                    return File(await _http.GetByteArrayAsync(url), "image/png");
                }

                [HttpGet("d")]
                public async Task<IActionResult> ByHelper(string url)
                    => IsAllowedUrl(url) ? File(await _http.GetByteArrayAsync(url), "image/png") : BadRequest();

                [HttpGet("e")]
                public IActionResult Port(string host)
                {
                    if (!AllowedHosts.Contains(host))
                    {
                        return BadRequest();
                    }

                    using var client = new TcpClient(host, 443);
                    return Ok(client.Connected);
                }

                private static bool IsAllowedUrl(string url) => url.StartsWith("https://cdn.example.com/", StringComparison.Ordinal);
            }
            """);
    }

    [Fact]
    public async Task A_check_that_is_not_about_the_host_does_not_count()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("fetch")]
            public class FetchController : ControllerBase
            {
                private readonly HttpClient _http;
                public FetchController(HttpClient http) => _http = http;

                [HttpGet]
                public async Task<IActionResult> Get(string url)
                {
                    if (string.IsNullOrEmpty(url) || !Uri.IsWellFormedUriString(url, UriKind.Absolute))
                    {
                        return BadRequest();
                    }

                    var uri = new Uri(url);
                    if (uri.Scheme != Uri.UriSchemeHttps)
                    {
                        return BadRequest();
                    }

                    return Ok(await _http.GetStringAsync({|SSDLC0208:uri|}));
                }
            }
            """);
    }
}

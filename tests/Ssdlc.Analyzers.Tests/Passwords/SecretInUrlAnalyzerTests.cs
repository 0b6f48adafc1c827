using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Passwords.SecretInUrlAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Passwords;

public class SecretInUrlAnalyzerTests
{
    [Fact]
    public async Task Interpolated_query_string_with_password_passed_to_http_client()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;

            public class LegacyAuthClient
            {
                private readonly HttpClient _http;

                public LegacyAuthClient(HttpClient http) => _http = http;

                public Task<string> LoginAsync(string user, string password)
                    => _http.GetStringAsync({|SSDLC0603:$"https://legacy.example.com/login?user={user}&password={password}"|});
            }
            """);
        Assert.Equal(
            "The query parameter 'password' puts a password or secret in a URL; send it in the request body or a header",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Concatenated_api_key_through_a_local_and_new_uri()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class WeatherClient(HttpClient http, string apiKey)
            {
                private const string BaseUrl = "https://api.weather.example/v1/forecast";

                public async Task<string> ForecastAsync(string city)
                {
                    var url = BaseUrl + "?city=" + Uri.EscapeDataString(city) + "&api_key=" + apiKey;
                    using HttpResponseMessage response = await http.GetAsync({|SSDLC0603:url|});
                    return await response.Content.ReadAsStringAsync();
                }

                public Uri Build(string token) => new Uri({|SSDLC0603:$"{BaseUrl}?access_token={token}"|});
            }
            """);
    }

    [Fact]
    public async Task Request_message_uri_builder_query_and_query_helpers()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.WebUtilities;

            public static class Requests
            {
                public static HttpRequestMessage Token(string id, string secret)
                    => new HttpRequestMessage(HttpMethod.Post, {|SSDLC0603:"https://idp.example.com/token?client_id=" + id + "&client_secret=" + secret|});

                public static Uri WithKey(string apiKey)
                {
                    var builder = new UriBuilder("https://maps.example.com/geocode");
                    builder.Query = {|SSDLC0603:"apikey=" + apiKey|};
                    return builder.Uri;
                }

                public static string Reset(string url, string pwd) => QueryHelpers.AddQueryString(url, {|SSDLC0603:"pwd"|}, pwd);
            }
            """);
    }

    [Fact]
    public async Task Redirect_carrying_a_password()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class SsoController : Controller
            {
                [HttpPost]
                public IActionResult Forward([FromForm] string user, [FromForm] string password)
                    => Redirect({|SSDLC0603:$"https://old-portal.example.com/sso?u={user}&passwd={password}"|});
            }
            """);
    }

    [Fact]
    public async Task Http_get_action_with_password_parameters()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/account")]
            public class AccountController : ControllerBase
            {
                [HttpGet("login")]
                public IActionResult Login(string userName, string {|SSDLC0603:password|}) => Ok();

                [HttpGet("partner")]
                public IActionResult Partner([FromQuery] string {|SSDLC0603:apiKey|}, [FromQuery(Name = "secret")] string {|SSDLC0603:clientSecret|}) => Ok();
            }
            """);
        Assert.Equal(
            "The GET parameter 'password' puts a password or secret in a URL; send it in the request body or a header",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Map_get_handlers_with_secret_parameters()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/login", (string user, string {|SSDLC0603:pwd|}) => Results.Ok());
                    app.MapGet("/export", Export);
                }

                private static IResult Export(string {|SSDLC0603:accessToken|}, int page) => Results.Ok(page);
            }
            """);
    }

    [Fact]
    public async Task Body_form_and_header_transport_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Text;
            using System.Threading.Tasks;

            public class TokenClient(HttpClient http)
            {
                public Task<HttpResponseMessage> PasswordGrantAsync(string user, string password)
                    => http.PostAsync("https://idp.example.com/token", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "password",
                        ["username"] = user,
                        ["password"] = password,
                    }));

                public Task<HttpResponseMessage> RawFormAsync(string user, string password)
                    => http.PostAsync("https://idp.example.com/token",
                        new StringContent($"grant_type=password&username={user}&password={password}", Encoding.UTF8, "application/x-www-form-urlencoded"));

                public Task<HttpResponseMessage> WithHeaderAsync(string apiKey)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/items?page=2");
                    request.Headers.Add("X-Api-Key", apiKey);
                    return http.SendAsync(request);
                }
            }
            """);
    }

    [Fact]
    public async Task Post_actions_and_header_or_body_bound_get_parameters_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            public record LoginRequest(string UserName, string Password);

            [ApiController]
            [Route("api/account")]
            public class AccountController : ControllerBase
            {
                [HttpPost("login")]
                public IActionResult Login(string userName, string password) => Ok();

                [HttpPost("login2")]
                public IActionResult Login2([FromBody] LoginRequest request) => Ok();

                [HttpGet("partner")]
                public IActionResult Partner([FromHeader(Name = "X-Api-Key")] string apiKey) => Ok();

                [HttpGet("policy")]
                public IActionResult Policy(string passwordPolicy, int passwordLength, bool rememberPassword) => Ok();
            }
            """);
    }

    [Fact]
    public async Task Reset_links_and_grant_types_without_a_secret_value_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class Links(HttpClient http)
            {
                public Uri PasswordResetUrl(string userId, string code)
                    => new Uri($"https://shop.example.com/account/reset-password?userId={userId}&code={Uri.EscapeDataString(code)}");

                public Task<string> PoliciesAsync() => http.GetStringAsync("https://api.example.com/policies?type=password&page=1");

                public Task<string> ForgotAsync(string email) => http.GetStringAsync($"https://api.example.com/forgot-password?email={email}");
            }
            """);
    }

    [Fact]
    public async Task Secret_words_in_strings_that_are_not_urls_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.Extensions.Logging;

            public class Diagnostics(ILogger<Diagnostics> logger)
            {
                public string ConnectionString(string server, string password) => $"Server={server};User Id=app;Password={password}";

                public void Log() => logger.LogInformation("Configure api_key= in appsettings, not in code");

                public string Help => "Use ?password= only in the test environment";
            }
            """);
    }

    [Fact]
    public async Task Minimal_api_post_and_header_bound_parameters_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/login", (string user, string password) => Results.Ok());
                    app.MapGet("/export", ([FromHeader(Name = "X-Api-Key")] string apiKey, int page) => Results.Ok(page));
                    app.MapGet("/reset", (string userId, string code) => Results.Ok());
                }
            }
            """);
    }

    [Fact]
    public async Task Query_helpers_with_ordinary_keys_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.WebUtilities;

            public class Search(HttpClient http)
            {
                public Task<string> FindAsync(string term, string passwordHint)
                {
                    string url = QueryHelpers.AddQueryString("https://api.example.com/search", "q", term);
                    url = QueryHelpers.AddQueryString(url, "hint", passwordHint);
                    return http.GetStringAsync(url);
                }
            }
            """);
    }
}

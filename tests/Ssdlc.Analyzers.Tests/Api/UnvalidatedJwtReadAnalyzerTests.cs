using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Api;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Api.UnvalidatedJwtReadAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Api.UnvalidatedJwtReadAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Api;

public class UnvalidatedJwtReadAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        """;

    // ---- positives ----

    [Fact]
    public async Task Role_claim_of_the_bearer_token_compared_in_an_action()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            [ApiController]
            [Route("api/admin")]
            public class AdminController : ControllerBase
            {
                [HttpDelete("users/{id}")]
                public IActionResult DeleteUser(int id)
                {
                    string header = Request.Headers.Authorization.ToString();
                    var jwt = {|SSDLC1205:new JwtSecurityTokenHandler().ReadJwtToken(header.Substring("Bearer ".Length))|};
                    string? role = jwt.Claims.FirstOrDefault(c => c.Type == ClaimTypes.Role)?.Value;
                    if (role != "admin")
                    {
                        return Forbid();
                    }

                    return NoContent();
                }
            }
            """);
        Assert.Equal(
            "ReadJwtToken does not check the token's signature, yet its claims are compared; validate the token (JsonWebTokenHandler.ValidateTokenAsync or JwtSecurityTokenHandler.ValidateToken with the issuer's signing keys) and take the claims from the validated result",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Helper_that_returns_the_subject_or_a_dto_of_claims()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public sealed class TokenData
            {
                public string UniqueId { get; set; } = "";
                public string Role { get; set; } = "";
            }

            public class TokenReader
            {
                private readonly JwtSecurityTokenHandler _handler = new();

                public string GetUserId(string token)
                {
                    JwtSecurityToken parsed = {|SSDLC1205:_handler.ReadJwtToken(token)|};
                    return parsed.Subject;
                }

                public TokenData Get(string token)
                {
                    var securityToken = {|SSDLC1205:_handler.ReadJwtToken(token)|};
                    return new TokenData
                    {
                        UniqueId = securityToken.Claims.First(c => c.Type == "UniqueId").Value,
                        Role = securityToken.Claims.First(c => c.Type == ClaimTypes.Role).Value,
                    };
                }

                public int GetNumericId(string token)
                {
                    string? raw = {|SSDLC1205:_handler.ReadJwtToken(token)|}.Claims.FirstOrDefault(claim => claim.Type == "userId")?.Value;
                    if (raw == null)
                    {
                        throw new InvalidOperationException("no user id");
                    }

                    return int.Parse(raw);
                }
            }
            """);
        Assert.All(diagnostics, d => Assert.EndsWith("yet its claims are returned", d.GetMessage().Split(';')[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Middleware_that_loads_the_user_named_by_the_token()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public interface IUserService
            {
                object? GetById(int id);
            }

            public sealed class JwtMiddleware(RequestDelegate next)
            {
                public async Task Invoke(HttpContext context, IUserService users)
                {
                    string? token = context.Request.Headers["Authorization"].FirstOrDefault()?.Split(" ").Last();
                    if (token != null)
                    {
                        var jwt = {|SSDLC1205:new JwtSecurityTokenHandler().ReadJwtToken(token)|};
                        var userId = int.Parse(jwt.Claims.First(x => x.Type == "id").Value);
                        context.Items["User"] = users.GetById(userId);
                    }

                    await next(context);
                }
            }
            """);
        Assert.Contains("its claims are passed to IUserService.GetById", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authentication_handler_that_builds_the_principal_from_a_cookie_token()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.Extensions.Options;

            public sealed class CookieTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
            {
                protected override Task<AuthenticateResult> HandleAuthenticateAsync()
                {
                    if (!Request.Cookies.TryGetValue("session", out string? token))
                    {
                        return Task.FromResult(AuthenticateResult.NoResult());
                    }

                    JsonWebToken jwt = {|SSDLC1205:new JsonWebTokenHandler().ReadJsonWebToken(token)|};
                    var identity = new ClaimsIdentity(jwt.Claims, Scheme.Name);
                    var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name);
                    return Task.FromResult(AuthenticateResult.Success(ticket));
                }
            }
            """);
        Assert.Contains("ReadJsonWebToken does not check the token's signature, yet its claims are put into a ClaimsIdentity", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_api_handler_that_filters_by_the_token_subject()
    {
        await VerifyProgram.VerifyAsync("""
            using System.IdentityModel.Tokens.Jwt;
            using Microsoft.EntityFrameworkCore;
            using Sample.Data;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/my/users", (string token, AppDb db) =>
            {
                var jwt = {|SSDLC1205:new JwtSecurityTokenHandler().ReadToken(token)|} as JwtSecurityToken;
                return db.Users.Where(u => u.Name == jwt!.Subject).ToList();
            });
            app.MapGet("/my/profile", (HttpRequest request, AppDb db) =>
                db.Users.Find(int.Parse({|SSDLC1205:new JwtSecurityTokenHandler().ReadJwtToken(request.Query["t"])|}.Claims.First(c => c.Type == "id").Value)));
            app.Run();
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Json_web_token_claims_by_name_switch_and_payload_values()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class TenantService
            {
                public void Use(string tenant) { }

                public string Permissions(string token)
                {
                    var jwt = {|SSDLC1205:new JsonWebTokenHandler().ReadToken(token)|} as JsonWebToken;
                    if (jwt is null || !jwt.TryGetClaim("role", out Claim? role))
                    {
                        return "none";
                    }

                    return role.Value switch
                    {
                        "admin" => "all",
                        _ => "read",
                    };
                }

                public void Select(string token)
                {
                    JsonWebToken jwt = {|SSDLC1205:new JsonWebTokenHandler().ReadJsonWebToken(token)|};
                    Use(jwt.GetPayloadValue<string>("tenant"));
                }

                public bool IsAdmin(string token)
                {
                    var jwt = {|SSDLC1205:new JwtSecurityToken(token)|};
                    return jwt.Payload["role"] is "admin";
                }
            }
            """);
    }

    [Fact]
    public async Task Authorized_controller_that_reads_the_token_from_the_query_or_in_an_anonymous_action()
    {
        await VerifyCS.VerifyAsync(Usings + """
            [Authorize]
            [ApiController]
            [Route("api/reports")]
            public class ReportsController : ControllerBase
            {
                [HttpGet("export")]
                public IActionResult Export(string accessToken)
                {
                    var jwt = {|SSDLC1205:new JwtSecurityTokenHandler().ReadJwtToken(accessToken)|};
                    return jwt.Claims.Any(c => c.Type == "scope" && c.Value == "reports:export") ? Ok() : Forbid();
                }

                [AllowAnonymous]
                [HttpGet("public")]
                public IActionResult Public()
                {
                    var jwt = {|SSDLC1205:new JwtSecurityTokenHandler().ReadJwtToken(Request.Headers.Authorization.ToString()[7..])|};
                    return jwt.Subject == "partner" ? Ok("all") : Ok("some");
                }
            }
            """);
    }

    [Fact]
    public async Task Blazor_server_authentication_state_from_a_stored_token()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using Microsoft.AspNetCore.Components.Authorization;

            public interface ITokenStore
            {
                Task<string?> GetAsync();
            }

            public sealed class TokenAuthenticationStateProvider(ITokenStore store) : AuthenticationStateProvider
            {
                public override async Task<AuthenticationState> GetAuthenticationStateAsync()
                {
                    string? token = await store.GetAsync();
                    if (string.IsNullOrEmpty(token))
                    {
                        return new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()));
                    }

                    var claims = {|SSDLC1205:new JwtSecurityTokenHandler().ReadJwtToken(token)|}.Claims;
                    return new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "jwt")));
                }
            }
            """);
    }

    // ---- safe look-alikes ----

    [Fact]
    public async Task Claims_only_logged_or_shown_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            [ApiController]
            [Route("api/debug")]
            public class TokenDebugController(ILogger<TokenDebugController> logger) : ControllerBase
            {
                [HttpPost("decode")]
                public IActionResult Decode([FromBody] string token)
                {
                    var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                    logger.LogInformation("Token for {Subject} issued by {Issuer}", jwt.Subject, jwt.Issuer);
                    Console.WriteLine($"roles: {string.Join(",", jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value))}");
                    return Ok(jwt.Claims.Select(c => new { c.Type, c.Value }));
                }

                [HttpGet("whoami")]
                public string? WhoAmI(string token) => new JwtSecurityTokenHandler().ReadJwtToken(token).Subject;
            }
            """);
        await VerifyProgram.VerifyAsync("""
            using System.IdentityModel.Tokens.Jwt;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/my/name", (HttpRequest request) =>
                new JwtSecurityTokenHandler().ReadJwtToken(request.Query["t"]).Claims.First(c => c.Type == "name").Value);
            app.Run();
            """);
    }

    [Fact]
    public async Task Expiry_token_id_and_header_values_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public interface IRefresher
            {
                Task RefreshAsync();
            }

            public interface IRevocations
            {
                Task AddAsync(string tokenId, DateTime until);
            }

            public class TokenExpiry(IRefresher refresher)
            {
                public DateTime ExpiresAt(string token) => new JwtSecurityTokenHandler().ReadJwtToken(token).ValidTo;

                public async Task RefreshIfNeededAsync(string token)
                {
                    var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                    if (jwt.ValidTo < DateTime.UtcNow.AddMinutes(1) || jwt.Payload.Expiration < 100 || jwt.Header.Alg == "none")
                    {
                        await refresher.RefreshAsync();
                    }
                }

                public Task RevokeAsync(string token, IRevocations revocations)
                {
                    var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                    return revocations.AddAsync(jwt.Id, jwt.ValidTo);
                }

                public string ExpiryClaim(string token)
                {
                    var jwt = new JsonWebTokenHandler().ReadJsonWebToken(token);
                    string exp = new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.First(c => c.Type == "exp").Value;
                    return jwt.GetPayloadValue<long>("exp") > 0 ? exp : jwt.Kid;
                }
            }
            """);
    }

    [Fact]
    public async Task Members_that_also_validate_the_token_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public interface IJwtValidator
            {
                bool Validate(string token);
            }

            public class TokenChecks(TokenValidationParameters parameters, IJwtValidator validator)
            {
                public string? UserId(string token)
                {
                    var handler = new JwtSecurityTokenHandler();
                    handler.ValidateToken(token, parameters, out _);
                    return handler.ReadJwtToken(token).Subject;
                }

                public async Task<bool> IsAdminAsync(string token)
                {
                    var handler = new JsonWebTokenHandler();
                    TokenValidationResult result = await handler.ValidateTokenAsync(token, parameters);
                    var jwt = handler.ReadJsonWebToken(token);
                    return result.IsValid && jwt.GetClaim("role").Value == "admin";
                }

                public string? Tenant(string token)
                {
                    if (!validator.Validate(token))
                    {
                        return null;
                    }

                    return new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.First(c => c.Type == "tenant").Value;
                }
            }
            """);
    }

    [Fact]
    public async Task Tokens_received_from_the_identity_provider_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using System.Net.Http;
            using System.Net.Http.Json;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Authentication.Cookies;

            public sealed record LoginResponse(string Token);

            public class SignInController(IHttpClientFactory clients) : Controller
            {
                [HttpPost]
                public async Task<IActionResult> Login(string user, string password)
                {
                    HttpResponseMessage response = await clients.CreateClient("api").PostAsJsonAsync("/login", new { user, password });
                    LoginResponse? login = await response.Content.ReadFromJsonAsync<LoginResponse>();
                    var jwt = new JwtSecurityTokenHandler().ReadJwtToken(login!.Token);
                    var principal = new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, CookieAuthenticationDefaults.AuthenticationScheme));
                    await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
                    return RedirectToAction("Index", "Home");
                }

                public async Task<IActionResult> Profile()
                {
                    string? accessToken = await HttpContext.GetTokenAsync("access_token");
                    var jwt = new JwtSecurityTokenHandler().ReadJwtToken(accessToken);
                    return jwt.Claims.Any(c => c.Type == "role" && c.Value == "admin") ? View("Admin") : View();
                }
            }
            """);
    }

    [Fact]
    public async Task Bearer_header_of_authorized_actions_and_endpoints_is_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using System.IdentityModel.Tokens.Jwt;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/me", (HttpRequest request) =>
            {
                string token = request.Headers[HeaderNames.Authorization].ToString().Replace("Bearer ", "");
                return new JwtSecurityTokenHandler().ReadJwtToken(token).Subject;
            }).RequireAuthorization();
            app.Run();

            public interface IOrders
            {
                object ForUser(string userId);
            }

            [Authorize]
            public abstract class ApiControllerBase : ControllerBase
            {
                protected string CurrentUserId()
                {
                    string? raw = HttpContext.Request.Headers["Authorization"].FirstOrDefault();
                    var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw?.Substring("Bearer ".Length).Trim());
                    return jwt.Claims.First(c => c.Type == "userId").Value;
                }
            }

            [ApiController]
            [Route("api/orders")]
            public class OrdersController(IOrders orders) : ApiControllerBase
            {
                [HttpGet]
                public IActionResult Mine() => Ok(orders.ForUser(CurrentUserId()));

                [HttpGet("by-header")]
                public IActionResult ByHeader()
                {
                    Request.Headers.TryGetValue("Authorization", out var header);
                    var jwt = new JwtSecurityTokenHandler().ReadJwtToken(header.ToString()[7..]);
                    return Ok(orders.ForUser(jwt.Subject));
                }
            }
            """);
    }

    [Fact]
    public async Task Scheme_selection_by_issuer_and_validation_callbacks_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using System.IdentityModel.Tokens.Jwt;
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.IdentityModel.Tokens;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication("select")
                .AddPolicyScheme("select", "By issuer", options =>
                {
                    options.ForwardDefaultSelector = context =>
                    {
                        string header = context.Request.Headers.Authorization.ToString();
                        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(header["Bearer ".Length..]);
                        return jwt.Issuer == "https://login.partner.example.com" ? "partner" : JwtBearerDefaults.AuthenticationScheme;
                    };
                })
                .AddJwtBearer(options =>
                {
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                        {
                            string issuer = new JwtSecurityTokenHandler().ReadJwtToken(token).Issuer;
                            return issuer == "https://login.example.com" ? parameters.IssuerSigningKeys : Array.Empty<SecurityKey>();
                        },
                    };
                })
                .AddJwtBearer("partner", options => options.Authority = "https://login.partner.example.com");
            var app = builder.Build();
            app.Run();
            """);
    }

    [Fact]
    public async Task Null_checks_writing_tokens_and_other_readers_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class TokenFactory
            {
                public string Create(string userId)
                {
                    var token = new JwtSecurityToken(issuer: "shop", audience: "shop", claims: new[] { new Claim("sub", userId) });
                    return new JwtSecurityTokenHandler().WriteToken(token);
                }

                public bool HasSubject(string token)
                {
                    var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
                    return jwt.Subject is not null && !string.IsNullOrEmpty(jwt.Issuer);
                }

                public bool CanRead(string token) => new JwtSecurityTokenHandler().CanReadToken(token);

                public string Shape(string token)
                {
                    var reader = new System.IO.StringReader(token);
                    return reader.ReadToEnd() == "" ? "empty" : "token";
                }
            }
            """);
    }

    [Fact]
    public async Task Test_projects_and_browser_clients_are_silent()
    {
        const string Reader = """
            using System.IdentityModel.Tokens.Jwt;

            public class CurrentUser
            {
                public string Id(string token) => new JwtSecurityTokenHandler().ReadJwtToken(token).Subject;
            }
            """;
        Assert.Single(await RunAsync(Reader, TestReferences.All));

        MetadataReference xunit = Library("xunit.core", "namespace Xunit { public class FactAttribute : System.Attribute { } }", TestReferences.CoreOnly);
        Assert.Empty(await RunAsync(Reader, TestReferences.All.Add(xunit)));

        // A Blazor WebAssembly client: no ASP.NET Core server types, the WebAssembly host builder.
        MetadataReference wasm = Library(
            "Microsoft.AspNetCore.Components.WebAssembly",
            "namespace Microsoft.AspNetCore.Components.WebAssembly.Hosting { public sealed class WebAssemblyHostBuilder { } }",
            TestReferences.CoreOnly);
        ImmutableArray<MetadataReference> clientReferences = TestReferences.All
            .Where(r => !Path.GetFileName(((PortableExecutableReference)r).FilePath!).StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal))
            .ToImmutableArray();
        Assert.Single(await RunAsync(Reader, clientReferences));
        Assert.Empty(await RunAsync(Reader, clientReferences.Add(wasm)));
    }

    [Fact]
    public async Task Templates_are_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApi);
        await VerifyProgram.VerifyAsync(Templates.Mvc);
        await VerifyProgram.VerifyAsync(Templates.WebApp);
        await VerifyProgram.VerifyAsync(Templates.Blazor);
    }

    private static MetadataReference Library(string name, string source, ImmutableArray<MetadataReference> references)
        => CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .ToMetadataReference();

    private static async Task<ImmutableArray<Diagnostic>> RunAsync(string source, ImmutableArray<MetadataReference> references)
    {
        Compilation compilation = AnalyzerRunner.CreateCompilation(source, references);
        Verify.AssertCompiles(compilation);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new UnvalidatedJwtReadAnalyzer()));
        Verify.AssertNoAnalyzerFailures(result);
        return result.Diagnostics;
    }
}

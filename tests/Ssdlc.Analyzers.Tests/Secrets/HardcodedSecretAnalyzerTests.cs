using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Detection.Tests;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Secrets.HardcodedSecretAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Secrets;

/// <summary>
/// Secret values are generated at run time (<see cref="FakeSecrets"/>) and spliced into the sample sources, so that
/// this file holds no secret-looking literal of its own.
/// </summary>
public class HardcodedSecretAnalyzerTests
{
    private readonly FakeSecrets _f = new(1101);

    [Fact]
    public async Task Secret_named_fields_constants_and_properties()
    {
        string apiKey = _f.HighEntropy(32);
        string password = _f.Password();
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync($$"""
            public class PaymentGateway
            {
                private const string ApiKey = {|SSDLC1101:"{{apiKey}}"|};
                private static readonly string DbPassword = {|SSDLC1101:"{{password}}"|};

                public string AdminPassword { get; set; } = {|SSDLC1101:"chan" + "geme"|};

                public string Endpoint => "https://payments.example.org/v2";
            }
            """);
        string message = diagnostics[0].GetMessage();
        Assert.StartsWith("Secret in source code: API key (" + apiKey.Substring(0, 4) + "\u2026 (32 chars), fingerprint sha256:", message);
        Assert.DoesNotContain(apiKey, message);
        Assert.DoesNotContain(password, diagnostics[1].GetMessage());
        Assert.Contains("vendor default password", diagnostics[2].GetMessage());
    }

    [Fact]
    public async Task Options_lambdas_object_initialisers_and_credentials()
    {
        string password = _f.Password();
        string smtpPassword = _f.Password();
        await VerifyCS.VerifyAsync($$"""
            using System.Net;
            using System.Net.Mail;
            using Microsoft.Extensions.DependencyInjection;

            public class SmtpOptions
            {
                public string Host { get; set; } = "";
                public string Password { get; set; } = "";
            }

            public static class MailSetup
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<SmtpOptions>(o =>
                    {
                        o.Host = "smtp.example.org";
                        o.Password = {|SSDLC1101:"{{smtpPassword}}"|};
                    });
                }

                public static SmtpClient Client() => new SmtpClient("smtp.example.org")
                {
                    Credentials = new NetworkCredential("mailer", {|SSDLC1101:"{{password}}"|}),
                    EnableSsl = true,
                };
            }
            """);
    }

    [Fact]
    public async Task Connection_strings_with_a_password_including_constant_and_partial_interpolation()
    {
        string password = _f.Password();
        string other = _f.Password();
        string third = _f.Password();
        await VerifyCS.VerifyAsync($$"""
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;

            public class OrderRepository
            {
                private const string Host = "db";
                private const string Shop = {|SSDLC1101:$"Server={Host};Database=shop;User Id=app;Password={{other}}"|};

                public async Task<int> CountAsync()
                {
                    await using var connection = new SqlConnection({|SSDLC1101:"Server=db;Database=shop;User Id=app;Password={{password}};TrustServerCertificate=true"|});
                    await connection.OpenAsync();
                    using var command = new SqlCommand("SELECT COUNT(*) FROM Orders", connection);
                    return (int)(await command.ExecuteScalarAsync())!;
                }

                public SqlConnection For(string server) => new SqlConnection($"Server={server}{|SSDLC1101:;Database=shop;User Id=app;Password={{third}}|}");
            }
            """);
    }

    [Fact]
    public async Task Dictionary_and_in_memory_configuration_and_anonymous_objects()
    {
        string apiKey = _f.HighEntropy(40);
        string secret = _f.AzureAdClientSecret();
        string token = _f.HighEntropy(48);
        await VerifyCS.VerifyAsync($$"""
            using System.Collections.Generic;
            using Microsoft.Extensions.Configuration;

            public static class Settings
            {
                public static IConfiguration Build() => new ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?>
                    {
                        ["Payments:ApiKey"] = {|SSDLC1101:"{{apiKey}}"|},
                        ["Payments:Endpoint"] = "https://payments.example.org",
                        ["Smtp:Password"] = "${SMTP_PASSWORD}",
                    })
                    .Build();

                public static object Body() => new { client_id = "shop-api", ClientSecret = {|SSDLC1101:"{{secret}}"|} };

                public static Dictionary<string, string> Headers() => new() { { "AccessToken", {|SSDLC1101:"{{token}}"|} }, { "Accept", "application/json" } };
            }
            """);
    }

    [Fact]
    public async Task Known_formats_are_reported_whatever_the_name()
    {
        string github = _f.GitHubClassic();
        string jwt = _f.Jwt();
        string pem = _f.Pem("RSA PRIVATE KEY");
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync($$"""
            using System.Net.Http;
            using System.Net.Http.Headers;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                private const string SigningKey = {|SSDLC1101:@"{{pem}}"|};

                public static void Map(WebApplication app)
                {
                    app.MapGet("/repos", async (IHttpClientFactory factory) =>
                    {
                        var client = factory.CreateClient();
                        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", {|SSDLC1101:"{{github}}"|});
                        return Results.Ok(await client.GetStringAsync("https://api.github.com/user/repos"));
                    });
                }

                public static string Sample() => {|SSDLC1101:"{{jwt}}"|};
            }
            """);
        Assert.Contains("RSA private key", diagnostics[0].GetMessage());
        Assert.Contains("GitHub personal access token", diagnostics[1].GetMessage());
        Assert.Contains("signed JSON Web Token", diagnostics[2].GetMessage());
        Assert.All(diagnostics, d => Assert.DoesNotContain(github, d.GetMessage()));
    }

    [Fact]
    public async Task Keys_webhooks_and_authorization_headers_of_the_configuration_formats()
    {
        string rsaXml = FakeSecrets.RsaXml(out _);
        string teams = _f.TeamsWebhookUrl();
        string jwtKey = _f.HighEntropy(48);
        string basic = _f.Base64Text("deploy:" + _f.Password());
        string signingKey = _f.HighEntropy(40);
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync($$"""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Security.Cryptography;

            public static class Keys
            {
                private const string TeamsWebhook = {|SSDLC1101:"{{teams}}"|};
                public static string SigningKey { get; } = {|SSDLC1101:"{{signingKey}}"|};

                public static RSA Signer()
                {
                    var rsa = RSA.Create();
                    rsa.FromXmlString({|SSDLC1101:"{{rsaXml}}"|});
                    return rsa;
                }

                public static Dictionary<string, string?> Settings() => new() { ["Jwt:Key"] = {|SSDLC1101:"{{jwtKey}}"|}, ["Jwt:Issuer"] = "shop" };

                public static void Authorize(HttpClient client) => client.DefaultRequestHeaders.Add("Authorization", {|SSDLC1101:"Basic {{basic}}"|});
            }
            """);
        Assert.Contains("Microsoft Teams webhook URL", diagnostics[0].GetMessage());
        Assert.Contains("RSA private key (XML)", diagnostics[2].GetMessage());
        Assert.Contains("basic authentication credentials", diagnostics[4].GetMessage());
        Assert.All(diagnostics, d => Assert.DoesNotContain(basic, d.GetMessage()));
    }

    [Fact]
    public async Task Emulator_keys_public_keys_encrypted_values_and_built_headers_are_silent()
    {
        string publicXml;
        FakeSecrets.RsaXml(out publicXml);
        FakeSecrets.Pkcs12Base64(out string certificate);
        string cipherText = _f.Base64Text(_f.HighEntropy(120));
        string syntaxExample = _f.Base64Text("username:password");
        await VerifyCS.VerifyAsync($$"""
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Security.Cryptography;

            public static class Local
            {
                public const string EmulatorConnection = "AccountEndpoint=https://localhost:8081/;AccountKey={{FakeSecrets.CosmosEmulatorKey}}";
                public const string Azurite = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={{FakeSecrets.AzuriteKey}}";
                public const string EncryptedPassword = "{{cipherText}}";
                public const string SigningCertificate = "{{certificate}}";
                public const string PublicSigningKey = "{{publicXml}}";

                public static void Connect(string accountEndpoint, string accountKey) { }

                public static void Use(HttpClient client, string token)
                {
                    Connect("https://localhost:8081", "{{FakeSecrets.CosmosEmulatorKey}}");
                    client.DefaultRequestHeaders.Add("Authorization", "Bearer " + token);
                    client.DefaultRequestHeaders.Add("Proxy-Authorization", "Basic {{syntaxExample}}");
                    var rsa = RSA.Create();
                    rsa.FromXmlString(PublicSigningKey);
                }

                public static Dictionary<string, string?> Settings() => new() { ["Cache:Key"] = "orders-v2-7f3a", ["Jwt:Key"] = "${JWT_KEY}" };
            }
            """);
    }

    [Fact]
    public async Task Controller_with_hard_coded_credentials_in_a_local_and_an_argument()
    {
        string password = _f.Password();
        string stripe = _f.StripeLive();
        await VerifyCS.VerifyAsync($$"""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/[controller]")]
            public class AdminController : ControllerBase
            {
                [HttpPost("login")]
                public IActionResult Login(string user, string password)
                {
                    var adminPassword = {|SSDLC1101:"{{password}}"|};
                    return user == "admin" && password == adminPassword ? Ok() : Unauthorized();
                }

                [HttpPost("charge")]
                public async Task<IActionResult> Charge()
                {
                    await Task.Yield();
                    return Ok(Use(apiKey: {|SSDLC1101:"{{stripe}}"|}));
                }

                private static int Use(string apiKey) => apiKey.Length;

                private static string ServicePassword() => {|SSDLC1101:"{{password}}x"|};

                [HttpGet("password-rules")]
                public IActionResult Password() => Ok(new System.Func<string>(() => "Min-12-Chars!")());
            }
            """);
    }

    [Fact]
    public async Task Configuration_lookups_and_placeholders_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Data.SqlClient;

            public class Startup
            {
                private const string PasswordKey = "Smtp:Password";
                private const string ApiKeyName = "Payments:ApiKey";

                public string Password { get; set; } = "";
                public string ApiKey { get; set; } = "${PAYMENTS_API_KEY}";
                public string ClientSecret { get; set; } = "#{AzureAd.ClientSecret}#";
                public string Token { get; set; } = "<token>";
                public string DbPassword { get; set; } = "@Microsoft.KeyVault(SecretUri=https://shop.vault.azure.net/secrets/db/)";

                public SqlConnection Open(IConfiguration configuration)
                {
                    string? password = configuration[PasswordKey] ?? Environment.GetEnvironmentVariable("DB_PASSWORD");
                    string? apiKey = configuration.GetValue<string>(ApiKeyName);
                    _ = apiKey;
                    var builder = new SqlConnectionStringBuilder(configuration.GetConnectionString("Shop")) { Password = password };
                    return new SqlConnection(builder.ConnectionString);
                }
            }
            """);
    }

    [Fact]
    public async Task Connection_strings_without_password_and_public_material_are_silent()
    {
        string publicKey = "-----" + "BEGIN PUBLIC KEY-----\n" + _f.HighEntropy(64) + "\n" + _f.HighEntropy(64) + "\n-----" + "END PUBLIC KEY-----";
        await VerifyCS.VerifyAsync($$"""
            using Microsoft.Data.SqlClient;

            public class Local
            {
                public const string Shop = "Server=.;Database=shop;Integrated Security=true;TrustServerCertificate=true";
                public const string Legacy = "Data Source=.;Initial Catalog=shop;Trusted_Connection=yes";
                public const string SigningPublicKey = @"{{publicKey}}";
                public const string ClientId = "3f1c5e1a-9c1b-4b7e-8d2a-1f0e6c2b9a77";

                public SqlConnection Open() => new SqlConnection(Shop);
            }
            """);
    }

    [Fact]
    public async Task Names_that_only_look_like_secrets_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Mvc;

            public class RegisterModel
            {
                [Required]
                [StringLength(100, MinimumLength = 12, ErrorMessage = "The password must be at least 12 characters.")]
                [DataType(DataType.Password)]
                public string Password { get; set; } = "";

                public string PasswordPolicy { get; set; } = "Strict-2024";
                public int PasswordLength { get; set; } = 12;
                public string TokenUrl { get; set; } = "https://login.example.org/oauth2/v2.0/token";
                public string ApiKeyHeaderName { get; set; } = "X-Api-Key";
                public string ForgotPassword { get; set; } = "/account/forgot-password";
                public const string HardcodedSecret = "SSDLC1101";
                public const string TokenType = "Bearer";
            }

            public class AccountController : Controller
            {
                public IActionResult Register(RegisterModel model)
                {
                    ModelState.AddModelError("Password", "Passwords must have at least one digit ('0'-'9').");
                    return View("ResetPassword", model);
                }
            }
            """);
    }

    [Fact]
    public async Task Marked_test_fixtures_are_not_analysed()
    {
        string password = _f.Password();
        string token = _f.GitHubClassic();
        await VerifyCS.VerifyAsync($$"""
            using System;

            [AttributeUsage(AttributeTargets.Method)] public sealed class FactAttribute : Attribute { }
            [AttributeUsage(AttributeTargets.Class)] public sealed class TestClassAttribute : Attribute { }

            public class LoginTests
            {
                [Fact]
                public void Rejects_wrong_password()
                {
                    var password = "{{password}}";
                    Func<string> token = () => "{{token}}";
                    _ = password + token();
                }
            }

            [TestClass]
            public class TokenTests
            {
                private const string Token = "{{token}}";
                public string Get() => Token;
            }
            """);
    }

    [Fact]
    public async Task Fake_examples_and_generated_looking_values_are_silent()
    {
        string badChecksum = _f.GitHubClassicBadChecksum();
        await VerifyCS.VerifyAsync($$"""
            public class Docs
            {
                public const string AwsAccessKeyId = "AKIA" + "IOSFODNN7" + "EXAMPLE";
                public string Password { get; set; } = "xxxxxxxx";
                public string ApiKey { get; set; } = "your-api-key-here";
                public string Secret { get; set; } = "********";
                public string Reference = "{{badChecksum}}";
                public string CancellationToken = "none";
            }
            """);
    }

    [Fact]
    public async Task Generated_code_is_not_analysed()
    {
        string password = _f.Password();
        await VerifyCS.VerifyAsync($$"""
            // <auto-generated/>
            public class Resources
            {
                public const string Password = "{{password}}";
            }
            """);
    }
}

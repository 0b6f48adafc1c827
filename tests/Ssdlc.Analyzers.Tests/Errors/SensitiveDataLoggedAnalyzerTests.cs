using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Errors.SensitiveDataLoggedAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Errors.SensitiveDataLoggedAnalyzer>;

using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Errors;

public class SensitiveDataLoggedAnalyzerTests
{
    [Fact]
    public async Task Logger_template_arguments_with_secrets()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;

            public record LoginRequest(string UserName, string Password);

            public class AccountController(ILogger<AccountController> logger) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Login(LoginRequest request)
                {
                    logger.LogInformation("Login attempt for {User} with {Password}", request.UserName, {|SSDLC0903:request.Password|});
                    string accessToken = await Task.FromResult("t");
                    logger.LogDebug("Issued token {Token}", {|SSDLC0903:accessToken|});
                    logger.LogWarning(new EventId(7), "Refresh {RefreshToken} for {User}", {|SSDLC0903:GetRefreshToken()|}, request.UserName);
                    return Ok();
                }

                private static string GetRefreshToken() => "r";
            }
            """);
        Assert.Equal(
            "'Password' looks like a secret or personal data and is written to the log through ILogger.LogInformation; leave it out or log a masked form",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Interpolated_messages_and_exceptions_with_secrets()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.Extensions.Logging;

            public class PaymentService(ILogger<PaymentService> logger)
            {
                private readonly string apiKey = Environment.GetEnvironmentVariable("PAY_KEY") ?? "";

                public void Charge(string creditCardNumber, string cvv, decimal amount)
                {
                    logger.LogInformation($"Charging {amount} to card {{|SSDLC0903:creditCardNumber|}}");
                    logger.LogError(new InvalidOperationException(), "Charge failed, cvv " + {|SSDLC0903:cvv|});
                    logger.LogTrace("Using key {Key}", {|SSDLC0903:apiKey|});
                }
            }
            """);
    }

    [Fact]
    public async Task Console_debug_and_trace_writes()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Diagnostics;

            public class Importer
            {
                private static string ClientSecret { get; } = Environment.GetEnvironmentVariable("CLIENT_SECRET") ?? "";

                public void Run(string connectionPassword, string ssn, string user)
                {
                    Console.WriteLine("Connecting with " + {|SSDLC0903:connectionPassword|});
                    Console.Error.WriteLine(user);
                    Debug.WriteLine($"secret={{|SSDLC0903:ClientSecret|}}");
                    Trace.TraceInformation("SSN {0}", {|SSDLC0903:ssn|});
                    Console.Write({|SSDLC0903:ssn|});
                }
            }
            """);
    }

    [Fact]
    public async Task Minimal_api_logging_secrets()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.MapPost("/reset", (string email, string resetToken, ILogger<Program> logger) =>
            {
                logger.LogInformation("Reset for {Email} with {Token}", email, {|SSDLC0903:resetToken|});
                return Results.Ok();
            });

            app.MapPost("/keys", (HttpContext context, ILogger<Program> logger) =>
            {
                string? apiKey = context.Request.Headers["X-Api-Key"];
                logger.LogWarning("Unknown API key {ApiKey}", {|SSDLC0903:apiKey|});
                return Results.Unauthorized();
            });

            app.Run();
            """);
    }

    [Fact]
    public async Task Masked_values_and_names_in_another_sense_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.Extensions.Logging;

            public class AuthService(ILogger<AuthService> logger)
            {
                private readonly string tokenUrl = "https://login.example.com/token";

                public void Login(string user, string password, string token, int tokenCount, bool passwordExpired)
                {
                    logger.LogInformation("Login for {User}", user);
                    logger.LogInformation("Token {Token}", Mask(token));
                    logger.LogInformation("Password hash {Hash}", HashPassword(password));
                    logger.LogInformation("Token {Token}", Redact(token));
                    logger.LogInformation("Password length {Length}", password.Length);
                    logger.LogInformation("Calling {TokenUrl}", tokenUrl);
                    logger.LogInformation("{Count} tokens, expired: {Expired}", tokenCount, passwordExpired);
                    logger.LogInformation("Password policy {Policy}", PasswordPolicy);
                    logger.LogInformation("Minimum {PasswordLength}", PasswordLength);
                    logger.LogInformation("Token expires at {Expiry}", TokenExpiry);
                }

                private static string PasswordPolicy => "strong";
                private static int PasswordLength => 12;
                private static DateTimeOffset TokenExpiry => DateTimeOffset.UtcNow;
                private static string Mask(string value) => value.Length > 4 ? "****" + value[^4..] : "****";
                private static string Redact(string value) => "[redacted]";
                private static string HashPassword(string value) => value.GetHashCode().ToString();
            }
            """);
    }

    [Fact]
    public async Task Lookup_keys_and_exceptions_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Diagnostics;
            using Microsoft.Extensions.Logging;

            public class CacheService(ILogger<CacheService> logger)
            {
                public void Miss(string key, string cacheKey, Exception error, string tokenizerName, string? nextPageToken, System.Threading.CancellationToken cancellationToken)
                {
                    logger.LogDebug("Listing from {PageToken}, cancellable: {Token}", nextPageToken, cancellationToken);
                    logger.LogDebug("Cache miss for {Key}", key);
                    logger.LogDebug("Cache miss for {CacheKey}", cacheKey);
                    logger.LogError(error, "Refreshing token failed");
                    Console.WriteLine("Token refresh failed");
                    Debug.WriteLine(tokenizerName);
                    Trace.WriteLine("password reset requested");
                }
            }
            """);
    }

    [Fact]
    public async Task Security_names_on_values_that_hold_no_secret_text_are_not_reported()
    {
        // Names are not values: a JSON token, a syntax token, an options object named after a key hold no secret text.
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using Microsoft.Extensions.Logging;

            public abstract class JsonToken { }
            public class TokenWriter { public JsonToken Token { get; } = null!; public JsonToken CurrentToken => Token; }
            public class ApiKeyOptions { public string HeaderName { get; set; } = "X-Api-Key"; }
            public enum TokenType { None, Bearer }

            public class Diagnostics(ILogger<Diagnostics> logger)
            {
                public void Dump(TokenWriter writer, ApiKeyOptions apiKey, TokenType tokenType, Func<string> passwordFactory, IReadOnlyList<JsonToken> tokens)
                {
                    Console.WriteLine(writer.Token.ToString());
                    Console.WriteLine(writer.CurrentToken);
                    logger.LogInformation("Options {ApiKey} {Type} {Tokens}", apiKey, tokenType, tokens);
                    logger.LogDebug("Factory {Password}", passwordFactory);
                }
            }
            """);
    }

    [Fact]
    public async Task Whole_objects_printed_with_their_secret_members_are_reported()
    {
        // Anonymous types and records print every property in ToString; {@Value} asks the logger for the structure.
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.Extensions.Logging;

            public record Credentials(string UserName, string Password);
            public record Envelope(string Id, Credentials Credentials);
            public class Customer { public string Name { get; set; } = ""; public string CardNumber { get; set; } = ""; }
            public class SessionInfo { public string AccessToken { get; set; } = ""; }

            public class AuditLog(ILogger<AuditLog> logger)
            {
                public void Write(Credentials credentials, Envelope envelope, Customer customer, SessionInfo info)
                {
                    logger.LogInformation("Login {Who}", {|SSDLC0903:credentials|});
                    logger.LogInformation("Envelope {Envelope}", {|SSDLC0903:envelope|});
                    logger.LogInformation("Customer {@Customer}", {|SSDLC0903:customer|});
                    logger.LogInformation("Login {User}", {|SSDLC0903:new { credentials.UserName, info.AccessToken }|});
                    Console.WriteLine($"Signed in: {{|SSDLC0903:credentials|}}");
                }
            }
            """);
        Assert.Equal(
            "'credentials' (its member 'Password') looks like a secret or personal data and is written to the log through ILogger.LogInformation; leave it out or log a masked form",
            diagnostics[0].GetMessage());
        Assert.Contains("This anonymous object (its member 'AccessToken')", diagnostics[3].GetMessage());
    }

    [Fact]
    public async Task Objects_that_do_not_print_their_secret_members_are_not_reported()
    {
        // A class's default ToString prints its type name; a record with its own ToString decides what it shows;
        // a {Customer} hole (no @) formats with ToString.
        await VerifyCS.VerifyAsync("""
            using Microsoft.Extensions.Logging;

            public class Customer { public string Name { get; set; } = ""; public string CardNumber { get; set; } = ""; }
            public record Credentials(string UserName, string Password) { public override string ToString() => UserName; }
            public record Profile(string UserName, int PasswordAge);

            public class AuditLog(ILogger<AuditLog> logger)
            {
                public void Write(Customer customer, Credentials credentials, Profile profile)
                {
                    logger.LogInformation("Customer {Customer} {@Profile}", customer, profile);
                    logger.LogInformation("Login {@Who}", credentials.UserName);
                    logger.LogInformation("Login {Who}", credentials);
                    logger.LogInformation("Login {Who}", new { customer.Name });
                }
            }
            """);
    }

    [Fact]
    public async Task Templates_are_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApi);
        await VerifyProgram.VerifyAsync(Templates.Mvc);
        await VerifyProgram.VerifyAsync(Templates.WebApp);
        await VerifyProgram.VerifyAsync(Templates.Blazor);
    }
}

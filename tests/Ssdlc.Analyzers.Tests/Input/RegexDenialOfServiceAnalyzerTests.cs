using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Input.RegexDenialOfServiceAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Input;

public class RegexDenialOfServiceAnalyzerTests
{
    [Fact]
    public async Task Static_calls_on_request_input_without_timeout()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("users")]
            public class UsersController : ControllerBase
            {
                private const string EmailPattern = @"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$";

                [HttpPost]
                public IActionResult Register([FromForm] string email)
                {
                    if (!Regex.IsMatch({|SSDLC0205:email|}, EmailPattern))
                    {
                        return BadRequest();
                    }

                    return Ok(Regex.Replace({|SSDLC0205:email.Trim()|}, @"\s+", " ", RegexOptions.IgnoreCase));
                }
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/tags", (HttpRequest request) => Regex.Split({|SSDLC0205:request.Query["tags"].ToString()|}, "(,|;)+"));
                }
            }
            """);
        Assert.Equal(
            "Regex.IsMatch runs on request-derived input without a match timeout; pass a match timeout or use RegexOptions.NonBacktracking",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Request_derived_patterns()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public class SearchController : Controller
            {
                public IActionResult Search(string pattern, string text)
                {
                    var regex = new Regex({|SSDLC0205:pattern|}, RegexOptions.None, TimeSpan.FromSeconds(1));
                    bool any = Regex.IsMatch("constant text", {|SSDLC0205:"^" + pattern|});
                    return Ok(regex.IsMatch(text) || any);
                }
            }
            """);
    }

    [Fact]
    public async Task Instances_without_timeout_used_on_request_input()
    {
        await VerifyCS.VerifyAsync("""
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public partial class ValidationController : ControllerBase
            {
                private static readonly Regex Slug = new("^([a-z0-9]+-?)*$");

                [GeneratedRegex(@"^(\d+)*$")]
                private static partial Regex Digits();

                [HttpGet("slug/{slug}")]
                public IActionResult CheckSlug(string slug) => Ok(Slug.IsMatch({|SSDLC0205:slug|}));

                [HttpGet("digits")]
                public IActionResult CheckDigits([FromQuery] string value) => Ok(Digits().IsMatch({|SSDLC0205:value|}));

                [HttpGet("local")]
                public IActionResult Local(string text)
                {
                    var words = new Regex(@"(\w+\s?)+$");
                    return Ok(words.Matches({|SSDLC0205:text|}).Count);
                }
            }

            // What the regex source generator emits (generators do not run in these tests).
            public partial class ValidationController
            {
                private static partial Regex Digits() => null!;
            }
            """);
    }

    [Fact]
    public async Task Timeouts_non_backtracking_and_non_request_input_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public partial class SafeController : ControllerBase
            {
                private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
                private static readonly Regex Slug = new("^([a-z0-9]+-?)*$", RegexOptions.None, Timeout);
                private static readonly Regex Fast = new("^([a-z0-9]+-?)*$", RegexOptions.NonBacktracking);

                [GeneratedRegex(@"^(\d+)*$", RegexOptions.None, matchTimeoutMilliseconds: 100)]
                private static partial Regex Digits();

                [GeneratedRegex(@"^(\d+)*$", RegexOptions.NonBacktracking)]
                private static partial Regex DigitsFast();

                private readonly Regex _injected;

                public SafeController(Regex injected) => _injected = injected;

                [HttpGet("a")]
                public IActionResult A(string email) => Ok(Regex.IsMatch(email, "^[^@]+@[^@]+$", RegexOptions.None, Timeout));

                [HttpGet("b")]
                public IActionResult B(string slug) => Ok(Slug.IsMatch(slug) && Fast.IsMatch(slug) && Digits().IsMatch(slug) && DigitsFast().IsMatch(slug));

                [HttpGet("c")]
                public IActionResult C(string text) => Ok(Regex.IsMatch(text, "^[a-z]+$", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase));

                [HttpGet("d")]
                public IActionResult D(int id) => Ok(Regex.IsMatch(id.ToString(), @"^\d+$"));

                [HttpGet("e")]
                public IActionResult E(string text) => Ok(Regex.IsMatch("fixed", Regex.Escape(text), RegexOptions.None, Timeout) && _injected.IsMatch(text));

                private static bool Helper(string value) => Regex.IsMatch(value, @"^(\d+)*$");
            }

            public partial class SafeController
            {
                private static partial Regex Digits() => null!;
                private static partial Regex DigitsFast() => null!;
            }
            """);
    }
}

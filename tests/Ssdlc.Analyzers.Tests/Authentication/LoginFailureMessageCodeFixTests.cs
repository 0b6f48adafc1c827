using Fix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<
    Ssdlc.Analyzers.Authentication.LoginFailureMessageAnalyzer,
    Ssdlc.CodeFixes.Authentication.LoginFailureMessageCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Authentication;

public class LoginFailureMessageCodeFixTests
{
    [Fact]
    public async Task Model_error_in_an_mvc_login_becomes_neutral()
    {
        await Fix.VerifyFixAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            public class LoginViewModel { public string Email { get; set; } = ""; public string Password { get; set; } = ""; }

            public class AccountController(SignInManager<IdentityUser> signInManager) : Controller
            {
                [HttpPost, ValidateAntiForgeryToken]
                public async Task<IActionResult> Login(LoginViewModel model)
                {
                    var result = await signInManager.PasswordSignInAsync(model.Email, model.Password, isPersistent: false, lockoutOnFailure: true);
                    if (!result.Succeeded)
                    {
                        ModelState.AddModelError(nameof(model.Password), {|SSDLC0502:"Wrong password."|});
                        return View(model);
                    }

                    return RedirectToAction("Index", "Home");
                }
            }
            """,
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            public class LoginViewModel { public string Email { get; set; } = ""; public string Password { get; set; } = ""; }

            public class AccountController(SignInManager<IdentityUser> signInManager) : Controller
            {
                [HttpPost, ValidateAntiForgeryToken]
                public async Task<IActionResult> Login(LoginViewModel model)
                {
                    var result = await signInManager.PasswordSignInAsync(model.Email, model.Password, isPersistent: false, lockoutOnFailure: true);
                    if (!result.Succeeded)
                    {
                        ModelState.AddModelError(nameof(model.Password), "Invalid user name or password.");
                        return View(model);
                    }

                    return RedirectToAction("Index", "Home");
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_all_in_a_token_endpoint_and_a_minimal_api()
    {
        await Fix.VerifyFixAllAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            public record TokenRequest(string UserName, string Password);

            [ApiController, Route("api/auth")]
            public class AuthController(UserManager<IdentityUser> users) : ControllerBase
            {
                [HttpPost("token")]
                public async Task<IActionResult> CreateToken(TokenRequest request)
                {
                    var user = await users.FindByNameAsync(request.UserName);
                    if (user == null)
                    {
                        return NotFound(new { error = {|SSDLC0502:"User not found"|} });
                    }

                    if (!await users.CheckPasswordAsync(user, request.Password))
                    {
                        return Unauthorized(new ProblemDetails { Title = "Login failed", Detail = {|SSDLC0502:@"The password is incorrect."|} });
                    }

                    return Ok(new { token = "…" });
                }
            }

            public static class LoginEndpoints
            {
                public static void Map(WebApplication app)
                    => app.MapPost("/api/login", async (TokenRequest request, UserManager<IdentityUser> users) =>
                    {
                        var user = await users.FindByNameAsync(request.UserName);
                        return user is null
                            ? Results.BadRequest({|SSDLC0502:"Unknown user"|})
                            : Results.Problem(detail: {|SSDLC0502:"Invalid password"|}, statusCode: 401);
                    });
            }
            """,
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            public record TokenRequest(string UserName, string Password);

            [ApiController, Route("api/auth")]
            public class AuthController(UserManager<IdentityUser> users) : ControllerBase
            {
                [HttpPost("token")]
                public async Task<IActionResult> CreateToken(TokenRequest request)
                {
                    var user = await users.FindByNameAsync(request.UserName);
                    if (user == null)
                    {
                        return NotFound(new { error = "Invalid user name or password." });
                    }

                    if (!await users.CheckPasswordAsync(user, request.Password))
                    {
                        return Unauthorized(new ProblemDetails { Title = "Login failed", Detail = "Invalid user name or password." });
                    }

                    return Ok(new { token = "…" });
                }
            }

            public static class LoginEndpoints
            {
                public static void Map(WebApplication app)
                    => app.MapPost("/api/login", async (TokenRequest request, UserManager<IdentityUser> users) =>
                    {
                        var user = await users.FindByNameAsync(request.UserName);
                        return user is null
                            ? Results.BadRequest("Invalid user name or password.")
                            : Results.Problem(detail: "Invalid user name or password.", statusCode: 401);
                    });
            }
            """);
    }

    [Fact]
    public async Task Title_quotes_the_neutral_message()
    {
        string[] titles = await Fix.GetTitlesAsync("""
            public class LoginService
            {
                public string SignInError(bool userExists) => userExists ? {|SSDLC0502:"Wrong password"|} : {|SSDLC0502:"Username does not exist"|};
            }
            """);
        Assert.Equal(
            new[] { "Use the neutral message \"Invalid user name or password.\"", "Use the neutral message \"Invalid user name or password.\"" },
            titles);
    }

    [Fact]
    public async Task Constants_have_no_fix()
    {
        await Fix.VerifyNoFixAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class LoginController : ControllerBase
            {
                private const string UnknownAccount = "Unknown account";

                [HttpPost("login")]
                public IActionResult Login(string user, string password)
                {
                    const string wrongPassword = "Wrong password";
                    if (user.Length == 0)
                    {
                        return BadRequest({|SSDLC0502:UnknownAccount|});
                    }

                    return Unauthorized({|SSDLC0502:wrongPassword|});
                }
            }
            """);
    }
}

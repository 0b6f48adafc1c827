using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Authentication;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Authentication.LoginFailureMessageAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Authentication.LoginFailureMessageAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Authentication;

public class LoginFailureMessageAnalyzerTests
{
    [Fact]
    public async Task Mvc_login_action_adds_revealing_model_errors()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            public class LoginViewModel { public string Email { get; set; } = ""; public string Password { get; set; } = ""; }

            public class AccountController(UserManager<IdentityUser> userManager, SignInManager<IdentityUser> signInManager) : Controller
            {
                [HttpPost, ValidateAntiForgeryToken]
                public async Task<IActionResult> Login(LoginViewModel model)
                {
                    var user = await userManager.FindByEmailAsync(model.Email);
                    if (user is null)
                    {
                        ModelState.AddModelError(string.Empty, {|SSDLC0502:"No account is registered with this email address."|});
                        return View(model);
                    }

                    var result = await signInManager.PasswordSignInAsync(user, model.Password, isPersistent: false, lockoutOnFailure: true);
                    if (!result.Succeeded)
                    {
                        ModelState.AddModelError(nameof(model.Password), {|SSDLC0502:"Wrong password."|});
                        return View(model);
                    }

                    return RedirectToAction("Index", "Home");
                }
            }
            """);
        Assert.Equal(
            "The login failure message 'No account is registered with this email address.' tells whether the account exists or only the password was wrong; use one neutral message such as \"Invalid user name or password.\"",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Api_token_endpoint_returns_revealing_results()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
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
                        return Unauthorized(new ProblemDetails { Title = "Login failed", Detail = {|SSDLC0502:"The password is incorrect."|} });
                    }

                    return Ok(new { token = "…" });
                }
            }
            """);
    }

    [Fact]
    public async Task Minimal_api_login_endpoint()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Identity;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.MapPost("/api/login", async (LoginRequest request, UserManager<IdentityUser> users) =>
            {
                var user = await users.FindByEmailAsync(request.Email);
                if (user is null)
                {
                    return Results.BadRequest({|SSDLC0502:"Unknown user"|});
                }

                return await users.CheckPasswordAsync(user, request.Password)
                    ? Results.Ok()
                    : Results.Problem(detail: {|SSDLC0502:"Invalid password"|}, statusCode: 401);
            });

            app.MapGet("/api/users/{id}", async (string id, UserManager<IdentityUser> users) =>
                await users.FindByIdAsync(id) is { } user ? Results.Ok(user.UserName) : Results.NotFound("User not found"));

            app.Run();

            record LoginRequest(string Email, string Password);
            """);
    }

    [Fact]
    public async Task Razor_page_login_model_with_constants_and_view_data()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class LoginModel(SignInManager<IdentityUser> signInManager) : PageModel
            {
                private const string UnknownAccount = "Email not registered";

                [BindProperty] public string Email { get; set; } = "";
                [BindProperty] public string Password { get; set; } = "";
                public string? ErrorMessage { get; set; }

                public async Task<IActionResult> OnPostAsync()
                {
                    var user = await signInManager.UserManager.FindByEmailAsync(Email);
                    if (user is null)
                    {
                        ErrorMessage = {|SSDLC0502:UnknownAccount|};
                        return Page();
                    }

                    var result = await signInManager.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
                    if (!result.Succeeded)
                    {
                        ViewData["LoginError"] = {|SSDLC0502:"Password does not match"|};
                        TempData["Hint"] = {|SSDLC0502:"Incorrect password!"|};
                        return Page();
                    }

                    return LocalRedirect("/");
                }
            }
            """);
    }

    [Fact]
    public async Task Custom_authentication_service_returning_messages()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;

            public record AuthResult(bool Succeeded, string? Error);

            public interface IUserStore { Task<(string Hash, bool Active)?> FindAsync(string userName); }

            public sealed class AuthenticationService(IUserStore store)
            {
                public async Task<AuthResult> AuthenticateAsync(string userName, string password)
                {
                    var user = await store.FindAsync(userName);
                    if (user is null)
                    {
                        return new AuthResult(false, {|SSDLC0502:"No such user"|});
                    }

                    return BCryptVerify(password, user.Value.Hash)
                        ? new AuthResult(true, null)
                        : new AuthResult(false, {|SSDLC0502:"Incorrect password"|});
                }

                public string SignInError(bool userExists) => userExists ? {|SSDLC0502:"Wrong password"|} : {|SSDLC0502:"Username does not exist"|};

                public static string LoginFailureText(int reason) => reason switch
                {
                    1 => {|SSDLC0502:"Unknown account"|},
                    2 => {|SSDLC0502:"Bad password"|},
                    _ => "Sign-in failed",
                };

                private static bool BCryptVerify(string password, string hash) => password.Length > 0 && hash.Length > 0;
            }
            """);
    }

    [Fact]
    public async Task Local_function_of_a_login_action_and_view_bag()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class PortalController : Controller
            {
                [HttpPost]
                public IActionResult SignIn(string user, string password)
                {
                    IActionResult Reject()
                    {
                        ModelState.AddModelError(string.Empty, {|SSDLC0502:"Password was wrong"|});
                        return View();
                    }

                    if (user != "admin")
                    {
                        ViewBag.Error = {|SSDLC0502:"Invalid username."|};
                        return View();
                    }

                    return password == "x" ? RedirectToAction("Index") : Reject();
                }
            }
            """);
    }

    [Fact]
    public async Task Blazor_login_component_code_block_is_analysed()
    {
        await VerifyCS.VerifyAsync("""
            // <auto-generated/>
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.AspNetCore.Identity;

            public partial class Login : ComponentBase
            {
                [Inject] private SignInManager<IdentityUser> SignInManager { get; set; } = default!;
            #line 40 "/src/Components/Account/Pages/Login.razor"
                private string? errorMessage;
                private string email = "";
                private string password = "";

                public async Task LoginUser()
                {
                    var user = await SignInManager.UserManager.FindByEmailAsync(email);
                    if (user is null)
                    {
                        errorMessage = "Error: Invalid login attempt.";
                        return;
                    }

                    var result = await SignInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
                    if (!result.Succeeded)
                    {
                        errorMessage = {|SSDLC0502:"Error: wrong password."|};
                    }
                }
            #line default
            }
            """);
    }

    [Fact]
    public async Task Neutral_messages_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            public class AccountController(SignInManager<IdentityUser> signInManager) : Controller
            {
                [HttpPost]
                public async Task<IActionResult> Login(string email, string password)
                {
                    var result = await signInManager.PasswordSignInAsync(email, password, false, lockoutOnFailure: true);
                    if (result.IsLockedOut)
                    {
                        ModelState.AddModelError(string.Empty, "User account locked out.");
                    }
                    else if (!result.Succeeded)
                    {
                        ModelState.AddModelError(string.Empty, "Invalid login attempt.");
                        ModelState.AddModelError(string.Empty, "Invalid username or password.");
                        ModelState.AddModelError(string.Empty, "Incorrect email or password");
                        ModelState.AddModelError(string.Empty, "The user name and password do not match.");
                        ModelState.AddModelError("Password", "Password is required.");
                    }

                    return View();
                }
            }
            """);
    }

    [Fact]
    public async Task Identity_ui_login_page_is_silent()
    {
        // The shape of the login page that the Identity UI scaffolds (Areas/Identity/Pages/Account/Login.cshtml.cs).
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            using Microsoft.Extensions.Logging;

            public class LoginModel(SignInManager<IdentityUser> signInManager, ILogger<LoginModel> logger) : PageModel
            {
                public class InputModel { public string Email { get; set; } = ""; public string Password { get; set; } = ""; public bool RememberMe { get; set; } }

                [BindProperty] public InputModel Input { get; set; } = new();
                [TempData] public string? ErrorMessage { get; set; }

                public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
                {
                    returnUrl ??= Url.Content("~/");
                    if (ModelState.IsValid)
                    {
                        var result = await signInManager.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
                        if (result.Succeeded)
                        {
                            logger.LogInformation("User logged in.");
                            return LocalRedirect(returnUrl);
                        }
                        if (result.RequiresTwoFactor)
                        {
                            return RedirectToPage("./LoginWith2fa", new { ReturnUrl = returnUrl, RememberMe = Input.RememberMe });
                        }
                        if (result.IsLockedOut)
                        {
                            logger.LogWarning("User account locked out.");
                            return RedirectToPage("./Lockout");
                        }

                        ModelState.AddModelError(string.Empty, "Invalid login attempt.");
                        return Page();
                    }

                    return Page();
                }
            }
            """);
    }

    [Fact]
    public async Task Registration_and_password_reset_flows_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            public class AccountController(UserManager<IdentityUser> userManager) : Controller
            {
                [HttpPost]
                public async Task<IActionResult> ForgotPassword(string email)
                {
                    if (await userManager.FindByEmailAsync(email) is null)
                    {
                        ModelState.AddModelError(string.Empty, "Email not registered");
                        return View();
                    }

                    return RedirectToAction("ForgotPasswordConfirmation");
                }

                [HttpPost]
                public async Task<IActionResult> ResetPassword(string email, string token, string password)
                {
                    var user = await userManager.FindByEmailAsync(email);
                    return user is null ? NotFound("User not found") : Ok();
                }

                [HttpPost]
                public async Task<IActionResult> ChangePassword(string current, string next)
                {
                    var user = await userManager.GetUserAsync(User);
                    if (user is null || !await userManager.CheckPasswordAsync(user, current))
                    {
                        ModelState.AddModelError(nameof(current), "Current password is incorrect.");
                    }

                    return View();
                }
            }
            """);
    }

    [Fact]
    public async Task Messages_outside_authentication_paths_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("api/admin/users")]
            public class UsersController(UserManager<IdentityUser> users) : ControllerBase
            {
                [HttpGet("{id}")]
                public async Task<IActionResult> Get(string id)
                    => await users.FindByIdAsync(id) is { } user ? Ok(user.UserName) : NotFound("User not found");

                [HttpDelete("{name}")]
                public async Task<IActionResult> Delete(string name)
                {
                    var user = await users.FindByNameAsync(name);
                    return user is null ? NotFound(new { error = "No such user" }) : NoContent();
                }
            }
            """);
    }

    [Fact]
    public async Task Logged_thrown_and_compared_messages_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;

            public class AccountController(SignInManager<IdentityUser> signInManager, ILogger<AccountController> logger) : Controller
            {
                [HttpPost]
                public async Task<IActionResult> Login(string email, string password, string? previousError)
                {
                    var user = await signInManager.UserManager.FindByEmailAsync(email);
                    if (user is null)
                    {
                        logger.LogWarning("Login failed: user not found");
                        ModelState.AddModelError(string.Empty, "Invalid login attempt.");
                        return View();
                    }

                    if (previousError == "Wrong password")
                    {
                        throw new InvalidOperationException("Invalid password state");
                    }

                    var result = await signInManager.PasswordSignInAsync(user, password, false, true);
                    return result.Succeeded ? Redirect("/") : View();
                }
            }
            """);
    }

    [Fact]
    public async Task Authentication_words_in_other_senses_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;

            public class CatalogController : Controller
            {
                public IActionResult Details(int id) => id > 0 ? View() : NotFound("Product not found");

                public IActionResult Author(string name) => BadRequest("Unknown author");
            }
            """);
    }

    [Theory]
    [InlineData("Wrong password", true)]
    [InlineData("User not found.", true)]
    [InlineData("Unknown user", true)]
    [InlineData("No such user", true)]
    [InlineData("Email not registered", true)]
    [InlineData("This email address is not registered.", true)]
    [InlineData("Invalid e-mail.", true)]
    [InlineData("No account found for that email", true)]
    [InlineData("Invalid login attempt.", false)]
    [InlineData("Invalid user name or password", false)]
    [InlineData("Invalid email or password.", false)]
    [InlineData("Username or password is incorrect", false)]
    [InlineData("Password is required", false)]
    [InlineData("Invalid email format", false)]
    public void Messages(string message, bool revealing)
        => Assert.Equal(revealing, LoginFailureMessageAnalyzer.IsRevealing(message));

    [Fact]
    public async Task Templates_are_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApi);
        await VerifyProgram.VerifyAsync(Templates.Mvc);
        await VerifyProgram.VerifyAsync(Templates.WebApp);
        await VerifyProgram.VerifyAsync(Templates.Blazor);
    }
}

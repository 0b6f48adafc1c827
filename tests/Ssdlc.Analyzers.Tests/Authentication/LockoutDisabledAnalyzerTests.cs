using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Authentication.LockoutDisabledAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Authentication.LockoutDisabledAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Authentication;

public class LockoutDisabledAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.Extensions.DependencyInjection;
        using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

        """;

    // ---- positives ----

    [Fact]
    public async Task Razor_login_page_as_scaffolded_by_identity_ui()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public class LoginModel : PageModel
            {
                private readonly SignInManager<IdentityUser> _signInManager;

                public LoginModel(SignInManager<IdentityUser> signInManager) => _signInManager = signInManager;

                [BindProperty]
                public InputModel Input { get; set; } = new();

                public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
                {
                    // This doesn't count login failures towards account lockout
                    var result = await _signInManager.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, {|SSDLC0501:lockoutOnFailure: false|});
                    if (result.Succeeded)
                    {
                        return LocalRedirect(returnUrl ?? "/");
                    }

                    return Page();
                }

                public class InputModel
                {
                    public string Email { get; set; } = "";
                    public string Password { get; set; } = "";
                    public bool RememberMe { get; set; }
                }
            }
            """);
        Assert.Equal(
            "PasswordSignInAsync is called with lockoutOnFailure: false, so failed passwords never lock the account; keep account lockout on (lockoutOnFailure: true, AllowedForNewUsers = true, at most 10 failed attempts)",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Token_endpoint_checks_the_password_positionally_without_lockout()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public record LoginRequest(string UserName, string Password);

            [ApiController]
            [Route("api/token")]
            public class TokenController(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Create(LoginRequest request)
                {
                    IdentityUser? user = await users.FindByNameAsync(request.UserName);
                    if (user is null)
                    {
                        return Unauthorized();
                    }

                    SignInResult result = await signIn.CheckPasswordSignInAsync(user, request.Password, {|SSDLC0501:false|});
                    return result.Succeeded ? Ok() : Unauthorized();
                }
            }
            """);
    }

    [Fact]
    public async Task Minimal_api_login_and_a_constant_switch()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Identity;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapPost("/login", async (SignInManager<IdentityUser> signIn, string user, string password) =>
            {
                var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, {|SSDLC0501:lockoutOnFailure: false|});
                return result.Succeeded ? Results.Ok() : Results.Unauthorized();
            });
            app.MapPost("/login2", async (SignInManager<IdentityUser> signIn, string user, string password) =>
            {
                var result = await signIn.PasswordSignInAsync(user, password, false, {|SSDLC0501:Settings.CountFailures|});
                return result.Succeeded ? Results.Ok() : Results.Unauthorized();
            });
            app.Run();

            static class Settings
            {
                public const bool CountFailures = false;
            }
            """);
    }

    [Fact]
    public async Task Lockout_not_allowed_for_new_users_in_configure()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Identity;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<IdentityOptions>(options =>
            {
                options.Password.RequiredLength = 12;
                {|SSDLC0501:options.Lockout.AllowedForNewUsers = false|};
            });
            builder.Build().Run();
            """);
        Assert.StartsWith("Lockout.AllowedForNewUsers is false, so new accounts are never locked out;", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_attempts_and_zero_lockout_in_add_identity_of_a_startup_class()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public class AppUser : IdentityUser { }

            public class Startup
            {
                private const int Attempts = 100;

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddIdentity<AppUser, IdentityRole>(o =>
                    {
                        {|SSDLC0501:o.Lockout.MaxFailedAccessAttempts = Attempts|};
                        {|SSDLC0501:o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(0)|};
                    });
                }
            }
            """);
        Assert.StartsWith("Lockout.MaxFailedAccessAttempts is 100, above the standard's 10;", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("Lockout.DefaultLockoutTimeSpan is zero, so a locked-out account is unlocked at once;", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lockout_options_initialiser_and_identity_core_extension()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public static class IdentityRegistration
            {
                public static LockoutOptions Relaxed() => new LockoutOptions
                {
                    {|SSDLC0501:MaxFailedAccessAttempts = 11|},
                    DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5),
                };

                public static IServiceCollection AddAppIdentity(this IServiceCollection services)
                {
                    services.AddIdentityCore<IdentityUser>(o => {|SSDLC0501:o.Lockout.DefaultLockoutTimeSpan = TimeSpan.Zero|});
                    return services;
                }
            }
            """);
    }

    [Fact]
    public async Task Custom_sign_in_manager_calling_base_without_lockout()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Logging;
            using Microsoft.Extensions.Options;

            public class AuditedSignInManager : SignInManager<IdentityUser>
            {
                public AuditedSignInManager(
                    UserManager<IdentityUser> userManager,
                    IHttpContextAccessor contextAccessor,
                    IUserClaimsPrincipalFactory<IdentityUser> claimsFactory,
                    IOptions<IdentityOptions> optionsAccessor,
                    ILogger<SignInManager<IdentityUser>> logger,
                    IAuthenticationSchemeProvider schemes,
                    IUserConfirmation<IdentityUser> confirmation)
                    : base(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
                {
                }

                public Task<SignInResult> SignInAsync(string user, string password)
                    => PasswordSignInAsync(user, password, false, {|SSDLC0501:lockoutOnFailure: false|});
            }
            """);
    }

    // ---- negatives ----

    [Fact]
    public async Task Lockout_on_failure_true_is_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class LoginModel(SignInManager<IdentityUser> signInManager) : PageModel
            {
                public async Task<IActionResult> OnPostAsync(string email, string password, bool rememberMe)
                {
                    var result = await signInManager.PasswordSignInAsync(email, password, rememberMe, lockoutOnFailure: true);
                    if (result.IsLockedOut)
                    {
                        return RedirectToPage("./Lockout");
                    }

                    var user = await signInManager.UserManager.FindByEmailAsync(email);
                    var check = user is null ? SignInResult.Failed : await signInManager.CheckPasswordSignInAsync(user, password, true);
                    return result.Succeeded && check.Succeeded ? LocalRedirect("/") : Page();
                }
            }
            """);
    }

    [Fact]
    public async Task Lockout_on_failure_from_configuration_is_not_judged()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using Microsoft.Extensions.Options;

            public class LoginSettings
            {
                public bool LockoutOnFailure { get; set; } = true;
            }

            public class LoginService(SignInManager<IdentityUser> signIn, IOptions<LoginSettings> settings)
            {
                public Task<SignInResult> SignInAsync(string user, string password)
                    => signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: settings.Value.LockoutOnFailure);
            }
            """);
    }

    [Fact]
    public async Task Other_sign_in_methods_with_false_arguments_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class TwoFactorService(SignInManager<IdentityUser> signIn)
            {
                public async Task<bool> VerifyAsync(string code, IdentityUser user)
                {
                    var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
                    var external = await signIn.ExternalLoginSignInAsync("Google", "key", isPersistent: false, bypassTwoFactor: false);
                    await signIn.SignInAsync(user, isPersistent: false);
                    return result.Succeeded || external.Succeeded;
                }
            }
            """);
    }

    [Fact]
    public async Task Own_method_with_the_same_name_is_not_identity()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class LegacyDirectory
            {
                public Task<bool> PasswordSignInAsync(string user, string password, bool isPersistent, bool lockoutOnFailure)
                    => Task.FromResult(user.Length > 0 && password.Length > 0);
            }

            public class LegacyLogin(LegacyDirectory directory)
            {
                public Task<bool> LoginAsync(string user, string password)
                    => directory.PasswordSignInAsync(user, password, false, lockoutOnFailure: false);
            }
            """);
    }

    [Fact]
    public async Task Strict_lockout_settings_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Identity;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<IdentityOptions>(options =>
            {
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = false;
            });
            var edge = new LockoutOptions { MaxFailedAccessAttempts = 10, DefaultLockoutTimeSpan = new TimeSpan(0, 5, 0) };
            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task Lockout_values_from_configuration_are_not_judged()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using Microsoft.Extensions.Configuration;

            public static class IdentitySetup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration)
                {
                    services.Configure<IdentityOptions>(o =>
                    {
                        o.Lockout.MaxFailedAccessAttempts = configuration.GetValue<int>("Lockout:Attempts");
                        o.Lockout.AllowedForNewUsers = configuration.GetValue<bool>("Lockout:NewUsers");
                        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue<int>("Lockout:Minutes"));
                    });
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

using VerifyFix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<
    Ssdlc.Analyzers.Authentication.LockoutDisabledAnalyzer,
    Ssdlc.CodeFixes.Authentication.LockoutOnFailureCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Authentication;

public class LockoutOnFailureCodeFixTests
{
    private const string Header = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Identity;

        """;

    [Fact]
    public async Task Named_false_becomes_true()
    {
        await VerifyFix.VerifyFixAsync(
            Header + """
            public class Login(SignInManager<IdentityUser> signIn)
            {
                public Task<SignInResult> RunAsync(string user, string password)
                    => signIn.PasswordSignInAsync(user, password, isPersistent: false, {|SSDLC0501:lockoutOnFailure: false|});
            }
            """,
            Header + """
            public class Login(SignInManager<IdentityUser> signIn)
            {
                public Task<SignInResult> RunAsync(string user, string password)
                    => signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            }
            """);
    }

    [Fact]
    public async Task Fix_all_turns_every_literal_false_into_true_and_leaves_is_persistent_alone()
    {
        await VerifyFix.VerifyFixAllAsync(
            Header + """
            public class Login(SignInManager<IdentityUser> signIn)
            {
                public async Task<bool> RunAsync(IdentityUser user, string name, string password)
                {
                    var first = await signIn.CheckPasswordSignInAsync(user, password, {|SSDLC0501:false|});
                    var second = await signIn.PasswordSignInAsync(name, password, false, {|SSDLC0501:lockoutOnFailure: false|});
                    return first.Succeeded && second.Succeeded;
                }
            }
            """,
            Header + """
            public class Login(SignInManager<IdentityUser> signIn)
            {
                public async Task<bool> RunAsync(IdentityUser user, string name, string password)
                {
                    var first = await signIn.CheckPasswordSignInAsync(user, password, true);
                    var second = await signIn.PasswordSignInAsync(name, password, false, lockoutOnFailure: true);
                    return first.Succeeded && second.Succeeded;
                }
            }
            """);
    }

    [Fact]
    public async Task No_fix_for_constants_and_lockout_options()
    {
        await VerifyFix.VerifyNoFixAsync(
            Header + """
            using Microsoft.Extensions.DependencyInjection;

            public class Login(SignInManager<IdentityUser> signIn)
            {
                private const bool CountFailures = false;

                public Task<SignInResult> RunAsync(string user, string password)
                    => signIn.PasswordSignInAsync(user, password, false, {|SSDLC0501:CountFailures|});

                public static void Configure(IServiceCollection services)
                    => services.Configure<IdentityOptions>(o => {|SSDLC0501:o.Lockout.AllowedForNewUsers = false|});
            }
            """);
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Passwords.WeakPasswordPolicyAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Passwords;

public class WeakPasswordPolicyAnalyzerTests
{
    private const string Usings = """
        using Microsoft.AspNetCore.Identity;
        using Microsoft.Extensions.DependencyInjection;

        """;

    [Fact]
    public async Task Configure_identity_options_with_short_length()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<IdentityOptions>(o => {|SSDLC0601:o.Password.RequiredLength = 6|});
                }
            }
            """);
        Assert.Equal(
            "The password policy allows passwords of 6 characters; require at least 8 characters and keep a complexity requirement",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Add_identity_options_block_with_short_length_through_a_constant()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class AppUser : IdentityUser { }

            public static class IdentitySetup
            {
                private const int MinPasswordLength = 4;

                public static void Add(IServiceCollection services)
                {
                    services.AddIdentity<AppUser, IdentityRole>(options =>
                    {
                        options.SignIn.RequireConfirmedAccount = true;
                        {|SSDLC0601:options.Password.RequiredLength = MinPasswordLength|};
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Password_options_object_initialiser_and_configure_of_password_options()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public static class Policies
            {
                public static PasswordOptions Legacy() => new PasswordOptions { {|SSDLC0601:RequiredLength = 5|}, RequireDigit = true };

                public static void Add(IServiceCollection services)
                    => services.Configure<PasswordOptions>(p => {|SSDLC0601:p.RequiredLength = 7|});
            }
            """);
    }

    [Fact]
    public async Task No_complexity_and_one_unique_character_in_the_same_lambda()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<IdentityOptions>(o =>
                    {
                        o.Password.RequireDigit = false;
                        o.Password.RequireLowercase = false;
                        o.Password.RequireUppercase = false;
                        o.Password.RequireNonAlphanumeric = false;
                        {|SSDLC0601:o.Password.RequiredUniqueChars = 1|};
                        o.Password.RequiredLength = 10;
                    });
                }
            }
            """);
        Assert.Contains("RequiredUniqueChars to 1", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_complexity_in_an_object_initialiser_and_both_problems_at_once()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public static class Policies
            {
                public static PasswordOptions Pin() => new()
                {
                    {|SSDLC0601:RequiredLength = 4|},
                    RequireDigit = false,
                    RequireLowercase = false,
                    RequireUppercase = false,
                    RequireNonAlphanumeric = false,
                    {|SSDLC0601:RequiredUniqueChars = 0|},
                };
            }
            """);
    }

    [Fact]
    public async Task Short_length_in_a_method_configuring_identity_options()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class IdentityConfigurator : Microsoft.Extensions.Options.IConfigureOptions<IdentityOptions>
            {
                public void Configure(IdentityOptions options)
                {
                    options.Lockout.MaxFailedAccessAttempts = 5;
                    {|SSDLC0601:options.Password.RequiredLength = 6|};
                }
            }
            """);
    }

    [Fact]
    public async Task Length_of_eight_or_more_and_defaults_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class AppUser : IdentityUser { }

            public static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<IdentityOptions>(o => o.Password.RequiredLength = 12);
                    services.AddIdentity<AppUser, IdentityRole>(options => options.Password.RequiredLength = 8);
                    services.AddIdentity<AppUser, IdentityRole>(options => options.Lockout.MaxFailedAccessAttempts = 3);
                    services.Configure<IdentityOptions>(o => { });
                }
            }
            """);
    }

    [Fact]
    public async Task Unique_characters_of_one_with_some_complexity_is_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<IdentityOptions>(o =>
                    {
                        o.Password.RequireNonAlphanumeric = false;
                        o.Password.RequireUppercase = false;
                        o.Password.RequiredUniqueChars = 1;
                        o.Password.RequiredLength = 12;
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Complexity_turned_off_in_another_lambda_is_not_combined()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<IdentityOptions>(o =>
                    {
                        o.Password.RequireDigit = false;
                        o.Password.RequireLowercase = false;
                        o.Password.RequireUppercase = false;
                        o.Password.RequireNonAlphanumeric = false;
                    });
                    services.Configure<IdentityOptions>(o => o.Password.RequiredUniqueChars = 1);
                }
            }
            """);
    }

    [Fact]
    public async Task Length_from_configuration_is_not_judged()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using Microsoft.Extensions.Configuration;

            public static class Startup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration)
                {
                    services.Configure<IdentityOptions>(o => o.Password.RequiredLength = configuration.GetValue<int>("Identity:MinLength"));
                }
            }
            """);
    }

    [Fact]
    public async Task Other_length_properties_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class LoginOptions
            {
                public int RequiredLength { get; set; }
                public int RequiredUniqueChars { get; set; }
            }

            public static class Startup
            {
                public static void Add(IServiceCollection services)
                {
                    services.Configure<LoginOptions>(o => { o.RequiredLength = 4; o.RequiredUniqueChars = 0; });
                    services.Configure<IdentityOptions>(o => o.User.RequireUniqueEmail = false);
                }
            }
            """);
    }

    [Fact]
    public async Task Stronger_policies_in_initialisers_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public static class Policies
            {
                public static PasswordOptions Strong() => new() { RequiredLength = 14, RequiredUniqueChars = 4 };

                public static PasswordOptions Passphrase() => new()
                {
                    RequiredLength = 16,
                    RequireDigit = false,
                    RequireLowercase = false,
                    RequireUppercase = false,
                    RequireNonAlphanumeric = false,
                    RequiredUniqueChars = 6,
                };
            }
            """);
    }

    [Fact]
    public async Task A_short_length_on_either_branch_or_in_a_settings_default_is_weak()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Identity;
            using Microsoft.Extensions.DependencyInjection;

            public class PasswordSettings
            {
                public int MinimumLength { get; set; } = 6;
                public int StrongLength { get; set; } = 12;
            }

            public static class Identity
            {
                public static void Configure(IServiceCollection services, PasswordSettings settings, bool kiosk)
                {
                    services.Configure<IdentityOptions>(o =>
                    {
                        {|SSDLC0601:o.Password.RequiredLength = kiosk ? 4 : 12|};
                        {|SSDLC0601:o.Password.RequiredLength = settings.MinimumLength|};
                        o.Password.RequiredLength = settings.StrongLength;
                        o.Password.RequiredLength = kiosk ? 10 : 14;
                    });
                }
            }
            """);
    }
}

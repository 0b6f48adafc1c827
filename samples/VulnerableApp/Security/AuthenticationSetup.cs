using Microsoft.AspNetCore.Authentication.Cookies;

namespace VulnerableApp;

public static class AuthenticationSetup
{
    /// <summary>
    /// Cookie sign-in for the shop's users, but no global antiforgery filter and no fallback authorization policy:
    /// every controller without [Authorize] is open to anonymous callers (SSDLC0801), and every form post can be
    /// forged by another site while the user is signed in (SSDLC0705).
    /// </summary>
    public static IServiceCollection AddShopAuthentication(this IServiceCollection services)
    {
        // SSDLC0801: ten controllers open to anonymous callers; no fallback policy denies by default.
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            });
        services.AddControllersWithViews();
        return services;
    }
}

using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompliantApp;

public static class AuthorizationSetup
{
    /// <summary>
    /// Cookie sign-in with the two application-wide safeguards: every POST, PUT, PATCH and DELETE to a controller
    /// validates an antiforgery token (B.7.4), and every endpoint requires a signed-in user unless it says
    /// [AllowAnonymous] (deny by default, B.8.1).
    /// </summary>
    public static IServiceCollection AddShopSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.SameSite = SameSiteMode.Strict;
            });
        services.Configure<MvcOptions>(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }
}

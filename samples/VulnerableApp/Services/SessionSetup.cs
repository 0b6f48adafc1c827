using Microsoft.AspNetCore.Identity;

namespace VulnerableApp.Services;

public static class SessionSetup
{
    public static IServiceCollection AddShopSessions(this IServiceCollection services)
    {
        services.Configure<IdentityOptions>(o =>
        {
            // SSDLC0501: a hundred guesses per lockout is far above the standard's ten.
            o.Lockout.MaxFailedAccessAttempts = 100;
            // SSDLC0501: accounts created from now on are never locked.
            o.Lockout.AllowedForNewUsers = false;
        });
        services.AddSession(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // SSDLC0704: an idle session stays valid for four hours.
            o.IdleTimeout = TimeSpan.FromHours(4);
            // SSDLC0704: the session cookie is written to disk and survives closing the browser.
            o.Cookie.MaxAge = TimeSpan.FromDays(30);
        });
        return services;
    }
}

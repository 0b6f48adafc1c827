using Microsoft.AspNetCore.Identity;

namespace CompliantApp.Services;

public static class SessionSetup
{
    public static IServiceCollection AddShopSessions(this IServiceCollection services)
    {
        services.Configure<IdentityOptions>(o =>
        {
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = 5;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        });

        // Idle sessions end after 20 minutes; the session cookie lives only as long as the browser.
        services.AddSession(o =>
        {
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.IdleTimeout = TimeSpan.FromMinutes(20);
        });
        return services;
    }
}

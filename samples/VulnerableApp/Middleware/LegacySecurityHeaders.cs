namespace VulnerableApp.Middleware;

/// <summary>Security headers with values that do not protect.</summary>
public static class LegacySecurityHeaders
{
    public static IApplicationBuilder UseLegacySecurityHeaders(this IApplicationBuilder app)
        => app.Use(async (context, next) =>
        {
            IHeaderDictionary headers = context.Response.Headers;
            // SSDLC1404: 'unsafe-eval' lets injected script turn strings into code.
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-eval'";
            // SSDLC1404: full URLs, query strings included, go to every linked site.
            headers["Referrer-Policy"] = "unsafe-url";
            // SSDLC1404: ALLOW-FROM is ignored by current browsers.
            headers.Append("X-Frame-Options", "ALLOW-FROM https://partner.example.com");
            await next();
        });
}

namespace CompliantApp;

// HTTPS and response headers, set once for every response. The app is an API: HSTS is a browser mechanism and not needed
// (a browser-facing app would add builder.Services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; })
// and app.UseHsts() outside development).
public static class SecurityHeaders
{
    public static WebApplication UseHttpsAndSecurityHeaders(this WebApplication app)
    {
        app.UseHttpsRedirection();
        app.Use(async (context, next) =>
        {
            IHeaderDictionary headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            await next(context);
        });
        return app;
    }
}

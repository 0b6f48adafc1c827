namespace VulnerableApp;

// Deliberately wrong: HSTS below the standard and a Server header that names the server software.
public static class TransportSettings
{
    public static WebApplicationBuilder AddTransportSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddHsts(options =>
        {
            // SSDLC1402: one day of HSTS; the standard asks for at least 126 days.
            options.MaxAge = TimeSpan.FromDays(1);
            // SSDLC1402: subdomains stay reachable over plain HTTP.
            options.IncludeSubDomains = false;
        });
        // SSDLC1403: every response announces the server software.
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = true);
        return builder;
    }
}

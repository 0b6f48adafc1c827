namespace VulnerableApp.Services;

// Deliberately wrong: clear-text transport and no certificate validation.
public static class PartnerClient
{
    public static IHttpClientBuilder AddPartnerClient(this IServiceCollection services)
        => services
            // SSDLC1010: http:// to a remote host.
            .AddHttpClient("partner", client => client.BaseAddress = new Uri("http://partner.example.com/"))
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                // SSDLC1007: every server certificate is accepted.
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true,
            });
}

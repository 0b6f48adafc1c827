namespace VulnerableApp.Services;

// Deliberately wrong: clear-text transport and no certificate validation.
public static class PartnerClient
{
    public static IHttpClientBuilder AddPartnerClient(this IServiceCollection services)
        => services
            // SSDLC1010: http:// to a remote host.
            .AddHttpClient("partner", client => client.BaseAddress = new Uri("http://partner.example.com/"))
            // SSDLC1007: every server certificate is accepted.
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true,
            });
}

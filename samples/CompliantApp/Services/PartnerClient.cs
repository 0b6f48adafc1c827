namespace CompliantApp.Services;

// HTTPS to the partner, with the platform's certificate validation left on.
public static class PartnerClient
{
    public static IHttpClientBuilder AddPartnerClient(this IServiceCollection services)
        => services.AddHttpClient("partner", client => client.BaseAddress = new Uri("https://partner.example.com/"));
}

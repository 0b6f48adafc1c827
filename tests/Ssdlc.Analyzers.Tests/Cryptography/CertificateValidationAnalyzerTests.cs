using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Cryptography.CertificateValidationAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class CertificateValidationAnalyzerTests
{
    [Fact]
    public async Task Handler_callbacks_that_always_return_true()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Net.Http;

            public class PartnerClientFactory
            {
                public HttpClient Expression()
                {
                    var handler = new HttpClientHandler();
                    handler.ServerCertificateCustomValidationCallback = {|SSDLC1007:(message, cert, chain, errors) => true|};
                    return new HttpClient(handler);
                }

                public HttpClient Block()
                {
                    var handler = new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = {|SSDLC1007:(a, b, c, d) => { return true; }|},
                    };
                    return new HttpClient(handler);
                }

                public HttpClient Discards() => new HttpClient(new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = {|SSDLC1007:(_, _, _, _) => (true)|},
                });
            }
            """);
        Assert.StartsWith("A ServerCertificateCustomValidationCallback that always returns true turns off certificate validation", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Dangerous_accept_any_validator_in_an_options_lambda()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void AddPartnerApi(IServiceCollection services)
                {
                    services.AddHttpClient("partner")
                        .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                        {
                            ServerCertificateCustomValidationCallback = {|SSDLC1007:HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|},
                        });
                }
            }
            """);
    }

    [Fact]
    public async Task Socket_handler_ssl_options_and_ssl_stream()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public class Transport
            {
                public SocketsHttpHandler Handler() => new SocketsHttpHandler
                {
                    SslOptions = new SslClientAuthenticationOptions
                    {
                        RemoteCertificateValidationCallback = {|SSDLC1007:delegate { return true; }|},
                    },
                };

                public SslStream Stream(Stream inner) => new SslStream(inner, false, {|SSDLC1007:(sender, certificate, chain, errors) => true|});

                public void Options(SslClientAuthenticationOptions options)
                {
                    options.RemoteCertificateValidationCallback = {|SSDLC1007:AcceptAll|};
                }

                private static bool AcceptAll(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
            }
            """);
    }

    [Fact]
    public async Task Service_point_manager_and_method_with_logging_before_return_true()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            #pragma warning disable SYSLIB0014 // ServicePointManager is obsolete; legacy code still sets it
            public static class LegacyStartup
            {
                public static void Configure()
                {
                    ServicePointManager.ServerCertificateValidationCallback = {|SSDLC1007:(s, c, ch, e) => true|};
                    ServicePointManager.ServerCertificateValidationCallback += {|SSDLC1007:Trust|};
                }

                private static bool Trust(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
                {
                    if (errors != SslPolicyErrors.None)
                    {
                        Console.WriteLine("certificate problem: " + errors);
                        return true;
                    }

                    return true;
                }
            }
            """);
    }

    [Fact]
    public async Task Revocation_checks_switched_off()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public class CertificateChecker
            {
                public bool IsTrusted(X509Certificate2 certificate)
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.RevocationMode = {|SSDLC1007:X509RevocationMode.NoCheck|};
                    return chain.Build(certificate);
                }

                public SslClientAuthenticationOptions Options() => new SslClientAuthenticationOptions
                {
                    TargetHost = "api.example.com",
                    CertificateRevocationCheckMode = {|SSDLC1007:X509RevocationMode.NoCheck|},
                };
            }
            """);
    }

    [Fact]
    public async Task Callbacks_kept_in_fields_and_locals_before_use()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public class CachedCallbacks
            {
                private static readonly RemoteCertificateValidationCallback AcceptAll = {|SSDLC1007:(sender, certificate, chain, errors) => true|};

                public SslStream Stream(Stream inner) => new SslStream(inner, false, AcceptAll);

                public HttpClient Client()
                {
                    Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> trustAll = {|SSDLC1007:static (_, _, _, _) => true|};
                    using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = trustAll };
                    return new HttpClient(handler, disposeHandler: false);
                }
            }
            """);
        Assert.StartsWith("A RemoteCertificateValidationCallback that always returns true", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Callbacks_that_check_policy_errors_or_pin_a_thumbprint_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public class PinnedClient
            {
                private const string Thumbprint = "A1B2C3";

                public HttpClient Create()
                {
                    var handler = new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => errors == SslPolicyErrors.None,
                    };
                    return new HttpClient(handler);
                }

                public HttpClient Pinned()
                {
                    var handler = new HttpClientHandler();
                    handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) =>
                    {
                        if (errors == SslPolicyErrors.None)
                        {
                            return true;
                        }

                        return cert is not null && string.Equals(cert.Thumbprint, Thumbprint, StringComparison.OrdinalIgnoreCase);
                    };
                    return new HttpClient(handler);
                }

                public SslStream Stream(System.IO.Stream inner) => new SslStream(inner, false, Validate);

                private static bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
                    => errors == SslPolicyErrors.None;
            }
            """);
    }

    [Fact]
    public async Task Revocation_online_offline_and_default_handlers_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public class StrictChecker
            {
                public bool IsTrusted(X509Certificate2 certificate, bool offline)
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.RevocationMode = offline ? X509RevocationMode.Offline : X509RevocationMode.Online;
                    chain.ChainPolicy.RevocationFlag = X509RevocationFlag.EntireChain;
                    return chain.Build(certificate);
                }

                public HttpClient Default() => new HttpClient(new HttpClientHandler { CheckCertificateRevocationList = true });

                public SslClientAuthenticationOptions Options() => new SslClientAuthenticationOptions
                {
                    TargetHost = "api.example.com",
                    CertificateRevocationCheckMode = X509RevocationMode.Online,
                };
            }
            """);
    }

    [Fact]
    public async Task Other_boolean_callbacks_and_false_returning_ones_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Net.Security;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.AspNetCore.Builder;

            public static class Setup
            {
                public static void Configure(IServiceCollection services)
                {
                    // Not certificate validation: predicates that happen to return true.
                    services.AddCors(o => o.AddPolicy("site", p => p.SetIsOriginAllowed(origin => origin == "https://example.com")));
                    Func<string, bool> always = _ => true;
                    Predicate<int> any = i => true;

                    var handler = new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = (m, c, ch, e) => false,
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task Callback_from_a_parameter_or_field_is_not_judged()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public class ConfigurableClient
            {
                private readonly Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> _validator;

                public ConfigurableClient(Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> validator) => _validator = validator;

                public HttpClient Create(RemoteCertificateValidationCallback callback)
                {
                    var options = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = callback };
                    return new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = _validator });
                }
            }
            """);
    }
}

using RsaFix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<
    Ssdlc.Analyzers.Cryptography.WeakAsymmetricKeyAnalyzer,
    Ssdlc.CodeFixes.Cryptography.RsaKeySizeCodeFixProvider>;
using TlsFix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<
    Ssdlc.Analyzers.Cryptography.DeprecatedTlsAnalyzer,
    Ssdlc.CodeFixes.Cryptography.TlsProtocolCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Cryptography;

public class CryptoCodeFixTests
{
    [Fact]
    public async Task Rsa_create_without_size_gets_3072()
    {
        await RsaFix.VerifyFixAsync(
            """
            using System.Security.Cryptography;

            public class Keys
            {
                public byte[] NewKey()
                {
                    using var rsa = {|SSDLC1005:RSA.Create()|};
                    return rsa.ExportRSAPrivateKey();
                }
            }
            """,
            """
            using System.Security.Cryptography;

            public class Keys
            {
                public byte[] NewKey()
                {
                    using var rsa = RSA.Create(3072);
                    return rsa.ExportRSAPrivateKey();
                }
            }
            """);
    }

    [Fact]
    public async Task Rsa_create_2048_becomes_3072_keeping_argument_names()
    {
        await RsaFix.VerifyFixAsync(
            """
            using System.Security.Cryptography;

            public class Keys
            {
                private readonly RSA _a = {|SSDLC1005:RSA.Create(2048)|};
                private readonly RSA _b = {|SSDLC1005:RSA.Create(keySizeInBits: 1024)|};
            }
            """,
            """
            using System.Security.Cryptography;

            public class Keys
            {
                private readonly RSA _a = RSA.Create(3072);
                private readonly RSA _b = {|SSDLC1005:RSA.Create(keySizeInBits: 1024)|};
            }
            """);

        await RsaFix.VerifyFixAsync(
            """
            using System.Security.Cryptography;

            public class Keys
            {
                private readonly RSA _b = {|SSDLC1005:RSA.Create(keySizeInBits: 1024)|};
            }
            """,
            """
            using System.Security.Cryptography;

            public class Keys
            {
                private readonly RSA _b = RSA.Create(keySizeInBits: 3072);
            }
            """);
    }

    [Fact]
    public async Task Csp_constructors_get_3072_and_fix_all_rewrites_every_rsa_creation()
    {
        await RsaFix.VerifyFixAllAsync(
            """
            using System.Security.Cryptography;

            public class Keys
            {
                public RSA A() => {|SSDLC1005:new RSACryptoServiceProvider(2048)|};
                public string B()
                {
                    var csp = {|SSDLC1005:new RSACryptoServiceProvider()|};
                    return csp.ToXmlString(true);
                }
                public byte[] C() => {|SSDLC1005:RSA.Create()|}.ExportRSAPublicKey();
                public RSA D() => {|SSDLC1005:RSA.Create(1024)|};
            }
            """,
            """
            using System.Security.Cryptography;

            public class Keys
            {
                public RSA A() => new RSACryptoServiceProvider(3072);
                public string B()
                {
                    var csp = new RSACryptoServiceProvider(3072);
                    return csp.ToXmlString(true);
                }
                public byte[] C() => RSA.Create(3072).ExportRSAPublicKey();
                public RSA D() => RSA.Create(3072);
            }
            """);
    }

    [Fact]
    public async Task No_rsa_fix_for_dsa_curves_and_key_size_properties()
    {
        await RsaFix.VerifyNoFixAsync(
            """
            using System.Security.Cryptography;

            public class Keys
            {
                public DSA A() => {|SSDLC1005:DSA.Create()|};
                public ECDsa B() => ECDsa.Create({|SSDLC1005:ECCurve.NamedCurves.brainpoolP192r1|});
                public void C(RSA rsa) => {|SSDLC1005:rsa.KeySize = 2048|};
            }
            """);
    }

    [Fact]
    public async Task Weak_ssl_protocols_become_tls12_and_tls13()
    {
        await TlsFix.VerifyFixAsync(
            """
            using System.Net.Http;
            using System.Security.Authentication;

            #pragma warning disable SYSLIB0039
            public class Clients
            {
                public HttpClientHandler Legacy() => new HttpClientHandler { SslProtocols = {|SSDLC1006:SslProtocols.Tls | SslProtocols.Tls11|} };
            }
            """,
            """
            using System.Net.Http;
            using System.Security.Authentication;

            #pragma warning disable SYSLIB0039
            public class Clients
            {
                public HttpClientHandler Legacy() => new HttpClientHandler { SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 };
            }
            """);
    }

    [Fact]
    public async Task Fix_all_covers_security_protocol_type_and_arguments()
    {
        await TlsFix.VerifyFixAllAsync(
            """
            using System.Net;
            using System.Net.Security;
            using System.Security.Authentication;
            using System.Threading.Tasks;

            #pragma warning disable SYSLIB0039, SYSLIB0014, CS0618
            public static class Legacy
            {
                public static void Configure()
                {
                    ServicePointManager.SecurityProtocol = {|SSDLC1006:SecurityProtocolType.Tls11|};
                    ServicePointManager.SecurityProtocol |= {|SSDLC1006:SecurityProtocolType.Tls|};
                }

                public static Task Connect(SslStream ssl, string host)
                    => ssl.AuthenticateAsClientAsync(host, null, {|SSDLC1006:SslProtocols.Tls11|}, true);
            }
            """,
            """
            using System.Net;
            using System.Net.Security;
            using System.Security.Authentication;
            using System.Threading.Tasks;

            #pragma warning disable SYSLIB0039, SYSLIB0014, CS0618
            public static class Legacy
            {
                public static void Configure()
                {
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13;
                    ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13;
                }

                public static Task Connect(SslStream ssl, string host)
                    => ssl.AuthenticateAsClientAsync(host, null, SslProtocols.Tls12 | SslProtocols.Tls13, true);
            }
            """);
    }

    [Fact]
    public async Task Tls_fix_without_a_using_directive_keeps_the_namespace()
    {
        await TlsFix.VerifyFixAsync(
            """
            public class Clients
            {
                public System.Net.Http.HttpClientHandler Legacy()
                    => new System.Net.Http.HttpClientHandler { SslProtocols = {|SSDLC1006:System.Security.Authentication.SslProtocols.Tls11|} };
            }
            """.Replace("public class", "#pragma warning disable SYSLIB0039\npublic class", StringComparison.Ordinal),
            """
            public class Clients
            {
                public System.Net.Http.HttpClientHandler Legacy()
                    => new System.Net.Http.HttpClientHandler { SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13 };
            }
            """.Replace("public class", "#pragma warning disable SYSLIB0039\npublic class", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tls_fix_of_a_cast_uses_the_enum_name()
    {
        await TlsFix.VerifyFixAsync(
            """
            using System.Security.Authentication;

            public class Settings
            {
                public SslProtocols Protocols { get; set; } = {|SSDLC1006:(SslProtocols)768|};
            }
            """,
            """
            using System.Security.Authentication;

            public class Settings
            {
                public SslProtocols Protocols { get; set; } = SslProtocols.Tls12 | SslProtocols.Tls13;
            }
            """);
    }
}

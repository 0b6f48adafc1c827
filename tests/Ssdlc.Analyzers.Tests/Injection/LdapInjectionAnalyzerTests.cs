using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Injection.LdapInjectionAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Injection;

public class LdapInjectionAnalyzerTests
{
    // Encoders as applications write them (RFC 4515 / RFC 4514 escaping).
    private const string Encoders = """

        public static class Ldap
        {
            public static string LdapFilterEncode(string value) => value.Replace("\\", "\\5c").Replace("*", "\\2a").Replace("(", "\\28").Replace(")", "\\29");
            public static string EscapeLdapDn(string value) => value.Replace(",", "\\,");
        }
        """;

    [Fact]
    public async Task SearchRequest_with_a_request_filter_in_a_controller()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.DirectoryServices.Protocols;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("directory")]
            public class DirectoryController : ControllerBase
            {
                private readonly LdapConnection _connection;
                public DirectoryController(LdapConnection connection) => _connection = connection;

                [HttpGet("users/{name}")]
                public IActionResult Find(string name, string ou)
                {
                    var request = new SearchRequest({|SSDLC0402:$"ou={ou},dc=example,dc=com"|}, {|SSDLC0402:"(&(objectClass=user)(sAMAccountName=" + name + "))"|}, SearchScope.Subtree, "cn", "mail");
                    var response = (SearchResponse)_connection.SendRequest(request);
                    return Ok(response.Entries.Count);
                }
            }
            """);
        Assert.Equal(
            "LDAP distinguished name passed to new SearchRequest is built from non-constant values without LDAP encoding; escape each value for its place (RFC 4515 for filters, RFC 4514 for DNs) or use constants",
            diagnostics[0].GetMessage());
        Assert.StartsWith("LDAP filter passed to new SearchRequest", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task DirectorySearcher_filter_property_and_constructor()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices;

            public class UserLookup
            {
                public SearchResult? ByLogin(DirectoryEntry root, string login)
                {
                    using var searcher = new DirectorySearcher(root);
                    searcher.Filter = {|SSDLC0402:$"(sAMAccountName={login})"|};
                    return searcher.FindOne();
                }

                public SearchResultCollection ByMail(string mail)
                {
                    using var searcher = new DirectorySearcher({|SSDLC0402:"(mail=" + mail + ")"|});
                    return searcher.FindAll();
                }

                public SearchResultCollection Initialiser(DirectoryEntry root, string group)
                {
                    using var searcher = new DirectorySearcher(root) { Filter = {|SSDLC0402:string.Format("(memberOf=cn={0},ou=groups,dc=corp)", group)|} };
                    return searcher.FindAll();
                }
            }
            """);
    }

    [Fact]
    public async Task DirectoryEntry_with_a_non_constant_path_in_a_minimal_api()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Directory
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/groups/{cn}", (string cn) =>
                    {
                        using var entry = new DirectoryEntry({|SSDLC0402:"LDAP://cn=" + cn + ",ou=groups,dc=corp,dc=local"|});
                        return Results.Ok(entry.Properties["description"].Value);
                    });
                    app.MapPost("/move", (string target) =>
                    {
                        using var entry = new DirectoryEntry("LDAP://dc=corp,dc=local");
                        entry.Path = {|SSDLC0402:target|};
                        return Results.NoContent();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Protocols_modify_and_delete_requests_with_non_constant_dns_in_an_async_service()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices.Protocols;
            using System.Threading.Tasks;

            public class AccountService
            {
                private readonly LdapConnection _connection;
                public AccountService(LdapConnection connection) => _connection = connection;

                public Task DisableAsync(string user)
                {
                    var request = new ModifyRequest({|SSDLC0402:"cn=" + user + ",ou=people,dc=corp"|}, DirectoryAttributeOperation.Replace, "userAccountControl", "514");
                    return Task.Factory.FromAsync(_connection.BeginSendRequest, _connection.EndSendRequest, request, PartialResultProcessing.NoPartialResultSupport, null);
                }

                public void Delete(string dn) => _connection.SendRequest(new DeleteRequest({|SSDLC0402:dn|}));

                public void Reuse(SearchRequest request, string filter, string baseDn)
                {
                    request.Filter = {|SSDLC0402:"(cn=" + filter + ")"|};
                    request.DistinguishedName = {|SSDLC0402:baseDn|};
                }
            }
            """);
    }

    [Fact]
    public async Task Filter_from_options_in_an_options_lambda()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices.Protocols;
            using Microsoft.Extensions.DependencyInjection;

            public class LdapOptions
            {
                public string BaseDn { get; set; } = "dc=corp";
                public SearchRequest? Template { get; set; }
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services, string tenant)
                {
                    services.Configure<LdapOptions>(o => o.Template = new SearchRequest({|SSDLC0402:o.BaseDn|}, {|SSDLC0402:$"(tenant={tenant})"|}, SearchScope.OneLevel));
                }
            }
            """);
    }

    [Fact]
    public async Task Encoding_only_part_of_the_filter_is_still_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices;

            public class Search
            {
                public void Find(DirectorySearcher searcher, string name, string mail)
                {
                    searcher.Filter = {|SSDLC0402:"(&(cn=" + Ldap.LdapFilterEncode(name) + ")(mail=" + mail + "))"|};
                }
            }
            """ + Encoders);
    }

    [Fact]
    public async Task Encoded_values_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices;
            using System.DirectoryServices.Protocols;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("directory")]
            public class DirectoryController : ControllerBase
            {
                [HttpGet("users/{name}")]
                public IActionResult Find(string name, string ou, int uid)
                {
                    string filter = "(&(objectClass=user)(sAMAccountName=" + Ldap.LdapFilterEncode(name) + "))";
                    var request = new SearchRequest($"ou={Ldap.EscapeLdapDn(ou)},dc=example,dc=com", filter, System.DirectoryServices.Protocols.SearchScope.Subtree);
                    using var searcher = new DirectorySearcher($"(uidNumber={uid})");
                    return Ok(request.Filter);
                }
            }
            """ + Encoders);
    }

    [Fact]
    public async Task Constant_filters_and_paths_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices;
            using System.DirectoryServices.Protocols;

            public class Directory
            {
                private const string BaseDn = "dc=corp,dc=local";
                private static readonly string Users = "ou=people," + BaseDn;

                public void Load(bool disabled)
                {
                    using var root = new DirectoryEntry("LDAP://" + BaseDn);
                    using var searcher = new DirectorySearcher(root, "(objectClass=user)");
                    searcher.Filter = disabled ? "(userAccountControl:1.2.840.113556.1.4.803:=2)" : "(objectClass=user)";
                    var request = new SearchRequest(Users, "(objectClass=person)", System.DirectoryServices.Protocols.SearchScope.OneLevel);
                    var delete = new DeleteRequest("cn=temp," + Users);
                }
            }
            """);
    }

    [Fact]
    public async Task Minimal_api_with_constant_search_and_filtering_in_code_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices;
            using System.Linq;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Groups
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/groups", (string name) =>
                    {
                        using var searcher = new DirectorySearcher("(objectClass=group)");
                        searcher.PropertiesToLoad.Add("cn");
                        var match = searcher.FindAll().Cast<SearchResult>()
                            .FirstOrDefault(r => (string?)r.Properties["cn"][0] == name);
                        return Results.Ok(match?.Path);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Options_and_services_with_constant_ldap_text_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices.Protocols;
            using Microsoft.Extensions.DependencyInjection;

            public class LdapOptions
            {
                public SearchRequest? Template { get; set; }
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.Configure<LdapOptions>(o => o.Template = new SearchRequest("dc=corp", "(objectClass=person)", SearchScope.OneLevel, "cn"));
                }
            }
            """);
    }

    [Fact]
    public async Task Look_alike_members_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices;

            public class ProductQuery
            {
                public string Filter { get; set; } = "";
                public string Path { get; set; } = "";
            }

            public class Catalog
            {
                public void Search(string text, DirectoryEntry entry)
                {
                    var query = new ProductQuery { Filter = text, Path = text };
                    query.Filter = "(" + text + ")";
                    string name = entry.Name + text;
                }
            }
            """);
    }

    [Fact]
    public async Task AntiXss_style_encoder_in_an_async_service_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.DirectoryServices.Protocols;
            using System.Threading.Tasks;
            using Microsoft.Security.Application;

            namespace Microsoft.Security.Application
            {
                public static class Encoder
                {
                    public static string LdapFilterEncode(string input) => input;
                    public static string LdapDistinguishedNameEncode(string input) => input;
                }
            }

            public class MembershipService
            {
                private readonly LdapConnection _connection;
                public MembershipService(LdapConnection connection) => _connection = connection;

                public async Task<int> CountMembersAsync(string group, string ou)
                {
                    var request = new SearchRequest(
                        "ou=" + Encoder.LdapDistinguishedNameEncode(ou) + ",dc=corp",
                        $"(&(objectClass=group)(cn={Encoder.LdapFilterEncode(group)}))",
                        SearchScope.Subtree,
                        "member");
                    var response = (SearchResponse)await Task.Run(() => _connection.SendRequest(request));
                    return response.Entries.Count;
                }
            }
            """);
    }
}

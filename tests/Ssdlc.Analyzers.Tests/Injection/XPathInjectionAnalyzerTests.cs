using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Injection.XPathInjectionAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Injection;

public class XPathInjectionAnalyzerTests
{
    [Fact]
    public async Task Login_check_against_an_xml_user_store_in_a_controller()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Xml;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("auth")]
            public class AuthController : ControllerBase
            {
                private readonly XmlDocument _users;
                public AuthController(XmlDocument users) => _users = users;

                [HttpPost("login")]
                public IActionResult Login(string user, string password)
                {
                    XmlNode? node = _users.SelectSingleNode({|SSDLC0404:"/users/user[@name='" + user + "' and @password='" + password + "']"|});
                    return node is null ? Unauthorized() : Ok();
                }
            }
            """);
        Assert.Equal(
            "XPath expression passed to XmlNode.SelectSingleNode is built from non-constant values; use a constant expression and bind values as XPath variables (XsltContext/XsltArgumentList), or check the value against an allow-list",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task SelectNodes_with_namespace_manager_in_a_minimal_api()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Xml;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Catalog
            {
                public static void Map(WebApplication app, XmlDocument catalog)
                {
                    app.MapGet("/books", (string author) =>
                    {
                        var ns = new XmlNamespaceManager(catalog.NameTable);
                        ns.AddNamespace("b", "urn:books");
                        XmlNodeList? nodes = catalog.DocumentElement!.SelectNodes({|SSDLC0404:$"//b:book[b:author='{author}']"|}, ns);
                        var titles = new List<string>();
                        foreach (XmlNode node in nodes!)
                        {
                            titles.Add(node.InnerText);
                        }

                        return Results.Ok(titles);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task XPathNavigator_select_evaluate_and_compile()
    {
        await VerifyCS.VerifyAsync("""
            using System.Xml.XPath;

            public class ConfigReader
            {
                private readonly XPathNavigator _navigator;
                public ConfigReader(XPathDocument document) => _navigator = document.CreateNavigator();

                public string? Setting(string section, string key)
                {
                    string path = "/config/" + section + "/add[@key='" + key + "']/@value";
                    return _navigator.SelectSingleNode({|SSDLC0404:path|})?.Value;
                }

                public double Count(string element) => (double)_navigator.Evaluate({|SSDLC0404:"count(//" + element + ")"|});

                public XPathNodeIterator All(string filter)
                {
                    XPathExpression expression = _navigator.Compile({|SSDLC0404:"//item[" + filter + "]"|});
                    return _navigator.Select(expression);
                }

                public XPathNodeIterator Query(string xpath) => _navigator.Select({|SSDLC0404:xpath|});
            }
            """);
    }

    [Fact]
    public async Task XPathExpression_Compile_with_a_field_built_expression()
    {
        await VerifyCS.VerifyAsync("""
            using System.Xml.XPath;

            public class Reports
            {
                private string _root = "/reports";

                public XPathExpression ForYear(int year) => XPathExpression.Compile({|SSDLC0404:$"{_root}/report[@year={year}]"|});
            }
            """);
    }

    [Fact]
    public async Task Linq_to_xml_xpath_extensions_in_an_async_service()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using System.Xml.Linq;
            using System.Xml.XPath;

            public class InvoiceStore
            {
                public async Task<XElement?> FindAsync(Stream xml, string customer, CancellationToken cancellationToken)
                {
                    XDocument document = await XDocument.LoadAsync(xml, LoadOptions.None, cancellationToken);
                    return document.XPathSelectElement({|SSDLC0404:"//invoice[customer='" + customer + "']"|});
                }

                public IEnumerable<XElement> Lines(XElement invoice, string sku)
                    => invoice.XPathSelectElements({|SSDLC0404:string.Format("line[sku='{0}']", sku)|}).ToList();

                public object Total(XDocument document, string currency)
                    => document.XPathEvaluate({|SSDLC0404:$"sum(//line[@currency='{currency}']/amount)"|});
            }
            """);
    }

    [Fact]
    public async Task Expression_from_options_in_an_options_lambda()
    {
        await VerifyCS.VerifyAsync("""
            using System.Xml;
            using Microsoft.Extensions.DependencyInjection;

            public class FeedOptions
            {
                public string ItemPath { get; set; } = "//item";
                public XmlNodeList? Items { get; set; }
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services, XmlDocument feed, string category)
                {
                    services.Configure<FeedOptions>(o => o.Items = feed.SelectNodes({|SSDLC0404:o.ItemPath + "[category='" + category + "']"|}));
                }
            }
            """);
    }

    [Fact]
    public async Task Constant_expressions_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Xml;
            using System.Xml.Linq;
            using System.Xml.XPath;

            public class Catalog
            {
                private const string Books = "//book";
                private static readonly string Authors = Books + "/author";

                public void Read(XmlDocument document, XPathNavigator navigator, XDocument linq, bool onlyAvailable)
                {
                    document.SelectNodes("/catalog/book");
                    document.SelectSingleNode(Books + "[1]");
                    navigator.Select(Authors);
                    navigator.Evaluate($"count({Books})");
                    string filter = onlyAvailable ? "[@available='true']" : "";
                    navigator.Select(Books + filter);
                    XPathExpression.Compile(nameof(Catalog));
                    navigator.SelectSingleNode($"{Books}[{document.ChildNodes.Count}]");
                    linq.XPathSelectElements("//book[price > 10]");
                }
            }
            """);
    }

    [Fact]
    public async Task Compiled_expressions_with_variables_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Xml;
            using System.Xml.XPath;
            using System.Xml.Xsl;

            public sealed class VariableContext : XsltContext
            {
                private readonly XsltArgumentList _arguments;
                public VariableContext(XsltArgumentList arguments) => _arguments = arguments;
                public override bool Whitespace => true;
                public override int CompareDocument(string baseUri, string nextbaseUri) => 0;
                public override bool PreserveWhitespace(XPathNavigator node) => true;
                public override IXsltContextFunction ResolveFunction(string prefix, string name, XPathResultType[] ArgTypes) => null!;
                public override IXsltContextVariable ResolveVariable(string prefix, string name) => null!;
            }

            public class UserStore
            {
                private static readonly XPathExpression ByName = XPathExpression.Compile("/users/user[@name=$name]");

                public bool Exists(XPathNavigator navigator, string user)
                {
                    var arguments = new XsltArgumentList();
                    arguments.AddParam("name", "", user);
                    XPathExpression expression = ByName.Clone();
                    expression.SetContext(new VariableContext(arguments));
                    return navigator.SelectSingleNode(expression) is not null;
                }

                public XPathNodeIterator Select(XPathNavigator navigator, XPathExpression compiled) => navigator.Select(compiled);
            }
            """);
    }

    [Fact]
    public async Task Other_xml_apis_and_look_alike_methods_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Linq;
            using System.Xml;
            using System.Xml.Linq;

            public class Repository
            {
                public object? SelectSingleNode(string xpath) => null;
            }

            public class Reader
            {
                public void Read(XmlDocument document, XDocument linq, Repository repository, string name)
                {
                    XmlNodeList byTag = document.GetElementsByTagName(name);
                    XElement? element = linq.Descendants("user").FirstOrDefault(e => (string?)e.Attribute("name") == name);
                    repository.SelectSingleNode(name);
                    XmlElement? byId = document.GetElementById(name);
                }
            }
            """);
    }

    [Fact]
    public async Task Controller_with_constant_xpath_and_filtering_in_code_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Linq;
            using System.Xml;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("auth")]
            public class AuthController : ControllerBase
            {
                private readonly XmlDocument _users;
                public AuthController(XmlDocument users) => _users = users;

                [HttpPost("login")]
                public IActionResult Login(string user)
                {
                    XmlNodeList? nodes = _users.SelectNodes("/users/user");
                    bool known = nodes!.Cast<XmlElement>().Any(e => e.GetAttribute("name") == user);
                    return known ? Ok() : Unauthorized();
                }
            }
            """);
    }

    [Fact]
    public async Task Minimal_api_with_constant_linq_xpath_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Linq;
            using System.Xml.Linq;
            using System.Xml.XPath;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Feed
            {
                private const string ItemPath = "/rss/channel/item";

                public static void Map(WebApplication app, XDocument feed)
                {
                    app.MapGet("/feed", (string category) =>
                        Results.Ok(feed.XPathSelectElements(ItemPath)
                            .Where(i => (string?)i.Element("category") == category)
                            .Select(i => (string?)i.Element("title"))));
                    app.MapGet("/feed/count", () => Results.Ok(feed.XPathEvaluate("count(" + ItemPath + ")")));
                }
            }
            """);
    }

    [Fact]
    public async Task Options_lambda_with_constant_expression_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Xml;
            using Microsoft.Extensions.DependencyInjection;

            public class FeedOptions
            {
                public XmlNodeList? Items { get; set; }
            }

            public static class Setup
            {
                public static void Configure(IServiceCollection services, XmlDocument feed)
                {
                    services.Configure<FeedOptions>(o => o.Items = feed.SelectNodes("//item[@enabled='true']"));
                }
            }
            """);
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Input.XmlExternalEntityAnalyzer>;
using VerifyFix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<Ssdlc.Analyzers.Input.XmlExternalEntityAnalyzer, Ssdlc.CodeFixes.Input.DtdProcessingProhibitCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Input;

public class XmlExternalEntityAnalyzerTests
{
    [Fact]
    public async Task DtdProcessing_Parse_in_initialisers_and_assignments()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Xml;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("import")]
            public class ImportController : ControllerBase
            {
                [HttpPost("xml")]
                public IActionResult Import(IFormFile file)
                {
                    var settings = new XmlReaderSettings { DtdProcessing = {|SSDLC0201:DtdProcessing.Parse|}, MaxCharactersFromEntities = 1024 };
                    using XmlReader reader = XmlReader.Create(file.OpenReadStream(), settings);
                    var document = new XmlDocument();
                    document.Load(reader);
                    return Ok(document.DocumentElement?.Name);
                }
            }

            public class FeedReader
            {
                public XmlReader Open(Stream stream)
                {
                    var settings = new XmlReaderSettings();
                    settings.DtdProcessing = {|SSDLC0201:DtdProcessing.Parse|};
                    return XmlReader.Create(stream, settings);
                }

                public XmlTextReader Legacy(Stream stream) => new XmlTextReader(stream) { DtdProcessing = {|SSDLC0201:DtdProcessing.Parse|} };
            }
            """);
        Assert.Equal(
            "XmlReaderSettings.DtdProcessing = DtdProcessing.Parse lets the parser process DTDs and expand entities; prohibit DTDs (DtdProcessing.Prohibit) and leave XmlResolver null",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Resolvers_that_fetch_external_resources()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Xml;

            public class InvoiceParser
            {
                private readonly XmlUrlResolver _resolver = new();

                public XmlDocument Parse(string xml)
                {
                    var document = new XmlDocument { XmlResolver = {|SSDLC0201:new XmlUrlResolver()|} };
                    document.LoadXml(xml);
                    return document;
                }

                public XmlDocument ParseWithField(Stream stream)
                {
                    var document = new XmlDocument();
                    document.XmlResolver = {|SSDLC0201:_resolver|};
                    document.Load(stream);
                    return document;
                }

                public XmlReader Reader(Stream stream)
                {
                    var settings = new XmlReaderSettings
                    {
                        DtdProcessing = {|SSDLC0201:DtdProcessing.Parse|},
                        XmlResolver = {|SSDLC0201:new XmlUrlResolver()|},
                    };
                    return XmlReader.Create(stream, settings);
                }

                public XmlTextReader Text(Stream stream)
                {
            #pragma warning disable SYSLIB0047
                    return new XmlTextReader(stream) { XmlResolver = {|SSDLC0201:new XmlSecureResolver(new XmlUrlResolver(), "https://example.org/")|} };
            #pragma warning restore SYSLIB0047
                }
            }
            """);
    }

    [Fact]
    public async Task Xslt_with_document_function_or_scripts()
    {
        await VerifyCS.VerifyAsync("""
            using System.Xml;
            using System.Xml.Xsl;

            public class ReportRenderer
            {
                public XslCompiledTransform Trusted(string stylesheet)
                {
                    var transform = new XslCompiledTransform();
                    transform.Load(stylesheet, {|SSDLC0201:XsltSettings.TrustedXslt|}, new XmlUrlResolver());
                    return transform;
                }

                public XslCompiledTransform Documents(string stylesheet)
                {
                    var transform = new XslCompiledTransform();
                    transform.Load(stylesheet, {|SSDLC0201:new XsltSettings(true, false)|}, null);
                    return transform;
                }

                public XsltSettings Scripts()
                {
                    var settings = new XsltSettings();
                    settings.EnableScript = {|SSDLC0201:true|};
                    return settings;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_settings_and_defaults_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Xml;
            using System.Xml.Linq;
            using System.Xml.Xsl;

            public class SafeXml
            {
                public XmlReader Prohibit(Stream stream)
                    => XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });

                public XmlReader Ignore(Stream stream)
                {
                    var settings = new XmlReaderSettings();
                    settings.DtdProcessing = DtdProcessing.Ignore;
                    return XmlReader.Create(stream, settings);
                }

                public XmlDocument Document(string xml)
                {
                    var document = new XmlDocument { XmlResolver = null };
                    document.LoadXml(xml);
                    return document;
                }

                public XmlDocument Throwing(string xml)
                {
                    var document = new XmlDocument();
                    document.XmlResolver = XmlResolver.ThrowingResolver;
                    document.LoadXml(xml);
                    return document;
                }

                public XDocument Linq(Stream stream) => XDocument.Load(stream);

                public XslCompiledTransform Xslt(string stylesheet)
                {
                    var transform = new XslCompiledTransform();
                    transform.Load(stylesheet, XsltSettings.Default, null);
                    transform.Load(stylesheet, new XsltSettings(false, false), null);
                    var settings = new XsltSettings { EnableScript = false };
                    return transform;
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_replaces_Parse_with_Prohibit()
    {
        await VerifyFix.VerifyFixAllAsync(
            """
            using System.Xml;

            public class Reader
            {
                public XmlReaderSettings A() => new XmlReaderSettings { DtdProcessing = {|SSDLC0201:DtdProcessing.Parse|} };

                public XmlReaderSettings B()
                {
                    var s = new XmlReaderSettings();
                    s.DtdProcessing = {|SSDLC0201:System.Xml.DtdProcessing.Parse|};
                    return s;
                }
            }
            """,
            """
            using System.Xml;

            public class Reader
            {
                public XmlReaderSettings A() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };

                public XmlReaderSettings B()
                {
                    var s = new XmlReaderSettings();
                    s.DtdProcessing = System.Xml.DtdProcessing.Prohibit;
                    return s;
                }
            }
            """);
    }

    [Fact]
    public async Task No_fix_for_resolvers()
    {
        await VerifyFix.VerifyNoFixAsync("""
            using System.Xml;

            public class Reader
            {
                public XmlDocument A() => new XmlDocument { XmlResolver = {|SSDLC0201:new XmlUrlResolver()|} };
            }
            """);
    }
}

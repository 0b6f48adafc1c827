using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Injection.CodeEvaluationAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Injection;

public class CodeEvaluationAnalyzerTests
{
    [Fact]
    public async Task Scripts_built_from_request_values_and_parameters()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.CodeAnalysis.CSharp.Scripting;
            using Microsoft.CodeAnalysis.Scripting;

            public class Globals { public decimal Price { get; set; } }

            public static class CalculatorEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/calc", async (string expression) => await CSharpScript.EvaluateAsync<double>({|SSDLC0406:expression|}));
                }
            }

            [ApiController, Route("pricing")]
            public class PricingController : ControllerBase
            {
                [HttpPost("rule")]
                public async Task<IActionResult> Apply(string formula)
                {
                    ScriptState<object> state = await CSharpScript.RunAsync({|SSDLC0406:"return " + formula + ";"|}, ScriptOptions.Default, new Globals());
                    return Ok(state.ReturnValue);
                }
            }

            public class RuleEngine
            {
                public Script<bool> Compile(string rule)
                    => CSharpScript.Create<bool>({|SSDLC0406:$"Price > 0 && ({rule})"|}, globalsType: typeof(Globals));

                public Script<object> Extend(Script<object> script, string line) => script.ContinueWith({|SSDLC0406:line|});

                public async Task<object> Next(ScriptState<object> state, string input)
                    => (await state.ContinueWithAsync({|SSDLC0406:input|})).ReturnValue;

                public Task<object> FromFile(string path) => CSharpScript.EvaluateAsync({|SSDLC0406:System.IO.File.ReadAllText(path)|});
            }
            """);
        Assert.Equal(
            "The code passed to CSharpScript.EvaluateAsync is not constant; run only code that ships with the application: "
            + "offer fixed operations or a restricted expression evaluator, and keep XSLT scripts disabled (XsltSettings.Default)",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Stylesheets_of_unknown_origin_loaded_with_scripts_enabled()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Xml;
            using System.Xml.XPath;
            using System.Xml.Xsl;

            public class ReportTransformer
            {
                private static readonly XsltSettings Scripted = new XsltSettings { EnableScript = true };

                public void FromPath(string stylesheetPath)
                {
                    var transform = new XslCompiledTransform();
                    transform.Load({|SSDLC0406:stylesheetPath|}, XsltSettings.TrustedXslt, new XmlUrlResolver());
                }

                public void FromUpload(Stream upload)
                {
                    var transform = new XslCompiledTransform();
                    using XmlReader reader = XmlReader.Create(upload);
                    transform.Load({|SSDLC0406:reader|}, new XsltSettings(false, true), null);
                }

                public void FromText(string xslText)
                {
                    var settings = new XsltSettings();
                    settings.EnableScript = true;
                    var document = new XmlDocument();
                    document.LoadXml(xslText);
                    new XslCompiledTransform().Load({|SSDLC0406:document|}, settings, null);
                }

                public void FromNavigable(IXPathNavigable stylesheet)
                    => new XslCompiledTransform().Load({|SSDLC0406:stylesheet|}, Scripted, new XmlUrlResolver());
            }
            """);
        Assert.Equal(
            "The stylesheet passed to XslCompiledTransform.Load is not constant and its XsltSettings enable embedded scripts; "
            + "run only code that ships with the application: offer fixed operations or a restricted expression evaluator, "
            + "and keep XSLT scripts disabled (XsltSettings.Default)",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Constant_and_shipped_scripts_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.CodeAnalysis.CSharp.Scripting;
            using Microsoft.CodeAnalysis.Scripting;

            public class Globals { public int X { get; set; } public int Y { get; set; } }

            public class Scripts
            {
                private const string Sum = "X + Y";
                private static readonly string Startup = "System.Console.WriteLine(\"ready\");";

                public async Task<int> Run(Globals fromUser, int count, bool verbose)
                {
                    int a = await CSharpScript.EvaluateAsync<int>("1 + 2");
                    int b = await CSharpScript.EvaluateAsync<int>(Sum, globals: fromUser);
                    int c = await CSharpScript.EvaluateAsync<int>($"{count} * 2");
                    await CSharpScript.RunAsync(Startup);
                    string file = verbose ? "scripts/verbose.csx" : "scripts/quiet.csx";
                    await CSharpScript.RunAsync(File.ReadAllText(file), ScriptOptions.Default);
                    await CSharpScript.RunAsync(await File.ReadAllTextAsync("scripts/startup.csx"));
                    using Stream stream = File.OpenRead("scripts/rules.csx");
                    Script<object> script = CSharpScript.Create(stream);
                    return a + b + c + (await script.ContinueWith<int>("X").RunAsync(fromUser)).ReturnValue;
                }
            }

            public class Calculator
            {
                public static Task<double> EvaluateAsync(string expression) => Task.FromResult(double.Parse(expression));
                public Task<double> Use(string input) => EvaluateAsync(input);
            }
            """);
    }

    [Fact]
    public async Task Stylesheets_without_scripts_or_shipped_with_the_app_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Reflection;
            using System.Xml;
            using System.Xml.XPath;
            using System.Xml.Xsl;

            public class Transforms
            {
                public void NoScripts(string path, Stream upload, bool allowScripts)
                {
                    new XslCompiledTransform().Load(path);
                    new XslCompiledTransform().Load(path, XsltSettings.Default, null);
                    new XslCompiledTransform().Load(XmlReader.Create(upload), new XsltSettings(true, false), null);
                    new XslCompiledTransform().Load(path, new XsltSettings(false, allowScripts), null);
                    var settings = new XsltSettings { EnableDocumentFunction = true };
                    new XslCompiledTransform().Load(path, settings, null);
                }

                public void Shipped()
                {
                    new XslCompiledTransform().Load("Transforms/invoice.xslt", XsltSettings.TrustedXslt, new XmlUrlResolver());
                    new XslCompiledTransform().Load(XmlReader.Create("Transforms/report.xslt"), XsltSettings.TrustedXslt, null);
                    using Stream resource = typeof(Transforms).Assembly.GetManifestResourceStream("App.Transforms.summary.xslt")!;
                    using XmlReader reader = XmlReader.Create(resource);
                    new XslCompiledTransform().Load(reader, new XsltSettings(false, true), null);
                    var document = new XmlDocument();
                    document.Load("Transforms/legacy.xslt");
                    new XslCompiledTransform().Load(document, XsltSettings.TrustedXslt, null);
                    new XslCompiledTransform().Load(new XPathDocument("Transforms/list.xslt"), XsltSettings.TrustedXslt, null);
                    new XslCompiledTransform().Load(XmlReader.Create(new StringReader("<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"/>")), XsltSettings.TrustedXslt, null);
                }
            }
            """);
    }
}

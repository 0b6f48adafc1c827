using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

public class ResponseHeaderWritesTests
{
    [Fact]
    public void Recognises_every_write_form_with_its_name_and_value()
    {
        List<string> writes = Writes("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Primitives;
            using Microsoft.Net.Http.Headers;

            public static class Probe
            {
                private const string FrameOptions = "X-Frame-Options";

                public static void Write(HttpContext context, string dynamicValue)
                {
                    IHeaderDictionary headers = context.Response.Headers;
                    headers["X-Content-Type-Options"] = "nosniff";
                    headers[FrameOptions] = "DENY";
                    headers.Append("Referrer-Policy", "no-referrer");
                    headers.Add("Permissions-Policy", "camera=()");
                    headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                    headers.ContentSecurityPolicy = "default-src 'self'";
                    headers.Append(HeaderNames.StrictTransportSecurity, new StringValues("max-age=31536000"));
                    headers.AppendCommaSeparatedValues("Cache-Control", "no-store", "no-cache");
                    context.Response.Headers.XFrameOptions = dynamicValue;
                    var name = "X-Permitted-Cross-Domain-Policies";
                    headers[name] = "none";
                }
            }
            """);
        Assert.Equal(
            new[]
            {
                "X-Content-Type-Options=nosniff",
                "X-Frame-Options=DENY",
                "Referrer-Policy=no-referrer",
                "Permissions-Policy=camera=()",
                "Cross-Origin-Opener-Policy=same-origin",
                "content-security-policy=default-src 'self'",
                "strict-transport-security=max-age=31536000",
                "Cache-Control=no-store|no-cache",
                "x-frame-options=?",
                "X-Permitted-Cross-Domain-Policies=none",
            },
            writes);
    }

    [Fact]
    public void Ignores_reads_unknown_names_and_other_dictionaries()
    {
        List<string> writes = Writes("""
            using System.Collections.Generic;
            using System.Net.Http;
            using Microsoft.AspNetCore.Http;

            public static class Probe
            {
                public static void Write(HttpContext context, HttpResponseMessage message, string headerName, Dictionary<string, string> map)
                {
                    var value = context.Response.Headers["X-Frame-Options"];
                    context.Response.Headers[headerName] = "DENY";
                    message.Headers.Add("X-Frame-Options", "DENY");
                    map["X-Frame-Options"] = "DENY";
                    map.Add("Referrer-Policy", "no-referrer");
                    bool has = context.Response.Headers.ContainsKey("Referrer-Policy");
                }
            }
            """);
        Assert.Empty(writes);
    }

    private static List<string> Writes(string source)
    {
        Compilation compilation = AnalyzerRunner.CreateCompilation(source);
        Verify.AssertCompiles(compilation);
        INamedTypeSymbol headerDictionary = ResponseHeaderWrites.HeaderDictionaryType(compilation)!;
        var result = new List<string>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                if (model.GetOperation(node) is { } operation
                    && operation.Syntax == node
                    && operation is ISimpleAssignmentOperation or IInvocationOperation
                    && ResponseHeaderWrites.TryGetWrite(operation, headerDictionary, default, out ResponseHeaderWrite write))
                {
                    string value = ResponseHeaderWrites.TryGetConstantValues(write.Value, default, out List<string> texts) ? string.Join("|", texts) : "?";
                    result.Add(write.Name + "=" + value);
                }
            }
        }

        return result;
    }
}

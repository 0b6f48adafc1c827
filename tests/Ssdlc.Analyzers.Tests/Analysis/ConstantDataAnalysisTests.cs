using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

/// <summary>
/// Each sample calls <c>Bytes(x, n)</c> where x must be constant byte data of n bytes (-1: length unknown),
/// <c>NotBytes(x)</c> where it must not, and <c>Text(x, "s")</c> where x must be the constant string s.
/// </summary>
public class ConstantDataAnalysisTests
{
    private const string Probes = """
        static class Probe
        {
            public static void Bytes(System.ReadOnlySpan<byte> value, int length) { }
            public static void NotBytes(System.ReadOnlySpan<byte> value) { }
            public static void Text(string? value, string expected) { }
            public static void NotText(string? value) { }
        }
        """;

    [Fact]
    public void Literal_byte_sources_and_their_lengths()
    {
        Check("""
            using System;
            using System.Text;
            using static Probe;
            class Sample
            {
                const string Secret = "0123456789abcdef";
                public void M(string input, byte[] parameter)
                {
                    Bytes(new byte[] { 1, 2, 3 }, 3);
                    Bytes(new byte[3] { 1, 2, 3 }, 3);
                    Bytes([1, 2, 3, 4], 4);
                    Bytes("abc"u8, 3);
                    Bytes("abc"u8.ToArray(), 3);
                    Bytes(Encoding.UTF8.GetBytes("héllo"), 6);
                    Bytes(Encoding.ASCII.GetBytes(Secret), 16);
                    Bytes(Encoding.Unicode.GetBytes("ab"), 4);
                    Bytes(Encoding.UTF8.GetBytes("a" + Secret), 17);
                    Bytes(Convert.FromBase64String("AAECAw=="), 4);
                    Bytes(Convert.FromHexString("00010203"), 4);
                    Bytes(Encoding.GetEncoding(1252).GetBytes(Secret), -1);
                    NotBytes(new byte[16]);
                    NotBytes(new byte[] { 1, (byte)input.Length });
                    NotBytes(parameter);
                    NotBytes(Encoding.UTF8.GetBytes(input));
                    NotBytes(Convert.FromBase64String(input));
                    NotBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                }
            }
            """);
    }

    [Fact]
    public void Locals_fields_and_properties()
    {
        Check("""
            using System;
            using System.Text;
            using static Probe;
            class Sample
            {
                private static readonly byte[] ReadOnlyKey = { 1, 2, 3, 4 };
                private static byte[] PrivateKey = Encoding.UTF8.GetBytes("12345678");
                private static byte[] Reassigned = { 1 };
                public static byte[] PublicMutable = { 1, 2 };
                private static byte[] Property => new byte[] { 5, 6 };
                private static readonly string KeyText = "abcd";
                private byte[] _fromConstructor;

                public Sample(byte[] key) => _fromConstructor = key;

                public void Reset() => Reassigned = new byte[] { 2 };

                public void M(bool flag, byte[] parameter)
                {
                    var local = new byte[] { 1, 2 };
                    var both = flag ? new byte[] { 1 } : new byte[] { 2 };
                    byte[] sometimes = { 1, 2, 3 };
                    if (flag) sometimes = parameter;
                    byte[] always;
                    always = new byte[] { 1, 2, 3 };
                    always = Encoding.UTF8.GetBytes("xyz");
                    Bytes(local, 2);
                    Bytes(ReadOnlyKey, 4);
                    Bytes(PrivateKey, 8);
                    Bytes(Property, 2);
                    Bytes(always, 3);
                    Bytes(Encoding.UTF8.GetBytes(KeyText), 4);
                    NotBytes(Reassigned);
                    NotBytes(PublicMutable);
                    NotBytes(_fromConstructor);
                    NotBytes(sometimes);
                    NotBytes(both);
                    Text(KeyText, "abcd");
                    const string c = "x";
                    string fromLocal = "http://example.com";
                    Text(c, "x");
                    Text(fromLocal, "http://example.com");
                    string twice = "a";
                    twice = "b";
                    NotText(twice);
                    NotText(flag.ToString());
                }
            }
            """);
    }

    [Fact]
    public void Self_references_do_not_loop()
    {
        Check("""
            using static Probe;
            class Sample
            {
                private static readonly byte[] A = B;
                private static readonly byte[] B = A;
                private static readonly string S = T;
                private static readonly string T = S;
                public void M()
                {
                    NotBytes(A);
                    NotText(S);
                }
            }
            """);
    }

    [Fact]
    public void Fields_in_another_file_and_a_single_constructor_assignment()
    {
        Check("""
            using System.Text;
            using static Probe;

            class Sample
            {
                private readonly byte[] _assignedOnce;
                private readonly byte[] _assignedTwice;

                public Sample(bool flag)
                {
                    _assignedOnce = new byte[] { 1, 2, 3, 4 };
                    _assignedTwice = new byte[] { 1 };
                    if (flag)
                    {
                        _assignedTwice = System.Array.Empty<byte>();
                    }
                }

                public void M()
                {
                    Bytes(Keys.Signing, 32);
                    Text(Keys.Name, "orders");
                    Bytes(_assignedOnce, 4);
                    NotBytes(_assignedTwice);
                }
            }
            """, """
            using System.Text;

            static class Keys
            {
                public static readonly byte[] Signing = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");
                public static readonly string Name = "orders";
            }
            """);
    }

    private static void Check(string source, params string[] otherSources)
    {
        var trees = new[] { source }.Concat(otherSources).Append(Probes)
            .Select((text, i) => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text, AnalyzerRunner.ParseOptions, $"/src/File{i}.cs"))
            .ToArray();
        Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "ConstantDataTests", trees, TestReferences.All, AnalyzerRunner.CompilationOptions);
        Verify.AssertCompiles(compilation);

        SyntaxTree tree = trees[0];
        SemanticModel model = compilation.GetSemanticModel(tree);
        var failures = new List<string>();
        int probes = 0;
        foreach (InvocationExpressionSyntax call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not IdentifierNameSyntax { Identifier.ValueText: "Bytes" or "NotBytes" or "Text" or "NotText" } name)
            {
                continue;
            }

            probes++;
            var invocation = (IInvocationOperation)model.GetOperation(call)!;
            IOperation value = invocation.Arguments[0].Value;
            string probe = name.Identifier.ValueText;
            string? failure = null;
            if (probe is "Bytes" or "NotBytes")
            {
                bool constant = ConstantDataAnalysis.IsConstantByteData(value, CancellationToken.None, out int length);
                int expectedLength = probe == "Bytes" ? (int)invocation.Arguments[1].Value.ConstantValue.Value! : 0;
                if (constant != (probe == "Bytes") || (constant && length != expectedLength))
                {
                    failure = $"judged {(constant ? "constant, " + length + " bytes" : "not constant")}";
                }
            }
            else
            {
                bool constant = ConstantDataAnalysis.TryGetConstantString(value, CancellationToken.None, out string text);
                string? expected = probe == "Text" ? (string)invocation.Arguments[1].Value.ConstantValue.Value! : null;
                if (constant != (probe == "Text") || (constant && text != expected))
                {
                    failure = $"judged {(constant ? "\"" + text + "\"" : "not constant")}";
                }
            }

            if (failure is not null)
            {
                int line = call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                failures.Add($"line {line}: {call} was {failure}");
            }
        }

        Assert.True(probes > 0, "the sample has no probes");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

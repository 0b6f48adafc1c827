using System.Text;
using Ssdlc.Build.Tasks.Sbom;

namespace Ssdlc.Build.Tasks.Tests.Sbom;

/// <summary>RFC 8785 (JSON Canonicalization Scheme) against the examples the RFC publishes, typed in here.</summary>
public class JsonCanonicalizerTests
{
    [Fact]
    public void The_RFC_sample_input_gives_the_RFC_sample_output()
    {
        // RFC 8785, section 3.2.2: the sample data and its canonical form.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        Assert.Equal(expected, Canonical(input));
    }

    [Fact]
    public void Members_are_sorted_by_UTF16_code_units()
    {
        // RFC 8785, section 3.2.3: the sorting example.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        string canonical = Canonical(input);

        string[] order = ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"];
        int[] positions = order.Select(v => canonical.IndexOf(v, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.StartsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"", canonical, StringComparison.Ordinal);
    }

    [Theory]
    // RFC 8785, appendix B: IEEE 754 bit patterns and their ECMAScript string form.
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Numbers_are_written_as_ECMAScript_writes_them(string ieee754, string expected)
    {
        double value = BitConverter.Int64BitsToDouble(Convert.ToInt64(ieee754, 16));

        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
        // The same through a JSON document: the round-trip text of the double parses back to the same value.
        Assert.Equal($"[{expected}]", Canonical($"[{value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}]"));
    }

    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff0000000000000")]
    public void NaN_and_infinity_are_rejected(string ieee754)
    {
        double value = BitConverter.Int64BitsToDouble(Convert.ToInt64(ieee754, 16));

        Assert.Throws<JsonCanonicalizationException>(() => JsonCanonicalizer.FormatNumber(value));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("[\"\\ud800\"]")]
    [InlineData("{\"\\udc00\":true}")]
    [InlineData("[1e400]")]
    public void What_I_JSON_forbids_is_rejected(string input)
    {
        Assert.Throws<JsonCanonicalizationException>(() => JsonCanonicalizer.Canonicalize(input));
    }

    [Fact]
    public void Whitespace_and_escapes_that_change_nothing_give_the_same_bytes()
    {
        string a = Canonical("{ \"b\" : [ 1 , 2.0 ], \"a\" : \"\\u0041\\/\" }");
        string b = Canonical("{\"a\":\"A/\",\"b\":[1,2]}");

        Assert.Equal("{\"a\":\"A/\",\"b\":[1,2]}", a);
        Assert.Equal(a, b);
    }

    private static string Canonical(string json) => Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(json));
}

using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>A diagnostic a test expects: its ID and exact span in the markup-free source.</summary>
internal readonly record struct ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Parses <c>{|ID:text|}</c> markup: each marks an expected diagnostic with that ID over exactly <c>text</c>.
/// Several per source are allowed; nesting is not.
/// </summary>
internal static class Markup
{
    private const string Open = "{|";
    private const string Close = "|}";

    public static (string Source, ImmutableArray<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var expected = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        int i = 0;
        while (i < markup.Length)
        {
            int open = markup.IndexOf(Open, i, StringComparison.Ordinal);
            if (open < 0)
            {
                source.Append(markup, i, markup.Length - i);
                break;
            }

            source.Append(markup, i, open - i);
            int colon = markup.IndexOf(':', open + Open.Length);
            int close = markup.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
            if (colon < 0 || close < 0 || colon > close)
            {
                throw new FormatException($"Unterminated or ID-less diagnostic markup at offset {open}.");
            }

            string id = markup.Substring(open + Open.Length, colon - open - Open.Length);
            if (id.Length == 0 || !id.All(char.IsLetterOrDigit))
            {
                throw new FormatException($"Invalid diagnostic ID '{id}' in markup at offset {open}.");
            }

            string text = markup.Substring(colon + 1, close - colon - 1);
            if (text.Contains(Open, StringComparison.Ordinal))
            {
                throw new FormatException($"Nested diagnostic markup at offset {open} is not supported.");
            }

            expected.Add(new ExpectedDiagnostic(id, new TextSpan(source.Length, text.Length)));
            source.Append(text);
            i = close + Close.Length;
        }

        return (source.ToString(), expected.ToImmutable());
    }
}

using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>
/// The library's verifier with xunit failures: a mismatch fails the test as an assertion (not as an
/// <see cref="InvalidOperationException"/> from <see cref="DefaultVerifier"/>), with the library's context lines.
/// </summary>
internal sealed class XunitVerifier : DefaultVerifier
{
    public XunitVerifier()
    {
    }

    private XunitVerifier(ImmutableStack<string> context)
        : base(context)
    {
    }

    public override void Empty<T>(string collectionName, IEnumerable<T> collection)
    {
        if (collection?.Any() == true)
        {
            Fail($"'{collectionName}' is not empty");
        }
    }

    public override void NotEmpty<T>(string collectionName, IEnumerable<T> collection)
    {
        if (collection?.Any() == false)
        {
            Fail($"'{collectionName}' is empty");
        }
    }

    public override void LanguageIsSupported(string language)
    {
        if (language != Microsoft.CodeAnalysis.LanguageNames.CSharp)
        {
            Fail($"Unsupported language '{language}'");
        }
    }

    public override void Equal<T>(T expected, T actual, string? message = null)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Fail(message ?? $"Items differ. Expected: '{expected}'. Actual: '{actual}'.");
        }
    }

    public override void True([DoesNotReturnIf(false)] bool assert, string? message = null)
    {
        if (!assert)
        {
            Fail(message ?? "Expected true, was false.");
        }
    }

    public override void False([DoesNotReturnIf(true)] bool assert, string? message = null)
    {
        if (assert)
        {
            Fail(message ?? "Expected false, was true.");
        }
    }

    [DoesNotReturn]
    public override void Fail(string? message = null)
    {
        Assert.Fail(CreateMessage(message ?? "Verification failed."));
        throw new UnreachableException();
    }

    public override void SequenceEqual<T>(IEnumerable<T> expected, IEnumerable<T> actual, IEqualityComparer<T>? equalityComparer = null, string? message = null)
    {
        if (!expected.SequenceEqual(actual, equalityComparer ?? EqualityComparer<T>.Default))
        {
            Fail(message ?? "Sequences differ.");
        }
    }

    public override IVerifier PushContext(string context) => new XunitVerifier(Context.Push(context));
}

using Ssdlc.Detection.Secrets;

namespace Ssdlc.Detection.Tests;

public class MaskingTests
{
    [Theory]
    [InlineData(40, "ghp_\u2026 (40 chars)")]
    [InlineData(11, "gh\u2026 (11 chars)")]
    [InlineData(5, "g\u2026 (5 chars)")]
    [InlineData(3, "\u2026 (3 chars)")]
    public void Mask_shows_at_most_four_characters_and_never_more_than_a_quarter(int length, string expected)
    {
        string value = ("ghp_" + new string('x', 100)).Substring(0, length);
        Assert.Equal(expected, SecretMasking.Mask(value));
    }

    [Fact]
    public void Fingerprint_is_stable_and_distinguishes_values()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        Assert.Equal("sha256:ba7816bf8f01cfea", SecretMasking.Fingerprint("abc"));
        Assert.NotEqual(SecretMasking.Fingerprint("abd"), SecretMasking.Fingerprint("abc"));
    }

    [Fact]
    public void No_secret_in_the_corpus_appears_in_any_match_output()
    {
        foreach (CorpusSample sample in Corpus.Build(42).Where(s => s.Secret is not null))
        {
            foreach (SecretMatch match in SecretScanner.ScanText(sample.Text, sample.FileName))
            {
                string secret = sample.Text.Substring(match.Offset, match.Length);
                string shown = match.ToString();
                Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
                Assert.True(match.Masked.IndexOf('\u2026') <= Math.Min(4, secret.Length / 4), sample.Label + ": prefix too long");
                Assert.StartsWith("sha256:", match.Fingerprint, StringComparison.Ordinal);
                Assert.Equal(23, match.Fingerprint.Length);
                Assert.Equal(SecretMasking.Fingerprint(secret), match.Fingerprint);
            }
        }
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Meta;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Meta;

public class UnjustifiedSuppressionAnalyzerTests
{
    /// <summary>
    /// The library checks every finding again under an added <c>#pragma warning disable SSDLC0001</c>. That pragma has no
    /// justification, so this rule rightly reports it: the check does not apply to the rule about pragmas.
    /// </summary>
    private static class VerifyCS
    {
        public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup)
        {
            var test = new AnalyzerVerifier<UnjustifiedSuppressionAnalyzer>.Test { TestCode = markup, TestBehaviors = TestBehaviors.SkipSuppressionCheck };
            await test.RunAsync();
            return test.ReportedDiagnostics;
        }
    }

    [Fact]
    public async Task Pragmas_disabling_security_rules_without_a_reason()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using Microsoft.Data.SqlClient;

            public class ReportRepository
            {
                public object? Run(SqlConnection connection, string table)
                {
            {|SSDLC0001:#pragma warning disable SSDLC0401|}
                    using var command = new SqlCommand("SELECT * FROM " + table, connection);
            #pragma warning restore SSDLC0401
                    return command.ExecuteScalar();
                }

                public void Others()
                {
            {|SSDLC0001:#pragma warning disable CA2100, CS0168|}
            {|SSDLC0001:#pragma warning disable CA5351|} //
            {|SSDLC0001:#pragma warning disable SCS0002|} // TODO
            {|SSDLC0001:#pragma warning disable S2068|} /* tbd */
            {|SSDLC0001:#pragma warning disable ssdlc1001|}
                    int unused;
            #pragma warning restore CA2100, CS0168, CA5351, SCS0002, S2068, ssdlc1001
                }
            }
            """);
        Assert.Equal(
            "#pragma warning disable suppresses security rule SSDLC0401 without a justification; say why the finding does not apply (a comment after the pragma, or a real Justification)",
            diagnostics[0].GetMessage());
        Assert.Contains("security rule CA2100 without", diagnostics[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bare_pragma_disabling_everything_is_reported()
    {
        await VerifyCS.VerifyAsync("""
            public class Legacy
            {
            {|SSDLC0001:#pragma warning disable|}
                public void M() { }
            #pragma warning restore
            }
            """);
    }

    [Fact]
    public async Task SuppressMessage_attributes_with_security_category_or_rule_and_no_real_justification()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Diagnostics.CodeAnalysis;

            [assembly: {|SSDLC0001:SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Scope = "member", Target = "~M:Jobs.Run")|}]

            public class Crypto
            {
                [{|SSDLC0001:SuppressMessage("Security", "SSDLC1001:Broken or weak hash algorithm", Justification = "")|}]
                public void A() { }

                [{|SSDLC0001:SuppressMessage("Usage", "SSDLC0401", Justification = "<Pending>")|}]
                public void B() { }

                [{|SSDLC0001:SuppressMessage("Microsoft.Security", "CA5350", Justification = "   ")|}]
                public void C() { }

                [{|SSDLC0001:System.Diagnostics.CodeAnalysis.SuppressMessageAttribute(category: "Security", checkId: "S4790", Justification = "TODO: explain")|}]
                public void D() { }

                [{|SSDLC0001:UnconditionalSuppressMessage("Security", "SCS0005", Justification = "tbd")|}]
                public void E() { }
            }
            """);
        Assert.Equal(
            "[SuppressMessage] suppresses security rule CA2100 without a justification; say why the finding does not apply (a comment after the pragma, or a real Justification)",
            diagnostics[0].GetMessage());
        Assert.StartsWith("[UnconditionalSuppressMessage] suppresses security rule SCS0005", diagnostics[^1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Justified_pragmas_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Security.Cryptography;

            public static class Totp
            {
                public static byte[] Code(byte[] key, byte[] counter)
                {
            #pragma warning disable SSDLC1001 // RFC 6238 TOTP mandates HMAC-SHA1; collision resistance is not needed
                    using var hmac = new HMACSHA1(key);
            #pragma warning restore SSDLC1001

                    // Authenticator apps only speak SHA-1; the key is per user and rotated on reset.
            #pragma warning disable CA5350
                    using var again = new HMACSHA1(key);
            #pragma warning restore CA5350

            #pragma warning disable SCS0006 /* legacy checksum compared with a vendor file, not a security boundary */
                    return hmac.ComputeHash(counter);
            #pragma warning restore SCS0006
                }
            }
            """);
    }

    [Fact]
    public async Task Justified_attributes_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Diagnostics.CodeAnalysis;

            [assembly: SuppressMessage("Security", "CA2100", Justification = "SQL comes from embedded resources only", Scope = "namespace", Target = "~N:Migrations")]

            public class Jobs
            {
                private const string Reason = "Table names come from a fixed allow-list checked above.";

                [SuppressMessage("Security", "SSDLC0401:SQL command text is not constant", Justification = Reason)]
                public void A() { }

                [UnconditionalSuppressMessage("Security", "SSDLC1001", Justification = "Interop with a vendor API that signs with SHA-1; tracked in RISK-12")]
                public void B() { }
            }
            """);
    }

    [Fact]
    public async Task Suppressions_of_non_security_rules_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Diagnostics.CodeAnalysis;

            [assembly: SuppressMessage("Performance", "CA1822:Mark members as static")]

            public class Service
            {
            #pragma warning disable CS0168, CA1822, IDE0051, 0219
                public void M() { int unused; }
                private void Unused() { int x = 1; }
            #pragma warning restore CS0168, CA1822, IDE0051, 0219

            #pragma warning disable CA2000 // CA2xxx but not a security rule
            #pragma warning disable CA1304
            #pragma warning disable S1075
            #pragma warning restore CA2000, CA1304, S1075

                [SuppressMessage("Style", "IDE0060:Remove unused parameter")]
                [SuppressMessage("Usage", "CA2200")]
                public void N(int value) { }
            }

            [System.Obsolete("SuppressMessage here is just a word")]
            public class SuppressMessage { }
            """);
    }

    [Theory]
    [InlineData("SSDLC0401", true)]
    [InlineData("SCS0005", true)]
    [InlineData("CA2100", true)]
    [InlineData("CA2326", true)]
    [InlineData("CA3075", true)]
    [InlineData("CA5350", true)]
    [InlineData("S2077", true)]
    [InlineData("s5659", true)]
    [InlineData("CA2000", false)]
    [InlineData("CA1822", false)]
    [InlineData("CS0168", false)]
    [InlineData("IDE0051", false)]
    [InlineData("S1075", false)]
    [InlineData("", false)]
    public void Security_rule_ids(string id, bool expected) => Assert.Equal(expected, SecurityRules.IsSecurityRule(id));

    [Theory]
    [InlineData("// RFC 6238 requires HMAC-SHA1", true)]
    [InlineData("Table names come from an allow-list", true)]
    [InlineData("/* vendor protocol */", true)]
    [InlineData("TODOS are tracked elsewhere; this one is reviewed", true)]
    [InlineData("//", false)]
    [InlineData("// TODO", false)]
    [InlineData("TODO: explain", false)]
    [InlineData("<Pending>", false)]
    [InlineData(" tbd ", false)]
    [InlineData("   ", false)]
    [InlineData("// ---", false)]
    [InlineData(null, false)]
    public void Justification_texts(string? text, bool expected) => Assert.Equal(expected, SecurityRules.IsRealJustification(text));
}

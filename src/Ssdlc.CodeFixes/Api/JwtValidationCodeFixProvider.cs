using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Detection.Rules;

namespace Ssdlc.CodeFixes.Api
{
    /// <summary>
    /// SSDLC1201: a literal <c>false</c> assigned to <c>RequireSignedTokens</c>, <c>ValidateLifetime</c>,
    /// <c>RequireExpirationTime</c>, <c>ValidateIssuerSigningKey</c>, <c>ValidateAudience</c> or <c>ValidateIssuer</c>
    /// (assignment or object initialiser) → <c>true</c>. The issuer, audience and signing-key checks need the matching
    /// <c>ValidIssuer</c>/<c>ValidAudience</c>/<c>IssuerSigningKey</c> (or the authority's metadata) at run time, which the
    /// fix titles say. <c>SignatureValidator</c> findings and values that are not the literal <c>false</c> have no fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(JwtValidationCodeFixProvider))]
    [Shared]
    public sealed class JwtValidationCodeFixProvider : SsdlcCodeFixProvider
    {
        public const string EquivalenceKey = "SSDLC1201.SetTrue";

        public JwtValidationCodeFixProvider()
            : base(RuleIds.JwtValidationWeakened, EquivalenceKey)
        {
        }

        private protected override CodeAction? CreateFix(FixRequest request)
        {
            if (!IsFalseAssignment(request, out string property, out LiteralExpressionSyntax literal))
            {
                return null;
            }

            string? title = property switch
            {
                "RequireSignedTokens" => "Require signed tokens (RequireSignedTokens = true)",
                "ValidateLifetime" => "Validate the token lifetime (ValidateLifetime = true)",
                "RequireExpirationTime" => "Require an expiration time (RequireExpirationTime = true)",
                "ValidateIssuerSigningKey" => "Validate the signing key (set IssuerSigningKey or IssuerSigningKeys too)",
                "ValidateAudience" => "Validate the audience (set ValidAudience too)",
                "ValidateIssuer" => "Validate the issuer (set ValidIssuer too)",
                _ => null,
            };
            if (title is null)
            {
                return null;
            }

            Document document = request.Document;
            return Fix(title, ct => ReplaceWithTrueAsync(document, literal, ct));
        }
    }
}

using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Api
{
    /// <summary>
    /// SSDLC1203: OAuth/OpenID Connect weakened (B.12.4). Reports, wherever the options are set (<c>AddOpenIdConnect</c>,
    /// <c>AddOAuth</c>, <c>AddGoogle</c>, ... and <c>AddJwtBearer</c> lambdas, <c>Configure&lt;T&gt;</c>/<c>PostConfigure&lt;T&gt;</c>,
    /// object initialisers):
    /// <list type="bullet">
    /// <item><c>UsePkce = false</c> on <c>OpenIdConnectOptions</c> or on <c>OAuthOptions</c> and the options of every handler
    /// derived from it (Google, Microsoft account, GitHub, ...);</item>
    /// <item>the implicit or hybrid-without-code flow: a constant <c>OpenIdConnectOptions.ResponseType</c> that asks for
    /// <c>token</c> or <c>id_token</c> but not for <c>code</c> (<c>OpenIdConnectResponseType.IdToken</c>, <c>"id_token token"</c>);</item>
    /// <item><c>RequireHttpsMetadata = false</c> on <c>OpenIdConnectOptions</c> or <c>JwtBearerOptions</c>, unless the
    /// assignment only runs in development (<see cref="EnvironmentGuardAnalysis"/>); also a value that is false outside
    /// development, such as <c>RequireHttpsMetadata = env.IsDevelopment()</c>. <c>!env.IsDevelopment()</c> is fine.</item>
    /// </list>
    /// </summary>
    public sealed class OAuthFlowAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.OAuthFlowWeakened);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? oidc = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions");
                INamedTypeSymbol? bearer = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions");
                INamedTypeSymbol? oauth = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Authentication.OAuth.OAuthOptions");
                if (oidc is null && bearer is null && oauth is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAssignment(c, oidc, bearer, oauth), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol? oidc, INamedTypeSymbol? bearer, INamedTypeSymbol? oauth)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target))
            {
                return;
            }

            INamedTypeSymbol type = target.Property.ContainingType;
            bool isOidc = OperationHelpers.IsOrDerivesFrom(type, oidc);
            bool isBearer = OperationHelpers.IsOrDerivesFrom(type, bearer);
            bool isOAuth = OperationHelpers.IsOrDerivesFrom(type, oauth);
            if (!isOidc && !isBearer && !isOAuth)
            {
                return;
            }

            string? finding = target.Property.Name switch
            {
                "UsePkce" when (isOidc || isOAuth) && OperationHelpers.IsConstantFalse(assignment.Value)
                    => "UsePkce is false, so an intercepted authorization code can be redeemed by someone else",
                "ResponseType" when isOidc && IsImplicitFlow(OperationHelpers.ConstantString(assignment.Value), out string responseType)
                    => $"ResponseType \"{responseType}\" is the implicit flow, which returns tokens in the browser's URL",
                "RequireHttpsMetadata" when FalseOutsideDevelopment(assignment.Value) && !EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(assignment)
                    => "RequireHttpsMetadata is false outside development, so the provider's metadata and signing keys may be fetched over plain HTTP",
                _ => null,
            };

            if (finding is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.OAuthFlowWeakened, assignment.Syntax.GetLocation(), finding));
            }
        }

        // false, or a value that is true only in development (env.IsDevelopment()) and so false everywhere else.
        private static bool FalseOutsideDevelopment(IOperation value)
            => OperationHelpers.IsConstantFalse(value) || EnvironmentGuardAnalysis.ImpliesDevelopment(value, 0);

        private static bool IsImplicitFlow(string? responseType, out string shown)
        {
            shown = string.Empty;
            if (responseType is null)
            {
                return false;
            }

            bool code = false;
            bool token = false;
            foreach (string part in responseType.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                code |= part.Equals("code", StringComparison.OrdinalIgnoreCase);
                token |= part.Equals("token", StringComparison.OrdinalIgnoreCase) || part.Equals("id_token", StringComparison.OrdinalIgnoreCase);
            }

            shown = responseType.Length > 40 ? responseType.Substring(0, 40) + "…" : responseType;
            return token && !code;
        }
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Api
{
    /// <summary>
    /// SSDLC1201: JWT validation weakened (B.12.3). Reports, on <c>TokenValidationParameters</c> (object initialisers,
    /// <c>options.TokenValidationParameters.X = …</c> in <c>AddJwtBearer</c>/<c>Configure&lt;JwtBearerOptions&gt;</c> lambdas,
    /// locals), the constant settings <c>RequireSignedTokens = false</c>, <c>ValidateLifetime = false</c>,
    /// <c>RequireExpirationTime = false</c>; a <c>SignatureValidator</c> lambda that returns a new token without checking
    /// anything (no throw, no call of a Validate/Verify method); <c>ValidateIssuerSigningKey = false</c> when the same
    /// configuration replaces the signature check with a <c>SignatureValidator</c>.
    /// <para>
    /// <c>ValidateIssuer = false</c> and <c>ValidateAudience = false</c> are graded Medium by the standard, but a rule ID
    /// carries one criticality (the presets set severities per ID and the gate counts findings by the catalog's
    /// criticality). They are therefore reported only when the same configuration also has one of the Critical
    /// weakenings above, where reporting them at Critical does not change the gate's verdict.
    /// </para>
    /// Settings that only run in development (<see cref="EnvironmentGuardAnalysis"/>) and values computed at run time
    /// are not reported.
    /// </summary>
    public sealed class JwtValidationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.JwtValidationWeakened);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? parameters = WellKnownTypes.For(start.Compilation).Get("Microsoft.IdentityModel.Tokens.TokenValidationParameters");
                INamedTypeSymbol? securityToken = WellKnownTypes.For(start.Compilation).Get("Microsoft.IdentityModel.Tokens.SecurityToken");
                if (parameters is null || securityToken is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAssignment(c, parameters, securityToken), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol parameters, INamedTypeSymbol securityToken)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target) || !IsParametersProperty(target, parameters))
            {
                return;
            }

            string? finding = Weakening(assignment, target.Property.Name, parameters, securityToken);
            if (finding is null)
            {
                if (target.Property.Name is "ValidateIssuer" or "ValidateAudience"
                    && OperationHelpers.IsConstantFalse(assignment.Value)
                    && !HasSibling(assignment, parameters, target.Property.Name == "ValidateIssuer" ? "IssuerValidator" : "AudienceValidator")
                    && !EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(assignment)
                    && HasCriticalWeakening(assignment, parameters, securityToken))
                {
                    finding = target.Property.Name == "ValidateIssuer"
                        ? "ValidateIssuer is false as well, so tokens from any issuer are accepted"
                        : "ValidateAudience is false as well, so tokens issued for other applications are accepted";
                }
                else
                {
                    return;
                }
            }
            else if (EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(assignment))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.JwtValidationWeakened, assignment.Syntax.GetLocation(), finding));
        }

        // The Critical weakenings, with the message that describes them; null for anything else.
        private static string? Weakening(ISimpleAssignmentOperation assignment, string property, INamedTypeSymbol parameters, INamedTypeSymbol securityToken)
        {
            switch (property)
            {
                case "RequireSignedTokens" when OperationHelpers.IsConstantFalse(assignment.Value):
                    return "RequireSignedTokens is false, so unsigned tokens are accepted";
                case "ValidateLifetime" when OperationHelpers.IsConstantFalse(assignment.Value) && !HasSibling(assignment, parameters, "LifetimeValidator"):
                    return "ValidateLifetime is false, so expired tokens are accepted";
                case "RequireExpirationTime" when OperationHelpers.IsConstantFalse(assignment.Value):
                    return "RequireExpirationTime is false, so tokens that never expire are accepted";
                case "SignatureValidator" when SkipsValidation(assignment.Value, securityToken):
                    return "SignatureValidator returns the token without checking its signature, so forged tokens are accepted";
                case "ValidateIssuerSigningKey" when OperationHelpers.IsConstantFalse(assignment.Value) && HasSibling(assignment, parameters, "SignatureValidator"):
                    return "ValidateIssuerSigningKey is false while SignatureValidator replaces the signature check, so tokens signed with any key are accepted";
                default:
                    return null;
            }
        }

        private static bool HasCriticalWeakening(ISimpleAssignmentOperation assignment, INamedTypeSymbol parameters, INamedTypeSymbol securityToken)
        {
            foreach (ISimpleAssignmentOperation sibling in SiblingAssignments(assignment, parameters))
            {
                if (!ReferenceEquals(sibling, assignment)
                    && sibling.Target is IPropertyReferenceOperation property
                    && Weakening(sibling, property.Property.Name, parameters, securityToken) is not null
                    && !EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(sibling))
                {
                    return true;
                }
            }

            return false;
        }

        // The assignments to TokenValidationParameters properties of the same configuration: the same object initialiser,
        // or, for assignments through a receiver (options.TokenValidationParameters.X, parameters.X), the same receiver text
        // in the same lambda or member body.
        private static List<ISimpleAssignmentOperation> SiblingAssignments(ISimpleAssignmentOperation assignment, INamedTypeSymbol parameters)
        {
            var result = new List<ISimpleAssignmentOperation>();
            var target = (IPropertyReferenceOperation)assignment.Target;
            IOperation scope;
            string? receiver = null;
            if (target.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                && assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
            {
                scope = initializer;
            }
            else if (target.Instance is { } instance)
            {
                receiver = instance.Syntax.ToString();
                scope = OperationHelpers.EnclosingFunction(assignment);
            }
            else
            {
                return result;
            }

            foreach (IOperation descendant in scope.Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } sibling
                    && IsParametersProperty(property, parameters)
                    && (receiver is null
                        ? ReferenceEquals(sibling.Parent, scope)
                        : property.Instance is { } other && other.Syntax.ToString() == receiver))
                {
                    result.Add(sibling);
                }
            }

            return result;
        }

        // A validator delegate (LifetimeValidator, IssuerValidator, AudienceValidator) runs even when the matching
        // Validate… flag is false, so the flag then switches nothing off.
        private static bool HasSibling(ISimpleAssignmentOperation assignment, INamedTypeSymbol parameters, string property)
            => SiblingAssignments(assignment, parameters).Exists(s => IsPropertyNamed(s, property));

        private static bool IsPropertyNamed(ISimpleAssignmentOperation assignment, string name)
            => assignment.Target is IPropertyReferenceOperation property && property.Property.Name == name;

        private static bool IsParametersProperty(IPropertyReferenceOperation target, INamedTypeSymbol parameters)
            => OperationHelpers.IsOrDerivesFrom(target.Property.ContainingType, parameters);

        // (token, parameters) => new JsonWebToken(token): a lambda whose every result is a new security token, with no throw
        // and no call that could validate anything (Validate…, Verify…).
        private static bool SkipsValidation(IOperation value, INamedTypeSymbol securityToken)
        {
            value = ConstantValueAnalysis.WalkDownConversions(value);
            if (value is IDelegateCreationOperation creation)
            {
                value = creation.Target;
            }

            if (!(value is IAnonymousFunctionOperation lambda))
            {
                return false;
            }

            bool returnsToken = false;
            foreach (IOperation descendant in lambda.Body.Descendants())
            {
                switch (descendant)
                {
                    case IThrowOperation:
                        return false;
                    case IInvocationOperation invocation
                        when invocation.TargetMethod.Name.IndexOf("Valid", System.StringComparison.Ordinal) >= 0
                             || invocation.TargetMethod.Name.IndexOf("Verify", System.StringComparison.Ordinal) >= 0:
                        return false;
                    case IReturnOperation { ReturnedValue: { } returned }:
                        if (!(ConstantValueAnalysis.WalkDownConversions(returned) is IObjectCreationOperation created)
                            || !OperationHelpers.IsOrDerivesFrom(created.Type, securityToken))
                        {
                            return false;
                        }

                        returnsToken = true;
                        break;
                }
            }

            return returnsToken;
        }
    }
}

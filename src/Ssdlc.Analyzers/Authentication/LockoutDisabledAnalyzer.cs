using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Authentication
{
    /// <summary>
    /// SSDLC0501: ASP.NET Core Identity's brute-force protection turned off (B.5.1.3).
    /// <list type="bullet">
    /// <item><c>SignInManager&lt;T&gt;.PasswordSignInAsync(…, lockoutOnFailure: false)</c> and
    /// <c>CheckPasswordSignInAsync(…, lockoutOnFailure: false)</c> (a constant <c>false</c>): failed attempts are not counted.</item>
    /// <item><c>LockoutOptions.AllowedForNewUsers = false</c>: new accounts are never locked.</item>
    /// <item><c>LockoutOptions.MaxFailedAccessAttempts</c> above 10.</item>
    /// <item><c>LockoutOptions.DefaultLockoutTimeSpan</c> of zero or less (a lockout that ends at once).</item>
    /// </list>
    /// Options are found wherever they are set (<c>Configure&lt;IdentityOptions&gt;</c>, <c>AddIdentity(o => …)</c>,
    /// <c>new LockoutOptions { … }</c>); only constants are judged.
    /// </summary>
    public sealed class LockoutDisabledAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The most failed attempts the standard tolerates before lockout.</summary>
        public const int MaxAttempts = 10;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.LockoutDisabled);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? lockoutOptions = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Identity.LockoutOptions");
                INamedTypeSymbol? signInManager = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Identity.SignInManager`1");
                if (lockoutOptions is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeAssignment(c, lockoutOptions), OperationKind.SimpleAssignment);
                }

                if (signInManager is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeSignIn(c, signInManager), OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeSignIn(OperationAnalysisContext context, INamedTypeSymbol signInManager)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (!(method.Name is "PasswordSignInAsync" or "CheckPasswordSignInAsync")
                || !OperationHelpers.IsOrDerivesFrom(method.ContainingType, signInManager))
            {
                return;
            }

            IArgumentOperation? argument = OperationHelpers.FindArgument(invocation.Arguments, "lockoutOnFailure");
            if (argument is null || !OperationHelpers.IsConstantFalse(argument.Value))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.LockoutDisabled,
                argument.Syntax.GetLocation(),
                method.Name + " is called with lockoutOnFailure: false, so failed passwords never lock the account"));
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol lockoutOptions)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target)
                || !OperationHelpers.IsOrDerivesFrom(target.Property.ContainingType, lockoutOptions))
            {
                return;
            }

            string? finding = null;
            switch (target.Property.Name)
            {
                case "AllowedForNewUsers" when ConstantCandidates.FirstWeak(assignment.Value, v => v is false, context.CancellationToken) is not null:
                    finding = "Lockout.AllowedForNewUsers is false, so new accounts are never locked out";
                    break;
                case "MaxFailedAccessAttempts" when ConstantCandidates.FirstWeak(assignment.Value, v => v is int n && n > MaxAttempts, context.CancellationToken) is int attempts:
                    finding = $"Lockout.MaxFailedAccessAttempts is {attempts}, above the standard's {MaxAttempts}";
                    break;
                case "DefaultLockoutTimeSpan"
                    when ConstantTimeSpanAnalysis.TryGetConstant(assignment.Value, out TimeSpan duration, context.CancellationToken) && duration <= TimeSpan.Zero:
                    finding = "Lockout.DefaultLockoutTimeSpan is " + ConstantTimeSpanAnalysis.Describe(duration) + ", so a locked-out account is unlocked at once";
                    break;
            }

            if (finding is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.LockoutDisabled, assignment.Syntax.GetLocation(), finding));
            }
        }
    }
}

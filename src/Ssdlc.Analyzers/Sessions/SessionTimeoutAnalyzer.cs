using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Sessions
{
    /// <summary>
    /// SSDLC0704: session lifetimes longer than B.7.3.2–3 allows, and persistent session cookies.
    /// <list type="bullet">
    /// <item><c>SessionOptions.IdleTimeout</c> above 30 minutes.</item>
    /// <item><c>CookieAuthenticationOptions.ExpireTimeSpan</c> above 30 minutes with sliding expiration (the default, or
    /// <c>SlidingExpiration = true</c> in the same options lambda, initialiser or method): that is the idle timeout.</item>
    /// <item><c>ExpireTimeSpan</c> above 24 hours without sliding expiration (<c>SlidingExpiration = false</c>), or when
    /// sliding is set to a run-time value: that is the absolute lifetime.</item>
    /// <item><c>Cookie.MaxAge</c> set on the session or cookie-authentication cookie: the browser keeps the session cookie
    /// after it is closed. (<c>Cookie.Expiration</c> is rejected by both at startup, so it never takes effect.)</item>
    /// </list>
    /// Only TimeSpans fixed at compile time are judged (<see cref="ConstantTimeSpanAnalysis"/>); the framework defaults
    /// (20-minute session idle timeout; 14-day sliding authentication ticket) are not reported.
    /// </summary>
    public sealed class SessionTimeoutAnalyzer : DiagnosticAnalyzer
    {
        public static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(30);

        public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SessionTimeoutTooLong);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = new Types(
                    WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Builder.SessionOptions"),
                    WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions"),
                    WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Http.CookieBuilder"));
                if (types.Session is null && types.CookieAuthentication is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, types), OperationKind.SimpleAssignment);
            });
        }

        private static void Analyze(OperationAnalysisContext context, Types types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target))
            {
                return;
            }

            IPropertySymbol property = target.Property;
            string? finding = null;
            if (property.Name == "IdleTimeout" && OperationHelpers.IsOrDerivesFrom(property.ContainingType, types.Session))
            {
                if (ConstantTimeSpanAnalysis.TryGetConstant(assignment.Value, out TimeSpan idle, context.CancellationToken) && idle > MaxIdle)
                {
                    finding = "Session IdleTimeout is " + ConstantTimeSpanAnalysis.Describe(idle);
                }
            }
            else if (property.Name == "ExpireTimeSpan" && OperationHelpers.IsOrDerivesFrom(property.ContainingType, types.CookieAuthentication))
            {
                if (ConstantTimeSpanAnalysis.TryGetConstant(assignment.Value, out TimeSpan expiry, context.CancellationToken))
                {
                    finding = JudgeExpiry(assignment, expiry, types.CookieAuthentication!);
                }
            }
            else if (property.Name == "MaxAge"
                && OperationHelpers.IsOrDerivesFrom(property.ContainingType, types.CookieBuilder)
                && !IsNull(assignment.Value)
                && OwnerOfCookie(target) is { } owner
                && (OperationHelpers.IsOrDerivesFrom(owner, types.Session) || OperationHelpers.IsOrDerivesFrom(owner, types.CookieAuthentication)))
            {
                string which = OperationHelpers.IsOrDerivesFrom(owner, types.Session) ? "session" : "authentication";
                finding = $"Cookie.MaxAge makes the {which} cookie persistent, so it outlives the browser session";
            }

            if (finding is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SessionTimeoutTooLong, assignment.Syntax.GetLocation(), finding));
            }
        }

        private static string? JudgeExpiry(ISimpleAssignmentOperation assignment, TimeSpan expiry, INamedTypeSymbol cookieAuthentication)
        {
            bool? sliding = Sliding(assignment, cookieAuthentication);
            string duration = ConstantTimeSpanAnalysis.Describe(expiry);
            if (sliding == true && expiry > MaxIdle)
            {
                return $"Cookie authentication ExpireTimeSpan is {duration} with sliding expiration, so an idle session stays valid for {duration}";
            }

            if (sliding == false && expiry > MaxLifetime)
            {
                return $"Cookie authentication ExpireTimeSpan is {duration} without sliding expiration, so a session lasts {duration}";
            }

            if (sliding is null && expiry > MaxLifetime)
            {
                return $"Cookie authentication ExpireTimeSpan is {duration}";
            }

            return null;
        }

        /// <summary>
        /// Sliding expiration as set in the same lambda, initialiser or member: true when not set (the default) or set to
        /// constant true, false when set to constant false, null when set to a run-time value.
        /// </summary>
        private static bool? Sliding(IOperation assignment, INamedTypeSymbol cookieAuthentication)
        {
            IOperation scope = assignment;
            while (scope.Parent is not null && !(scope is IAnonymousFunctionOperation) && !(scope is IObjectOrCollectionInitializerOperation))
            {
                scope = scope.Parent;
            }

            bool? sliding = true;
            foreach (IOperation operation in scope.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SlidingExpiration" } slidingTarget } set
                    && OperationHelpers.IsOrDerivesFrom(slidingTarget.Property.ContainingType, cookieAuthentication))
                {
                    if (!(set.Value.ConstantValue is { HasValue: true, Value: bool value }))
                    {
                        return null;
                    }

                    sliding = value;
                }
            }

            return sliding;
        }

        private static bool IsNull(IOperation value)
        {
            IOperation stripped = ConstantValueAnalysis.WalkDownConversions(value);
            return (stripped.ConstantValue.HasValue && stripped.ConstantValue.Value is null)
                || (value.ConstantValue.HasValue && value.ConstantValue.Value is null)
                || stripped is IDefaultValueOperation { Type.OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
        }

        /// <summary>The options type whose <c>Cookie</c> property holds the builder: <c>o.Cookie.MaxAge = …</c> or <c>Cookie = { MaxAge = … }</c>.</summary>
        private static ITypeSymbol? OwnerOfCookie(IPropertyReferenceOperation target)
        {
            switch (target.Instance)
            {
                case IPropertyReferenceOperation { Property.Name: "Cookie" } cookie:
                    return cookie.Property.ContainingType;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    for (IOperation? current = target.Parent; current is not null; current = current.Parent)
                    {
                        if (current is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "Cookie" } member })
                        {
                            return member.Property.ContainingType;
                        }

                        if (current is IObjectCreationOperation)
                        {
                            return null;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private sealed class Types
        {
            public Types(INamedTypeSymbol? session, INamedTypeSymbol? cookieAuthentication, INamedTypeSymbol? cookieBuilder)
            {
                Session = session;
                CookieAuthentication = cookieAuthentication;
                CookieBuilder = cookieBuilder;
            }

            public INamedTypeSymbol? Session { get; }

            public INamedTypeSymbol? CookieAuthentication { get; }

            public INamedTypeSymbol? CookieBuilder { get; }
        }
    }
}

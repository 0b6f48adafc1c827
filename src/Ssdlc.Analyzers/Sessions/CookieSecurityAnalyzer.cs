using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Sessions
{
    /// <summary>
    /// SSDLC0701/0702/0703: cookie attributes (B.7.2.1).
    /// <list type="bullet">
    /// <item>SSDLC0701 (Secure): <c>Response.Cookies.Append(key, value)</c> without options; an options object created in the
    /// method (<c>new CookieOptions { … }</c>, directly or in a local) without <c>Secure</c> passed to <c>Append</c>;
    /// <c>CookieOptions.Secure = false</c>; <c>CookieBuilder.SecurePolicy = None/SameAsRequest</c> (the <c>options.Cookie</c>
    /// of cookie authentication, session and antiforgery options).</item>
    /// <item>SSDLC0702 (HttpOnly): <c>Append(key, value)</c> without options; <c>HttpOnly = false</c> on <c>CookieOptions</c> or
    /// <c>CookieBuilder</c>; <c>CookiePolicyOptions.HttpOnly = HttpOnlyPolicy.None</c>; an options object without <c>HttpOnly</c>
    /// only when the cookie's constant name says it is a session, auth or token cookie (other cookies may be meant for scripts).</item>
    /// <item>SSDLC0703 (SameSite): <c>SameSite = SameSiteMode.None/Unspecified</c> on <c>CookieOptions</c> or <c>CookieBuilder</c>.</item>
    /// </list>
    /// Values computed at run time (<c>Secure = Request.IsHttps</c>) and options objects from elsewhere are not reported.
    /// </summary>
    public sealed class CookieSecurityAnalyzer : DiagnosticAnalyzer
    {
        private const string HttpNamespace = "Microsoft.AspNetCore.Http";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
            => ImmutableArray.Create(Descriptors.CookieWithoutSecure, Descriptors.CookieWithoutHttpOnly, Descriptors.CookieSameSiteNone);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Http.CookieOptions") is null)
                {
                    return;
                }

                start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name != "Append" || !IsType(method.ContainingType, HttpNamespace, "IResponseCookies"))
            {
                return;
            }

            string name = CookieName(invocation);
            IArgumentOperation? optionsArgument = null;
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is { } p && IsType(p.Type as INamedTypeSymbol, HttpNamespace, "CookieOptions"))
                {
                    optionsArgument = argument;
                }
            }

            Location location = invocation.Syntax.GetLocation();
            if (optionsArgument is null)
            {
                // Append(key, value) and Append(ReadOnlySpan<KeyValuePair>, ...) without options: Secure and HttpOnly are off.
                if (invocation.Arguments.Length == 2)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CookieWithoutSecure, location, $"Cookie {name} is appended without CookieOptions, so it is not Secure"));
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CookieWithoutHttpOnly, location, $"Cookie {name} is appended without CookieOptions, so it is not HttpOnly"));
                }

                return;
            }

            IObjectCreationOperation? creation = FindCreation(optionsArgument.Value, out ILocalSymbol? local);
            if (creation is null)
            {
                return;
            }

            IOperation root = OperationHelpers.Root(invocation);
            if (!IsSet(creation, local, root, "Secure"))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CookieWithoutSecure, location, $"Cookie {name} is appended with CookieOptions that do not set Secure"));
            }

            if (LooksLikeSessionCookie(invocation) && !IsSet(creation, local, root, "HttpOnly"))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CookieWithoutHttpOnly, location, $"Cookie {name} is appended with CookieOptions that do not set HttpOnly"));
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation { Property.Name: "Secure" or "SecurePolicy" or "HttpOnly" or "SameSite" } target))
            {
                return;
            }

            // The weak constant it can take, also on either branch of a conditional or from a field or helper.
            IPropertySymbol property = target.Property;
            object? value = ConstantCandidates.FirstWeak(assignment.Value, v => IsWeakCookieSetting(property.Name, v), context.CancellationToken);
            if (value is null)
            {
                return;
            }

            INamedTypeSymbol type = property.ContainingType;
            bool cookieOptions = IsType(type, HttpNamespace, "CookieOptions");
            bool cookieBuilder = IsType(type, HttpNamespace, "CookieBuilder");
            Location location = assignment.Syntax.GetLocation();
            switch (property.Name)
            {
                case "Secure" when cookieOptions && value is false:
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CookieWithoutSecure, location, "CookieOptions.Secure is set to false"));
                    break;
                case "SecurePolicy" when cookieBuilder && value is int policy && (policy == 0 || policy == 2):
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.CookieWithoutSecure, location, "Cookie.SecurePolicy is CookieSecurePolicy." + (policy == 0 ? "SameAsRequest" : "None")));
                    break;
                case "HttpOnly" when (cookieOptions || cookieBuilder) && value is false && !IsScriptReadableCookie(assignment):
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CookieWithoutHttpOnly, location, (cookieOptions ? "CookieOptions" : "Cookie") + ".HttpOnly is set to false"));
                    break;
                case "HttpOnly" when IsType(type, "Microsoft.AspNetCore.Builder", "CookiePolicyOptions") && value is int httpOnly && httpOnly == 0:
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.CookieWithoutHttpOnly, location, "CookiePolicyOptions.HttpOnly is HttpOnlyPolicy.None"));
                    break;
                case "SameSite" when (cookieOptions || cookieBuilder) && value is int sameSite && (sameSite == 0 || sameSite == -1):
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.CookieSameSiteNone, location, "SameSite is SameSiteMode." + (sameSite == 0 ? "None" : "Unspecified")));
                    break;
            }
        }

        // Off (false), CookieSecurePolicy.SameAsRequest (0) or None (2), HttpOnlyPolicy.None (0), SameSiteMode.None (0) or Unspecified (-1).
        private static bool IsWeakCookieSetting(string property, object? value) => property switch
        {
            "SecurePolicy" => value is 0 or 2,
            "SameSite" => value is 0 or -1,
            _ => value is false || value is 0,
        };

        // HttpOnly = false in the options of Append("XSRF-TOKEN", …): double-submit cookies are meant to be read by scripts.
        private static bool IsScriptReadableCookie(ISimpleAssignmentOperation assignment)
        {
            IOperation? parent = assignment.Parent?.Parent;
            while (parent is IConversionOperation || parent is IArgumentOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IObjectCreationOperation)
            {
                parent = parent.Parent;
                while (parent is IConversionOperation || parent is IArgumentOperation)
                {
                    parent = parent.Parent;
                }
            }

            return parent is IInvocationOperation append
                && append.TargetMethod.Name == "Append"
                && append.Arguments.Length > 0
                && OperationHelpers.ConstantString(append.Arguments[0].Value) is { } key
                && IsXsrfName(key);
        }

        private static bool IsXsrfName(string key)
        {
            string lower = key.ToLowerInvariant();
            return lower.Contains("xsrf") || lower.Contains("csrf") || lower.Contains("antiforgery");
        }

        // The options object, when it is created right here or in a local initialised with it and not reassigned.
        private static IObjectCreationOperation? FindCreation(IOperation value, out ILocalSymbol? local)
        {
            local = null;
            value = ConstantValueAnalysis.WalkDownConversions(value);
            if (value is IObjectCreationOperation direct)
            {
                return direct;
            }

            if (!(value is ILocalReferenceOperation reference))
            {
                return null;
            }

            local = reference.Local;
            IObjectCreationOperation? creation = null;
            foreach (IOperation descendant in OperationHelpers.Root(value).Descendants())
            {
                if (descendant is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    creation = declarator.Initializer is null ? null : ConstantValueAnalysis.WalkDownConversions(declarator.Initializer.Value) as IObjectCreationOperation;
                }
                else if (descendant is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    return null;
                }
            }

            return creation;
        }

        // Set in the initializer, by a copy constructor, or by an assignment to the local anywhere in the member.
        private static bool IsSet(IObjectCreationOperation creation, ILocalSymbol? local, IOperation root, string property)
        {
            if (!creation.Arguments.IsEmpty)
            {
                return true;
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (IOperation member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } && target.Property.Name == property)
                    {
                        return true;
                    }
                }
            }

            if (local is null)
            {
                return false;
            }

            foreach (IOperation descendant in root.Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation instance } target }
                    && target.Property.Name == property
                    && SymbolEqualityComparer.Default.Equals(instance.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static string CookieName(IInvocationOperation invocation)
        {
            string? key = invocation.Arguments.Length > 0 && invocation.Arguments[0].Parameter?.Name == "key"
                ? OperationHelpers.ConstantString(invocation.Arguments[0].Value)
                : null;
            return key is null || key.Length > 40 ? "(name computed)" : "'" + key + "'";
        }

        // A cookie whose constant name says it carries a session, an authentication state or a token. XSRF/CSRF cookies are
        // meant to be read by scripts (the double-submit pattern), so they are not.
        private static bool LooksLikeSessionCookie(IInvocationOperation invocation)
        {
            string? key = invocation.Arguments.Length > 0 ? OperationHelpers.ConstantString(invocation.Arguments[0].Value) : null;
            if (key is null)
            {
                return false;
            }

            if (IsXsrfName(key))
            {
                return false;
            }

            foreach (string word in SecurityValueNames.SplitWords(key))
            {
                if (word == "session" || word == "auth" || word == "authentication" || word == "identity" || word == "login")
                {
                    return true;
                }
            }

            return SecurityValueNames.Classify(key) == SecurityValueKind.Secret;
        }

        private static bool IsType(INamedTypeSymbol? type, string ns, string name)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (SymbolNames.IsType(t, ns, name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

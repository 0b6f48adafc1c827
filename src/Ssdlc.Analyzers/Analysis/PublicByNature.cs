using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Endpoints that must be reachable without signing in, whatever the application: sign-in and sign-out, external-login
    /// callbacks, registration, password reset and e-mail confirmation, access-denied, lockout and error pages, token
    /// endpoints. Recognised by the action or handler name (<c>Login</c>, <c>LoginAsync</c>, <c>ExternalLoginCallback</c>)
    /// or a literal segment of the route (<c>"/account/login"</c>, <c>"signin-oidc"</c>, <c>"/error/{code}"</c>).
    /// Requiring authorization there locks users out, so the authorization rule does not ask for it.
    /// </summary>
    internal static class PublicByNature
    {
        private static readonly HashSet<string> Exact = new HashSet<string>(StringComparer.Ordinal)
        {
            "login", "logon", "signin", "logout", "logoff", "signout", "register", "signup", "registerconfirmation",
            "forgotpassword", "forgotpasswordconfirmation", "resetpassword", "resetpasswordconfirmation", "confirmemail",
            "resendemailconfirmation", "externallogin", "externallogincallback", "signinoidc", "signoutoidc", "signoutcallbackoidc",
            "accessdenied", "lockout", "error", "statuscode", "token", "authenticate", "authorize", "callback", "loginwith2fa",
            "loginwithrecoverycode", "logincallback", "signincallback", "signoutcallback", "logoutcallback", "externalloginconfirmation",
            "externalloginfailure", "confirmemailchange", "registerexternal",
        };

        /// <summary>True for an action, page handler or endpoint handler name that says it is one of these endpoints.</summary>
        public static bool IsPublicName(string? name)
        {
            string compact = Compact(name);
            foreach (string suffix in new[] { "async", "action", "post", "get" })
            {
                if (compact.Length > suffix.Length && compact.EndsWith(suffix, StringComparison.Ordinal))
                {
                    compact = compact.Substring(0, compact.Length - suffix.Length);
                }
            }

            return Exact.Contains(compact) || IsErrorCode(compact);
        }

        // Route segments that make everything below them public (sign-in/with-2fa, error/details).
        private static readonly HashSet<string> PublicSections = new HashSet<string>(StringComparer.Ordinal)
        {
            "login", "logon", "signin", "logout", "signout", "register", "signup", "forgotpassword", "resetpassword", "externallogin", "error",
        };

        /// <summary>
        /// True when the last literal segment of a route template names one of these endpoints (<c>/account/login</c>,
        /// <c>/error/{code}</c>), or any literal segment is a sign-in, registration or error section (<c>/sign-in/with-2fa</c>).
        /// </summary>
        public static bool IsPublicRoute(string? template)
        {
            if (string.IsNullOrEmpty(template))
            {
                return false;
            }

            string? last = null;
            foreach (string segment in template!.Split('/'))
            {
                if (segment.Length > 0 && segment[0] != '{' && segment[0] != '~')
                {
                    if (PublicSections.Contains(Compact(segment)))
                    {
                        return true;
                    }

                    last = segment;
                }
            }

            return last is not null && IsPublicName(last);
        }

        /// <summary>True when an MVC action is one of these endpoints, by its name or a route template on it.</summary>
        public static bool IsPublicAction(IMethodSymbol action)
        {
            if (IsPublicName(action.Name))
            {
                return true;
            }

            foreach (AttributeData attribute in action.GetAttributes())
            {
                if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string template
                    && attribute.AttributeClass?.Name is { } name && (name.StartsWith("Http", StringComparison.Ordinal) || name == "RouteAttribute")
                    && IsPublicRoute(template))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsErrorCode(string compact)
        {
            if (!compact.StartsWith("error", StringComparison.Ordinal) || compact.Length == 5)
            {
                return false;
            }

            for (int i = 5; i < compact.Length; i++)
            {
                if (!char.IsDigit(compact[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Compact(string? text)
        {
            var compact = new StringBuilder(text?.Length ?? 0);
            foreach (char c in text ?? string.Empty)
            {
                if (char.IsLetterOrDigit(c))
                {
                    compact.Append(char.ToLowerInvariant(c));
                }
            }

            return compact.ToString();
        }
    }
}

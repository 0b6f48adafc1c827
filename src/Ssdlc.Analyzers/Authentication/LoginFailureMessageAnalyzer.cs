using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Authentication
{
    /// <summary>
    /// SSDLC0502: a login failure message that tells which part was wrong (B.5.2.3). Reports constant strings such as
    /// "Wrong password", "User not found", "Unknown user", "No such user", "Email not registered" that reach the client
    /// from an authentication path: passed to <c>ModelState.AddModelError</c>, to controller/page results (<c>BadRequest</c>,
    /// <c>Unauthorized</c>, <c>NotFound</c>, <c>Problem</c>, …) or <c>Results</c>/<c>TypedResults</c> (also inside anonymous
    /// objects and object initialisers), returned, or assigned to a property, <c>ViewData</c> or <c>TempData</c>.
    /// An authentication path is a method, local function or lambda that checks a password
    /// (<c>SignInManager.PasswordSignInAsync</c>/<c>CheckPasswordSignInAsync</c>, <c>UserManager.CheckPasswordAsync</c>) or
    /// whose name (or page model, or minimal-API route) says login, sign-in, authenticate or token. Registration,
    /// password reset and confirmation flows are not reported, nor are neutral messages ("Invalid user name or password").
    /// </summary>
    public sealed class LoginFailureMessageAnalyzer : DiagnosticAnalyzer
    {
        private static readonly Regex Revealing = new Regex(
            @"\b(?:(?:wrong|incorrect|invalid|bad)\s+password|password\s+(?:is\s+|was\s+)?(?:wrong|incorrect|invalid|not\s+correct|does\s*n[o']t\s+match|mismatch)"
            + @"|(?:user|user\s*name|account|e-?mail(?:\s+address)?|login)\s+(?:was\s+|is\s+)?(?:not\s+found|not\s+registered|does\s*n[o']t\s+exist|not\s+exist|unknown)"
            + @"|(?:unknown|no\s+such|nonexistent|non-existent)\s+(?:user|user\s*name|account|e-?mail|login)"
            + @"|no\s+(?:user|account)\s+(?:is\s+|was\s+)?(?:found|exists|with|for|registered)"
            + @"|(?:invalid|incorrect|wrong|unknown)\s+(?:user\s*name|e-?mail(?:\s+address)?|login\s+name)\s*(?:[.!]|$))",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

        // "Invalid user name or password", "Email and password do not match": one message for both parts.
        private static readonly Regex Neutral = new Regex(
            @"(?:user\s*name|e-?mail|login|account|user|credentials?)\s*(?:or|and|/|&)\s*(?:the\s+)?password|password\s*(?:or|/)\s*(?:user|e-?mail|login)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

        private static readonly HashSet<string> ResultMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "BadRequest", "Unauthorized", "NotFound", "Problem", "ValidationProblem", "Conflict", "UnprocessableEntity", "Ok",
            "StatusCode", "Json", "Content", "Text", "Forbid", "Page", "View",
        };

        private static readonly HashSet<string> PasswordChecks = new HashSet<string>(StringComparer.Ordinal)
        {
            "PasswordSignInAsync", "CheckPasswordSignInAsync", "CheckPasswordAsync",
        };

        private static readonly HashSet<string> AuthenticationWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "login", "logon", "signin", "authenticate", "authentication", "token",
        };

        // Flows where the message is not a login failure: registration, password reset, confirmation.
        private static readonly HashSet<string> OtherFlowWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "register", "registration", "signup", "forgot", "reset", "confirm", "confirmation", "change", "invite", "recover", "recovery",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.LoginFailureMessageRevealsAccount);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed on purpose: the @code blocks of Blazor components (.razor) compile to generated C#
            // (*.razor.g.cs), where most JS interop and component login forms live; #line maps findings back to the .razor file.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // The messages reach the client through ASP.NET Core (results, model state, pages, components): without
                // it there is nothing to report, and nothing to pay for every literal and local of a large code base.
                WellKnownTypes types = WellKnownTypes.For(start.Compilation);
                if (types.Get("Microsoft.AspNetCore.Http.HttpContext") is null && types.Get("Microsoft.AspNetCore.Components.ComponentBase") is null)
                {
                    return;
                }

                start.RegisterOperationAction(Analyze, OperationKind.Literal, OperationKind.FieldReference, OperationKind.LocalReference);
            });
        }

        private static void Analyze(OperationAnalysisContext context)
        {
            IOperation operation = context.Operation;
            if (!(operation.ConstantValue is { HasValue: true, Value: string message })
                || message.Length > 300
                || !IsRevealing(message)
                || operation.Parent is IFieldInitializerOperation or IVariableInitializerOperation
                || !ReachesClient(operation)
                || !IsAuthenticationPath(operation))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.LoginFailureMessageRevealsAccount, operation.Syntax.GetLocation(), Shorten(message)));
        }

        internal static bool IsRevealing(string message)
        {
            // Cheap filter before the expressions: every revealing message names the password or the account.
            if (message.IndexOf("pass", StringComparison.OrdinalIgnoreCase) < 0
                && message.IndexOf("user", StringComparison.OrdinalIgnoreCase) < 0
                && message.IndexOf("mail", StringComparison.OrdinalIgnoreCase) < 0
                && message.IndexOf("account", StringComparison.OrdinalIgnoreCase) < 0
                && message.IndexOf("login", StringComparison.OrdinalIgnoreCase) < 0)
            {
                return false;
            }

            try
            {
                return Revealing.IsMatch(message) && !Neutral.IsMatch(message);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        /// <summary>True when the constant is passed to a response, a model error, returned, or assigned to a member.</summary>
        private static bool ReachesClient(IOperation operation)
        {
            IOperation current = operation;
            for (int depth = 0; depth < 12 && current.Parent is { } parent; depth++, current = parent)
            {
                switch (parent)
                {
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case IConditionalOperation:
                    case ICoalesceOperation:
                    case IAnonymousObjectCreationOperation:
                    case IObjectOrCollectionInitializerOperation:
                    case IMemberInitializerOperation:
                    case IArrayInitializerOperation:
                    case IArrayCreationOperation:
                    case ISwitchExpressionArmOperation:
                    case ISwitchExpressionOperation:
                        continue;
                    case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                        // new { error = "…" } and new LoginResult { Message = "…" } go on upwards; a plain assignment is a sink.
                        if (assignment.Parent is IObjectOrCollectionInitializerOperation || assignment.Parent is IAnonymousObjectCreationOperation)
                        {
                            continue;
                        }

                        return assignment.Target is IPropertyReferenceOperation or IFieldReferenceOperation { Field.IsStatic: false } or IDynamicMemberReferenceOperation or IDynamicIndexerAccessOperation;
                    case IObjectCreationOperation creation:
                        // new BadRequestObjectResult("…"), new LoginResponse("…"): the creation itself must reach the client.
                        if (current is IArgumentOperation || (creation.Initializer is not null && ReferenceEquals(current, creation.Initializer)))
                        {
                            continue;
                        }

                        return false;
                    case IArgumentOperation argument:
                        if (argument.Parent is IInvocationOperation invocation)
                        {
                            if (IsSink(invocation.TargetMethod))
                            {
                                return true;
                            }

                            return false;
                        }

                        if (argument.Parent is IObjectCreationOperation created && created.Type?.Name.EndsWith("Result", StringComparison.Ordinal) == true)
                        {
                            return true;
                        }

                        if (argument.Parent is IObjectCreationOperation)
                        {
                            continue; // a DTO constructor: follow the created object upwards
                        }

                        return false;
                    case IReturnOperation:
                        return true;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool IsSink(IMethodSymbol method)
        {
            if (method.Name == "AddModelError" && method.ContainingType?.Name == "ModelStateDictionary")
            {
                return true;
            }

            if (!ResultMethods.Contains(method.Name) || method.ContainingType is not { } type)
            {
                return false;
            }

            if (type.Name is "Results" or "TypedResults" && SymbolNames.IsNamespace(type.ContainingNamespace, "Microsoft.AspNetCore.Http"))
            {
                return true;
            }

            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (current.Name is "ControllerBase" or "PageModel" && SymbolNames.IsInNamespace(current.ContainingNamespace, "Microsoft.AspNetCore.Mvc"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAuthenticationPath(IOperation operation)
        {
            // The enclosing lambdas and local functions, then the enclosing member.
            bool inLambda = false;
            for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        inLambda = true;
                        if (ChecksPassword(lambda.Body) || IsAuthenticationRoute(lambda))
                        {
                            return true;
                        }

                        break;
                    case ILocalFunctionOperation local:
                        if (NameSaysOtherFlow(local.Symbol.Name))
                        {
                            return false;
                        }

                        if ((local.Body is not null && ChecksPassword(local.Body)) || NameSaysAuthentication(local.Symbol.Name))
                        {
                            return true;
                        }

                        break;
                }
            }

            IOperation root = OperationHelpers.Root(operation);
            ISymbol? member = operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart);
            while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                member = member.ContainingSymbol;
            }

            if (member is null || member.ContainingType is null)
            {
                return false;
            }

            if (inLambda && member is IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName })
            {
                return false; // a minimal-API handler in Program.cs is judged by itself, not by the other handlers
            }

            string memberName = member.Name;
            string typeName = member.ContainingType.Name;
            if (NameSaysOtherFlow(memberName) || NameSaysOtherFlow(typeName))
            {
                return false;
            }

            return NameSaysAuthentication(memberName) || NameSaysAuthentication(typeName) || ChecksPassword(root);
        }

        private static bool ChecksPassword(IOperation body)
        {
            foreach (IOperation descendant in body.DescendantsAndSelf())
            {
                if (descendant is IInvocationOperation invocation
                    && PasswordChecks.Contains(invocation.TargetMethod.Name)
                    && invocation.TargetMethod.ContainingType?.Name is "SignInManager" or "UserManager")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>app.MapPost("/login", (…) => …)</c>, <c>group.MapPost("/token", …)</c>.</summary>
        private static bool IsAuthenticationRoute(IAnonymousFunctionOperation lambda)
        {
            IOperation current = lambda;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            if (current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                && invocation.TargetMethod.Name.StartsWith("Map", StringComparison.Ordinal)
                && OperationHelpers.FindStringArgument(invocation.Arguments, "pattern") is { } pattern
                && OperationHelpers.ConstantString(pattern.Value) is { } route)
            {
                foreach (string segment in route.Split('/'))
                {
                    if (NameSaysOtherFlow(segment))
                    {
                        return false;
                    }
                }

                foreach (string segment in route.Split('/'))
                {
                    if (NameSaysAuthentication(segment))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool NameSaysAuthentication(string name)
        {
            List<string> words = SecurityValueNames.SplitWords(name);
            for (int i = 0; i < words.Count; i++)
            {
                if (AuthenticationWords.Contains(words[i])
                    || (i + 1 < words.Count && words[i + 1] == "in" && (words[i] == "sign" || words[i] == "log"))
                    || (i + 1 < words.Count && words[i + 1] == "on" && words[i] == "log"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool NameSaysOtherFlow(string name)
        {
            List<string> words = SecurityValueNames.SplitWords(name);
            for (int i = 0; i < words.Count; i++)
            {
                if (OtherFlowWords.Contains(words[i]) || (words[i] == "sign" && i + 1 < words.Count && words[i + 1] == "up"))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 60) + "…";
    }
}

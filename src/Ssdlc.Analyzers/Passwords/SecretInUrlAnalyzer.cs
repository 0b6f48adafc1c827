using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Passwords
{
    /// <summary>
    /// SSDLC0603: a password or secret sent in a URL (B.6.1.2, B.10.2.5, B.12.2). Reports URLs built from constant query-string
    /// parts <c>password=</c>, <c>pwd=</c>, <c>passwd=</c>, <c>passphrase=</c>, <c>api_key=</c>, <c>apikey=</c>,
    /// <c>access_token=</c>, <c>client_secret=</c> that reach <c>HttpClient</c> calls, <c>new Uri</c>,
    /// <c>new HttpRequestMessage</c>, <c>new UriBuilder</c>, <c>UriBuilder.Query</c> or a redirect;
    /// <c>QueryHelpers.AddQueryString</c> with such a key; and <c>[HttpGet]</c> actions or <c>MapGet</c> handlers with a
    /// parameter named like a password, secret, API key or access token that is not bound from a header, body, form or services.
    /// </summary>
    public sealed class SecretInUrlAnalyzer : DiagnosticAnalyzer
    {
        private static readonly Regex SecretQueryKey = new Regex(
            @"(?:^|[?&;])\s*(password|passwd|pwd|passphrase|api[_-]?key|access[_-]?token|client[_-]?secret)=",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100));

        private static readonly HashSet<string> HttpClientMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "GetAsync", "GetStringAsync", "GetStreamAsync", "GetByteArrayAsync", "PostAsync", "PutAsync", "PatchAsync", "DeleteAsync",
            "GetFromJsonAsync", "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "DeleteFromJsonAsync", "GetFromJsonAsAsyncEnumerable",
        };

        private static readonly HashSet<string> RedirectMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Redirect", "RedirectPermanent", "RedirectPreserveMethod", "RedirectPermanentPreserveMethod",
        };

        private static readonly HashSet<string> NonQueryBindings = new HashSet<string>(StringComparer.Ordinal)
        {
            "FromHeaderAttribute", "FromBodyAttribute", "FromFormAttribute", "FromServicesAttribute", "FromKeyedServicesAttribute",
        };

        private static readonly HashSet<string> PasswordWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "password", "passwd", "pwd", "passphrase", "secret", "apikey",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SecretInUrl);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                Compilation compilation = start.Compilation;
                INamedTypeSymbol? httpClient = WellKnownTypes.For(compilation).Get("System.Net.Http.HttpClient");
                INamedTypeSymbol? httpGet = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.HttpGetAttribute");
                start.RegisterOperationAction(c => AnalyzeInvocation(c, httpClient), OperationKind.Invocation);
                start.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
                start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
                if (httpGet is not null)
                {
                    start.RegisterSymbolAction(c => AnalyzeAction(c, httpGet), SymbolKind.Method);
                }
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol? httpClient)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name == "AddQueryString" && method.ContainingType?.Name == "QueryHelpers")
            {
                IArgumentOperation? name = OperationHelpers.FindArgument(invocation.Arguments, "name");
                string? key = OperationHelpers.ConstantString(name?.Value);
                if (name is not null && key is not null && SecretQueryKey.IsMatch(key + "="))
                {
                    Report(context, name.Value, key);
                }

                return;
            }

            if (method.Name == "MapGet" && invocation.Arguments.Length >= 2)
            {
                AnalyzeMapGet(context, invocation);
                return;
            }

            bool isSink = (httpClient is not null && HttpClientMethods.Contains(method.Name)
                           && (SymbolEqualityComparer.Default.Equals(method.ContainingType, httpClient)
                               || (method.IsExtensionMethod && method.Parameters.Length > 0
                                   && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, httpClient))))
                          || RedirectMethods.Contains(method.Name);
            if (!isSink)
            {
                return;
            }

            IArgumentOperation? url = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name is "requestUri" or "url" or "location");
            if (url is not null)
            {
                CheckUrl(context, url.Value);
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!(creation.Type is INamedTypeSymbol { ContainingNamespace: { } ns } type))
            {
                return;
            }

            if ((type.Name is "Uri" or "UriBuilder" && SymbolNames.IsNamespace(ns, "System"))
                || (type.Name == "HttpRequestMessage" && SymbolNames.IsNamespace(ns, "System.Net.Http")))
            {
                IArgumentOperation? url = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name is "uriString" or "uri" or "requestUri" or "relativeUri");
                if (url is not null && url.Value.Type?.SpecialType == SpecialType.System_String)
                {
                    CheckUrl(context, url.Value);
                }
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "Query", ContainingType: { Name: "UriBuilder" } } })
            {
                CheckUrl(context, assignment.Value);
            }
        }

        private static void CheckUrl(OperationAnalysisContext context, IOperation url)
        {
            string? key = SecretKey(url, 0);
            if (key is not null)
            {
                Report(context, url, key);
            }
        }

        private static void Report(OperationAnalysisContext context, IOperation at, string key)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.SecretInUrl, at.Syntax.GetLocation(), $"The query parameter '{key}'"));

        /// <summary>The secret query key written in the constant parts of a URL expression, or null.</summary>
        private static string? SecretKey(IOperation value, int depth)
        {
            if (depth > 8)
            {
                return null;
            }

            value = ConstantValueAnalysis.WalkDownConversions(value);
            if (value.ConstantValue is { HasValue: true, Value: string text })
            {
                return Match(text);
            }

            switch (value)
            {
                case IParenthesizedOperation parenthesized:
                    return SecretKey(parenthesized.Operand, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    return SecretKey(binary.LeftOperand, depth + 1) ?? SecretKey(binary.RightOperand, depth + 1);
                case IInterpolatedStringOperation interpolated:
                    foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                    {
                        string? found = part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string t } }
                            ? Match(t)
                            : part is IInterpolationOperation interpolation ? SecretKey(interpolation.Expression, depth + 1) : null;
                        if (found is not null)
                        {
                            return found;
                        }
                    }

                    return null;
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Concat" or "Format" } method } invocation
                    when method.ContainingType?.SpecialType == SpecialType.System_String:
                    return invocation.Arguments.Select(a => SecretKey(a.Value, depth + 1)).FirstOrDefault(k => k is not null);
                case IInvocationOperation { TargetMethod: { Name: "AddQueryString", ContainingType.Name: "QueryHelpers" } } invocation
                    when invocation.Arguments.Length > 0:
                    return SecretKey(invocation.Arguments[0].Value, depth + 1);
                case ILocalReferenceOperation local:
                    IVariableDeclaratorOperation? declarator = OperationHelpers.Root(value).Descendants().OfType<IVariableDeclaratorOperation>()
                        .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local));
                    return declarator?.Initializer?.Value is { } initializer ? SecretKey(initializer, depth + 1) : null;
                default:
                    return null;
            }
        }

        private static string? Match(string text)
        {
            try
            {
                System.Text.RegularExpressions.Match match = SecretQueryKey.Match(text);
                return match.Success ? match.Groups[1].Value : null;
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
        }

        private static void AnalyzeAction(SymbolAnalysisContext context, INamedTypeSymbol httpGet)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (!method.GetAttributes().Any(a => OperationHelpers.IsOrDerivesFrom(a.AttributeClass, httpGet)))
            {
                return;
            }

            foreach (IParameterSymbol parameter in method.Parameters)
            {
                ReportParameter(parameter, context.ReportDiagnostic);
            }
        }

        private static void AnalyzeMapGet(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.ContainingType?.Name != "EndpointRouteBuilderExtensions")
            {
                return;
            }

            IOperation handler = ConstantValueAnalysis.WalkDownConversions(invocation.Arguments[invocation.Arguments.Length - 1].Value);
            IMethodSymbol? target = handler switch
            {
                IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda.Symbol,
                IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => reference.Method,
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                _ => null,
            };
            if (target is null)
            {
                return;
            }

            foreach (IParameterSymbol parameter in target.Parameters)
            {
                ReportParameter(parameter, context.ReportDiagnostic);
            }
        }

        private static void ReportParameter(IParameterSymbol parameter, Action<Diagnostic> report)
        {
            if (parameter.Locations.IsEmpty || !parameter.Locations[0].IsInSource
                || parameter.Type.SpecialType != SpecialType.System_String
                || !IsSecretParameterName(parameter.Name)
                || parameter.GetAttributes().Any(a => a.AttributeClass is { } c && NonQueryBindings.Contains(c.Name)))
            {
                return;
            }

            report(Diagnostic.Create(Descriptors.SecretInUrl, parameter.Locations[0], $"The GET parameter '{parameter.Name}'"));
        }

        private static bool IsSecretParameterName(string name)
        {
            if (SecurityValueNames.Classify(name) != SecurityValueKind.Secret)
            {
                return false;
            }

            List<string> words = SecurityValueNames.SplitWords(name);
            for (int i = 0; i < words.Count; i++)
            {
                if (PasswordWords.Contains(words[i]))
                {
                    return true;
                }

                if (i + 1 < words.Count
                    && ((words[i] == "api" && words[i + 1] == "key") || (words[i] == "access" && words[i + 1] == "token")))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

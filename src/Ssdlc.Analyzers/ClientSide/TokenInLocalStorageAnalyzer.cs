using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.ClientSide
{
    /// <summary>
    /// SSDLC1302: a token or secret stored in the browser's localStorage (B.13.6). Reports
    /// <c>localStorage.setItem</c> called through JS interop and <c>SetItemAsync</c>/<c>SetItemAsStringAsync</c>/<c>SetItem</c>
    /// of a Blazored-style <c>ILocalStorageService</c>/<c>ISyncLocalStorageService</c> (matched by type name) when the key
    /// (a constant) or the stored value's name says token, password, secret, API key, session id, JWT or bearer
    /// (<see cref="SecurityValueNames"/>). <c>sessionStorage</c>, <c>ProtectedLocalStorage</c> and
    /// <c>ProtectedSessionStorage</c> (encrypted with Data Protection) are not reported.
    /// </summary>
    public sealed class TokenInLocalStorageAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>
        /// Diagnostic property set (to "true") when the JS interop identifier is a string literal at the call; the
        /// diagnostic's first additional location is then that literal (used by the code fix).
        /// </summary>
        public const string LiteralIdentifierProperty = "LiteralIdentifier";

        private static readonly HashSet<string> StorageServiceTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "ILocalStorageService", "ISyncLocalStorageService", "LocalStorageService",
        };

        private static readonly HashSet<string> StorageServiceMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "SetItemAsync", "SetItemAsStringAsync", "SetItem", "SetItemAsString",
        };

        // Words that name a credential but are not in SecurityValueNames' general list.
        private static readonly HashSet<string> ExtraTokenWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "jwt", "jwts", "bearer",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.TokenInLocalStorage);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed on purpose: the @code blocks of Blazor components (.razor) compile to generated C#
            // (*.razor.g.cs), where most JS interop and component login forms live; #line maps findings back to the .razor file.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(Analyze, OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IOperation? key;
            IOperation? value;
            string sink;
            Location? identifierLiteral = null;
            if (JSInteropCalls.TryGetCall(invocation, context.CancellationToken, out string? identifier, out ImmutableArray<IOperation> arguments, out IArgumentOperation? identifierArgument))
            {
                if (identifier != "localStorage.setItem" || arguments.Length < 2)
                {
                    return;
                }

                key = JSInteropCalls.Unbox(arguments[0]);
                value = JSInteropCalls.Unbox(arguments[1]);
                sink = "localStorage.setItem";
                if (identifierArgument is not null && ConstantValueAnalysis.WalkDownConversions(identifierArgument.Value) is ILiteralOperation literal)
                {
                    identifierLiteral = literal.Syntax.GetLocation();
                }
            }
            else if (StorageServiceMethods.Contains(invocation.TargetMethod.Name) && IsStorageService(invocation))
            {
                key = OperationHelpers.FindStringArgument(invocation.Arguments, "key")?.Value;
                value = OperationHelpers.FindArgument(invocation.Arguments, "data")?.Value
                    ?? OperationHelpers.FindArgument(invocation.Arguments, "value")?.Value;
                if (key is null || value is null)
                {
                    return;
                }

                value = ConstantValueAnalysis.WalkDownConversions(value);
                sink = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
            }
            else
            {
                return;
            }

            string? name = null;
            if (OperationHelpers.ConstantString(key) is { } keyText && NamesSecret(keyText))
            {
                name = "'" + Shorten(keyText) + "'";
            }
            else if (NameOf(value, 0) is { } valueName && NamesSecret(valueName))
            {
                name = "'" + valueName + "'";
            }

            if (name is not null)
            {
                context.ReportDiagnostic(identifierLiteral is null
                    ? Diagnostic.Create(Descriptors.TokenInLocalStorage, value.Syntax.GetLocation(), sink, name)
                    : Diagnostic.Create(
                        Descriptors.TokenInLocalStorage,
                        value.Syntax.GetLocation(),
                        new[] { identifierLiteral },
                        ImmutableDictionary<string, string?>.Empty.Add(LiteralIdentifierProperty, "true"),
                        sink,
                        name));
            }
        }

        private static bool IsStorageService(IInvocationOperation invocation)
        {
            ITypeSymbol? receiver = invocation.Instance?.Type ?? invocation.TargetMethod.ContainingType;
            if (receiver is null)
            {
                return false;
            }

            if (StorageServiceTypes.Contains(receiver.Name))
            {
                return true;
            }

            foreach (INamedTypeSymbol implemented in receiver.AllInterfaces)
            {
                if (StorageServiceTypes.Contains(implemented.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a storage key or a value's name says it holds a credential.</summary>
        internal static bool NamesSecret(string name)
        {
            if (SecurityValueNames.Classify(name) == SecurityValueKind.Secret)
            {
                return true;
            }

            List<string> words = SecurityValueNames.SplitWords(name);

            // The last word says what the value is: "jwtExpiry" is a date, "jwtLength" a number ("token_expiry" is no secret).
            if (words.Count == 0 || SecurityValueNames.Classify("token_" + words[words.Count - 1]) != SecurityValueKind.Secret)
            {
                return false;
            }

            foreach (string word in words)
            {
                if (ExtraTokenWords.Contains(word))
                {
                    return true;
                }
            }

            // "session" on its own as the last word ("session", "userSession") holds the session itself.
            return words[words.Count - 1] == "session";
        }

        private static string? NameOf(IOperation? value, int depth)
        {
            if (value is null || depth > 8)
            {
                return null;
            }

            value = ConstantValueAnalysis.WalkDownConversions(value);
            switch (value)
            {
                case ILocalReferenceOperation local:
                    return local.Local.Name;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.Name;
                case IFieldReferenceOperation field:
                    return field.Field.Name;
                case IPropertyReferenceOperation property when !property.Property.IsIndexer:
                    return property.Property.Name;
                case IAwaitOperation awaited:
                    return NameOf(awaited.Operation, depth + 1);
                case IInvocationOperation call when call.TargetMethod.Name is "ToString" or "Serialize" && call.Arguments.Length <= 2:
                    // token.ToString(), JsonSerializer.Serialize(tokens)
                    return call.Instance is not null ? NameOf(call.Instance, depth + 1)
                        : call.Arguments.Length > 0 ? NameOf(call.Arguments[0].Value, depth + 1) : null;
                case IInvocationOperation call:
                    return call.TargetMethod.Name;
                default:
                    return null;
            }
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Cryptography
{
    /// <summary>
    /// SSDLC1004: a key, IV or nonce written in the source (B.10.1, B.11.1). The value reaching
    /// <c>SymmetricAlgorithm.Key</c>/<c>IV</c>, <c>KeyedHashAlgorithm.Key</c>, <c>CreateEncryptor(key, iv)</c>/<c>CreateDecryptor(key, iv)</c>,
    /// <c>EncryptCbc(…, iv)</c>, HMAC constructors and <c>HMAC*.HashData(key, …)</c>, <c>AesGcm</c>/<c>AesCcm</c>/<c>ChaCha20Poly1305</c>
    /// keys and nonces, <c>IncrementalHash.CreateHMAC</c> and <c>Microsoft.IdentityModel.Tokens.SymmetricSecurityKey</c> is followed
    /// back to where it is written (<see cref="ValueOrigins"/>: locals, either branch of a conditional, fields and properties
    /// wherever they are assigned, records and options objects, helpers and their callers; through <c>Encoding.*.GetBytes</c>,
    /// <c>Convert.FromBase64String</c>/<c>FromHexString</c>, <c>ToArray</c>/<c>AsSpan</c>). Every place that writes constant data
    /// (<see cref="ConstantDataAnalysis"/>) is reported there, once, with the use as an additional location.
    /// </summary>
    public sealed class HardcodedKeyAnalyzer : DiagnosticAnalyzer
    {
        private const string CryptographyNamespace = "System.Security.Cryptography";
        private const string SymmetricSecurityKey = "Microsoft.IdentityModel.Tokens.SymmetricSecurityKey";

        private static readonly Dictionary<string, string> KeyParameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["key"] = "key",
            ["rgbKey"] = "key",
            ["rgbIV"] = "IV",
            ["iv"] = "IV",
            ["nonce"] = "nonce",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
            => ImmutableArray.Create(Descriptors.HardcodedKey, Descriptors.HardcodedKeyDefinedElsewhere);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? symmetric = WellKnownTypes.For(start.Compilation).Get("System.Security.Cryptography.SymmetricAlgorithm");
                INamedTypeSymbol? keyedHash = WellKnownTypes.For(start.Compilation).Get("System.Security.Cryptography.KeyedHashAlgorithm");
                INamedTypeSymbol? securityKey = WellKnownTypes.For(start.Compilation).Get(SymmetricSecurityKey);
                if (symmetric is null && keyedHash is null && securityKey is null)
                {
                    return;
                }

                var reports = new DefinitionSiteReports(Descriptors.HardcodedKey, Descriptors.HardcodedKeyDefinedElsewhere);
                start.RegisterOperationBlockStartAction(block =>
                {
                    // One finding per definition and block, however many uses of it the block has.
                    var reported = new HashSet<Location>();
                    block.RegisterOperationAction(
                        c =>
                        {
                            if (Sink(c.Operation, symmetric, keyedHash, securityKey) is { } sink)
                            {
                                lock (reported)
                                {
                                    Judge(new Reporter(c.ReportDiagnostic, c.Compilation, c.CancellationToken), reports, reported, sink.Value, sink.What);
                                }
                            }
                        },
                        OperationKind.SimpleAssignment,
                        OperationKind.Argument);
                });
                start.RegisterCompilationEndAction(reports.ReportPending);
            });
        }

        private static (IOperation Value, string What)? Sink(IOperation operation, INamedTypeSymbol? symmetric, INamedTypeSymbol? keyedHash, INamedTypeSymbol? securityKey)
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Key" or "IV" } property } target } assignment
                    when OperationHelpers.IsOrDerivesFrom(property.ContainingType, symmetric) || OperationHelpers.IsOrDerivesFrom(property.ContainingType, keyedHash):
                    string owner = target.Instance?.Type?.Name ?? property.ContainingType.Name;
                    return (assignment.Value, owner + "." + property.Name);
                case IArgumentOperation { Parameter: { } parameter } argument
                    when argument.ArgumentKind != ArgumentKind.DefaultValue
                         && KeyParameters.TryGetValue(parameter.Name, out string? what)
                         && IsByteData(parameter.Type)
                         && parameter.ContainingSymbol is IMethodSymbol method
                         && (SymbolNames.IsNamespace(method.ContainingType.ContainingNamespace, CryptographyNamespace)
                             || SymbolEqualityComparer.Default.Equals(method.ContainingType, securityKey)):
                    INamedTypeSymbol type = method.ContainingType;
                    string api = method.MethodKind == MethodKind.Constructor ? "new " + type.Name : type.Name + "." + method.Name;
                    return (argument.Value, "The " + what + " passed to " + api);
                default:
                    return null;
            }
        }

        private static void Judge(Reporter context, DefinitionSiteReports reports, HashSet<Location> reported, IOperation value, string what)
        {
            foreach (ValueOrigin origin in ValueOrigins.Of(value, context.Compilation, Unwrap, context.CancellationToken))
            {
                IOperation definition = origin.Definition;
                bool constant = definition.ConstantValue is { HasValue: true, Value: string text }
                    ? text.Length > 0
                    : ConstantDataAnalysis.IsConstantByteData(definition, context.CancellationToken);
                if (constant)
                {
                    reports.Report(context.ReportDiagnostic, reported, origin, value.Syntax.GetLocation(), what);
                }
            }
        }

        /// <summary>Steps from bytes made of text (<c>Encoding.UTF8.GetBytes(s)</c>, <c>Convert.FromBase64String(s)</c>) or copied (<c>ToArray</c>) to the text or data.</summary>
        private static IOperation? Unwrap(IOperation operation)
        {
            if (!(operation is IInvocationOperation invocation))
            {
                return null;
            }

            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name is "ToArray" or "AsSpan" or "AsMemory" or "Clone"
                && (invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)) is { } source
                && source.Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "ReadOnlySpan" or "Span" or "Memory" or "ReadOnlyMemory" })
            {
                return source;
            }

            if (invocation.Arguments.Length == 1 && invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String
                && invocation.SemanticModel?.Compilation is { } compilation
                && ((method.Name == "GetBytes" && WellKnownTypes.For(compilation).Is(method.ContainingType, "System.Text.Encoding"))
                    || (method.Name is "FromBase64String" or "FromHexString" && SymbolEqualityComparer.Default.Equals(method.ContainingType, WellKnownTypes.For(compilation).Get("System.Convert")))))
            {
                return invocation.Arguments[0].Value;
            }

            return null;
        }

        private static bool IsByteData(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType.SpecialType == SpecialType.System_Byte;
            }

            return type is INamedTypeSymbol { Name: "ReadOnlySpan" or "Span" or "ReadOnlyMemory" or "Memory", TypeArguments.Length: 1 } named
                && named.TypeArguments[0].SpecialType == SpecialType.System_Byte;
        }
    }
}

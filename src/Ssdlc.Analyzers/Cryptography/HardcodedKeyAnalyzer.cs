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
    /// SSDLC1004: a key, IV or nonce written in the source (B.10.1, B.11.1). Constant byte data (see
    /// <see cref="ConstantDataAnalysis"/>) reaching <c>SymmetricAlgorithm.Key</c>/<c>IV</c>, <c>KeyedHashAlgorithm.Key</c>,
    /// <c>CreateEncryptor(key, iv)</c>/<c>CreateDecryptor(key, iv)</c>, <c>EncryptCbc(…, iv)</c>, HMAC constructors and
    /// <c>HMAC*.HashData(key, …)</c>, <c>AesGcm</c>/<c>AesCcm</c>/<c>ChaCha20Poly1305</c> keys and nonces,
    /// <c>IncrementalHash.CreateHMAC</c>, and <c>Microsoft.IdentityModel.Tokens.SymmetricSecurityKey</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
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

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.HardcodedKey);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? symmetric = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.SymmetricAlgorithm");
                INamedTypeSymbol? keyedHash = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.KeyedHashAlgorithm");
                INamedTypeSymbol? securityKey = start.Compilation.GetTypeByMetadataName(SymmetricSecurityKey);
                if (symmetric is null && keyedHash is null && securityKey is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAssignment(c, symmetric, keyedHash), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => AnalyzeArgument(c, securityKey), OperationKind.Argument);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol? symmetric, INamedTypeSymbol? keyedHash)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation { Property: { Name: "Key" or "IV" } property })
                || !(DerivesFrom(property.ContainingType, symmetric) || DerivesFrom(property.ContainingType, keyedHash)))
            {
                return;
            }

            if (ConstantDataAnalysis.IsConstantByteData(assignment.Value, context.CancellationToken))
            {
                string owner = (assignment.Target as IPropertyReferenceOperation)?.Instance?.Type?.Name ?? property.ContainingType.Name;
                Report(context, assignment.Value.Syntax, owner + "." + property.Name);
            }
        }

        private static void AnalyzeArgument(OperationAnalysisContext context, INamedTypeSymbol? securityKey)
        {
            var argument = (IArgumentOperation)context.Operation;
            IParameterSymbol? parameter = argument.Parameter;
            if (parameter is null
                || argument.ArgumentKind == ArgumentKind.DefaultValue
                || !KeyParameters.TryGetValue(parameter.Name, out string? what)
                || !IsByteData(parameter.Type)
                || !(parameter.ContainingSymbol is IMethodSymbol method))
            {
                return;
            }

            INamedTypeSymbol type = method.ContainingType;
            bool crypto = type.ContainingNamespace?.ToDisplayString() == CryptographyNamespace
                || (securityKey is not null && SymbolEqualityComparer.Default.Equals(type, securityKey));
            if (!crypto || !ConstantDataAnalysis.IsConstantByteData(argument.Value, context.CancellationToken))
            {
                return;
            }

            string api = method.MethodKind == MethodKind.Constructor ? "new " + type.Name : type.Name + "." + method.Name;
            Report(context, argument.Value.Syntax, "The " + what + " passed to " + api);
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

        private static bool DerivesFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode syntax, string what)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.HardcodedKey, syntax.GetLocation(), what));
    }
}

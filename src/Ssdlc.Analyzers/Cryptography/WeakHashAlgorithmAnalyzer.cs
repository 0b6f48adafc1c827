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
    /// SSDLC1001: MD5 and SHA-1 in any use (B.10.1). HMAC-SHA1 is not reported: HMAC does not rely on collision
    /// resistance, and protocols (TOTP, some webhooks) require it. PBKDF2 with SHA-1 is SSDLC0602's business.
    /// </summary>
    public sealed class WeakHashAlgorithmAnalyzer : DiagnosticAnalyzer
    {
        private const string Md5 = "MD5";
        private const string Sha1 = "SHA-1";

        // CryptoConfig names and OIDs that resolve to the broken algorithms.
        private static readonly Dictionary<string, string> AlgorithmNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["MD5"] = Md5,
            ["MD5CryptoServiceProvider"] = Md5,
            ["System.Security.Cryptography.MD5"] = Md5,
            ["System.Security.Cryptography.MD5Cng"] = Md5,
            ["System.Security.Cryptography.MD5CryptoServiceProvider"] = Md5,
            ["HMACMD5"] = Md5,
            ["System.Security.Cryptography.HMACMD5"] = Md5,
            ["1.2.840.113549.2.5"] = Md5,
            ["SHA"] = Sha1,
            ["SHA1"] = Sha1,
            ["SHA-1"] = Sha1,
            ["SHA1Managed"] = Sha1,
            ["SHA1CryptoServiceProvider"] = Sha1,
            ["System.Security.Cryptography.SHA1"] = Sha1,
            ["System.Security.Cryptography.SHA1Cng"] = Sha1,
            ["System.Security.Cryptography.SHA1Managed"] = Sha1,
            ["System.Security.Cryptography.SHA1CryptoServiceProvider"] = Sha1,
            ["1.3.14.3.2.26"] = Sha1,
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.WeakHash);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code cannot be changed by the user; its inputs are reported where the user wrote them.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                CryptoTypes? types = CryptoTypes.Create(start.Compilation);
                if (types is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeObjectCreation(c, types), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
            });
        }

        private static void AnalyzeObjectCreation(OperationAnalysisContext context, CryptoTypes types)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!(creation.Type is INamedTypeSymbol type))
            {
                return;
            }

            string? algorithm = types.BrokenAlgorithmOf(type);
            if (algorithm is not null)
            {
                Report(context, creation.Syntax, "new " + type.Name, algorithm);
                return;
            }

            if (creation.Constructor is not null)
            {
                CheckHashAlgorithmNameArguments(context, types, creation.Constructor, creation.Arguments);
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, CryptoTypes types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            INamedTypeSymbol? containingType = method.ContainingType;
            if (containingType is null)
            {
                return;
            }

            if (method.IsStatic && types.BrokenAlgorithmOf(containingType) is { } algorithm)
            {
                // MD5.Create(), SHA1.HashData(...), HMACMD5.HashData(...); instance calls were reported at creation.
                Report(context, invocation.Syntax, containingType.Name + "." + method.Name, algorithm);
                return;
            }

            if (types.IsNameBasedFactory(method) || IsStringNamedSignature(method))
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (ConstantValueAnalysis.WalkDownConversions(argument.Value).ConstantValue is { HasValue: true, Value: string name }
                        && AlgorithmNames.TryGetValue(name.Trim(), out string? named))
                    {
                        Report(context, types.IsNameBasedFactory(method) ? invocation.Syntax : argument.Value.Syntax, containingType.Name + "." + method.Name, named);
                        return;
                    }
                }
            }

            CheckHashAlgorithmNameArguments(context, types, method, invocation.Arguments);
        }

        // RSACryptoServiceProvider.SignData(data, "SHA1"), RSAPKCS1SignatureFormatter.SetHashAlgorithm("SHA1"), ...
        private static bool IsStringNamedSignature(IMethodSymbol method)
            => (method.Name.StartsWith("Sign", StringComparison.Ordinal)
                || method.Name.StartsWith("Verify", StringComparison.Ordinal)
                || method.Name == "SetHashAlgorithm")
               && SymbolNames.IsNamespace(method.ContainingType.ContainingNamespace, "System.Security.Cryptography");

        private static void CheckHashAlgorithmNameArguments(
            OperationAnalysisContext context, CryptoTypes types, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
        {
            if (types.HashAlgorithmName is null)
            {
                return;
            }

            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is null
                    || !SymbolEqualityComparer.Default.Equals(argument.Parameter.Type, types.HashAlgorithmName)
                    || argument.ArgumentKind == ArgumentKind.DefaultValue
                    || types.IsPbkdf2(method))
                {
                    continue;
                }

                string? algorithm = HashAlgorithmNameValue(ConstantValueAnalysis.WalkDownConversions(argument.Value), types);
                if (algorithm is null || (algorithm == Sha1 && types.IsHmacBased(method)))
                {
                    continue;
                }

                string api = method.MethodKind == MethodKind.Constructor
                    ? "new " + method.ContainingType.Name
                    : method.ContainingType.Name + "." + method.Name;
                Report(context, argument.Value.Syntax, api, algorithm);
            }
        }

        /// <summary>MD5/SHA-1 for <c>HashAlgorithmName.MD5</c>, <c>new HashAlgorithmName("SHA1")</c>; otherwise null.</summary>
        private static string? HashAlgorithmNameValue(IOperation value, CryptoTypes types)
        {
            switch (value)
            {
                case IPropertyReferenceOperation property
                    when property.Property.IsStatic && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, types.HashAlgorithmName):
                    return property.Property.Name switch
                    {
                        "MD5" => Md5,
                        "SHA1" => Sha1,
                        _ => null,
                    };
                case IObjectCreationOperation creation
                    when SymbolEqualityComparer.Default.Equals(creation.Type, types.HashAlgorithmName)
                         && creation.Arguments.Length == 1
                         && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }
                         && AlgorithmNames.TryGetValue(name, out string? algorithm):
                    return algorithm;
                default:
                    return null;
            }
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode syntax, string api, string algorithm)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHash, syntax.GetLocation(), api, algorithm));

        private sealed class CryptoTypes
        {
            private readonly INamedTypeSymbol? _md5;
            private readonly INamedTypeSymbol? _sha1;
            private readonly INamedTypeSymbol? _hmacMd5;
            private readonly INamedTypeSymbol? _hashAlgorithm;
            private readonly INamedTypeSymbol? _keyedHashAlgorithm;
            private readonly INamedTypeSymbol? _hmac;
            private readonly INamedTypeSymbol? _cryptoConfig;
            private readonly INamedTypeSymbol? _rfc2898DeriveBytes;
            private readonly INamedTypeSymbol? _hkdf;

            private CryptoTypes(Compilation compilation)
            {
                _md5 = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.MD5");
                _sha1 = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.SHA1");
                _hmacMd5 = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.HMACMD5");
                _hashAlgorithm = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.HashAlgorithm");
                _keyedHashAlgorithm = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.KeyedHashAlgorithm");
                _hmac = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.HMAC");
                _cryptoConfig = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.CryptoConfig");
                _rfc2898DeriveBytes = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.Rfc2898DeriveBytes");
                _hkdf = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.HKDF");
                HashAlgorithmName = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.HashAlgorithmName");
            }

            public INamedTypeSymbol? HashAlgorithmName { get; }

            public static CryptoTypes? Create(Compilation compilation)
            {
                var types = new CryptoTypes(compilation);
                return types._md5 is null && types._sha1 is null && types._hmacMd5 is null && types.HashAlgorithmName is null
                       && types._hashAlgorithm is null && types._cryptoConfig is null
                    ? null
                    : types;
            }

            public string? BrokenAlgorithmOf(INamedTypeSymbol type)
            {
                for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, _md5) || SymbolEqualityComparer.Default.Equals(current, _hmacMd5))
                    {
                        return Md5;
                    }

                    if (SymbolEqualityComparer.Default.Equals(current, _sha1))
                    {
                        return Sha1;
                    }
                }

                return null;
            }

            /// <summary><c>HashAlgorithm.Create("MD5")</c>, <c>CryptoConfig.CreateFromName("SHA1")</c>, <c>CryptoConfig.MapNameToOID("SHA1")</c>.</summary>
            public bool IsNameBasedFactory(IMethodSymbol method)
            {
                if (!method.IsStatic)
                {
                    return false;
                }

                INamedTypeSymbol type = method.ContainingType;
                return method.Name switch
                {
                    "Create" => SymbolEqualityComparer.Default.Equals(type, _hashAlgorithm)
                                || SymbolEqualityComparer.Default.Equals(type, _keyedHashAlgorithm)
                                || SymbolEqualityComparer.Default.Equals(type, _hmac),
                    "CreateFromName" or "MapNameToOID" => SymbolEqualityComparer.Default.Equals(type, _cryptoConfig),
                    _ => false,
                };
            }

            public bool IsPbkdf2(IMethodSymbol method)
                => SymbolEqualityComparer.Default.Equals(method.ContainingType, _rfc2898DeriveBytes)
                   || method.Name.IndexOf("Pbkdf2", StringComparison.OrdinalIgnoreCase) >= 0;

            // IncrementalHash.CreateHMAC, CryptographicOperations.HmacData/VerifyHmac, HKDF.*: keyed constructions.
            public bool IsHmacBased(IMethodSymbol method)
                => method.Name.IndexOf("Hmac", StringComparison.OrdinalIgnoreCase) >= 0
                   || SymbolEqualityComparer.Default.Equals(method.ContainingType, _hkdf);
        }
    }
}

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
    /// SSDLC1002: DES, Triple DES and RC2 (classes, <c>Create()</c> factories, CryptoServiceProvider classes,
    /// name-based factories) and Rijndael with a block size other than 128 bits (B.10.1). AES, AES-GCM/CCM and
    /// ChaCha20-Poly1305 are silent.
    /// </summary>
    public sealed class WeakSymmetricCipherAnalyzer : DiagnosticAnalyzer
    {
        private const string Des = "DES";
        private const string TripleDes = "Triple DES";
        private const string Rc2 = "RC2";

        // CryptoConfig names that resolve to the weak ciphers.
        private static readonly Dictionary<string, string> AlgorithmNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["DES"] = Des,
            ["DESCryptoServiceProvider"] = Des,
            ["System.Security.Cryptography.DES"] = Des,
            ["System.Security.Cryptography.DESCryptoServiceProvider"] = Des,
            ["3DES"] = TripleDes,
            ["TripleDES"] = TripleDes,
            ["Triple DES"] = TripleDes,
            ["TripleDESCryptoServiceProvider"] = TripleDes,
            ["System.Security.Cryptography.TripleDES"] = TripleDes,
            ["System.Security.Cryptography.TripleDESCryptoServiceProvider"] = TripleDes,
            ["RC2"] = Rc2,
            ["RC2CryptoServiceProvider"] = Rc2,
            ["System.Security.Cryptography.RC2"] = Rc2,
            ["System.Security.Cryptography.RC2CryptoServiceProvider"] = Rc2,
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.WeakSymmetricCipher);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = new CipherTypes(start.Compilation);
                if (types.SymmetricAlgorithm is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeObjectCreation(c, types), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
                if (types.Rijndael is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
                }
            });
        }

        private static void AnalyzeObjectCreation(OperationAnalysisContext context, CipherTypes types)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is INamedTypeSymbol type && types.WeakCipherOf(type) is { } cipher)
            {
                Report(context, creation.Syntax, "new " + type.Name, cipher);
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, CipherTypes types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (!method.IsStatic || method.ContainingType is null || !method.Name.StartsWith("Create", StringComparison.Ordinal))
            {
                return;
            }

            if (types.WeakCipherOf(method.ContainingType) is { } cipher)
            {
                // DES.Create(), TripleDES.Create(), RC2.Create(), TripleDES.Create("name").
                Report(context, invocation.Syntax, method.ContainingType.Name + "." + method.Name, cipher);
                return;
            }

            if (!types.IsNameBasedFactory(method))
            {
                return;
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (ConstantValueAnalysis.WalkDownConversions(argument.Value).ConstantValue is { HasValue: true, Value: string name }
                    && AlgorithmNames.TryGetValue(name.Trim(), out string? named))
                {
                    Report(context, invocation.Syntax, method.ContainingType.Name + "." + method.Name, named);
                    return;
                }
            }
        }

        // rijndael.BlockSize = 256; new RijndaelManaged { BlockSize = 192 }
        private static void AnalyzeAssignment(OperationAnalysisContext context, CipherTypes types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation { Property.Name: "BlockSize", Instance: { Type: INamedTypeSymbol instanceType } })
                || !types.IsRijndael(instanceType)
                || !(assignment.Value.ConstantValue is { HasValue: true, Value: int blockSize })
                || blockSize == 128)
            {
                return;
            }

            Report(context, assignment.Syntax, instanceType.Name + ".BlockSize = " + blockSize, "Rijndael with a " + blockSize + "-bit block (not AES)");
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode syntax, string api, string cipher)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakSymmetricCipher, syntax.GetLocation(), api, cipher));

        private sealed class CipherTypes
        {
            private readonly INamedTypeSymbol? _des;
            private readonly INamedTypeSymbol? _tripleDes;
            private readonly INamedTypeSymbol? _rc2;
            private readonly INamedTypeSymbol? _cryptoConfig;

            public CipherTypes(Compilation compilation)
            {
                _des = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.DES");
                _tripleDes = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.TripleDES");
                _rc2 = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.RC2");
                _cryptoConfig = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.CryptoConfig");
                Rijndael = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.Rijndael");
                SymmetricAlgorithm = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.SymmetricAlgorithm");
            }

            public INamedTypeSymbol? SymmetricAlgorithm { get; }

            public INamedTypeSymbol? Rijndael { get; }

            public string? WeakCipherOf(INamedTypeSymbol type)
            {
                for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, _des))
                    {
                        return Des;
                    }

                    if (SymbolEqualityComparer.Default.Equals(current, _tripleDes))
                    {
                        return TripleDes;
                    }

                    if (SymbolEqualityComparer.Default.Equals(current, _rc2))
                    {
                        return Rc2;
                    }
                }

                return null;
            }

            public bool IsRijndael(INamedTypeSymbol type)
            {
                for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, Rijndael))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary><c>SymmetricAlgorithm.Create("DES")</c>, <c>CryptoConfig.CreateFromName("3DES")</c>.</summary>
            public bool IsNameBasedFactory(IMethodSymbol method)
                => (method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ContainingType, SymmetricAlgorithm))
                   || (method.Name == "CreateFromName" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _cryptoConfig));
        }
    }
}

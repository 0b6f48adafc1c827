using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Cryptography
{
    /// <summary>
    /// SSDLC1005: asymmetric keys below policy (B.10.4.2): RSA generated below 3072 bits, DSA in any form, elliptic
    /// curves below 256 bits. A parameterless RSA creation (<c>RSA.Create()</c>, <c>new RSACryptoServiceProvider()</c>)
    /// only generates a key when the key is used before anything is imported; it is reported only when that is
    /// certain within the method (stored in a local that is used to sign, encrypt or export and never imported into,
    /// handed elsewhere or reassigned).
    /// </summary>
    public sealed class WeakAsymmetricKeyAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the key size the code fix should write (set for fixable RSA creations).</summary>
        public const string FixableProperty = "FixRsaKeySize";

        public const int MinimumRsaBits = 3072;
        public const int MinimumEcBits = 256;

        // Instance members that make a parameterless RSA object generate its (default-size) key.
        private static readonly HashSet<string> KeyGeneratingMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "SignData", "SignHash", "TrySignData", "TrySignHash", "Encrypt", "Decrypt", "TryEncrypt", "TryDecrypt",
            "ExportParameters", "ExportRSAPrivateKey", "ExportRSAPublicKey", "ExportSubjectPublicKeyInfo", "ExportPkcs8PrivateKey",
            "ExportEncryptedPkcs8PrivateKey", "ExportRSAPrivateKeyPem", "ExportRSAPublicKeyPem", "ExportSubjectPublicKeyInfoPem",
            "ExportPkcs8PrivateKeyPem", "ExportEncryptedPkcs8PrivateKeyPem", "TryExportRSAPrivateKey", "TryExportRSAPublicKey",
            "TryExportSubjectPublicKeyInfo", "TryExportPkcs8PrivateKey", "TryExportEncryptedPkcs8PrivateKey", "ToXmlString",
            "ExportCspBlob", "DecryptValue", "EncryptValue",
        };

        // OIDs of curves below 256 bits that CreateFromValue/CreateFromOid accept.
        private static readonly Dictionary<string, int> CurveOids = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["1.2.840.10045.3.1.1"] = 192, // prime192v1 / P-192
            ["1.2.840.10045.3.1.2"] = 192, // prime192v2
            ["1.2.840.10045.3.1.3"] = 192, // prime192v3
            ["1.3.132.0.33"] = 224, // secp224r1 / P-224
            ["1.3.132.0.32"] = 224, // secp224k1
            ["1.3.132.0.31"] = 192, // secp192k1
            ["1.3.132.0.30"] = 160, // secp160r2
            ["1.3.132.0.9"] = 160, // secp160k1
            ["1.3.132.0.8"] = 160, // secp160r1
            ["1.3.132.0.6"] = 112, // secp112r1
            ["1.3.132.0.7"] = 112, // secp112r2
            ["1.3.132.0.28"] = 128, // secp128r1
            ["1.3.132.0.29"] = 128, // secp128r2
            ["1.3.36.3.3.2.8.1.1.1"] = 160, // brainpoolP160r1
            ["1.3.36.3.3.2.8.1.1.2"] = 160, // brainpoolP160t1
            ["1.3.36.3.3.2.8.1.1.3"] = 192, // brainpoolP192r1
            ["1.3.36.3.3.2.8.1.1.4"] = 192, // brainpoolP192t1
            ["1.3.36.3.3.2.8.1.1.5"] = 224, // brainpoolP224r1
            ["1.3.36.3.3.2.8.1.1.6"] = 224, // brainpoolP224t1
        };

        // Curve name families whose number is the field size in bits: secp160r1, sect233k1, prime192v1, nistP224,
        // P-192, brainpoolP160r1, ECDSA_P192.
        private static readonly string[] CurveNamePrefixes = { "secp", "sect", "prime", "nistP", "P-", "brainpoolP", "ECDSA_P", "ECDH_P", "ansip", "ansit", "c2pnb", "c2tnb" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.WeakAsymmetricKey);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = new KeyTypes(start.Compilation);
                if (types.Rsa is null && types.Dsa is null && types.EcCurve is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeCreation(c, types), OperationKind.ObjectCreation, OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeKeySize(c, types), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => AnalyzeNamedCurve(c, types), OperationKind.PropertyReference);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, KeyTypes types)
        {
            ImmutableArray<IArgumentOperation> arguments;
            INamedTypeSymbol? algorithmType;
            bool constructed;
            switch (context.Operation)
            {
                case IObjectCreationOperation creation when creation.Constructor is not null && creation.Type is INamedTypeSymbol created:
                    arguments = creation.Arguments;
                    algorithmType = created;
                    constructed = true;
                    break;
                case IInvocationOperation invocation when invocation.TargetMethod.IsStatic && invocation.TargetMethod.ContainingType is { } containing:
                    arguments = invocation.Arguments;
                    if (containing.Equals(types.EcCurve, SymbolEqualityComparer.Default))
                    {
                        AnalyzeCurveFactory(context, invocation);
                        return;
                    }

                    if (invocation.TargetMethod.Name != "Create")
                    {
                        return;
                    }

                    algorithmType = containing;
                    constructed = false;
                    break;
                default:
                    return;
            }

            bool dsa = types.IsDsa(algorithmType);
            bool rsa = !dsa && types.IsRsa(algorithmType);
            bool ec = !dsa && !rsa && types.IsEc(algorithmType);
            if (!dsa && !rsa && !ec)
            {
                return;
            }

            IOperation operation = context.Operation;
            string api = constructed ? "new " + algorithmType.Name : algorithmType.Name + ".Create";
            if (dsa)
            {
                Report(context, operation.Syntax, api, "creates a DSA key; DSA is no longer approved", fixable: false);
                return;
            }

            // RSA.Create(2048), new RSACryptoServiceProvider(1024), ECDsa.Create(192), new ECDiffieHellmanCng(224)
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is { Type.SpecialType: SpecialType.System_Int32 } parameter
                    && parameter.Name.IndexOf("keySize", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue
                        && ConstantCandidates.FirstWeak(argument.Value, v => v is int b && b < (rsa ? MinimumRsaBits : MinimumEcBits), context.CancellationToken) is int bits)
                    {
                        if (rsa && bits < MinimumRsaBits)
                        {
                            Report(context, operation.Syntax, api, $"generates a {bits}-bit RSA key", fixable: true);
                        }
                        else if (ec && bits < MinimumEcBits)
                        {
                            Report(context, operation.Syntax, api, $"generates a {bits}-bit elliptic-curve key", fixable: false);
                        }
                    }

                    return;
                }
            }

            // Parameterless RSA: the key is generated lazily at its default size, unless one is imported first.
            if (rsa && arguments.IsEmpty && types.DefaultRsaBits(algorithmType) is int defaultBits && defaultBits < MinimumRsaBits
                && !SetsKeySizeInInitializer(operation)
                && GeneratesKeyInMethod(operation))
            {
                Report(context, operation.Syntax, api, $"generates a key of the default size, {defaultBits} bits", fixable: true);
            }
        }

        // ECCurve.CreateFromFriendlyName("secp160r1"), ECCurve.CreateFromValue("1.2.840.10045.3.1.1"), ECCurve.CreateFromOid(new Oid("..."))
        private static void AnalyzeCurveFactory(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            if (invocation.Arguments.Length != 1)
            {
                return;
            }

            IOperation value = ConstantValueAnalysis.WalkDownConversions(invocation.Arguments[0].Value);
            string? name = value.ConstantValue is { HasValue: true, Value: string s } ? s : null;
            if (name is null && value is IObjectCreationOperation { Type.Name: "Oid" } oid && oid.Arguments.Length >= 1)
            {
                name = ConstantValueAnalysis.WalkDownConversions(oid.Arguments[0].Value).ConstantValue is { HasValue: true, Value: string o } ? o : null;
            }

            if (name is not null && CurveBits(name) is int bits && bits < MinimumEcBits && IsChosen(invocation))
            {
                Report(context, invocation.Syntax, "ECCurve." + invocation.TargetMethod.Name, $"selects the {bits}-bit curve {name.Trim()}", fixable: false);
            }
        }

        // ECCurve.NamedCurves.brainpoolP160r1 ... brainpoolP224t1
        private static void AnalyzeNamedCurve(OperationAnalysisContext context, KeyTypes types)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            IPropertySymbol property = reference.Property;
            if (property.IsStatic
                && property.ContainingType is { Name: "NamedCurves" } namedCurves
                && namedCurves.ContainingType is { } outer && outer.Equals(types.EcCurve, SymbolEqualityComparer.Default)
                && CurveBits(property.Name) is int bits && bits < MinimumEcBits
                && IsChosen(reference))
            {
                Report(context, reference.Syntax, "ECCurve.NamedCurves." + property.Name, $"selects the {bits}-bit curve {property.Name}", fixable: false);
            }
        }

        /// <summary>
        /// True when a curve value is used to choose a curve (passed, stored, assigned, returned), not merely inspected
        /// (<c>curve.Oid.Value == ECCurve.NamedCurves.brainpoolP160r1.Oid.Value</c>).
        /// </summary>
        private static bool IsChosen(IOperation value)
        {
            IOperation use = value;
            while (use.Parent is IConversionOperation or IParenthesizedOperation or ISwitchExpressionArmOperation or ISwitchExpressionOperation
                   || (use.Parent is IConditionalOperation conditional && conditional.Condition != use))
            {
                use = use.Parent;
            }

            return use.Parent switch
            {
                IArgumentOperation { Parameter.ContainingSymbol: IMethodSymbol method } => method.Name != "Equals" && method.MethodKind != MethodKind.UserDefinedOperator,
                ISimpleAssignmentOperation assignment => assignment.Value == use,
                IVariableInitializerOperation or IFieldInitializerOperation or IPropertyInitializerOperation or IReturnOperation => true,
                _ => false,
            };
        }

        // rsa.KeySize = 2048; new RSACryptoServiceProvider { KeySize = 1024 }; ecdsa.KeySize = 224
        private static void AnalyzeKeySize(OperationAnalysisContext context, KeyTypes types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation { Property.Name: "KeySize", Instance.Type: INamedTypeSymbol instanceType })
                || !(ConstantCandidates.FirstWeak(assignment.Value, v => v is int b && b < (types.IsRsa(instanceType) ? MinimumRsaBits : MinimumEcBits), context.CancellationToken) is int bits))
            {
                return;
            }

            if (types.IsRsa(instanceType) && bits < MinimumRsaBits)
            {
                Report(context, assignment.Syntax, instanceType.Name + ".KeySize", $"sets a {bits}-bit RSA key", fixable: false);
            }
            else if (types.IsEc(instanceType) && bits < MinimumEcBits)
            {
                Report(context, assignment.Syntax, instanceType.Name + ".KeySize", $"sets a {bits}-bit elliptic-curve key", fixable: false);
            }
        }

        private static bool SetsKeySizeInInitializer(IOperation creation)
        {
            if (creation is IObjectCreationOperation { Initializer: { } initializer })
            {
                foreach (IOperation member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "KeySize" } })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True only when the new key object certainly generates its key in this method: it is used directly for a
        /// key-generating call, or stored in a local that is used so (or given to <c>CertificateRequest</c>) and is
        /// never imported into, reassigned, given a <c>KeySize</c>, or handed anywhere else.
        /// </summary>
        private static bool GeneratesKeyInMethod(IOperation creation)
        {
            IOperation current = creation;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            switch (current.Parent)
            {
                case IInvocationOperation direct when direct.Instance == current:
                    return KeyGeneratingMethods.Contains(direct.TargetMethod.Name);
                case IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: "CertificateRequest" } }:
                    return true;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return LocalGeneratesKey(declarator.Symbol, declarator);
                default:
                    return false;
            }
        }

        private static bool LocalGeneratesKey(ILocalSymbol local, IOperation declarator)
        {
            IOperation root = declarator;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            bool generates = false;
            foreach (IOperation operation in root.Descendants())
            {
                if (!(operation is ILocalReferenceOperation reference) || !reference.Local.Equals(local, SymbolEqualityComparer.Default))
                {
                    continue;
                }

                IOperation use = reference;
                while (use.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    use = use.Parent;
                }

                switch (use.Parent)
                {
                    case IInvocationOperation call when call.Instance == use:
                        string name = call.TargetMethod.Name;
                        if (name.StartsWith("Import", StringComparison.Ordinal) || name == "FromXmlString")
                        {
                            return false;
                        }

                        generates |= KeyGeneratingMethods.Contains(name);
                        break;
                    case IPropertyReferenceOperation property when property.Instance == use:
                        if (property.Property.Name == "KeySize" || property.Parent is IAssignmentOperation { Target: var target } && target == property)
                        {
                            return false;
                        }

                        break;
                    case IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: "CertificateRequest" } }:
                        generates = true;
                        break;
                    case IUsingOperation:
                    case IBinaryOperation:
                        break;
                    default:
                        // Reassigned, returned, stored, passed to a helper, captured in a tuple: the key may come from elsewhere.
                        return false;
                }
            }

            return generates;
        }

        /// <summary>The field size in bits of a named curve or curve OID, or null when unknown.</summary>
        internal static int? CurveBits(string name)
        {
            string trimmed = name.Trim();
            if (CurveOids.TryGetValue(trimmed, out int oidBits))
            {
                return oidBits;
            }

            foreach (string prefix in CurveNamePrefixes)
            {
                if (trimmed.Length > prefix.Length
                    && trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && char.IsDigit(trimmed[prefix.Length]))
                {
                    int end = prefix.Length;
                    while (end < trimmed.Length && char.IsDigit(trimmed[end]))
                    {
                        end++;
                    }

                    if (int.TryParse(trimmed.Substring(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int bits))
                    {
                        return bits;
                    }
                }
            }

            return null;
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode syntax, string api, string finding, bool fixable)
        {
            ImmutableDictionary<string, string?> properties = fixable
                ? ImmutableDictionary<string, string?>.Empty.Add(FixableProperty, MinimumRsaBits.ToString(CultureInfo.InvariantCulture))
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakAsymmetricKey, syntax.GetLocation(), properties, api, finding));
        }

        private sealed class KeyTypes
        {
            private readonly INamedTypeSymbol? _rsaCryptoServiceProvider;
            private readonly INamedTypeSymbol? _ecDsa;
            private readonly INamedTypeSymbol? _ecDiffieHellman;

            public KeyTypes(Compilation compilation)
            {
                Rsa = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.RSA");
                Dsa = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.DSA");
                EcCurve = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.ECCurve");
                _rsaCryptoServiceProvider = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.RSACryptoServiceProvider");
                _ecDsa = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.ECDsa");
                _ecDiffieHellman = WellKnownTypes.For(compilation).Get("System.Security.Cryptography.ECDiffieHellman");
            }

            public INamedTypeSymbol? Rsa { get; }

            public INamedTypeSymbol? Dsa { get; }

            public INamedTypeSymbol? EcCurve { get; }

            public bool IsRsa(INamedTypeSymbol? type) => OperationHelpers.IsOrDerivesFrom(type, Rsa);

            public bool IsDsa(INamedTypeSymbol? type) => OperationHelpers.IsOrDerivesFrom(type, Dsa);

            public bool IsEc(INamedTypeSymbol? type) => OperationHelpers.IsOrDerivesFrom(type, _ecDsa) || OperationHelpers.IsOrDerivesFrom(type, _ecDiffieHellman);

            /// <summary>
            /// The key size a parameterless RSA object generates: 1024 for <c>RSACryptoServiceProvider</c>, 2048 for
            /// <c>RSA.Create()</c>, <c>RSACng</c> and <c>RSAOpenSsl</c>; null for types we do not know.
            /// </summary>
            public int? DefaultRsaBits(INamedTypeSymbol? type)
            {
                if (type is null)
                {
                    return null;
                }

                if (OperationHelpers.IsOrDerivesFrom(type, _rsaCryptoServiceProvider))
                {
                    return 1024;
                }

                return type.Equals(Rsa, SymbolEqualityComparer.Default) || type.Name is "RSACng" or "RSAOpenSsl" ? 2048 : (int?)null;
            }
        }
    }
}

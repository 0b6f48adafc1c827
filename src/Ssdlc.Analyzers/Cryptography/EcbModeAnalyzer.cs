using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Cryptography
{
    /// <summary>
    /// SSDLC1003: ECB mode (B.10.1): <c>CipherMode.ECB</c> assigned to a cipher's <c>Mode</c> (also in object
    /// initialisers) or passed where a <c>CipherMode</c> is expected, and the one-shot <c>EncryptEcb</c>/<c>DecryptEcb</c>/
    /// <c>TryEncryptEcb</c>/<c>TryDecryptEcb</c>. Comparisons (<c>mode == CipherMode.ECB</c>) are not reported.
    /// </summary>
    public sealed class EcbModeAnalyzer : DiagnosticAnalyzer
    {
        private const int Ecb = 2; // CipherMode.ECB

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.EcbMode);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? cipherMode = WellKnownTypes.For(start.Compilation).Get("System.Security.Cryptography.CipherMode");
                INamedTypeSymbol? symmetricAlgorithm = WellKnownTypes.For(start.Compilation).Get("System.Security.Cryptography.SymmetricAlgorithm");
                if (cipherMode is null || symmetricAlgorithm is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAssignment(c, cipherMode), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => AnalyzeArgument(c, cipherMode), OperationKind.Argument);
                start.RegisterOperationAction(c => AnalyzeInitializer(c, cipherMode), OperationKind.PropertyInitializer, OperationKind.FieldInitializer);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, symmetricAlgorithm), OperationKind.Invocation);
            });
        }

        // aes.Mode = CipherMode.ECB; new TripleDESCryptoServiceProvider { Mode = CipherMode.ECB }
        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol cipherMode)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "Mode" } property }
                && SymbolEqualityComparer.Default.Equals(property.Type, cipherMode)
                && IsEcb(assignment.Value))
            {
                string owner = (property.ContainingType?.Name ?? "SymmetricAlgorithm") + ".Mode";
                if (assignment.Target is IPropertyReferenceOperation { Instance.Type: INamedTypeSymbol instanceType })
                {
                    owner = instanceType.Name + ".Mode";
                }

                Report(context, assignment.Value.Syntax, owner);
            }
        }

        // Options classes: public CipherMode Mode { get; set; } = CipherMode.ECB; (a const is reported where it is used)
        private static void AnalyzeInitializer(OperationAnalysisContext context, INamedTypeSymbol cipherMode)
        {
            ISymbol? member = context.Operation switch
            {
                IPropertyInitializerOperation property when property.InitializedProperties.Length == 1 => property.InitializedProperties[0],
                IFieldInitializerOperation field when field.InitializedFields.Length == 1 && !field.InitializedFields[0].IsConst => field.InitializedFields[0],
                _ => null,
            };
            ITypeSymbol? type = member switch
            {
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                _ => null,
            };
            if (member is not null
                && SymbolEqualityComparer.Default.Equals(type, cipherMode)
                && context.Operation is ISymbolInitializerOperation initializer
                && IsEcb(initializer.Value))
            {
                Report(context, initializer.Value.Syntax, member.ContainingType.Name + "." + member.Name);
            }
        }

        // Helpers taking the mode: CreateCipher(key, CipherMode.ECB)
        private static void AnalyzeArgument(OperationAnalysisContext context, INamedTypeSymbol cipherMode)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.ArgumentKind != ArgumentKind.DefaultValue
                && argument.Parameter is { } parameter
                && SymbolEqualityComparer.Default.Equals(parameter.OriginalDefinition.Type, cipherMode)
                && argument.Parent is IInvocationOperation or IObjectCreationOperation
                && IsEcb(argument.Value))
            {
                string api = parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                    ? "new " + constructor.ContainingType.Name
                    : parameter.ContainingSymbol.ContainingType?.Name + "." + parameter.ContainingSymbol.Name;
                Report(context, argument.Value.Syntax, api);
            }
        }

        // aes.EncryptEcb(data, PaddingMode.PKCS7)
        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol symmetricAlgorithm)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name is "EncryptEcb" or "DecryptEcb" or "TryEncryptEcb" or "TryDecryptEcb"
                && OperationHelpers.IsOrDerivesFrom(method.ContainingType, symmetricAlgorithm))
            {
                string owner = invocation.Instance?.Type is INamedTypeSymbol instanceType ? instanceType.Name : method.ContainingType.Name;
                Report(context, invocation.Syntax, owner + "." + method.Name);
            }
        }

        private static bool IsEcb(IOperation value)
        {
            IOperation unwrapped = ConstantValueAnalysis.WalkDownConversions(value);
            return unwrapped.ConstantValue is { HasValue: true, Value: int mode } && mode == Ecb;
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode syntax, string api)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.EcbMode, syntax.GetLocation(), api));
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Cryptography
{
    /// <summary>
    /// SSDLC1012: RSA encryption with PKCS#1 v1.5 padding (B.10.1): <c>RSAEncryptionPadding.Pkcs1</c> passed to an
    /// encryption API (any method taking an <c>RSAEncryptionPadding</c>, e.g. <c>Encrypt</c>, <c>Decrypt</c>,
    /// <c>TryEncrypt</c>, <c>TryDecrypt</c>) or stored in a field, property or local; and
    /// <c>RSACryptoServiceProvider.Encrypt/Decrypt(data, fOAEP: false)</c>. Signature padding
    /// (<c>RSASignaturePadding.Pkcs1</c>) and comparisons with <c>RSAEncryptionPadding.Pkcs1</c> are not reported.
    /// </summary>
    public sealed class RsaPkcs1EncryptionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.RsaPkcs1Encryption);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? padding = WellKnownTypes.For(start.Compilation).Get("System.Security.Cryptography.RSAEncryptionPadding");
                INamedTypeSymbol? csp = WellKnownTypes.For(start.Compilation).Get("System.Security.Cryptography.RSACryptoServiceProvider");
                if (padding is not null)
                {
                    start.RegisterOperationAction(c => AnalyzePaddingReference(c, padding), OperationKind.PropertyReference);
                }

                if (csp is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeCspCall(c, csp), OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzePaddingReference(OperationAnalysisContext context, INamedTypeSymbol padding)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            if (!(reference.Property is { IsStatic: true, Name: "Pkcs1" } property)
                || !SymbolEqualityComparer.Default.Equals(property.ContainingType, padding))
            {
                return;
            }

            // legacy ? RSAEncryptionPadding.Pkcs1 : RSAEncryptionPadding.OaepSHA256 is a choice of Pkcs1 too.
            IOperation use = reference;
            while (use.Parent is IConversionOperation or IParenthesizedOperation or ISwitchExpressionArmOperation or ISwitchExpressionOperation
                   || (use.Parent is IConditionalOperation conditional && conditional.Condition != use)
                   || (use.Parent is ICoalesceOperation coalesce && coalesce.WhenNull == use))
            {
                use = use.Parent;
            }

            string? api = use.Parent switch
            {
                IArgumentOperation { Parameter.ContainingSymbol: IMethodSymbol method }
                    when method.Name != "Equals" && method.MethodKind != MethodKind.UserDefinedOperator =>
                    method.MethodKind == MethodKind.Constructor
                        ? "new " + method.ContainingType.Name
                        : ReceiverName(use.Parent.Parent, method) + "." + method.Name,
                ISimpleAssignmentOperation assignment when assignment.Value == use => Describe(assignment.Target),
                IReturnOperation => "the returned padding",
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol.Name,
                IFieldInitializerOperation field when !field.InitializedFields.IsEmpty => field.InitializedFields[0].Name,
                IPropertyInitializerOperation initialized when !initialized.InitializedProperties.IsEmpty => initialized.InitializedProperties[0].Name,
                _ => null,
            };

            if (api is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RsaPkcs1Encryption, reference.Syntax.GetLocation(), api));
            }
        }

        // rsa.Encrypt(data, false) on RSACryptoServiceProvider: fOAEP = false selects PKCS#1 v1.5.
        private static void AnalyzeCspCall(OperationAnalysisContext context, INamedTypeSymbol csp)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (!(method.Name is "Encrypt" or "Decrypt") || !OperationHelpers.IsOrDerivesFrom(method.ContainingType, csp))
            {
                return;
            }

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is { Type.SpecialType: SpecialType.System_Boolean }
                    && argument.ArgumentKind != ArgumentKind.DefaultValue
                    && ConstantValueAnalysis.WalkDownConversions(argument.Value).ConstantValue is { HasValue: true, Value: false })
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.RsaPkcs1Encryption, argument.Value.Syntax.GetLocation(), method.ContainingType.Name + "." + method.Name));
                }
            }
        }

        private static string ReceiverName(IOperation? call, IMethodSymbol method)
            => call is IInvocationOperation { Instance.Type: { } receiver } ? receiver.Name : method.ContainingType.Name;

        private static string Describe(IOperation target)
            => target switch
            {
                IPropertyReferenceOperation property => property.Property.Name,
                IFieldReferenceOperation field => field.Field.Name,
                ILocalReferenceOperation local => local.Local.Name,
                _ => "the padding",
            };
    }
}

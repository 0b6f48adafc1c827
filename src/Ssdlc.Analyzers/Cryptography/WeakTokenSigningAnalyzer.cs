using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Cryptography
{
    /// <summary>
    /// SSDLC1011: unsigned or weakly signed tokens (B.12.3.2). Reports <c>SigningCredentials</c> with the algorithm
    /// <c>none</c> (<c>SecurityAlgorithms.None</c>), and HMAC keys of fewer than 256 bits written in the source:
    /// a <c>SymmetricSecurityKey</c> over constant data shorter than 32 bytes used in <c>SigningCredentials</c> with an
    /// HMAC algorithm (<c>HS256</c>/<c>HS384</c>/<c>HS512</c>, <c>SecurityAlgorithms.HmacSha*</c>) or as
    /// <c>IssuerSigningKey</c> of token validation. Keys whose length is not known at compile time are not judged.
    /// </summary>
    public sealed class WeakTokenSigningAnalyzer : DiagnosticAnalyzer
    {
        private const int MinimumKeyBytes = 32;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.WeakTokenSigning);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? signingCredentials = WellKnownTypes.For(start.Compilation).Get("Microsoft.IdentityModel.Tokens.SigningCredentials");
                INamedTypeSymbol? symmetricKey = WellKnownTypes.For(start.Compilation).Get("Microsoft.IdentityModel.Tokens.SymmetricSecurityKey");
                if (signingCredentials is null || symmetricKey is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeCreation(c, signingCredentials, symmetricKey), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, symmetricKey), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol signingCredentials, INamedTypeSymbol symmetricKey)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, signingCredentials))
            {
                return;
            }

            IArgumentOperation? algorithmArgument = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "algorithm");
            IArgumentOperation? keyArgument = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "key");
            if (algorithmArgument is null
                || !ConstantDataAnalysis.TryGetConstantString(algorithmArgument.Value, context.CancellationToken, out string algorithm))
            {
                return;
            }

            if (algorithm.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                Report(context, algorithmArgument.Value.Syntax, "The token is signed with the algorithm \"none\", i.e. not at all");
                return;
            }

            if (keyArgument is not null && IsHmac(algorithm) && ShortKeyBits(keyArgument.Value, symmetricKey, context) is int bits)
            {
                Report(context, creation.Syntax, $"The token is signed with {HmacName(algorithm)} and a {bits}-bit key");
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol symmetricKey)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property.Name: "IssuerSigningKey" }
                && ShortKeyBits(assignment.Value, symmetricKey, context) is int bits)
            {
                Report(context, assignment.Value.Syntax, $"Tokens are validated with a {bits}-bit HMAC key");
            }
        }

        /// <summary>The size in bits of a constant SymmetricSecurityKey shorter than 256 bits; null otherwise.</summary>
        private static int? ShortKeyBits(IOperation value, INamedTypeSymbol symmetricKey, OperationAnalysisContext context)
        {
            IOperation? key = Resolve(ConstantValueAnalysis.WalkDownConversions(value), context);
            if (!(key is IObjectCreationOperation creation)
                || !SymbolEqualityComparer.Default.Equals(creation.Type, symmetricKey)
                || creation.Arguments.Length != 1
                || !ConstantDataAnalysis.IsConstantByteData(creation.Arguments[0].Value, context.CancellationToken, out int length)
                || length == ConstantDataAnalysis.UnknownLength
                || length >= MinimumKeyBytes)
            {
                return null;
            }

            return length * 8;
        }

        /// <summary>Follows a local with a single initialiser, or a read-only field initialised in the same file, to its value.</summary>
        private static IOperation? Resolve(IOperation value, OperationAnalysisContext context)
        {
            for (int i = 0; i < 4; i++)
            {
                SyntaxNode? declaration = null;
                switch (value)
                {
                    case ILocalReferenceOperation local when local.Local.DeclaringSyntaxReferences.Length == 1:
                        declaration = local.Local.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken);
                        if (IsReassigned(local))
                        {
                            return null;
                        }

                        break;
                    case IFieldReferenceOperation field when field.Field.IsReadOnly && field.Field.DeclaringSyntaxReferences.Length == 1:
                        declaration = field.Field.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken);
                        break;
                    default:
                        return value;
                }

                if (!(declaration is VariableDeclaratorSyntax { Initializer: { } initializer })
                    || value.SemanticModel is null
                    || declaration.SyntaxTree != value.SemanticModel.SyntaxTree
                    || value.SemanticModel.GetOperation(initializer.Value, context.CancellationToken) is not { } next)
                {
                    return null;
                }

                value = ConstantValueAnalysis.WalkDownConversions(next);
            }

            return null;
        }

        private static bool IsReassigned(ILocalReferenceOperation local)
        {
            IOperation root = local;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            return root.Descendants().OfType<IAssignmentOperation>()
                .Any(a => a.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local.Local));
        }

        private static bool IsHmac(string algorithm)
        {
            string a = algorithm.Trim();
            return a.StartsWith("HS", StringComparison.OrdinalIgnoreCase)
                || a.IndexOf("hmac-sha", StringComparison.OrdinalIgnoreCase) >= 0
                || a.IndexOf("hmacsha", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        private static string HmacName(string algorithm)
        {
            string a = algorithm.Trim();
            return a.StartsWith("HS", StringComparison.OrdinalIgnoreCase) ? a.ToUpperInvariant() : "HMAC";
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode syntax, string what)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakTokenSigning, syntax.GetLocation(), what));
    }
}

using System;
using System.Collections.Generic;
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
    /// SSDLC1009: a token, key or secret with fewer than 256 random bits (B.10.6.1). Reports
    /// <c>RandomNumberGenerator.GetBytes(n)</c> and <c>GetHexString(n)</c> with a constant size below 32 bytes
    /// (64 hex digits), and <c>RandomNumberGenerator.Fill(buffer)</c>/<c>rng.GetBytes(buffer)</c> on a
    /// <c>new byte[n]</c>/<c>stackalloc byte[n]</c> local of such a size, when the receiving name (or, for generic names,
    /// the enclosing member) says token, key, secret, password, session ID or API key. IVs, nonces and salts are not reported:
    /// they have the size their algorithm defines.
    /// </summary>
    public sealed class ShortTokenAnalyzer : DiagnosticAnalyzer
    {
        private const int MinimumBytes = 32;

        private static readonly HashSet<string> GenericWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "result", "value", "buffer", "bytes", "byte", "data", "random", "rnd", "raw", "bits", "b", "buf", "span", "array",
            "generated", "output", "text", "s", "str", "string", "hex", "base64", "encoded", "new", "create", "generate", "get",
            "make", "next", "issue", "async", "for", "to",
        };

        private static readonly HashSet<string> TransformTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "Convert", "BitConverter", "WebEncoders", "Base64UrlEncoder", "Base64Url", "Base64UrlTextEncoder", "String",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.ShortToken);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? rng = WellKnownTypes.For(start.Compilation).Get("System.Security.Cryptography.RandomNumberGenerator");
                if (rng is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeInvocation(c, rng), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol rng)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (!OperationHelpers.IsOrDerivesFrom(method.ContainingType, rng) || invocation.Arguments.Length == 0
                || (invocation.Arguments.Length > 1 && method.Name != "GetHexString"))
            {
                return;
            }

            IOperation argument = invocation.Arguments[0].Value;
            int bytes;
            string? name;
            if (method.IsStatic && (method.Name == "GetBytes" || method.Name == "GetHexString")
                && argument.Type?.SpecialType == SpecialType.System_Int32)
            {
                if (!(argument.ConstantValue is { HasValue: true, Value: int count }) || count <= 0)
                {
                    return;
                }

                bytes = method.Name == "GetHexString" ? count / 2 : count;
                name = FollowToSink(invocation);
            }
            else if (method.Name is "Fill" or "GetBytes" or "GetNonZeroBytes"
                     && StripSpanConversion(argument) is ILocalReferenceOperation buffer)
            {
                int? size = DeclaredSize(buffer, context);
                if (size is null)
                {
                    return;
                }

                bytes = size.Value;
                name = buffer.Local.Name;
                if (IsGeneric(name))
                {
                    name = null;
                }
            }
            else
            {
                return;
            }

            if (bytes >= MinimumBytes)
            {
                return;
            }

            name ??= EnclosingName(context, invocation);
            if (name is null || SecurityValueNames.Classify(name) != SecurityValueKind.Secret)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ShortToken, invocation.Syntax.GetLocation(), name, bytes * 8));
        }

        /// <summary>The name receiving the random bytes (through encodings such as Convert.ToBase64String); null when generic.</summary>
        private static string? FollowToSink(IOperation start)
        {
            IOperation current = start;
            for (int steps = 0; steps < 20; steps++)
            {
                switch (current.Parent)
                {
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case IInterpolationOperation:
                    case IInterpolatedStringOperation:
                    case IBinaryOperation:
                        current = current.Parent;
                        continue;
                    case IInvocationOperation call when call.Instance == current:
                        current = call;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation call } when TransformTypes.Contains(call.TargetMethod.ContainingType.Name):
                        current = call;
                        continue;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return Specific(declarator.Symbol.Name);
                    case ISimpleAssignmentOperation assignment when assignment.Value == current:
                        return Specific(assignment.Target switch
                        {
                            ILocalReferenceOperation local => local.Local.Name,
                            IFieldReferenceOperation field => field.Field.Name,
                            IPropertyReferenceOperation property => property.Property.Name,
                            _ => null,
                        });
                    case IFieldInitializerOperation field when field.InitializedFields.Length > 0:
                        return Specific(field.InitializedFields[0].Name);
                    case IPropertyInitializerOperation property when property.InitializedProperties.Length > 0:
                        return Specific(property.InitializedProperties[0].Name);
                    case IArgumentOperation { Parameter: { } parameter } when SecurityValueNames.Classify(parameter.Name) != SecurityValueKind.None:
                        return parameter.Name;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static IOperation StripSpanConversion(IOperation value)
        {
            value = ConstantValueAnalysis.WalkDownConversions(value);
            return value is IConversionOperation { OperatorMethod.ContainingType.Name: "Span" } conversion
                ? ConstantValueAnalysis.WalkDownConversions(conversion.Operand)
                : value;
        }

        private static string? Specific(string? name) => name is null || IsGeneric(name) ? null : name;

        private static bool IsGeneric(string identifier)
            => SecurityValueNames.SplitWords(identifier).TrueForAll(w => GenericWords.Contains(w));

        /// <summary>n for a local declared as <c>new byte[n]</c> or <c>stackalloc byte[n]</c> with constant n and never reassigned.</summary>
        private static int? DeclaredSize(ILocalReferenceOperation buffer, OperationAnalysisContext context)
        {
            ILocalSymbol local = buffer.Local;
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value }))
            {
                return null;
            }

            ArrayRankSpecifierSyntax? rank = value switch
            {
                ArrayCreationExpressionSyntax array when array.Initializer is null => array.Type.RankSpecifiers.FirstOrDefault(),
                StackAllocArrayCreationExpressionSyntax onStack when onStack.Initializer is null
                    => (onStack.Type as ArrayTypeSyntax)?.RankSpecifiers.FirstOrDefault(),
                _ => null,
            };
            if (rank is null || rank.Sizes.Count != 1 || buffer.SemanticModel is null || value.SyntaxTree != buffer.SemanticModel.SyntaxTree)
            {
                return null;
            }

            IOperation root = buffer;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            if (root.Descendants().OfType<IAssignmentOperation>().Any(a => a.Target is ILocalReferenceOperation t && SymbolEqualityComparer.Default.Equals(t.Local, local)))
            {
                return null;
            }

            Optional<object?> size = buffer.SemanticModel.GetConstantValue(rank.Sizes[0], context.CancellationToken);
            return size.HasValue && size.Value is int n && n > 0 ? n : (int?)null;
        }

        private static string? EnclosingName(OperationAnalysisContext context, IOperation operation)
        {
            foreach (SyntaxNode ancestor in operation.Syntax.Ancestors())
            {
                if (ancestor is LocalFunctionStatementSyntax localFunction
                    && SecurityValueNames.Classify(localFunction.Identifier.ValueText) != SecurityValueKind.None)
                {
                    return localFunction.Identifier.ValueText;
                }
            }

            ISymbol? member = context.ContainingSymbol;
            if (member is IMethodSymbol { AssociatedSymbol: { } associated })
            {
                member = associated;
            }

            if (member is null || member.IsImplicitlyDeclared || member.Name.StartsWith("<", StringComparison.Ordinal))
            {
                return null;
            }

            if (SecurityValueNames.Classify(member.Name) != SecurityValueKind.None)
            {
                return member.Name;
            }

            return IsGeneric(member.Name) && member.ContainingType is { } type && SecurityValueNames.Classify(type.Name) != SecurityValueKind.None
                ? type.Name
                : null;
        }
    }
}

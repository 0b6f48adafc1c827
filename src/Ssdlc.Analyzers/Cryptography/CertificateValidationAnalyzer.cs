using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Cryptography
{
    /// <summary>
    /// SSDLC1007: TLS certificate validation turned off (B.10.3.1). Reports certificate validation callbacks that
    /// always return <c>true</c> (assigned to <c>ServerCertificateCustomValidationCallback</c>,
    /// <c>RemoteCertificateValidationCallback</c>, <c>ServicePointManager.ServerCertificateValidationCallback</c>, or passed
    /// where a <c>RemoteCertificateValidationCallback</c> is expected), any use of
    /// <c>HttpClientHandler.DangerousAcceptAnyServerCertificateValidator</c>, and <c>X509RevocationMode.NoCheck</c>
    /// set on a chain policy or TLS options. Callbacks that look at the policy errors or the certificate are not reported.
    /// </summary>
    public sealed class CertificateValidationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.CertificateValidationDisabled);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? remoteCallback = WellKnownTypes.For(start.Compilation).Get("System.Net.Security.RemoteCertificateValidationCallback");
                INamedTypeSymbol? sslPolicyErrors = WellKnownTypes.For(start.Compilation).Get("System.Net.Security.SslPolicyErrors");
                INamedTypeSymbol? revocationMode = WellKnownTypes.For(start.Compilation).Get("System.Security.Cryptography.X509Certificates.X509RevocationMode");
                INamedTypeSymbol? httpClientHandler = WellKnownTypes.For(start.Compilation).Get("System.Net.Http.HttpClientHandler");
                if (remoteCallback is null && sslPolicyErrors is null && revocationMode is null && httpClientHandler is null)
                {
                    return;
                }

                var types = new Types(remoteCallback, sslPolicyErrors, revocationMode, httpClientHandler);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
                start.RegisterOperationAction(c => AnalyzeDelegateCreation(c, types), OperationKind.DelegateCreation);
                start.RegisterOperationAction(c => AnalyzePropertyReference(c, types), OperationKind.PropertyReference);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, Types types)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation property))
            {
                return;
            }

            IOperation value = assignment.Value;
            if (types.RevocationMode is not null
                && SymbolEqualityComparer.Default.Equals(property.Property.Type, types.RevocationMode)
                && assignment is ISimpleAssignmentOperation
                && ConstantValueAnalysis.WalkDownConversions(value).ConstantValue is { HasValue: true, Value: int mode }
                && mode == 0)
            {
                Report(context, value.Syntax, property.Property.ContainingType.Name + "." + property.Property.Name + " = X509RevocationMode.NoCheck");
                return;
            }
        }

        /// <summary>
        /// Every lambda, anonymous method or method group converted to a certificate validation delegate: assigned to a
        /// callback property, passed to <c>new SslStream(…)</c>, or kept in a field or local first.
        /// </summary>
        private static void AnalyzeDelegateCreation(OperationAnalysisContext context, Types types)
        {
            var creation = (IDelegateCreationOperation)context.Operation;
            if (creation.Type is null || !IsCertificateCallbackShape(creation.Type, types) || !AlwaysAccepts(creation.Target, context))
            {
                return;
            }

            IOperation parent = creation.Parent is IConversionOperation conversion ? conversion : creation;
            string name = parent.Parent is IAssignmentOperation { Target: IPropertyReferenceOperation property }
                ? property.Property.Name
                : creation.Type.Name == "RemoteCertificateValidationCallback" ? "RemoteCertificateValidationCallback" : "certificate validation callback";
            Report(context, creation.Syntax, "A " + name + " that always returns true");
        }

        private static void AnalyzePropertyReference(OperationAnalysisContext context, Types types)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            if (reference.Property.Name == "DangerousAcceptAnyServerCertificateValidator"
                && SymbolEqualityComparer.Default.Equals(reference.Property.ContainingType, types.HttpClientHandler))
            {
                Report(context, reference.Syntax, "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator");
            }
        }

        /// <summary>A delegate returning bool whose parameters include SslPolicyErrors (or the RemoteCertificateValidationCallback itself).</summary>
        private static bool IsCertificateCallbackShape(ITypeSymbol type, Types types)
        {
            if (types.IsCallbackType(type))
            {
                return true;
            }

            if (!(type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke })
                || invoke.ReturnType.SpecialType != SpecialType.System_Boolean)
            {
                return false;
            }

            return types.SslPolicyErrors is not null
                && invoke.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, types.SslPolicyErrors));
        }

        /// <summary>True when the value is a lambda, anonymous method or method group whose every return is the literal <c>true</c>.</summary>
        private static bool AlwaysAccepts(IOperation operation, OperationAnalysisContext context)
        {
            switch (operation)
            {
                case IAnonymousFunctionOperation function:
                    return function.Symbol.DeclaringSyntaxReferences.Length > 0
                        && AlwaysReturnsTrue(function.Syntax);
                case IMethodReferenceOperation methodReference:
                    IMethodSymbol method = methodReference.Method;
                    if (method.DeclaringSyntaxReferences.Length != 1 || method.IsAbstract || method.IsVirtual || method.IsOverride)
                    {
                        return false;
                    }

                    return AlwaysReturnsTrue(method.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken));
                default:
                    return false;
            }
        }

        private static bool AlwaysReturnsTrue(SyntaxNode declaration)
        {
            CSharpSyntaxNode? body = declaration switch
            {
                AnonymousFunctionExpressionSyntax function => function.Body,
                MethodDeclarationSyntax method => (CSharpSyntaxNode?)method.ExpressionBody?.Expression ?? method.Body,
                LocalFunctionStatementSyntax local => (CSharpSyntaxNode?)local.ExpressionBody?.Expression ?? local.Body,
                _ => null,
            };
            if (body is null)
            {
                return false;
            }

            if (body is ExpressionSyntax expression)
            {
                return IsTrueLiteral(expression);
            }

            var returns = new List<ReturnStatementSyntax>();
            CollectReturns(body, returns);
            return returns.Count > 0 && returns.All(r => r.Expression is not null && IsTrueLiteral(r.Expression));
        }

        private static void CollectReturns(SyntaxNode node, List<ReturnStatementSyntax> returns)
        {
            foreach (SyntaxNode child in node.ChildNodes())
            {
                if (child is AnonymousFunctionExpressionSyntax || child is LocalFunctionStatementSyntax)
                {
                    continue;
                }

                if (child is ReturnStatementSyntax statement)
                {
                    returns.Add(statement);
                }

                CollectReturns(child, returns);
            }
        }

        private static bool IsTrueLiteral(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression.IsKind(SyntaxKind.TrueLiteralExpression);
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode syntax, string what)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.CertificateValidationDisabled, syntax.GetLocation(), what));

        private sealed class Types
        {
            public Types(INamedTypeSymbol? remoteCallback, INamedTypeSymbol? sslPolicyErrors, INamedTypeSymbol? revocationMode, INamedTypeSymbol? httpClientHandler)
            {
                RemoteCallback = remoteCallback;
                SslPolicyErrors = sslPolicyErrors;
                RevocationMode = revocationMode;
                HttpClientHandler = httpClientHandler;
            }

            public INamedTypeSymbol? RemoteCallback { get; }

            public INamedTypeSymbol? SslPolicyErrors { get; }

            public INamedTypeSymbol? RevocationMode { get; }

            public INamedTypeSymbol? HttpClientHandler { get; }

            public bool IsCallbackType(ITypeSymbol? type)
                => RemoteCallback is not null && SymbolEqualityComparer.Default.Equals(type, RemoteCallback);
        }
    }
}

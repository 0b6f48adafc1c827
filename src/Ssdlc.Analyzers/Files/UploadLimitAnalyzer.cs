using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Files
{
    /// <summary>
    /// SSDLC0302: request and upload size limits must stay finite (B.3.3): <c>[DisableRequestSizeLimit]</c>,
    /// <c>MaxRequestBodySize = null</c>, and <c>RequestSizeLimit</c>/<c>MultipartBodyLengthLimit</c> at
    /// <c>int.MaxValue</c>/<c>long.MaxValue</c>.
    /// </summary>
    public sealed class UploadLimitAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UploadLimitRemoved);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                Compilation compilation = start.Compilation;
                INamedTypeSymbol? disable = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute");
                INamedTypeSymbol? sizeLimit = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute");
                INamedTypeSymbol? formLimits = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute");
                INamedTypeSymbol? formOptions = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.Features.FormOptions");
                INamedTypeSymbol? bodySizeFeature = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature");
                INamedTypeSymbol? kestrelLimits = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits");
                if (disable is null && sizeLimit is null && formOptions is null && bodySizeFeature is null && kestrelLimits is null)
                {
                    return;
                }

                var types = new LimitTypes(disable, sizeLimit, formLimits);
                start.RegisterSymbolAction(c => AnalyzeAttributes(c, types), SymbolKind.NamedType, SymbolKind.Method);
                start.RegisterOperationAction(c => AnalyzeCreation(c, types), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeAssignment(c), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeAttributes(SymbolAnalysisContext context, LimitTypes types)
        {
            foreach (AttributeData attribute in context.Symbol.GetAttributes())
            {
                INamedTypeSymbol? type = attribute.AttributeClass;
                SyntaxReference? syntax = attribute.ApplicationSyntaxReference;
                if (type is null || syntax is null)
                {
                    continue;
                }

                string? finding = null;
                if (SymbolEqualityComparer.Default.Equals(type, types.Disable))
                {
                    finding = "[DisableRequestSizeLimit]";
                }
                else if (SymbolEqualityComparer.Default.Equals(type, types.SizeLimit)
                    && attribute.ConstructorArguments.Length == 1
                    && MaxValueName(attribute.ConstructorArguments[0].Value) is { } max)
                {
                    finding = "[RequestSizeLimit(" + max + ")]";
                }
                else if (SymbolEqualityComparer.Default.Equals(type, types.FormLimits))
                {
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "MultipartBodyLengthLimit" && MaxValueName(named.Value.Value) is { } limit)
                        {
                            finding = "[RequestFormLimits(MultipartBodyLengthLimit = " + limit + ")]";
                        }
                    }
                }

                if (finding is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.UploadLimitRemoved, syntax.GetSyntax(context.CancellationToken).GetLocation(), finding));
                }
            }
        }

        /// <summary><c>.WithMetadata(new DisableRequestSizeLimitAttribute())</c> and <c>new RequestSizeLimitAttribute(long.MaxValue)</c> on endpoints.</summary>
        private static void AnalyzeCreation(OperationAnalysisContext context, LimitTypes types)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Syntax is null || InAttribute(creation))
            {
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(creation.Type, types.Disable))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UploadLimitRemoved, creation.Syntax.GetLocation(), "new DisableRequestSizeLimitAttribute()"));
            }
            else if (SymbolEqualityComparer.Default.Equals(creation.Type, types.SizeLimit)
                && creation.Arguments.Length == 1
                && MaxValueName(ConstantOf(creation.Arguments[0].Value)) is { } max)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UploadLimitRemoved, creation.Syntax.GetLocation(), "new RequestSizeLimitAttribute(" + max + ")"));
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target)
                || assignment.Value.Syntax is null
                || InAttribute(assignment)
                || !IsAspNetCoreType(target.Property.ContainingType))
            {
                return;
            }

            string property = target.Property.ContainingType.Name + "." + target.Property.Name;
            if (target.Property.Name == "MaxRequestBodySize")
            {
                IOperation value = ConstantValueAnalysis.WalkDownConversions(assignment.Value);
                bool isNull = (value.ConstantValue.HasValue && value.ConstantValue.Value is null)
                    || (value is IDefaultValueOperation && target.Property.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T);
                if (isNull)
                {
                    Report(context, assignment, property + " = null");
                }
                else if (MaxValueName(ConstantOf(assignment.Value)) is { } max)
                {
                    Report(context, assignment, property + " = " + max);
                }
            }
            else if (target.Property.Name == "MultipartBodyLengthLimit" && MaxValueName(ConstantOf(assignment.Value)) is { } max)
            {
                Report(context, assignment, property + " = " + max);
            }
        }

        /// <summary>Attribute arguments are operations too; attributes are reported once, by <see cref="AnalyzeAttributes"/>.</summary>
        private static bool InAttribute(IOperation operation)
        {
            for (SyntaxNode? node = operation.Syntax; node is not null; node = node.Parent)
            {
                if (node.IsKind(SyntaxKind.Attribute))
                {
                    return true;
                }

                if (node is StatementSyntax or MemberDeclarationSyntax)
                {
                    return false;
                }
            }

            return false;
        }

        private static void Report(OperationAnalysisContext context, IOperation at, string finding)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.UploadLimitRemoved, at.Syntax.GetLocation(), finding));

        private static bool IsAspNetCoreType(INamedTypeSymbol? type)
            => SymbolNames.IsInNamespace(type?.ContainingNamespace, "Microsoft.AspNetCore");

        private static object? ConstantOf(IOperation value)
        {
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value;
            }

            IOperation inner = ConstantValueAnalysis.WalkDownConversions(value);
            return inner.ConstantValue.HasValue ? inner.ConstantValue.Value : null;
        }

        /// <summary>"int.MaxValue" or "long.MaxValue" when <paramref name="value"/> is one of them (in any integral type).</summary>
        private static string? MaxValueName(object? value)
        {
            long? number = value switch
            {
                int i => i,
                long l => l,
                uint u => u,
                _ => null,
            };
            return number switch
            {
                int.MaxValue => "int.MaxValue",
                long.MaxValue => "long.MaxValue",
                _ => null,
            };
        }

        private sealed class LimitTypes
        {
            public LimitTypes(INamedTypeSymbol? disable, INamedTypeSymbol? sizeLimit, INamedTypeSymbol? formLimits)
            {
                Disable = disable;
                SizeLimit = sizeLimit;
                FormLimits = formLimits;
            }

            public INamedTypeSymbol? Disable { get; }

            public INamedTypeSymbol? SizeLimit { get; }

            public INamedTypeSymbol? FormLimits { get; }
        }
    }
}

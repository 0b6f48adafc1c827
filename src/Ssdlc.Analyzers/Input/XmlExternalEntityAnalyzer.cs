using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Input
{
    /// <summary>
    /// SSDLC0201: XML parsers open to external entities (B.2.8): <c>DtdProcessing.Parse</c>, an <c>XmlUrlResolver</c> or
    /// <c>XmlSecureResolver</c> on XmlDocument/XmlReaderSettings/XmlTextReader, and XSLT with document() or scripts enabled.
    /// </summary>
    public sealed class XmlExternalEntityAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>DtdProcessing.Parse's value.</summary>
        private const int DtdProcessingParse = 2;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.XmlExternalEntities);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = new XmlTypes(start.Compilation);
                if (types.DtdProcessing is null && types.XsltSettings is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => AnalyzeXsltSettings(c, types), OperationKind.ObjectCreation, OperationKind.PropertyReference);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, XmlTypes types)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation { Property: { } property }))
            {
                return;
            }

            INamedTypeSymbol owner = property.ContainingType;
            switch (property.Name)
            {
                case "DtdProcessing" when SymbolEqualityComparer.Default.Equals(property.Type, types.DtdProcessing)
                                          && assignment.Value.ConstantValue is { HasValue: true, Value: int value }
                                          && value == DtdProcessingParse:
                    Report(context, assignment.Value, owner.Name + ".DtdProcessing = DtdProcessing.Parse lets the parser process DTDs and expand entities");
                    break;
                case "XmlResolver" when IsXmlType(owner) && ResolvesExternally(assignment.Value, types) is { } resolver:
                    Report(context, assignment.Value, owner.Name + ".XmlResolver is set to " + resolver + ", which fetches external entities and DTDs");
                    break;
                case "EnableDocumentFunction" or "EnableScript"
                    when SymbolEqualityComparer.Default.Equals(owner, types.XsltSettings)
                         && assignment.Value.ConstantValue is { HasValue: true, Value: true }:
                    Report(context, assignment.Value, "XsltSettings." + property.Name + " = true lets a stylesheet read documents or run code");
                    break;
            }
        }

        private static void AnalyzeXsltSettings(OperationAnalysisContext context, XmlTypes types)
        {
            switch (context.Operation)
            {
                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, types.XsltSettings):
                    foreach (IArgumentOperation argument in creation.Arguments)
                    {
                        if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Value.ConstantValue is { HasValue: true, Value: true })
                        {
                            Report(context, creation, "new XsltSettings(" + Shorten(creation) + ") enables document() or scripts in the stylesheet");
                            return;
                        }
                    }

                    break;
                case IPropertyReferenceOperation { Property: { Name: "TrustedXslt", IsStatic: true } property } reference
                    when SymbolEqualityComparer.Default.Equals(property.ContainingType, types.XsltSettings):
                    Report(context, reference, "XsltSettings.TrustedXslt enables document() and scripts in the stylesheet");
                    break;
            }
        }

        private static string Shorten(IObjectCreationOperation creation)
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (IArgumentOperation argument in creation.Arguments)
            {
                parts.Add(argument.Value.ConstantValue is { HasValue: true, Value: bool b } ? (b ? "true" : "false") : "…");
            }

            return string.Join(", ", parts);
        }

        private static bool IsXmlType(INamedTypeSymbol type)
            => SymbolNames.IsNamespace(type.ContainingNamespace, "System.Xml") || SymbolNames.IsNamespace(type.ContainingNamespace, "System.Xml.Xsl");

        /// <summary>The resolver's type name when it is one that fetches external resources (XmlUrlResolver, XmlSecureResolver).</summary>
        private static string? ResolvesExternally(IOperation value, XmlTypes types)
        {
            IOperation stripped = ConstantValueAnalysis.WalkDownConversions(value);
            if (stripped.ConstantValue.HasValue || !(stripped.Type is INamedTypeSymbol type))
            {
                return null;
            }

            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, types.XmlUrlResolver) || SymbolEqualityComparer.Default.Equals(current, types.XmlSecureResolver))
                {
                    return type.Name;
                }
            }

            return null;
        }

        private static void Report(OperationAnalysisContext context, IOperation at, string what)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.XmlExternalEntities, at.Syntax.GetLocation(), what));

        private sealed class XmlTypes
        {
            public XmlTypes(Compilation compilation)
            {
                DtdProcessing = WellKnownTypes.For(compilation).Get("System.Xml.DtdProcessing");
                XmlUrlResolver = WellKnownTypes.For(compilation).Get("System.Xml.XmlUrlResolver");
                XmlSecureResolver = WellKnownTypes.For(compilation).Get("System.Xml.XmlSecureResolver");
                XsltSettings = WellKnownTypes.For(compilation).Get("System.Xml.Xsl.XsltSettings");
            }

            public INamedTypeSymbol? DtdProcessing { get; }

            public INamedTypeSymbol? XmlUrlResolver { get; }

            public INamedTypeSymbol? XmlSecureResolver { get; }

            public INamedTypeSymbol? XsltSettings { get; }
        }
    }
}

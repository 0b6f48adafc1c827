using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Injection
{
    /// <summary>
    /// SSDLC0404: XPath expressions given to <c>XmlNode</c>, <c>XPathNavigator</c>, <c>XPathExpression.Compile</c> and the
    /// LINQ to XML XPath extensions must be constant (B.4.3); values belong in XPath variables.
    /// </summary>
    public sealed class XPathInjectionAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.XPathInjection);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                Compilation compilation = start.Compilation;
                INamedTypeSymbol? xmlNode = WellKnownTypes.For(compilation).Get("System.Xml.XmlNode");
                INamedTypeSymbol? navigator = WellKnownTypes.For(compilation).Get("System.Xml.XPath.XPathNavigator");
                INamedTypeSymbol? expression = WellKnownTypes.For(compilation).Get("System.Xml.XPath.XPathExpression");
                INamedTypeSymbol? linqExtensions = WellKnownTypes.For(compilation).Get("System.Xml.XPath.Extensions");
                if (xmlNode is null && navigator is null && expression is null && linqExtensions is null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    c =>
                    {
                        var invocation = (IInvocationOperation)c.Operation;
                        IMethodSymbol method = invocation.TargetMethod;
                        INamedTypeSymbol? type = method.ContainingType;
                        string? parameter = null;
                        if (SymbolEqualityComparer.Default.Equals(type, xmlNode))
                        {
                            parameter = method.Name is "SelectNodes" or "SelectSingleNode" ? "xpath" : null;
                        }
                        else if (SymbolEqualityComparer.Default.Equals(type, navigator))
                        {
                            parameter = method.Name is "Select" or "SelectSingleNode" or "Evaluate" or "Compile" or "Matches" ? "xpath" : null;
                        }
                        else if (SymbolEqualityComparer.Default.Equals(type, expression))
                        {
                            parameter = method.Name == "Compile" ? "xpath" : null;
                        }
                        else if (SymbolEqualityComparer.Default.Equals(type, linqExtensions))
                        {
                            parameter = method.Name is "XPathSelectElement" or "XPathSelectElements" or "XPathEvaluate" ? "expression" : null;
                        }

                        if (parameter is null
                            || !(OperationHelpers.FindStringArgument(invocation.Arguments, parameter) is { } argument)
                            || argument.Value.Syntax is null
                            || ConstantValueAnalysis.IsConstantOrTrusted(argument.Value, o => OperationHelpers.IsSimpleValue(o.Type), c.CancellationToken))
                        {
                            return;
                        }

                        c.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.XPathInjection, argument.Value.Syntax.GetLocation(), type!.Name + "." + method.Name));
                    },
                    OperationKind.Invocation);
            });
        }
    }
}

using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Injection
{
    /// <summary>
    /// SSDLC0406: code compiled and run at run time must be code that ships with the application (B.4.3): the C# scripting
    /// API (<c>CSharpScript.EvaluateAsync/RunAsync/Create</c>, <c>Script.ContinueWith</c>, <c>ScriptState.ContinueWithAsync</c>)
    /// with non-constant code, and <c>XslCompiledTransform.Load</c> of a stylesheet that is not fixed while its
    /// <c>XsltSettings</c> enable embedded scripts.
    /// </summary>
    /// <remarks>
    /// "Ships with the application": constant text (<see cref="ConstantValueAnalysis"/>), a file at a constant path
    /// (<c>File.ReadAllText("scripts/x.csx")</c>, <c>File.OpenRead</c>, <c>XmlReader.Create("x.xslt")</c>,
    /// <c>new XPathDocument("x.xslt")</c>, an <c>XmlDocument</c> only ever loaded from one), or an embedded resource with a
    /// constant name. Script settings are judged where they can be told: <c>XsltSettings.TrustedXslt</c>,
    /// <c>new XsltSettings(…, true)</c>, <c>EnableScript = true</c> in an initialiser or on the same local, or a
    /// <c>static readonly</c> field initialised so; a setting that is not a constant <c>true</c> is not reported.
    /// </remarks>
    public sealed class CodeEvaluationAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxDepth = 8;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.CodeEvaluation);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? xslt = WellKnownTypes.For(start.Compilation).Get("System.Xml.Xsl.XslCompiledTransform");
                INamedTypeSymbol? settings = WellKnownTypes.For(start.Compilation).Get("System.Xml.Xsl.XsltSettings");
                bool scripting = WellKnownTypes.For(start.Compilation).Get("Microsoft.CodeAnalysis.Scripting.Script") is not null;
                if (!scripting && (xslt is null || settings is null))
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeInvocation(c, scripting, xslt, settings), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, bool scripting, INamedTypeSymbol? xslt, INamedTypeSymbol? settings)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (scripting && ScriptApi(method) is { } api)
            {
                if (OperationHelpers.FindArgument(invocation.Arguments, "code") is { } code && !IsFixed(code.Value, 0, context.CancellationToken))
                {
                    Report(context, code.Value, "The code", api, string.Empty);
                }

                return;
            }

            if (method.Name == "Load"
                && xslt is not null
                && settings is not null
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, xslt)
                && OperationHelpers.FindArgument(invocation.Arguments, "settings") is { } settingsArgument
                && EnablesScript(settingsArgument.Value, settings, 0, context.CancellationToken)
                && (OperationHelpers.FindArgument(invocation.Arguments, "stylesheet")
                    ?? OperationHelpers.FindArgument(invocation.Arguments, "stylesheetUri")) is { } stylesheet
                && !IsFixed(stylesheet.Value, 0, context.CancellationToken))
            {
                Report(context, stylesheet.Value, "The stylesheet", "XslCompiledTransform.Load", " and its XsltSettings enable embedded scripts");
            }
        }

        private static string? ScriptApi(IMethodSymbol method)
        {
            INamedTypeSymbol? type = method.ContainingType;
            if (type is null)
            {
                return null;
            }

            if (type.Name == "CSharpScript" && method.Name is "EvaluateAsync" or "RunAsync" or "Create"
                && SymbolNames.IsNamespace(type.ContainingNamespace, "Microsoft.CodeAnalysis.CSharp.Scripting"))
            {
                return "CSharpScript." + method.Name;
            }

            if ((type.Name, method.Name) is ("Script", "ContinueWith") or ("ScriptState", "ContinueWithAsync")
                && SymbolNames.IsNamespace(type.ContainingNamespace, "Microsoft.CodeAnalysis.Scripting"))
            {
                return type.Name + "." + method.Name;
            }

            return null;
        }

        /// <summary>
        /// Text, a stream, a reader or a document that ships with the application: constant text, a file at a constant path,
        /// an embedded resource with a constant name, or a local only ever assigned (or loaded from) such a value.
        /// </summary>
        private static bool IsFixed(IOperation value, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            IOperation operation = ConstantValueAnalysis.WalkDownConversions(value);
            if (operation.Type?.SpecialType == SpecialType.System_String)
            {
                return ConstantValueAnalysis.IsConstantOrTrusted(operation, o => IsShippedContent(o, depth, cancellationToken), cancellationToken);
            }

            switch (operation)
            {
                case IAwaitOperation awaited:
                    return IsFixed(awaited.Operation, depth + 1, cancellationToken);
                case ILocalReferenceOperation local:
                    return IsFixedLocal(local, depth, cancellationToken);
                default:
                    return IsShippedContent(operation, depth, cancellationToken);
            }
        }

        private static bool IsShippedContent(IOperation operation, int depth, CancellationToken cancellationToken)
        {
            if (OperationHelpers.IsSimpleValue(operation.Type))
            {
                return true;
            }

            switch (operation)
            {
                case IAwaitOperation awaited:
                    return IsFixed(awaited.Operation, depth + 1, cancellationToken);
                case IInvocationOperation invocation:
                    IMethodSymbol method = invocation.TargetMethod;
                    bool opensFile = (method.Name.StartsWith("ReadAllText", StringComparison.Ordinal) || method.Name is "OpenRead" or "OpenText")
                        && SymbolNames.DisplaysAs(method.ContainingType, "System.IO.File");
                    bool opensReader = method.Name == "Create" && SymbolNames.DisplaysAs(method.ContainingType, "System.Xml.XmlReader");
                    bool opensResource = method.Name == "GetManifestResourceStream";
                    return (opensFile || opensReader || opensResource)
                        && FirstArgument(invocation.Arguments) is { } source
                        && IsFixed(source, depth + 1, cancellationToken);
                case IObjectCreationOperation creation
                    when creation.Type?.Name is "StringReader" or "StreamReader" or "XmlTextReader" or "XPathDocument" or "FileStream":
                    return FirstArgument(creation.Arguments) is { } first && IsFixed(first, depth + 1, cancellationToken);
                default:
                    return false;
            }
        }

        private static IOperation? FirstArgument(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>Every write of the local is fixed; for an <c>XmlDocument</c>, also every <c>Load</c>/<c>LoadXml</c> into it.</summary>
        private static bool IsFixedLocal(ILocalReferenceOperation reference, int depth, CancellationToken cancellationToken)
        {
            bool any = false;
            foreach (LocalWrite write in LocalWrites.Of(reference).For(reference.Local))
            {
                if (write.Kind == LocalWriteKind.Declaration)
                {
                    continue;
                }

                if (write.Kind is not (LocalWriteKind.Initializer or LocalWriteKind.Assignment) || write.Value is null)
                {
                    return false;
                }

                // new XmlDocument(): its content comes from Load/LoadXml below.
                if (write.Value is IObjectCreationOperation { Arguments.Length: 0, Initializer: null })
                {
                    continue;
                }

                if (!IsFixed(write.Value, depth + 1, cancellationToken))
                {
                    return false;
                }

                any = true;
            }

            if (!IsXmlDocument(reference.Local.Type))
            {
                return any;
            }

            foreach (IOperation operation in OperationHelpers.Root(reference).Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is IInvocationOperation { TargetMethod.Name: "Load" or "LoadXml", Instance: ILocalReferenceOperation loaded } load
                    && SymbolEqualityComparer.Default.Equals(loaded.Local, reference.Local))
                {
                    if (!(FirstArgument(load.Arguments) is { } source) || !IsFixed(source, depth + 1, cancellationToken))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        private static bool IsXmlDocument(ITypeSymbol type)
        {
            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (current.Name == "XmlDocument" && SymbolNames.IsNamespace(current.ContainingNamespace, "System.Xml"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the settings value is known to enable embedded scripts.</summary>
        private static bool EnablesScript(IOperation value, INamedTypeSymbol settings, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            switch (ConstantValueAnalysis.WalkDownConversions(value))
            {
                case IPropertyReferenceOperation { Property.Name: "TrustedXslt" } property:
                    return SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, settings);
                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, settings):
                    if (OperationHelpers.FindArgument(creation.Arguments, "enableScript") is { } enable && IsTrue(enable.Value))
                    {
                        return true;
                    }

                    if (creation.Initializer is not null)
                    {
                        foreach (IOperation member in creation.Initializer.Initializers)
                        {
                            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "EnableScript" } } assignment
                                && IsTrue(assignment.Value))
                            {
                                return true;
                            }
                        }
                    }

                    return false;
                case ILocalReferenceOperation local:
                    foreach (LocalWrite write in LocalWrites.Of(local).For(local.Local))
                    {
                        if (write.Kind is LocalWriteKind.Initializer or LocalWriteKind.Assignment
                            && write.Value is not null
                            && EnablesScript(write.Value, settings, depth + 1, cancellationToken))
                        {
                            return true;
                        }
                    }

                    // settings.EnableScript = true;
                    foreach (IOperation operation in OperationHelpers.Root(local).Descendants())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (operation is ISimpleAssignmentOperation
                            {
                                Target: IPropertyReferenceOperation { Property.Name: "EnableScript", Instance: ILocalReferenceOperation owner },
                            } assignment
                            && SymbolEqualityComparer.Default.Equals(owner.Local, local.Local)
                            && IsTrue(assignment.Value))
                        {
                            return true;
                        }
                    }

                    return false;
                case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field } reference:
                    return FieldInitializer(field, reference, cancellationToken) is { } fieldValue
                        && EnablesScript(fieldValue, settings, depth + 1, cancellationToken);
                default:
                    return false;
            }
        }

        private static IOperation? FieldInitializer(IFieldSymbol field, IOperation reference, CancellationToken cancellationToken)
        {
            if (field.DeclaringSyntaxReferences.Length != 1
                || !(field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer })
                || reference.SemanticModel is not { } model
                || model.SyntaxTree != initializer.SyntaxTree)
            {
                return null;
            }

            return model.GetOperation(initializer.Value, cancellationToken);
        }

        private static bool IsTrue(IOperation value) => value.ConstantValue is { HasValue: true, Value: true };

        private static void Report(OperationAnalysisContext context, IOperation value, string what, string api, string hint)
        {
            if (value.Syntax is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CodeEvaluation, value.Syntax.GetLocation(), what, api, hint));
            }
        }
    }
}

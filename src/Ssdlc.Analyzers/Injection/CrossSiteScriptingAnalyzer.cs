using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Injection
{
    /// <summary>
    /// SSDLC0405: non-constant HTML sent to the browser without encoding (B.4.4): <c>Html.Raw</c>, <c>new HtmlString</c>,
    /// Blazor <c>MarkupString</c> and <c>RenderTreeBuilder.AddMarkupContent</c>, <c>AppendHtml</c>/<c>SetHtmlContent</c>, <c>text/html</c> content results and response writes.
    /// </summary>
    /// <remarks>
    /// Generated code is analysed on purpose: Razor views and Blazor components compile to generated C#
    /// (<c>*.cshtml.g.cs</c>, <c>*.razor.g.cs</c>), and <c>@Html.Raw(Model.Bio)</c> or <c>@((MarkupString)html)</c> there is
    /// the main real-world case. Razor's <c>#line</c> directives map the diagnostic back to the .cshtml/.razor line. What
    /// Razor itself emits (literal markup, encoded <c>Write</c> calls, tag helper attributes) is constant or not a sink.
    /// </remarks>
    public sealed class CrossSiteScriptingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.CrossSiteScripting);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                HtmlSinks? sinks = HtmlSinks.Create(start.Compilation);
                if (sinks is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeInvocation(c, sinks), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeDynamicInvocation(c, sinks), OperationKind.DynamicInvocation);
                start.RegisterOperationAction(c => AnalyzeCreation(c, sinks), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeConversion(c, sinks), OperationKind.Conversion);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, sinks), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, HtmlSinks sinks)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            INamedTypeSymbol? type = method.ContainingType;
            if (type is null)
            {
                return;
            }

            switch (method.Name)
            {
                case "Raw" when OperationHelpers.Implements(type, sinks.HtmlHelper) && invocation.Arguments.Length == 1:
                    CheckMarkup(context, sinks, invocation.Arguments[0].Value, "Html.Raw");
                    return;
                case "AppendHtml" or "AppendHtmlLine" or "SetHtmlContent":
                    if (OperationHelpers.FindStringArgument(invocation.Arguments, "encoded") is { } encoded)
                    {
                        CheckMarkup(context, sinks, encoded.Value, method.Name);
                    }

                    return;
                case "Content":
                    if (OperationHelpers.IsOrDerivesFrom(type, sinks.ControllerBase) || OperationHelpers.IsOrDerivesFrom(type, sinks.PageModel))
                    {
                        CheckContentCall(context, sinks, invocation, "Content(…, \"text/html\")");
                    }
                    else if (IsResultsFactory(type, sinks))
                    {
                        CheckContentCall(context, sinks, invocation, type.Name + ".Content(…, \"text/html\")");
                    }

                    return;
                case "AddMarkupContent" when SymbolEqualityComparer.Default.Equals(type, sinks.RenderTreeBuilder):
                    // Razor emits this for literal markup only; hand-written render trees pass what they like.
                    if (OperationHelpers.FindStringArgument(invocation.Arguments, "markupContent") is { } markup)
                    {
                        CheckMarkup(context, sinks, markup.Value, "RenderTreeBuilder.AddMarkupContent");
                    }

                    return;
                case "Text" when IsResultsFactory(type, sinks):
                    CheckContentCall(context, sinks, invocation, type.Name + ".Text(…, \"text/html\")");
                    return;
                case "WriteAsync" when SymbolEqualityComparer.Default.Equals(type, sinks.ResponseWritingExtensions):
                    if (OperationHelpers.FindStringArgument(invocation.Arguments, "text") is { } text
                        && BodySetsHtmlContentType(invocation, sinks))
                    {
                        CheckMarkup(context, sinks, text.Value, "Response.WriteAsync with a text/html content type");
                    }

                    return;
            }
        }

        private static bool IsResultsFactory(INamedTypeSymbol type, HtmlSinks sinks)
            => SymbolEqualityComparer.Default.Equals(type, sinks.Results) || SymbolEqualityComparer.Default.Equals(type, sinks.TypedResults);

        private static void CheckContentCall(OperationAnalysisContext context, HtmlSinks sinks, IInvocationOperation invocation, string api)
        {
            IArgumentOperation? content = OperationHelpers.FindStringArgument(invocation.Arguments, "content");
            IArgumentOperation? contentType = OperationHelpers.FindArgument(invocation.Arguments, "contentType");
            if (content is not null && contentType is not null && IsHtmlContentType(contentType.Value))
            {
                CheckMarkup(context, sinks, content.Value, api);
            }
        }

        private static void AnalyzeDynamicInvocation(OperationAnalysisContext context, HtmlSinks sinks)
        {
            // Html.Raw(ViewBag.Bio) and Html.Raw(Model.Bio) in a dynamic view bind at run time.
            var invocation = (IDynamicInvocationOperation)context.Operation;
            if (invocation.Operation is IDynamicMemberReferenceOperation { MemberName: "Raw", Instance: { } instance }
                && OperationHelpers.Implements(instance.Type, sinks.HtmlHelper)
                && invocation.Arguments.Length == 1)
            {
                CheckMarkup(context, sinks, invocation.Arguments[0], "Html.Raw");
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, HtmlSinks sinks)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            ITypeSymbol? type = creation.Type;
            if (type is null)
            {
                return;
            }

            if ((SymbolEqualityComparer.Default.Equals(type, sinks.HtmlString) || SymbolEqualityComparer.Default.Equals(type, sinks.MarkupString))
                && creation.Arguments.Length == 1
                && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
            {
                CheckMarkup(context, sinks, creation.Arguments[0].Value, "new " + type.Name);
            }
        }

        private static void AnalyzeConversion(OperationAnalysisContext context, HtmlSinks sinks)
        {
            // Blazor: @((MarkupString)html)
            var conversion = (IConversionOperation)context.Operation;
            if (conversion.OperatorMethod is not null
                && SymbolEqualityComparer.Default.Equals(conversion.Type, sinks.MarkupString)
                && conversion.Operand.Type?.SpecialType == SpecialType.System_String)
            {
                CheckMarkup(context, sinks, conversion.Operand, "(MarkupString)");
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, HtmlSinks sinks)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property.Name: "Content" } target
                && SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, sinks.ContentResult)
                && ContentResultIsHtml(target.Instance))
            {
                CheckMarkup(context, sinks, assignment.Value, "ContentResult with ContentType text/html");
            }
        }

        /// <summary>The <c>ContentType</c> given to the same <c>ContentResult</c> (object initialiser, or a local within the body) is HTML.</summary>
        private static bool ContentResultIsHtml(IOperation? instance)
        {
            switch (instance)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    IObjectCreationOperation? creation = OperationHelpers.EnclosingObjectCreation(instance);
                    if (creation?.Initializer is null)
                    {
                        return false;
                    }

                    foreach (IOperation initializer in creation.Initializer.Initializers)
                    {
                        if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ContentType" } } contentType
                            && IsHtmlContentType(contentType.Value))
                        {
                            return true;
                        }
                    }

                    return false;
                case ILocalReferenceOperation local:
                    foreach (IOperation operation in OperationHelpers.Root(local).Descendants())
                    {
                        if (operation is ISimpleAssignmentOperation
                            {
                                Target: IPropertyReferenceOperation { Property.Name: "ContentType", Instance: ILocalReferenceOperation other },
                            } contentType
                            && SymbolEqualityComparer.Default.Equals(other.Local, local.Local)
                            && IsHtmlContentType(contentType.Value))
                        {
                            return true;
                        }

                        if (operation is IVariableDeclaratorOperation declarator
                            && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local)
                            && declarator.Initializer?.Value is { } initial
                            && ConstantValueAnalysis.WalkDownConversions(initial) is IObjectCreationOperation { Initializer: { } init })
                        {
                            foreach (IOperation member in init.Initializers)
                            {
                                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ContentType" } } set
                                    && IsHtmlContentType(set.Value))
                                {
                                    return true;
                                }
                            }
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>The handler or method body sets <c>Response.ContentType</c> (or the Content-Type header) to HTML.</summary>
        private static bool BodySetsHtmlContentType(IOperation operation, HtmlSinks sinks)
        {
            IOperation body = OperationHelpers.EnclosingFunction(operation);
            foreach (IOperation candidate in body.Descendants())
            {
                if (candidate is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ContentType" } target } assignment
                    && (SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, sinks.HttpResponse)
                        || target.Property.ContainingType?.Name == "IHeaderDictionary")
                    && IsHtmlContentType(assignment.Value))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsHtmlContentType(IOperation value)
        {
            IOperation operation = value;
            while (true)
            {
                if (operation is IConversionOperation conversion)
                {
                    operation = conversion.Operand;
                }
                else if (operation is IParenthesizedOperation parenthesized)
                {
                    operation = parenthesized.Operand;
                }
                else
                {
                    break;
                }
            }

            // new MediaTypeHeaderValue("text/html")
            if (operation is IObjectCreationOperation { Arguments.Length: > 0 } creation && creation.Type?.Name == "MediaTypeHeaderValue")
            {
                operation = creation.Arguments[0].Value;
            }

            string? text = OperationHelpers.ConstantString(operation);
            if (text is null)
            {
                return false;
            }

            text = text.Trim();
            return text.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);
        }

        private static void CheckMarkup(OperationAnalysisContext context, HtmlSinks sinks, IOperation value, string api)
        {
            IOperation inner = ConstantValueAnalysis.WalkDownConversions(value);
            ITypeSymbol? type = inner.Type;

            // Html.Raw(someHtmlContent) re-emits content that was built (and checked) elsewhere.
            if (type is not null && type.TypeKind != TypeKind.Dynamic && OperationHelpers.Implements(type, sinks.HtmlContent))
            {
                return;
            }

            if (value.Syntax is null || HtmlEncoding.IsSafe(value, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CrossSiteScripting, value.Syntax.GetLocation(), api));
        }

        private sealed class HtmlSinks
        {
            private HtmlSinks(Compilation compilation)
            {
                HtmlHelper = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper");
                HtmlString = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Html.HtmlString");
                HtmlContent = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Html.IHtmlContent");
                MarkupString = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Components.MarkupString");
                ControllerBase = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.ControllerBase");
                PageModel = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
                ContentResult = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.ContentResult");
                Results = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.Results");
                TypedResults = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.TypedResults");
                ResponseWritingExtensions = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions");
                HttpResponse = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.HttpResponse");
                RenderTreeBuilder = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder");
            }

            public INamedTypeSymbol? HtmlHelper { get; }

            public INamedTypeSymbol? HtmlString { get; }

            public INamedTypeSymbol? HtmlContent { get; }

            public INamedTypeSymbol? MarkupString { get; }

            public INamedTypeSymbol? ControllerBase { get; }

            public INamedTypeSymbol? PageModel { get; }

            public INamedTypeSymbol? ContentResult { get; }

            public INamedTypeSymbol? Results { get; }

            public INamedTypeSymbol? TypedResults { get; }

            public INamedTypeSymbol? ResponseWritingExtensions { get; }

            public INamedTypeSymbol? HttpResponse { get; }

            public INamedTypeSymbol? RenderTreeBuilder { get; }

            public static HtmlSinks? Create(Compilation compilation)
            {
                var sinks = new HtmlSinks(compilation);
                bool any = sinks.HtmlHelper is not null || sinks.HtmlString is not null || sinks.MarkupString is not null
                    || sinks.ControllerBase is not null || sinks.Results is not null || sinks.ResponseWritingExtensions is not null;
                return any ? sinks : null;
            }
        }
    }
}

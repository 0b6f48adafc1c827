using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.ClientSide
{
    /// <summary>
    /// SSDLC1301: JavaScript <c>eval</c> reached through JS interop (B.13.1). Reports <c>IJSRuntime</c>,
    /// <c>IJSInProcessRuntime</c> and <c>IJSObjectReference</c> calls whose identifier is <c>eval</c> (also
    /// <c>window.eval</c>, <c>globalThis.eval</c>), the <c>Function</c> constructor, <c>execScript</c>, and
    /// <c>setTimeout</c>/<c>setInterval</c> when their first argument is a string (which the browser evaluates as code).
    /// Named JavaScript functions, and identifiers that are not constant, are not reported.
    /// </summary>
    public sealed class JavaScriptEvalAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.JavaScriptEval);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is analysed on purpose: the @code blocks of Blazor components (.razor) compile to generated C#
            // (*.razor.g.cs), where most JS interop and component login forms live; #line maps findings back to the .razor file.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (WellKnownTypes.For(start.Compilation).Get("Microsoft.JSInterop.IJSRuntime") is null)
                {
                    return;
                }

                start.RegisterOperationAction(Analyze, OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!JSInteropCalls.TryGetCall(invocation, context.CancellationToken, out string? identifier, out ImmutableArray<IOperation> arguments, out IArgumentOperation? identifierArgument)
                || identifier is null
                || identifierArgument is null)
            {
                return;
            }

            bool evaluates;
            switch (identifier)
            {
                case "eval":
                case "Function":
                case "execScript":
                    evaluates = true;
                    break;
                case "setTimeout":
                case "setInterval":
                    evaluates = arguments.Length > 0 && JSInteropCalls.Unbox(arguments[0]).Type?.SpecialType == SpecialType.System_String;
                    break;
                default:
                    evaluates = false;
                    break;
            }

            if (evaluates)
            {
                string call = invocation.TargetMethod.Name + "(\"" + identifier + "\", …)";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.JavaScriptEval, identifierArgument.Value.Syntax.GetLocation(), call));
            }
        }
    }
}

using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ssdlc.Analyzers.Hosting
{
    /// <summary>What a hosted rule registers goes to its host's context; its compilation-start actions only run while it is switched on.</summary>
    internal sealed class HostedRuleContext : AnalysisContext
    {
        private readonly AnalysisContext host;
        private readonly DiagnosticAnalyzer rule;
        private readonly GeneratedCodeAnalysisFlags generatedCode;

        public HostedRuleContext(AnalysisContext host, DiagnosticAnalyzer rule, GeneratedCodeAnalysisFlags generatedCode)
        {
            this.host = host;
            this.rule = rule;
            this.generatedCode = generatedCode;
        }

        public override void EnableConcurrentExecution()
        {
            // The host runs its rules concurrently; every rule is written for that.
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
            if (analysisMode != generatedCode)
            {
                throw new InvalidOperationException(
                    $"{rule.GetType().Name} asks for generated code analysis '{analysisMode}', but its host runs rules with '{generatedCode}'.");
            }
        }

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
        {
            host.RegisterCompilationStartAction(start =>
            {
                if (!RuleHost.IsSwitchedOff(rule, start.Compilation, start.CancellationToken))
                {
                    action(start);
                }
            });
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => host.RegisterCompilationAction(action);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => host.RegisterSemanticModelAction(action);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => host.RegisterSymbolAction(action, symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => host.RegisterSymbolStartAction(action, symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => host.RegisterCodeBlockStartAction(action);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => host.RegisterCodeBlockAction(action);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => host.RegisterSyntaxTreeAction(action);

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => host.RegisterAdditionalFileAction(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => host.RegisterSyntaxNodeAction(action, syntaxKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => host.RegisterOperationBlockStartAction(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => host.RegisterOperationBlockAction(action);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => host.RegisterOperationAction(action, operationKinds);
    }
}

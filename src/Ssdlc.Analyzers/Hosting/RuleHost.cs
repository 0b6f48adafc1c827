using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ssdlc.Analyzers.Hosting
{
    /// <summary>
    /// Runs a set of rules as one analyzer. The compiler's analyzer driver walks the operations and syntax nodes of every
    /// method body once per analyzer that registers for them, whatever the callbacks do; on a large code base each
    /// analyzer of its own costs a walk (on BouncyCastle, 31 analyzers that do nothing added 9 s to a compile of 68 s CPU).
    /// Hosted, the rules cost one walk. Each rule stays a <see cref="DiagnosticAnalyzer"/> of its own, which the tests and
    /// the benchmark run alone; the host hands each rule a context that forwards its registrations to the host's, so the
    /// driver sees one analyzer with all of the rules' actions. A rule all of whose diagnostics are switched off for the
    /// compilation is not started, as the driver would skip it if it were an analyzer of its own.
    /// </summary>
    public abstract class RuleHost : DiagnosticAnalyzer
    {
        private readonly GeneratedCodeAnalysisFlags generatedCode;

        /// <param name="generatedCode">How the hosted rules treat generated code: every rule of a host must ask for the same.</param>
        /// <param name="rules">The rules, each a rule analyzer without the <see cref="DiagnosticAnalyzerAttribute"/>.</param>
        private protected RuleHost(GeneratedCodeAnalysisFlags generatedCode, params DiagnosticAnalyzer[] rules)
        {
            this.generatedCode = generatedCode;
            Rules = rules.ToImmutableArray();
            SupportedDiagnostics = rules.SelectMany(rule => rule.SupportedDiagnostics).ToImmutableArray();
        }

        internal ImmutableArray<DiagnosticAnalyzer> Rules { get; }

        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(generatedCode);
            context.EnableConcurrentExecution();
            foreach (DiagnosticAnalyzer rule in Rules)
            {
                rule.Initialize(new HostedRuleContext(context, rule, generatedCode));
            }
        }

        /// <summary>
        /// Whether none of the rule's diagnostics can be reported in this compilation: each is switched off (command line,
        /// rule set, .globalconfig) or off by default, and no file's .editorconfig switches it on. When in doubt, on.
        /// </summary>
        internal static bool IsSwitchedOff(DiagnosticAnalyzer rule, Compilation compilation, CancellationToken cancellationToken)
        {
            CompilationOptions options = compilation.Options;
            SyntaxTreeOptionsProvider? treeOptions = options.SyntaxTreeOptionsProvider;
            foreach (DiagnosticDescriptor descriptor in rule.SupportedDiagnostics)
            {
                bool switchedOff = !descriptor.IsEnabledByDefault;
                if (options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out ReportDiagnostic specific))
                {
                    if (specific != ReportDiagnostic.Suppress)
                    {
                        return false;
                    }

                    switchedOff = true;
                }

                if (treeOptions is not null && treeOptions.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out ReportDiagnostic global))
                {
                    if (global != ReportDiagnostic.Suppress)
                    {
                        return false;
                    }

                    switchedOff = true;
                }

                if (!switchedOff)
                {
                    return false;
                }

                // Off for the compilation; a file's .editorconfig may still switch it on there.
                if (treeOptions is not null)
                {
                    foreach (SyntaxTree tree in compilation.SyntaxTrees)
                    {
                        if (treeOptions.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out ReportDiagnostic inTree)
                            && inTree != ReportDiagnostic.Suppress)
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }
    }
}

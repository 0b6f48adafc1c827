using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Passwords
{
    /// <summary>
    /// SSDLC0601: an ASP.NET Core Identity password policy weaker than B.6.1.2. Reports a constant
    /// <c>PasswordOptions.RequiredLength</c> below 8, and a constant <c>RequiredUniqueChars</c> of at most 1 when the same
    /// options lambda, object initialiser or method also turns off all four character-class requirements.
    /// </summary>
    public sealed class WeakPasswordPolicyAnalyzer : DiagnosticAnalyzer
    {
        private const int MinimumLength = 8;

        private static readonly string[] ClassRequirements = { "RequireDigit", "RequireLowercase", "RequireUppercase", "RequireNonAlphanumeric" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.WeakPasswordPolicy);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? options = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Identity.PasswordOptions");
                if (options is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, options), OperationKind.SimpleAssignment);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol options)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target)
                || !SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, options)
                || !(ConstantCandidates.FirstWeak(assignment.Value, v => v is int n && (target.Property.Name == "RequiredLength" ? n < MinimumLength : n <= 1), context.CancellationToken) is int value))
            {
                return;
            }

            if (target.Property.Name == "RequiredLength" && value < MinimumLength)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.WeakPasswordPolicy, assignment.Syntax.GetLocation(), $"allows passwords of {value} characters"));
            }
            else if (target.Property.Name == "RequiredUniqueChars" && value <= 1 && AllClassRequirementsOff(assignment, options))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.WeakPasswordPolicy, assignment.Syntax.GetLocation(), "turns off every character-class requirement and sets RequiredUniqueChars to " + value));
            }
        }

        /// <summary>True when the enclosing lambda, initialiser or body sets all four Require* properties to constant false.</summary>
        private static bool AllClassRequirementsOff(IOperation assignment, INamedTypeSymbol options)
        {
            IOperation scope = assignment;
            while (scope.Parent is not null && !(scope is IAnonymousFunctionOperation) && !(scope is IObjectOrCollectionInitializerOperation))
            {
                scope = scope.Parent;
            }

            var off = scope.Descendants()
                .OfType<ISimpleAssignmentOperation>()
                .Where(a => a.Target is IPropertyReferenceOperation p
                            && SymbolEqualityComparer.Default.Equals(p.Property.ContainingType, options)
                            && a.Value.ConstantValue is { HasValue: true, Value: false })
                .Select(a => ((IPropertyReferenceOperation)a.Target).Property.Name)
                .ToImmutableHashSet();
            return ClassRequirements.All(off.Contains);
        }
    }
}

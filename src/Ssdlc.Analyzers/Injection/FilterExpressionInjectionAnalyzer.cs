using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Injection
{
    /// <summary>
    /// SSDLC0407: expressions of the small query languages that .NET evaluates at run time must be constant (B.4.3):
    /// DataTable/DataView filter and column expressions (<c>DataTable.Select</c>, <c>DataTable.Compute</c>,
    /// <c>DataView.RowFilter</c>, <c>DataColumn.Expression</c>) and System.Linq.Dynamic.Core strings (<c>Where</c>,
    /// <c>OrderBy</c>, <c>Select</c>, ... on <c>IQueryable</c>, <c>DynamicExpressionParser.ParseLambda</c>).
    /// </summary>
    /// <remarks>
    /// Numbers, booleans, enums, dates and GUIDs are constant parts (they cannot close a literal). For DataTable
    /// expressions a value whose quotes are doubled (<c>value.Replace("'", "''")</c>) or that went through an escaping
    /// method (<c>Escape…</c>) is accepted too: that is the documented escaping of a string literal there. Values passed to
    /// dynamic LINQ as parameters (<c>Where("Name == @0", name)</c>) are never part of the expression and are not judged.
    /// Sort orders (<c>DataView.Sort</c>, the <c>sort</c> argument of <c>Select</c>) take column names only and are not sinks.
    /// </remarks>
    public sealed class FilterExpressionInjectionAnalyzer : DiagnosticAnalyzer
    {
        private const string DynamicLinqNamespace = "System.Linq.Dynamic.Core";

        private static readonly HashSet<string> DynamicLinqExpressionParameters = new HashSet<string>(StringComparer.Ordinal)
        {
            "predicate", "ordering", "selector", "keySelector", "resultSelector", "collectionSelector", "innerKeySelector",
            "outerKeySelector", "expression",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.FilterExpressionInjection);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var sinks = new DataSinks(start.Compilation);
                bool dynamicLinq = WellKnownTypes.For(start.Compilation).Get("System.Linq.Dynamic.Core.DynamicQueryableExtensions") is not null;
                if (sinks.DataTable is null && !dynamicLinq)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeInvocation(c, sinks, dynamicLinq), OperationKind.Invocation);
                if (sinks.DataTable is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeCreation(c, sinks), OperationKind.ObjectCreation);
                    start.RegisterOperationAction(c => AnalyzeAssignment(c, sinks), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
                }
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, DataSinks sinks, bool dynamicLinq)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            INamedTypeSymbol? type = method.ContainingType;
            if (type is null)
            {
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(type, sinks.DataTable))
            {
                if (method.Name == "Select")
                {
                    CheckData(context, OperationHelpers.FindStringArgument(invocation.Arguments, "filterExpression"), "filter expression", "DataTable.Select");
                }
                else if (method.Name == "Compute")
                {
                    CheckData(context, OperationHelpers.FindStringArgument(invocation.Arguments, "expression"), "expression", "DataTable.Compute");
                    CheckData(context, OperationHelpers.FindStringArgument(invocation.Arguments, "filter"), "filter expression", "DataTable.Compute");
                }

                return;
            }

            if (method.Name == "Add" && SymbolEqualityComparer.Default.Equals(type, sinks.DataColumnCollection))
            {
                CheckData(context, OperationHelpers.FindStringArgument(invocation.Arguments, "expression"), "column expression", "DataColumnCollection.Add");
                return;
            }

            if (dynamicLinq
                && type.Name is "DynamicQueryableExtensions" or "DynamicEnumerableExtensions" or "DynamicExpressionParser"
                && SymbolNames.IsNamespace(type.ContainingNamespace, DynamicLinqNamespace))
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue
                        && argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter
                        && DynamicLinqExpressionParameters.Contains(parameter.Name))
                    {
                        Check(context, argument.Value, "dynamic LINQ " + DynamicLinqWhat(parameter.Name), type.Name == "DynamicExpressionParser" ? "DynamicExpressionParser." + method.Name : method.Name, IsSimpleValue);
                    }
                }
            }
        }

        private static string DynamicLinqWhat(string parameter) => parameter switch
        {
            "predicate" => "predicate",
            "ordering" => "ordering",
            "expression" => "expression",
            _ => "selector",
        };

        private static void AnalyzeCreation(OperationAnalysisContext context, DataSinks sinks)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (SymbolEqualityComparer.Default.Equals(creation.Type, sinks.DataColumn))
            {
                CheckData(context, OperationHelpers.FindStringArgument(creation.Arguments, "expr"), "column expression", "new DataColumn");
            }
            else if (SymbolEqualityComparer.Default.Equals(creation.Type, sinks.DataView))
            {
                CheckData(context, OperationHelpers.FindStringArgument(creation.Arguments, "RowFilter"), "filter expression", "new DataView");
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, DataSinks sinks)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target))
            {
                return;
            }

            INamedTypeSymbol type = target.Property.ContainingType;
            if (target.Property.Name == "RowFilter" && OperationHelpers.IsOrDerivesFrom(type, sinks.DataView))
            {
                Check(context, assignment.Value, "filter expression", "DataView.RowFilter", IsEscapedForDataExpression);
            }
            else if (target.Property.Name == "Expression" && OperationHelpers.IsOrDerivesFrom(type, sinks.DataColumn))
            {
                Check(context, assignment.Value, "column expression", "DataColumn.Expression", IsEscapedForDataExpression);
            }
        }

        private static void CheckData(OperationAnalysisContext context, IArgumentOperation? argument, string what, string api)
        {
            if (argument is not null)
            {
                Check(context, argument.Value, what, api, IsEscapedForDataExpression);
            }
        }

        private static void Check(OperationAnalysisContext context, IOperation value, string what, string api, Func<IOperation, bool> isTrusted)
        {
            if (value.Syntax is null
                || value.Type?.SpecialType != SpecialType.System_String
                || ConstantValueAnalysis.IsConstantOrTrusted(value, isTrusted, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.FilterExpressionInjection, value.Syntax.GetLocation(), what, api));
        }

        private static bool IsSimpleValue(IOperation operation) => OperationHelpers.IsSimpleValue(operation.Type);

        /// <summary>A number (or other simple value), <c>x.Replace("'", "''")</c>, or an <c>Escape…</c> method's result.</summary>
        private static bool IsEscapedForDataExpression(IOperation operation)
        {
            if (IsSimpleValue(operation))
            {
                return true;
            }

            if (!(operation is IInvocationOperation invocation) || invocation.TargetMethod.ReturnType.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name == "Replace"
                && method.ContainingType?.SpecialType == SpecialType.System_String
                && invocation.Arguments.Length >= 2
                && OperationHelpers.ConstantString(invocation.Arguments[0].Value) == "'"
                && OperationHelpers.ConstantString(invocation.Arguments[1].Value) == "''")
            {
                return true;
            }

            return method.Name.IndexOf("Escape", StringComparison.OrdinalIgnoreCase) >= 0
                && method.Name.IndexOf("Unescape", StringComparison.OrdinalIgnoreCase) < 0
                && !SymbolNames.DisplaysAs(method.ContainingType, "System.Uri")
                && !SymbolNames.DisplaysAs(method.ContainingType, "System.Text.RegularExpressions.Regex");
        }

        private sealed class DataSinks
        {
            public DataSinks(Compilation compilation)
            {
                DataTable = WellKnownTypes.For(compilation).Get("System.Data.DataTable");
                DataView = WellKnownTypes.For(compilation).Get("System.Data.DataView");
                DataColumn = WellKnownTypes.For(compilation).Get("System.Data.DataColumn");
                DataColumnCollection = WellKnownTypes.For(compilation).Get("System.Data.DataColumnCollection");
            }

            public INamedTypeSymbol? DataTable { get; }

            public INamedTypeSymbol? DataView { get; }

            public INamedTypeSymbol? DataColumn { get; }

            public INamedTypeSymbol? DataColumnCollection { get; }
        }
    }
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Injection
{
    /// <summary>SSDLC0401: SQL text reaching ADO.NET, EF Core raw-SQL or Dapper APIs must be constant (B.4.1–2).</summary>
    public sealed class SqlInjectionAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property name of the diagnostic that carries the EF Core method to switch to, when the fix applies.</summary>
        public const string ReplacementProperty = "Replacement";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SqlInjection);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code (source generators such as Dapper.AOT, designer files) is not the user's to change;
            // the user's own call site that passes the SQL is where the finding belongs.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                SqlSinks? sinks = SqlSinks.Create(start.Compilation);
                if (sinks is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAssignment(c, sinks), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
                start.RegisterOperationAction(c => AnalyzeObjectCreation(c, sinks), OperationKind.ObjectCreation);
                if (sinks.HasInvocationSinks)
                {
                    start.RegisterOperationAction(c => AnalyzeInvocation(c, sinks), OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, SqlSinks sinks)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "CommandText" } property }
                && sinks.IsCommandType(property.ContainingType))
            {
                Check(context, assignment.Value, property.ContainingType.Name + ".CommandText", replacement: null);
            }
        }

        private static void AnalyzeObjectCreation(OperationAnalysisContext context, SqlSinks sinks)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor is null || !(creation.Type is INamedTypeSymbol type))
            {
                return;
            }

            string? sqlParameter = sinks.SqlConstructorParameter(type);
            if (sqlParameter is null)
            {
                return;
            }

            IArgumentOperation? argument = FindArgument(creation.Arguments, sqlParameter);
            if (argument is not null)
            {
                Check(context, argument.Value, "new " + type.Name, replacement: null);
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, SqlSinks sinks)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            INamedTypeSymbol? containingType = method.ContainingType?.OriginalDefinition;
            if (containingType is null)
            {
                return;
            }

            if (sinks.IsEfCoreRawSqlType(containingType) && method.Name.Contains("Raw"))
            {
                IArgumentOperation? argument = FindArgument(invocation.Arguments, "sql");
                if (argument is not null)
                {
                    Check(context, argument.Value, method.Name, EfCoreReplacement(method.Name));
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(containingType, sinks.DapperSqlMapper))
            {
                IArgumentOperation? argument = FindArgument(invocation.Arguments, "sql");
                if (argument is not null)
                {
                    Check(context, argument.Value, "SqlMapper." + method.Name, replacement: null);
                }
            }
        }

        private static IArgumentOperation? FindArgument(ImmutableArray<IArgumentOperation> arguments, string parameterName)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is { } parameter
                    && parameter.Name == parameterName
                    && parameter.Type.SpecialType == SpecialType.System_String
                    && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument;
                }
            }

            return null;
        }

        private static string? EfCoreReplacement(string rawMethod) => rawMethod switch
        {
            "FromSqlRaw" => "FromSql",
            "ExecuteSqlRaw" => "ExecuteSql",
            "ExecuteSqlRawAsync" => "ExecuteSqlAsync",
            "SqlQueryRaw" => "SqlQuery",
            _ => null,
        };

        private static void Check(OperationAnalysisContext context, IOperation value, string api, string? replacement)
        {
            if (value.Syntax is null || ConstantValueAnalysis.IsConstant(value, context.CancellationToken))
            {
                return;
            }

            string hint = string.Empty;
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
            if (replacement is not null && ConstantValueAnalysis.WalkDownConversions(value) is IInterpolatedStringOperation)
            {
                hint = "; with EF Core use " + replacement + "($\"…\") which parameterises interpolation holes";
                properties = properties.Add(ReplacementProperty, replacement);
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SqlInjection, value.Syntax.GetLocation(), properties, api, hint));
        }

        /// <summary>The well-known types of one compilation that receive SQL text.</summary>
        private sealed class SqlSinks
        {
            private readonly INamedTypeSymbol? _dbCommand;
            private readonly INamedTypeSymbol? _idbCommand;
            private readonly INamedTypeSymbol? _dbBatchCommand;
            private readonly INamedTypeSymbol? _dbDataAdapter;
            private readonly INamedTypeSymbol? _idbDataAdapter;
            private readonly INamedTypeSymbol? _efQueryable;
            private readonly INamedTypeSymbol? _efDatabaseFacade;
            private readonly INamedTypeSymbol? _dapperCommandDefinition;

            // Every object creation asks; a compilation creates few distinct types. "" stands for "takes no SQL".
            private readonly ConcurrentDictionary<INamedTypeSymbol, string> _constructorParameters =
                new ConcurrentDictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);

            private SqlSinks(Compilation compilation)
            {
                _dbCommand = WellKnownTypes.For(compilation).Get("System.Data.Common.DbCommand");
                _idbCommand = WellKnownTypes.For(compilation).Get("System.Data.IDbCommand");
                _dbBatchCommand = WellKnownTypes.For(compilation).Get("System.Data.Common.DbBatchCommand");
                _dbDataAdapter = WellKnownTypes.For(compilation).Get("System.Data.Common.DbDataAdapter");
                _idbDataAdapter = WellKnownTypes.For(compilation).Get("System.Data.IDbDataAdapter");
                _efQueryable = WellKnownTypes.For(compilation).Get("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions");
                _efDatabaseFacade = WellKnownTypes.For(compilation).Get("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions");
                DapperSqlMapper = WellKnownTypes.For(compilation).Get("Dapper.SqlMapper");
                _dapperCommandDefinition = WellKnownTypes.For(compilation).Get("Dapper.CommandDefinition");
            }

            public INamedTypeSymbol? DapperSqlMapper { get; }

            /// <summary>EF Core's raw-SQL methods or Dapper: without them no invocation is a sink.</summary>
            public bool HasInvocationSinks => _efQueryable is not null || _efDatabaseFacade is not null || DapperSqlMapper is not null;

            public static SqlSinks? Create(Compilation compilation)
            {
                var sinks = new SqlSinks(compilation);
                bool any = sinks._dbCommand is not null || sinks._idbCommand is not null || sinks._dbBatchCommand is not null
                    || sinks._dbDataAdapter is not null || sinks._idbDataAdapter is not null
                    || sinks._efQueryable is not null || sinks._efDatabaseFacade is not null
                    || sinks.DapperSqlMapper is not null || sinks._dapperCommandDefinition is not null;
                return any ? sinks : null;
            }

            public bool IsCommandType(INamedTypeSymbol type)
                => Is(type, _idbCommand) || OperationHelpers.IsOrDerivesFrom(type, _dbCommand) || OperationHelpers.IsOrDerivesFrom(type, _dbBatchCommand);

            public bool IsEfCoreRawSqlType(INamedTypeSymbol type)
                => SymbolEqualityComparer.Default.Equals(type, _efQueryable) || SymbolEqualityComparer.Default.Equals(type, _efDatabaseFacade);

            /// <summary>The name of the constructor parameter that takes SQL text, for types whose constructors do.</summary>
            public string? SqlConstructorParameter(INamedTypeSymbol type)
            {
                if (!_constructorParameters.TryGetValue(type, out string? name))
                {
                    name = ComputeSqlConstructorParameter(type) ?? string.Empty;
                    _constructorParameters.TryAdd(type, name);
                }

                return name.Length == 0 ? null : name;
            }

            private string? ComputeSqlConstructorParameter(INamedTypeSymbol type)
            {
                if (IsCommandType(type) || SymbolEqualityComparer.Default.Equals(type, _dapperCommandDefinition))
                {
                    return CommandTextParameter(type);
                }

                if (Is(type, _idbDataAdapter) || OperationHelpers.IsOrDerivesFrom(type, _dbDataAdapter))
                {
                    return "selectCommandText";
                }

                return null;
            }

            // Providers name it cmdText (SqlClient, Npgsql) or commandText (Sqlite, Dapper).
            private static string CommandTextParameter(INamedTypeSymbol type)
            {
                foreach (IMethodSymbol constructor in type.InstanceConstructors)
                {
                    foreach (IParameterSymbol parameter in constructor.Parameters)
                    {
                        if (parameter.Type.SpecialType == SpecialType.System_String && parameter.Name == "cmdText")
                        {
                            return "cmdText";
                        }
                    }
                }

                return "commandText";
            }

            private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? interfaceType)
                => interfaceType is not null
                   && (SymbolEqualityComparer.Default.Equals(type, interfaceType)
                       || type.AllInterfaces.Contains(interfaceType, SymbolEqualityComparer.Default));
        }
    }
}

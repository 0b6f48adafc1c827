using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Sessions
{
    /// <summary>
    /// SSDLC0706: a handler reachable with GET that changes state (B.7.4.4). Handlers: MVC/API actions with
    /// <c>[HttpGet]</c> or <c>[AcceptVerbs("GET", …)]</c>; controller actions with no HTTP method attribute at all (they
    /// accept every verb, GET included) unless <c>[ValidateAntiForgeryToken]</c> (which also checks GET) covers them;
    /// Razor Pages <c>OnGet*</c> handlers; minimal-API <c>MapGet</c> (and <c>MapMethods</c> with a constant "GET") lambdas,
    /// local functions and method groups declared in the same file. State changes: <c>SaveChanges(Async)</c> on a
    /// <c>DbContext</c>; EF Core <c>ExecuteSql*</c>, <c>ExecuteDelete*</c>, <c>ExecuteUpdate*</c>;
    /// <c>ExecuteNonQuery(Async)</c> on a <c>DbCommand</c>/<c>IDbCommand</c>; Dapper <c>Execute(Async)</c>;
    /// <c>Remove</c>/<c>RemoveRange</c> on a <c>DbSet</c> or <c>DbContext</c>. Calls written in the handler itself (with its
    /// lambdas and local functions) count, and so do calls of methods of the same compilation that make such a call, up to
    /// two calls deep (a service that saves, or a service that calls a repository that saves); an interface method counts
    /// through its implementation when the compilation has exactly one (<see cref="MethodSummaries"/>). A call behind a guard
    /// does not count: a check that the request is not a GET (<c>HttpMethods.IsPost(Request.Method)</c>,
    /// <c>Request.Method == "POST"</c>, an early return on <c>HttpMethods.IsGet</c>), antiforgery validation
    /// (<c>IAntiforgery.ValidateRequestAsync</c> before it, <c>IsRequestValidAsync</c> in its condition), or a development-only
    /// branch. One finding per handler, at its first state-changing call (the call in the handler, naming the method that saves).
    /// </summary>
    public sealed class StateChangeOnGetAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxPatternLength = 60;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.StateChangeOnGet);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                RequestDerivedAnalysis? requests = RequestDerivedAnalysis.Create(start.Compilation);
                if (requests is null)
                {
                    return;
                }

                var sinks = new Sinks(start.Compilation);
                var summaries = new MethodSummaries(start.Compilation, sinks);
                INamedTypeSymbol? pageModel = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
                INamedTypeSymbol? methodProvider = WellKnownTypes.For(start.Compilation).Get("Microsoft.AspNetCore.Mvc.Routing.IActionHttpMethodProvider");
                start.RegisterOperationAction(c => AnalyzeMethod(c, requests, summaries, pageModel, methodProvider), OperationKind.MethodBody);
                start.RegisterOperationAction(c => AnalyzeEndpoint(c, requests, summaries), OperationKind.Invocation);
            });
        }

        private static void AnalyzeMethod(
            OperationAnalysisContext context, RequestDerivedAnalysis requests, MethodSummaries summaries, INamedTypeSymbol? pageModel, INamedTypeSymbol? methodProvider)
        {
            if (!(context.ContainingSymbol is IMethodSymbol method) || !requests.IsActionOrHandler(method))
            {
                return;
            }

            string? handler;
            if (OperationHelpers.IsOrDerivesFrom(method.ContainingType, pageModel))
            {
                handler = method.Name.StartsWith("OnGet", StringComparison.Ordinal) ? $"The page handler '{method.Name}'" : null;
            }
            else
            {
                handler = DescribeGetAction(method, methodProvider);
            }

            if (handler is not null && FirstStateChange(context.Operation, summaries, context.CancellationToken) is { } change)
            {
                Report(context, change, handler);
            }
        }

        private static void AnalyzeEndpoint(OperationAnalysisContext context, RequestDerivedAnalysis requests, MethodSummaries summaries)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!(invocation.TargetMethod.Name is "MapGet" or "MapMethods") || !requests.IsEndpointMapCall(invocation))
            {
                return;
            }

            IArgumentOperation? handlerArgument = null;
            IArgumentOperation? methodsArgument = null;
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                ITypeSymbol? type = argument.Parameter?.Type;
                if (type?.TypeKind == TypeKind.Delegate || type?.Name == "Delegate")
                {
                    handlerArgument = argument;
                }
                else if (argument.Parameter?.Name == "httpMethods")
                {
                    methodsArgument = argument;
                }
            }

            if (handlerArgument is null
                || (invocation.TargetMethod.Name == "MapMethods" && !(methodsArgument is not null && ListsGet(methodsArgument.Value))))
            {
                return;
            }

            IOperation? body = HandlerBody(handlerArgument.Value, context);
            if (body is null || FirstStateChange(body, summaries, context.CancellationToken) is not { } change)
            {
                return;
            }

            string? pattern = OperationHelpers.ConstantString(OperationHelpers.FindArgument(invocation.Arguments, "pattern")?.Value);
            string handler = pattern is null || pattern.Length > MaxPatternLength
                ? $"The {invocation.TargetMethod.Name} handler"
                : $"The {invocation.TargetMethod.Name} handler for \"{pattern}\"";
            Report(context, change, handler);
        }

        private static void Report(OperationAnalysisContext context, StateChange change, string handler)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.StateChangeOnGet,
                change.Call.Syntax.GetLocation(),
                handler + " calls " + change.Description));
        }

        /// <summary>"The GET action 'X'", "The action 'X' (no HTTP method attribute, so GET too)", or null when GET does not reach it.</summary>
        private static string? DescribeGetAction(IMethodSymbol method, INamedTypeSymbol? methodProvider)
        {
            bool anyVerb = false;
            foreach (AttributeData attribute in method.GetAttributes())
            {
                INamedTypeSymbol? type = attribute.AttributeClass;
                if (type is null)
                {
                    continue;
                }

                if (IsNamed(type, "HttpGetAttribute"))
                {
                    return $"The GET action '{method.Name}'";
                }

                if (IsNamed(type, "AcceptVerbsAttribute"))
                {
                    anyVerb = true;
                    foreach (TypedConstant argument in attribute.ConstructorArguments)
                    {
                        if (ListsGet(argument))
                        {
                            return $"The GET action '{method.Name}'";
                        }
                    }

                    continue;
                }

                if (IsNamed(type, "HttpMethodAttribute") || OperationHelpers.Implements(type, methodProvider))
                {
                    anyVerb = true;
                }
            }

            if (anyVerb || HasAntiforgeryValidation(method))
            {
                return null;
            }

            return $"The action '{method.Name}' has no HTTP method attribute, so it accepts GET, and";
        }

        private static bool HasAntiforgeryValidation(IMethodSymbol method)
        {
            if (HasAttribute(method, "ValidateAntiForgeryTokenAttribute"))
            {
                return true;
            }

            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (HasAttribute(type, "ValidateAntiForgeryTokenAttribute"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(ISymbol symbol, string name)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { } type && IsNamed(type, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsNamed(INamedTypeSymbol type, string name)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (current.Name == name && SymbolNames.IsInNamespace(current.ContainingNamespace, "Microsoft.AspNetCore.Mvc"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ListsGet(TypedConstant constant)
        {
            if (constant.Kind == TypedConstantKind.Array)
            {
                foreach (TypedConstant item in constant.Values)
                {
                    if (ListsGet(item))
                    {
                        return true;
                    }
                }

                return false;
            }

            return constant.Value is string verb && string.Equals(verb.Trim(), "GET", StringComparison.OrdinalIgnoreCase);
        }

        // MapMethods("/x", new[] { "GET", "POST" }, …) or HttpMethods.Get: a constant GET among the listed methods.
        private static bool ListsGet(IOperation methods)
        {
            foreach (IOperation operation in ConstantValueAnalysis.WalkDownConversions(methods).DescendantsAndSelf())
            {
                if (operation.Type?.SpecialType == SpecialType.System_String
                    && OperationHelpers.ConstantString(operation) is { } verb
                    && string.Equals(verb.Trim(), "GET", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (operation is IFieldReferenceOperation { Field: { Name: "Get", ContainingType.Name: "HttpMethods" } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The body of the handler passed to MapGet: a lambda, or a method group whose declaration is in the same file.</summary>
        private static IOperation? HandlerBody(IOperation value, OperationAnalysisContext context)
        {
            IOperation current = value;
            while (true)
            {
                switch (current)
                {
                    case IConversionOperation conversion:
                        current = conversion.Operand;
                        continue;
                    case IDelegateCreationOperation creation:
                        current = creation.Target;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        current = parenthesized.Operand;
                        continue;
                }

                break;
            }

            if (current is IAnonymousFunctionOperation lambda)
            {
                return lambda.Body;
            }

            if (!(current is IMethodReferenceOperation { Method: { } method }) || value.SemanticModel is not { } model)
            {
                return null;
            }

            foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != model.SyntaxTree)
                {
                    continue;
                }

                SyntaxNode syntax = reference.GetSyntax(context.CancellationToken);
                if (syntax is LocalFunctionStatementSyntax || syntax is MethodDeclarationSyntax)
                {
                    IOperation? operation = model.GetOperation(syntax, context.CancellationToken);
                    if (operation is ILocalFunctionOperation localFunction)
                    {
                        return localFunction.Body ?? localFunction.IgnoredBody;
                    }

                    if (operation is not null)
                    {
                        return operation;
                    }
                }
            }

            return null;
        }

        /// <summary>The first unguarded call in the handler that changes state itself or through a method of the compilation.</summary>
        private static StateChange? FirstStateChange(IOperation body, MethodSummaries summaries, CancellationToken cancellationToken)
        {
            foreach (IOperation operation in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!(operation is IInvocationOperation invocation) || StateChangeGuards.IsGuarded(invocation))
                {
                    continue;
                }

                if (summaries.Sinks.ChangesState(invocation))
                {
                    return new StateChange(invocation, invocation.TargetMethod.Name);
                }

                if (summaries.ThroughCallee(invocation.TargetMethod, cancellationToken) is { } path)
                {
                    return new StateChange(invocation, path);
                }
            }

            return null;
        }

        private sealed class StateChange
        {
            public StateChange(IInvocationOperation call, string description)
            {
                Call = call;
                Description = description;
            }

            /// <summary>The call in the handler.</summary>
            public IInvocationOperation Call { get; }

            /// <summary>"SaveChanges", or "OrderService.Cancel (which calls SaveChanges)".</summary>
            public string Description { get; }
        }

        internal sealed class Sinks
        {
            private readonly INamedTypeSymbol? _dbContext;
            private readonly INamedTypeSymbol? _dbSet;
            private readonly INamedTypeSymbol? _dbCommand;
            private readonly INamedTypeSymbol? _idbCommand;

            public Sinks(Compilation compilation)
            {
                _dbContext = WellKnownTypes.For(compilation).Get("Microsoft.EntityFrameworkCore.DbContext");
                _dbSet = WellKnownTypes.For(compilation).Get("Microsoft.EntityFrameworkCore.DbSet`1");
                _dbCommand = WellKnownTypes.For(compilation).Get("System.Data.Common.DbCommand");
                _idbCommand = WellKnownTypes.For(compilation).Get("System.Data.IDbCommand");
            }

            public bool ChangesState(IInvocationOperation invocation)
            {
                IMethodSymbol method = invocation.TargetMethod;
                INamedTypeSymbol? type = method.ContainingType;
                if (type is null)
                {
                    return false;
                }

                switch (method.Name)
                {
                    case "SaveChanges":
                    case "SaveChangesAsync":
                        return OperationHelpers.IsOrDerivesFrom(type, _dbContext);
                    case "Remove":
                    case "RemoveRange":
                        return OperationHelpers.IsOrDerivesFrom(type, _dbContext) || OperationHelpers.IsOrDerivesFrom(type, _dbSet);
                    case "ExecuteNonQuery":
                    case "ExecuteNonQueryAsync":
                        return OperationHelpers.IsOrDerivesFrom(type, _dbCommand) || OperationHelpers.Implements(type, _idbCommand);
                    case "Execute":
                    case "ExecuteAsync":
                        return method.IsExtensionMethod && SymbolNames.IsType(type, "Dapper", "SqlMapper");
                }

                return (method.Name.StartsWith("ExecuteSql", StringComparison.Ordinal)
                        || method.Name.StartsWith("ExecuteDelete", StringComparison.Ordinal)
                        || method.Name.StartsWith("ExecuteUpdate", StringComparison.Ordinal))
                    && SymbolNames.IsNamespace(type.ContainingNamespace, "Microsoft.EntityFrameworkCore");
            }
        }
    }
}

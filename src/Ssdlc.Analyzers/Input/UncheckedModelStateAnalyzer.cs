using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Sessions;

namespace Ssdlc.Analyzers.Input
{
    /// <summary>
    /// SSDLC0207: a bound model used without checking its validation (B.2.1.7). An MVC action of a controller without
    /// <c>[ApiController]</c> (class, base class or assembly: <see cref="MvcControllerModel"/>), or a Razor Pages handler,
    /// that binds a complex model (a parameter whose type is one of the app's DTOs, <see cref="RequestDerivedAnalysis.IsDto"/>,
    /// or a <c>[BindProperty]</c> property of the page) whose type carries validation attributes (a <c>ValidationAttribute</c>
    /// on the type, its properties, its record parameters or a nested DTO property) or implements <c>IValidatableObject</c>,
    /// and uses it (passes it or its values to a method that is not an action result, a logger or a string helper, or copies
    /// them into another object) without reading <c>ModelState</c> (<c>IsValid</c>, <c>ErrorCount</c>, <c>ValidationState</c>, ...)
    /// or calling <c>TryValidateModel</c>/<c>Validate</c> anywhere in the handler.
    /// <para>
    /// Silent: <c>[ApiController]</c> controllers (the automatic 400 response), models without validation attributes, handlers
    /// that only redisplay the model (<c>View(model)</c>, <c>Page()</c>), GET handlers that change no state, and actions
    /// covered by a filter that checks <c>ModelState</c>: an action filter attribute on the action, controller or a base
    /// controller, or one registered in <c>MvcOptions.Filters</c> (a page filter for Razor Pages). A filter "checks" when its
    /// source mentions <c>ModelState</c>, or, compiled elsewhere, when its name says it validates. Reported at the end of the
    /// compilation (global filters can be registered anywhere), at the model parameter, or at the page handler for a bound
    /// property.
    /// </para>
    /// </summary>
    public sealed class UncheckedModelStateAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxUseSteps = 400;

        private static readonly HashSet<string> ModelStateWrites = new HashSet<string>(StringComparer.Ordinal)
        {
            "AddModelError", "TryAddModelError", "Remove", "Clear", "SetModelValue", "MarkFieldValid", "MarkFieldSkipped", "ClearValidationState",
        };

        private static readonly HashSet<string> ValidatingCalls = new HashSet<string>(StringComparer.Ordinal)
        {
            "TryValidateModel", "TryValidateObject", "ValidateObject", "Validate", "ValidateAsync", "ValidateAndThrow", "ValidateAndThrowAsync",
            "TryValidate", "IsValid",
        };

        private static readonly HashSet<string> EntityWrites = new HashSet<string>(StringComparer.Ordinal)
        {
            "Add", "AddAsync", "AddRange", "AddRangeAsync", "Update", "UpdateRange", "Attach", "AttachRange",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UncheckedModelState);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                MvcControllerModel? model = MvcControllerModel.TryCreate(start.Compilation);
                INamedTypeSymbol? validationAttribute = WellKnownTypes.For(start.Compilation).Get("System.ComponentModel.DataAnnotations.ValidationAttribute");
                if (model is null || validationAttribute is null)
                {
                    return;
                }

                var state = new State(start.Compilation, model, validationAttribute);
                start.RegisterOperationAction(state.AnalyzeMethodBody, OperationKind.MethodBody);
                start.RegisterOperationAction(state.AnalyzeFilterRegistration, OperationKind.Invocation);
                start.RegisterCompilationEndAction(state.Report);
            });
        }

        private enum HandlerKind
        {
            Action,
            Page,
        }

        private sealed class Finding
        {
            public Finding(Location location, string message, HandlerKind kind)
            {
                Location = location;
                Message = message;
                Kind = kind;
            }

            public Location Location { get; }

            public string Message { get; }

            public HandlerKind Kind { get; }
        }

        private sealed class State
        {
            private readonly MvcControllerModel _model;
            private readonly INamedTypeSymbol _validationAttribute;
            private readonly INamedTypeSymbol? _validatableObject;
            private readonly INamedTypeSymbol? _pageModel;
            private readonly INamedTypeSymbol? _modelStateDictionary;
            private readonly INamedTypeSymbol? _filterCollection;
            private readonly INamedTypeSymbol? _actionFilter;
            private readonly INamedTypeSymbol? _asyncActionFilter;
            private readonly INamedTypeSymbol? _pageFilter;
            private readonly INamedTypeSymbol? _asyncPageFilter;
            private readonly INamedTypeSymbol? _dbContext;
            private readonly INamedTypeSymbol? _dbSet;
            private readonly StateChangeOnGetAnalyzer.Sinks _stateChanges;
            private readonly ConcurrentDictionary<ITypeSymbol, bool> _validatedTypes = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
            private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _validationFilters = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
            private readonly ConcurrentBag<Finding> _findings = new ConcurrentBag<Finding>();
            private int _globalActionFilter;
            private int _globalPageFilter;

            public State(Compilation compilation, MvcControllerModel model, INamedTypeSymbol validationAttribute)
            {
                _model = model;
                _validationAttribute = validationAttribute;
                _validatableObject = WellKnownTypes.For(compilation).Get("System.ComponentModel.DataAnnotations.IValidatableObject");
                _pageModel = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
                _modelStateDictionary = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary");
                _filterCollection = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.Filters.FilterCollection");
                _actionFilter = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.Filters.IActionFilter");
                _asyncActionFilter = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.Filters.IAsyncActionFilter");
                _pageFilter = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.Filters.IPageFilter");
                _asyncPageFilter = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter");
                _dbContext = WellKnownTypes.For(compilation).Get("Microsoft.EntityFrameworkCore.DbContext");
                _dbSet = WellKnownTypes.For(compilation).Get("Microsoft.EntityFrameworkCore.DbSet`1");
                _stateChanges = new StateChangeOnGetAnalyzer.Sinks(compilation);
            }

            /// <summary>options.Filters.Add&lt;ValidateModelFilter&gt;() and the like: a global filter that checks ModelState.</summary>
            public void AnalyzeFilterRegistration(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (!(invocation.TargetMethod.Name is "Add" or "AddService")
                    || !OperationHelpers.IsOrDerivesFrom(invocation.Instance?.Type ?? invocation.TargetMethod.ContainingType, _filterCollection)
                    || !(AuthenticationSetupFacts.FilterType(invocation) is INamedTypeSymbol filter)
                    || !ChecksModelState(filter, context.CancellationToken))
                {
                    return;
                }

                if (OperationHelpers.Implements(filter, _actionFilter) || OperationHelpers.Implements(filter, _asyncActionFilter))
                {
                    Interlocked.Exchange(ref _globalActionFilter, 1);
                }

                if (OperationHelpers.Implements(filter, _pageFilter) || OperationHelpers.Implements(filter, _asyncPageFilter))
                {
                    Interlocked.Exchange(ref _globalPageFilter, 1);
                }
            }

            public void Report(CompilationAnalysisContext context)
            {
                bool actionsCovered = Volatile.Read(ref _globalActionFilter) != 0;
                bool pagesCovered = Volatile.Read(ref _globalPageFilter) != 0;
                foreach (Finding finding in _findings)
                {
                    if ((finding.Kind == HandlerKind.Action && actionsCovered) || (finding.Kind == HandlerKind.Page && pagesCovered))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.UncheckedModelState, finding.Location, finding.Message));
                }
            }

            public void AnalyzeMethodBody(OperationAnalysisContext context)
            {
                if (!(context.ContainingSymbol is IMethodSymbol method) || method.ContainingType is not { } type)
                {
                    return;
                }

                HandlerKind kind;
                bool isGet;
                string handler;
                if (_pageModel is not null && OperationHelpers.IsOrDerivesFrom(type, _pageModel))
                {
                    if (!IsPageHandler(method, out isGet))
                    {
                        return;
                    }

                    kind = HandlerKind.Page;
                    handler = $"The page handler '{method.Name}'";
                }
                else
                {
                    if (!_model.IsController(type) || _model.IsApiController(type) || !IsDeclaredAction(method, type))
                    {
                        return;
                    }

                    kind = HandlerKind.Action;
                    isGet = IsGetOnly(method);
                    handler = $"The action '{method.Name}'";
                }

                if (HasValidationFilterAttribute(method, kind, context.CancellationToken))
                {
                    return;
                }

                IOperation body = context.Operation;
                List<(ISymbol Model, Location Location)> models = BoundModels(method, type, kind, isGet);
                if (models.Count == 0 || ChecksValidation(body) || (isGet && !ChangesState(body)))
                {
                    return;
                }

                foreach ((ISymbol bound, Location location) in models)
                {
                    if (IsUsed(body, bound, context.CancellationToken))
                    {
                        ITypeSymbol boundType = bound is IParameterSymbol parameter ? parameter.Type : ((IPropertySymbol)bound).Type;
                        _findings.Add(new Finding(
                            location,
                            $"{handler} uses the bound model '{bound.Name}' ({boundType.Name} has validation rules) without checking ModelState.IsValid",
                            kind));
                    }
                }
            }

            private bool IsDeclaredAction(IMethodSymbol method, INamedTypeSymbol controller)
            {
                foreach (IMethodSymbol action in _model.Actions(controller))
                {
                    if (SymbolEqualityComparer.Default.Equals(action, method))
                    {
                        return true;
                    }
                }

                return false;
            }

            // Razor Pages handlers: public On{Verb}[Handler][Async] methods of a page model.
            private static bool IsPageHandler(IMethodSymbol method, out bool isGet)
            {
                isGet = method.Name.StartsWith("OnGet", StringComparison.Ordinal);
                return method.DeclaredAccessibility == Accessibility.Public && !method.IsStatic && method.MethodKind == MethodKind.Ordinary
                       && (isGet || method.Name.StartsWith("OnPost", StringComparison.Ordinal) || method.Name.StartsWith("OnPut", StringComparison.Ordinal)
                           || method.Name.StartsWith("OnPatch", StringComparison.Ordinal) || method.Name.StartsWith("OnDelete", StringComparison.Ordinal));
            }

            // [HttpGet] or [AcceptVerbs] with GET/HEAD only; an action without a verb attribute also serves POST.
            private static bool IsGetOnly(IMethodSymbol method)
            {
                bool get = false;
                foreach (AttributeData attribute in method.GetAttributes())
                {
                    string? name = attribute.AttributeClass?.Name;
                    if (name is "HttpGetAttribute" or "HttpHeadAttribute")
                    {
                        get = true;
                    }
                    else if (name is "HttpPostAttribute" or "HttpPutAttribute" or "HttpPatchAttribute" or "HttpDeleteAttribute")
                    {
                        return false;
                    }
                    else if (name == "AcceptVerbsAttribute")
                    {
                        foreach (TypedConstant argument in attribute.ConstructorArguments)
                        {
                            foreach (TypedConstant verb in argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArray.Create(argument))
                            {
                                if (verb.Value is string text && !(text.Equals("GET", StringComparison.OrdinalIgnoreCase) || text.Equals("HEAD", StringComparison.OrdinalIgnoreCase)))
                                {
                                    return false;
                                }
                            }
                        }

                        get = true;
                    }
                }

                return get;
            }

            private List<(ISymbol Model, Location Location)> BoundModels(IMethodSymbol method, INamedTypeSymbol type, HandlerKind kind, bool isGet)
            {
                var models = new List<(ISymbol, Location)>();
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (HasAttributeNamed(parameter, "FromServicesAttribute", "FromKeyedServicesAttribute")
                        || !RequestDerivedAnalysis.IsDto(parameter.Type)
                        || !(IsValidated(parameter.Type, 0) || HasValidationAttribute(parameter))
                        || parameter.Locations.Length == 0)
                    {
                        continue;
                    }

                    models.Add((parameter, parameter.Locations[0]));
                }

                if (kind == HandlerKind.Page && method.Locations.Length > 0)
                {
                    bool bindAll = HasAttributeNamed(type, "BindPropertiesAttribute");
                    for (INamedTypeSymbol? current = type; current is not null && current.Locations.Length > 0 && current.Locations[0].IsInSource; current = current.BaseType)
                    {
                        foreach (ISymbol member in current.GetMembers())
                        {
                            if (member is IPropertySymbol { IsStatic: false } property
                                && BindsOn(property, bindAll, isGet)
                                && RequestDerivedAnalysis.IsDto(property.Type)
                                && IsValidated(property.Type, 0))
                            {
                                models.Add((property, method.Locations[0]));
                            }
                        }
                    }
                }

                return models;
            }

            private static bool BindsOn(IPropertySymbol property, bool bindAll, bool isGet)
            {
                foreach (AttributeData attribute in property.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name == "BindPropertyAttribute")
                    {
                        if (!isGet)
                        {
                            return true;
                        }

                        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
                        {
                            if (named.Key == "SupportsGet" && named.Value.Value is true)
                            {
                                return true;
                            }
                        }

                        return false;
                    }
                }

                return bindAll && !isGet && property.SetMethod?.DeclaredAccessibility == Accessibility.Public;
            }

            /// <summary>Validation attributes on the type, its properties and fields, its record parameters, or a nested DTO; or IValidatableObject.</summary>
            private bool IsValidated(ITypeSymbol type, int depth)
            {
                if (depth > 2)
                {
                    return false;
                }

                if (depth == 0 && _validatedTypes.TryGetValue(type, out bool known))
                {
                    return known;
                }

                bool result = Compute();
                if (depth == 0)
                {
                    _validatedTypes.TryAdd(type, result);
                }

                return result;

                bool Compute()
                {
                    if (OperationHelpers.Implements(type, _validatableObject) || HasValidationAttribute(type))
                    {
                        return true;
                    }

                    for (ITypeSymbol? current = type; current is not null && current.Locations.Length > 0 && current.Locations[0].IsInSource; current = current.BaseType)
                    {
                        foreach (ISymbol member in current.GetMembers())
                        {
                            switch (member)
                            {
                                case IPropertySymbol { IsStatic: false } property when HasValidationAttribute(property)
                                                                                       || (!SymbolEqualityComparer.Default.Equals(property.Type, type)
                                                                                           && RequestDerivedAnalysis.IsDto(property.Type) && IsValidated(property.Type, depth + 1)):
                                    return true;
                                case IFieldSymbol { IsStatic: false } field when HasValidationAttribute(field):
                                    return true;
                                case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor when current.IsRecord:
                                    foreach (IParameterSymbol parameter in constructor.Parameters)
                                    {
                                        if (HasValidationAttribute(parameter))
                                        {
                                            return true;
                                        }
                                    }

                                    break;
                            }
                        }
                    }

                    return false;
                }
            }

            private bool HasValidationAttribute(ISymbol symbol)
            {
                foreach (AttributeData attribute in symbol.GetAttributes())
                {
                    if (OperationHelpers.IsOrDerivesFrom(attribute.AttributeClass, _validationAttribute))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool HasAttributeNamed(ISymbol symbol, string name, string? other = null)
            {
                foreach (AttributeData attribute in symbol.GetAttributes())
                {
                    string? attributeName = attribute.AttributeClass?.Name;
                    if (attributeName == name || (other is not null && attributeName == other))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>An action filter attribute (page filter for pages) on the handler, its class or a base class that checks ModelState.</summary>
            private bool HasValidationFilterAttribute(IMethodSymbol method, HandlerKind kind, CancellationToken cancellationToken)
            {
                foreach (AttributeData attribute in method.GetAttributes())
                {
                    if (IsValidationFilter(attribute.AttributeClass, kind, cancellationToken))
                    {
                        return true;
                    }
                }

                for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
                {
                    foreach (AttributeData attribute in type.GetAttributes())
                    {
                        if (IsValidationFilter(attribute.AttributeClass, kind, cancellationToken))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private bool IsValidationFilter(INamedTypeSymbol? filter, HandlerKind kind, CancellationToken cancellationToken)
            {
                if (filter is null)
                {
                    return false;
                }

                bool runs = kind == HandlerKind.Action
                    ? OperationHelpers.Implements(filter, _actionFilter) || OperationHelpers.Implements(filter, _asyncActionFilter)
                    : OperationHelpers.Implements(filter, _pageFilter) || OperationHelpers.Implements(filter, _asyncPageFilter);
                return runs && ChecksModelState(filter, cancellationToken);
            }

            /// <summary>A filter declared in source that mentions ModelState, or one compiled elsewhere whose name says it validates.</summary>
            private bool ChecksModelState(INamedTypeSymbol filter, CancellationToken cancellationToken)
                => _validationFilters.GetOrAdd(filter, f =>
                {
                    bool inSource = false;
                    for (INamedTypeSymbol? type = f; type is not null; type = type.BaseType)
                    {
                        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                        {
                            inSource = true;
                            foreach (SyntaxToken token in reference.GetSyntax(cancellationToken).DescendantTokens())
                            {
                                if (token.ValueText == "ModelState")
                                {
                                    return true;
                                }
                            }
                        }
                    }

                    return !inSource && f.Name.IndexOf("Validat", StringComparison.OrdinalIgnoreCase) >= 0;
                });

            /// <summary>The handler reads ModelState (other than to add or clear errors) or validates the model itself.</summary>
            private bool ChecksValidation(IOperation body)
            {
                foreach (IOperation operation in body.Descendants())
                {
                    switch (operation)
                    {
                        case IPropertyReferenceOperation { Property.Name: "ModelState" } modelState
                            when OperationHelpers.IsOrDerivesFrom(modelState.Type, _modelStateDictionary):
                            if (!(modelState.Parent is IInvocationOperation write && ModelStateWrites.Contains(write.TargetMethod.Name)))
                            {
                                return true;
                            }

                            break;
                        case IInvocationOperation invocation when ValidatingCalls.Contains(invocation.TargetMethod.Name):
                            return true;
                    }
                }

                return false;
            }

            // A GET handler counts only when it also writes: SaveChanges, ExecuteSql, Add/Update on EF, ...
            private bool ChangesState(IOperation body)
            {
                foreach (IOperation operation in body.Descendants())
                {
                    if (operation is IInvocationOperation invocation
                        && (_stateChanges.ChangesState(invocation) || IsEntityWrite(invocation)))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool IsEntityWrite(IInvocationOperation invocation)
                => EntityWrites.Contains(invocation.TargetMethod.Name)
                   && (OperationHelpers.IsOrDerivesFrom(invocation.TargetMethod.ContainingType, _dbContext)
                       || OperationHelpers.IsOrDerivesFrom(invocation.TargetMethod.ContainingType, _dbSet));

            /// <summary>
            /// True when the model (or a value taken from it) reaches a method other than an action result, a logger or a string
            /// helper, or is copied into another object's member.
            /// </summary>
            private bool IsUsed(IOperation body, ISymbol model, CancellationToken cancellationToken)
            {
                var pending = new Stack<IOperation>();
                var followedLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                foreach (IOperation operation in body.Descendants())
                {
                    if (IsReferenceTo(operation, model))
                    {
                        pending.Push(operation);
                    }
                }

                int steps = 0;
                while (pending.Count > 0 && steps++ < MaxUseSteps)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    IOperation current = pending.Pop();
                    IOperation? parent = current.Parent;
                    switch (parent)
                    {
                        case null:
                            break;
                        case IConversionOperation:
                        case IParenthesizedOperation:
                        case IAwaitOperation:
                        case ICoalesceOperation:
                        case IInterpolationOperation:
                        case IInterpolatedStringOperation:
                        case ITupleOperation:
                        case IArrayInitializerOperation:
                        case IArrayCreationOperation:
                        case IAnonymousObjectCreationOperation:
                        case IObjectOrCollectionInitializerOperation:
                        case IMemberInitializerOperation:
                        case IObjectCreationOperation:
                        case IArrayElementReferenceOperation:
                        case IConditionalAccessOperation:
                            pending.Push(parent);
                            break;
                        case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, current):
                            pending.Push(parent);
                            break;
                        case IFieldReferenceOperation field when ReferenceEquals(field.Instance, current):
                            pending.Push(parent);
                            break;
                        case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                            pending.Push(parent);
                            break;
                        case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, current):
                            pending.Push(parent);
                            break;
                        case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                            pending.Push(creation);
                            break;
                        case IArgumentOperation { Parent: IInvocationOperation invocation }:
                            if (Consumes(invocation))
                            {
                                return true;
                            }

                            if (CarriesOn(invocation))
                            {
                                pending.Push(invocation);
                            }

                            break;
                        case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, current):
                            if (Consumes(invocation))
                            {
                                return true;
                            }

                            if (CarriesOn(invocation))
                            {
                                pending.Push(invocation);
                            }

                            break;
                        case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                            IOperation target = ConstantValueAnalysis.WalkDownConversions(assignment.Target);
                            if (target is ILocalReferenceOperation local)
                            {
                                FollowLocal(body, local.Local, followedLocals, pending);
                            }
                            else if (target is IPropertyReferenceOperation or IFieldReferenceOperation && !IsInitializerOfOwnObject(assignment) && IsAppState(target))
                            {
                                return true;
                            }
                            else
                            {
                                pending.Push(assignment);
                            }

                            break;
                        case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                            FollowLocal(body, declarator.Symbol, followedLocals, pending);
                            break;
                    }
                }

                return false;
            }

            // new Product { Name = input.Name } carries the value on to the created object; entity.Name = input.Name is a use.
            private static bool IsInitializerOfOwnObject(ISimpleAssignmentOperation assignment)
                => assignment.Parent is IObjectOrCollectionInitializerOperation or IMemberInitializerOperation or IAnonymousObjectCreationOperation;

            // entity.Name = input.Name, _current = input; not ViewData["Title"] = input.Name or Response.Headers[...].
            private static bool IsAppState(IOperation target)
            {
                ISymbol member = target is IPropertyReferenceOperation property ? property.Property : ((IFieldReferenceOperation)target).Field;
                INamespaceSymbol? ns = member.ContainingType?.ContainingNamespace;
                return !(SymbolNames.IsInNamespace(ns, "Microsoft.AspNetCore") || SymbolNames.IsInNamespace(ns, "System"));
            }

            private static void FollowLocal(IOperation body, ILocalSymbol local, HashSet<ILocalSymbol> followed, Stack<IOperation> pending)
            {
                if (!followed.Add(local))
                {
                    return;
                }

                foreach (IOperation operation in body.Descendants())
                {
                    if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                        && !(reference.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, reference)))
                    {
                        pending.Push(reference);
                    }
                }
            }

            private static bool IsReferenceTo(IOperation operation, ISymbol model)
                => operation switch
                {
                    IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, model),
                    IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } property => SymbolEqualityComparer.Default.Equals(property.Property, model),
                    _ => false,
                };

            /// <summary>A call that acts on the model's data: the app's own code, EF Core, data access, anything but the exemptions.</summary>
            private static bool Consumes(IInvocationOperation invocation)
            {
                IMethodSymbol method = invocation.TargetMethod;
                INamespaceSymbol? ns = method.ContainingNamespace;
                string type = method.ContainingType?.Name ?? string.Empty;

                // Action results and redisplay (View(model), RedirectToAction(..., new { id }), Page(), Results.Ok(model)).
                if (SymbolNames.IsInNamespace(ns, "Microsoft.AspNetCore.Mvc") || SymbolNames.IsInNamespace(ns, "Microsoft.AspNetCore.Http"))
                {
                    return false;
                }

                // Loggers, string and conversion helpers, LINQ, collections: reading, formatting or carrying the value.
                if (type.IndexOf("Log", StringComparison.Ordinal) >= 0 || method.Name.StartsWith("Log", StringComparison.Ordinal)
                    || SymbolNames.IsInNamespace(ns, "System") || SymbolNames.IsInNamespace(ns, "Microsoft.Extensions.Logging"))
                {
                    return false;
                }

                return true;
            }

            // string.Format, Trim, ToString, LINQ Select/ToList, Convert: the result carries the model's data further.
            private static bool CarriesOn(IInvocationOperation invocation)
            {
                IMethodSymbol method = invocation.TargetMethod;
                INamespaceSymbol? ns = method.ContainingNamespace;
                return !method.ReturnsVoid && method.ReturnType.SpecialType != SpecialType.System_Boolean
                       && (SymbolNames.IsNamespace(ns, "System") || SymbolNames.IsNamespace(ns, "System.Linq") || SymbolNames.IsNamespace(ns, "System.Text"));
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>Which antiforgery attribute decides for an action: the closest of action, controller and base controllers.</summary>
    internal enum AntiforgeryPolicy
    {
        /// <summary>No <c>IAntiforgeryPolicy</c> attribute on the action or its controllers.</summary>
        None,

        /// <summary><c>[ValidateAntiForgeryToken]</c> or <c>[AutoValidateAntiforgeryToken]</c>.</summary>
        Validate,

        /// <summary><c>[IgnoreAntiforgeryToken]</c>.</summary>
        Ignore,
    }

    /// <summary>
    /// MVC controllers and actions the way ASP.NET Core's application model discovers them, seen through symbols only:
    /// a public, non-abstract, non-generic class named <c>*Controller</c>, deriving from <c>ControllerBase</c> or marked
    /// <c>[Controller]</c>/<c>[ApiController]</c> on it or a base class (not <c>[NonController]</c>); its actions are the public instance methods declared in source (not <c>[NonAction]</c>, no
    /// overrides of framework methods). Attributes on base controllers count (ASP.NET Core reads inherited attributes).
    /// The one model of what a controller and an action are: SSDLC0705, SSDLC0801, SSDLC0207 and the request-derived
    /// analysis (action parameters are request data) all use it.
    /// </summary>
    internal sealed class MvcControllerModel
    {
        private static readonly HashSet<string> StateChangingVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "POST", "PUT", "PATCH", "DELETE" };

        private readonly INamedTypeSymbol controllerBase;
        private readonly INamedTypeSymbol? controllerAttribute;
        private readonly INamedTypeSymbol? authorizeData;
        private readonly INamedTypeSymbol? allowAnonymous;
        private readonly INamedTypeSymbol? authorizationFilter;
        private readonly INamedTypeSymbol? asyncAuthorizationFilter;
        private readonly INamedTypeSymbol? antiforgeryPolicy;
        private readonly INamedTypeSymbol? ignoreAntiforgery;
        private readonly INamedTypeSymbol? validateAntiforgery;
        private readonly INamedTypeSymbol? autoValidateAntiforgery;
        private readonly INamedTypeSymbol? apiBehaviorMetadata;
        private readonly INamedTypeSymbol? bindingSourceMetadata;
        private readonly INamedTypeSymbol? fromBodyMetadata;
        private readonly INamedTypeSymbol? formFile;
        private readonly INamedTypeSymbol? formFileCollection;
        private readonly INamedTypeSymbol? formCollection;

        private MvcControllerModel(Compilation compilation, INamedTypeSymbol controllerBase)
        {
            this.controllerBase = controllerBase;
            controllerAttribute = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.ControllerAttribute");
            authorizeData = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Authorization.IAuthorizeData");
            allowAnonymous = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Authorization.IAllowAnonymous");
            authorizationFilter = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.Filters.IAuthorizationFilter");
            asyncAuthorizationFilter = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.Filters.IAsyncAuthorizationFilter");
            antiforgeryPolicy = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.ViewFeatures.IAntiforgeryPolicy");
            ignoreAntiforgery = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute");
            validateAntiforgery = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.ValidateAntiForgeryTokenAttribute");
            autoValidateAntiforgery = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute");
            apiBehaviorMetadata = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.Infrastructure.IApiBehaviorMetadata");
            bindingSourceMetadata = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.ModelBinding.IBindingSourceMetadata");
            fromBodyMetadata = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata");
            formFile = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.IFormFile");
            formFileCollection = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.IFormFileCollection");
            formCollection = WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.IFormCollection");
        }

        /// <summary>Null when the compilation does not reference MVC.</summary>
        public static MvcControllerModel? TryCreate(Compilation compilation)
            => WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Mvc.ControllerBase") is { } controllerBase
                ? new MvcControllerModel(compilation, controllerBase)
                : null;

        public bool IsController(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || type.IsGenericType || !IsPublic(type)
                || HasAttribute(type, "NonControllerAttribute"))
            {
                return false;
            }

            // ASP.NET Core's ControllerFeatureProvider: named *Controller, or [Controller] (ControllerBase carries it, and
            // [ApiController] derives from it) on the class or a base class.
            return OperationHelpers.IsOrDerivesFrom(type, controllerBase)
                || type.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase)
                || HasControllerAttribute(type);
        }

        /// <summary>A controller, or an abstract base class of controllers (its public methods are the derived controllers' actions).</summary>
        public bool IsControllerOrBase(INamedTypeSymbol type)
            => IsController(type)
               || (type.TypeKind == TypeKind.Class && type.IsAbstract && !HasAttribute(type, "NonControllerAttribute")
                   && (OperationHelpers.IsOrDerivesFrom(type, controllerBase) || HasControllerAttribute(type)));

        private bool HasControllerAttribute(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (AttributeData attribute in current.GetAttributes())
                {
                    if (OperationHelpers.IsOrDerivesFrom(attribute.AttributeClass, controllerAttribute))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The actions of a controller: public instance methods declared in source on it or its source base classes.</summary>
        public List<IMethodSymbol> Actions(INamedTypeSymbol controller)
        {
            var actions = new List<IMethodSymbol>();
            var overridden = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            for (INamedTypeSymbol? type = controller; type is not null && IsInSource(type); type = type.BaseType)
            {
                foreach (ISymbol member in type.GetMembers())
                {
                    if (!(member is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, IsStatic: false, IsAbstract: false, IsGenericMethod: false } method)
                        || overridden.Contains(method)
                        || HasOwnAttribute(method, "NonActionAttribute"))
                    {
                        continue;
                    }

                    if (method.OverriddenMethod is { } baseMethod)
                    {
                        if (!IsInSource(baseMethod.ContainingType))
                        {
                            continue; // OnActionExecuting, Dispose, ...
                        }

                        overridden.Add(baseMethod.OriginalDefinition);
                    }

                    if (method.Name == "Dispose" && method.Parameters.Length == 0)
                    {
                        continue;
                    }

                    actions.Add(method);
                }
            }

            return actions;
        }

        /// <summary><c>[Authorize]</c>, <c>[AllowAnonymous]</c> or an authorization filter attribute on the controller or a base controller.</summary>
        public bool ControllerDecidesAuthorization(INamedTypeSymbol controller)
        {
            for (INamedTypeSymbol? type = controller; type is not null; type = type.BaseType)
            {
                foreach (AttributeData attribute in type.GetAttributes())
                {
                    if (IsAuthorizationAttribute(attribute))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary><c>[Authorize]</c>, <c>[AllowAnonymous]</c> or an authorization filter attribute on the action.</summary>
        public bool ActionDecidesAuthorization(IMethodSymbol action)
        {
            foreach (AttributeData attribute in action.GetAttributes())
            {
                if (IsAuthorizationAttribute(attribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when every <c>[Authorize(AuthenticationSchemes = ...)]</c> on the action and its controllers names only schemes that <paramref name="isBearer"/> accepts, and there is at least one.</summary>
        public bool UsesOnlySchemes(IMethodSymbol action, Func<string, bool> isBearer)
        {
            bool any = false;
            foreach (AttributeData attribute in AttributesOf(action))
            {
                if (!OperationHelpers.Implements(attribute.AttributeClass, authorizeData))
                {
                    continue;
                }

                foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
                {
                    if (named.Key == "AuthenticationSchemes" && named.Value.Value is string schemes)
                    {
                        foreach (string scheme in schemes.Split(','))
                        {
                            if (!isBearer(scheme))
                            {
                                return false;
                            }

                            any = true;
                        }
                    }
                }
            }

            return any;
        }

        /// <summary>The verb attribute of an action that accepts POST, PUT, PATCH or DELETE (<c>[HttpPost]</c>, <c>[AcceptVerbs("POST")]</c>, ...), or null.</summary>
        public AttributeData? StateChangingVerb(IMethodSymbol action)
        {
            foreach (AttributeData attribute in action.GetAttributes())
            {
                for (INamedTypeSymbol? type = attribute.AttributeClass; type is not null; type = type.BaseType)
                {
                    if (!(type.Name is "HttpPostAttribute" or "HttpPutAttribute" or "HttpPatchAttribute" or "HttpDeleteAttribute" or "AcceptVerbsAttribute")
                        || !SymbolNames.IsNamespace(type.ContainingNamespace, "Microsoft.AspNetCore.Mvc"))
                    {
                        continue;
                    }

                    if (type.Name is "HttpPostAttribute" or "HttpPutAttribute" or "HttpPatchAttribute" or "HttpDeleteAttribute")
                    {
                        return attribute;
                    }

                    if (type.Name == "AcceptVerbsAttribute" && AcceptsStateChangingVerb(attribute))
                    {
                        return attribute;
                    }
                }
            }

            return null;
        }

        /// <summary>The closest antiforgery attribute (action, then controller, then base controllers) and where it is.</summary>
        public AntiforgeryPolicy ClosestAntiforgeryPolicy(IMethodSymbol action, out AttributeData? attribute)
        {
            foreach (AttributeData candidate in AttributesOf(action))
            {
                if (OperationHelpers.IsOrDerivesFrom(candidate.AttributeClass, ignoreAntiforgery))
                {
                    attribute = candidate;
                    return AntiforgeryPolicy.Ignore;
                }

                // The validating attributes are filter factories; the filters they create are the IAntiforgeryPolicy.
                if (OperationHelpers.IsOrDerivesFrom(candidate.AttributeClass, validateAntiforgery)
                    || OperationHelpers.IsOrDerivesFrom(candidate.AttributeClass, autoValidateAntiforgery)
                    || OperationHelpers.Implements(candidate.AttributeClass, antiforgeryPolicy))
                {
                    attribute = candidate;
                    return AntiforgeryPolicy.Validate;
                }
            }

            attribute = null;
            return AntiforgeryPolicy.None;
        }

        /// <summary>
        /// True when the action reads a JSON body (<c>[FromBody]</c>, or a complex parameter of an <c>[ApiController]</c> without
        /// another binding source): a cross-site form cannot send <c>application/json</c>, so such an action is not forgeable.
        /// </summary>
        public bool ReadsJsonBody(IMethodSymbol action)
        {
            if (ConsumesJsonOnly(action))
            {
                return true;
            }

            bool apiController = IsApiController(action.ContainingType);
            foreach (IParameterSymbol parameter in action.Parameters)
            {
                AttributeData? source = null;
                foreach (AttributeData attribute in parameter.GetAttributes())
                {
                    if (OperationHelpers.Implements(attribute.AttributeClass, bindingSourceMetadata)
                        || OperationHelpers.Implements(attribute.AttributeClass, fromBodyMetadata))
                    {
                        source = attribute;
                    }
                }

                if (source is not null)
                {
                    if (OperationHelpers.Implements(source.AttributeClass, fromBodyMetadata))
                    {
                        return true;
                    }

                    continue;
                }

                if (apiController && IsComplex(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>[Consumes("application/json")]</c> (closest first): requests with a form content type do not match the action.</summary>
        private static bool ConsumesJsonOnly(IMethodSymbol action)
        {
            foreach (AttributeData attribute in AttributesOf(action))
            {
                if (attribute.AttributeClass?.Name != "ConsumesAttribute" || !SymbolNames.IsNamespace(attribute.AttributeClass.ContainingNamespace, "Microsoft.AspNetCore.Mvc"))
                {
                    continue;
                }

                bool any = false;
                foreach (TypedConstant argument in attribute.ConstructorArguments)
                {
                    foreach (TypedConstant item in argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArray.Create(argument))
                    {
                        if (item.Value is string contentType)
                        {
                            if (contentType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
                            {
                                return false;
                            }

                            any = true;
                        }
                    }
                }

                return any;
            }

            return false;
        }

        private bool IsComplex(ITypeSymbol type)
        {
            if (OperationHelpers.IsSimpleValue(type) || type.SpecialType == SpecialType.System_String || type.TypeKind == TypeKind.Array
                || OperationHelpers.Implements(type, formFile) || OperationHelpers.Implements(type, formFileCollection) || OperationHelpers.Implements(type, formCollection))
            {
                return false;
            }

            return !SymbolNames.IsType(type, "System.Threading", "CancellationToken") && !SymbolNames.IsType(type, "System", "Uri")
                && type.TypeKind != TypeKind.Interface;
        }

        /// <summary><c>[ApiController]</c> (any <c>IApiBehaviorMetadata</c>) on the controller, a base controller or the assembly.</summary>
        public bool IsApiController(INamedTypeSymbol? type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (AttributeData attribute in current.GetAttributes())
                {
                    if (OperationHelpers.Implements(attribute.AttributeClass, apiBehaviorMetadata))
                    {
                        return true;
                    }
                }
            }

            if (type is not null)
            {
                foreach (AttributeData attribute in type.ContainingAssembly.GetAttributes())
                {
                    if (OperationHelpers.Implements(attribute.AttributeClass, apiBehaviorMetadata))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private bool IsAuthorizationAttribute(AttributeData attribute)
            => OperationHelpers.Implements(attribute.AttributeClass, authorizeData)
                || OperationHelpers.Implements(attribute.AttributeClass, allowAnonymous)
                || OperationHelpers.Implements(attribute.AttributeClass, authorizationFilter)
                || OperationHelpers.Implements(attribute.AttributeClass, asyncAuthorizationFilter);

        /// <summary>The attributes of the action, then of its controller, then of the base controllers: closest first.</summary>
        private static IEnumerable<AttributeData> AttributesOf(IMethodSymbol action)
        {
            foreach (AttributeData attribute in action.GetAttributes())
            {
                yield return attribute;
            }

            for (INamedTypeSymbol? type = action.ContainingType; type is not null; type = type.BaseType)
            {
                foreach (AttributeData attribute in type.GetAttributes())
                {
                    yield return attribute;
                }
            }
        }

        private static bool AcceptsStateChangingVerb(AttributeData attribute)
        {
            foreach (TypedConstant argument in attribute.ConstructorArguments)
            {
                if (argument.Kind == TypedConstantKind.Array)
                {
                    foreach (TypedConstant item in argument.Values)
                    {
                        if (item.Value is string verb && StateChangingVerbs.Contains(verb))
                        {
                            return true;
                        }
                    }
                }
                else if (argument.Value is string single && StateChangingVerbs.Contains(single))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasAttribute(INamedTypeSymbol type, string attributeName)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (AttributeData attribute in current.GetAttributes())
                {
                    if (SymbolNames.IsType(attribute.AttributeClass, "Microsoft.AspNetCore.Mvc", attributeName))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool HasOwnAttribute(IMethodSymbol method, string attributeName)
        {
            foreach (AttributeData attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == attributeName)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsPublic(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsInSource(INamedTypeSymbol type) => type.Locations.Length > 0 && type.Locations[0].IsInSource;
    }
}

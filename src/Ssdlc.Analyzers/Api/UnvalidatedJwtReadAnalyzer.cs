using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Api
{
    /// <summary>
    /// SSDLC1205: a JSON Web Token read without validation whose claims are then trusted (B.12.3). Reads:
    /// <c>JwtSecurityTokenHandler.ReadJwtToken/ReadToken</c>, <c>JsonWebTokenHandler.ReadJsonWebToken/ReadToken</c> (any
    /// <c>TokenHandler.ReadToken(string)</c>), <c>new JwtSecurityToken(string)</c> and <c>new JsonWebToken(string)</c>: they
    /// decode the token and check nothing. Claims: the token's <c>Claims</c>, <c>Payload</c>, <c>Subject</c>, <c>Issuer</c>,
    /// <c>Audiences</c>, <c>Actor</c>, <c>GetClaim</c>, <c>TryGetClaim</c>, <c>GetPayloadValue</c>, ..., followed
    /// through locals, LINQ, member access, parsing and string operations in the member that reads the token. Trusted:
    /// a claim value that is returned, compared (<c>==</c>, patterns, <c>Equals</c>, <c>Contains</c>, <c>switch</c>), decides a
    /// condition, is put into a <c>ClaimsIdentity</c>/<c>ClaimsPrincipal</c>/<c>AuthenticationTicket</c>, is passed to a method
    /// of the same compilation (a service or repository), looks up an entity (<c>Find</c>) or is stored in
    /// <c>HttpContext.Items</c>/<c>HttpContext.User</c>.
    /// <para>
    /// Silent: the member also validates (a <c>ValidateToken</c>/<c>ValidateTokenAsync</c> call, or a
    /// <c>Validate…</c>/<c>Verify…</c> call given the same token); claims only logged or shown (passed to other library calls,
    /// wrapped in an action result); expiry and header values (<c>ValidTo</c>, <c>exp</c>, <c>Header</c>); null checks; tokens
    /// received from the identity provider (<c>GetTokenAsync</c>, token endpoint responses, HTTP responses); the bearer token
    /// of the <c>Authorization</c> header in an action, controller or endpoint that requires authorization (the
    /// authentication middleware validated it); test projects and client applications (Blazor WebAssembly, MAUI, WPF, Windows
    /// Forms without ASP.NET Core), which read their own token for display.
    /// </para>
    /// </summary>
    public sealed class UnvalidatedJwtReadAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxDepth = 40;
        private const int MaxSteps = 4000;
        private const int MaxOriginDepth = 16;

        private static readonly HashSet<string> TokenClaimProperties = new HashSet<string>(StringComparer.Ordinal)
        {
            "Claims", "Payload", "Subject", "Issuer", "Audiences", "Actor", "Azp",
        };

        private static readonly HashSet<string> TokenClaimMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "GetClaim", "TryGetClaim", "GetPayloadValue", "TryGetPayloadValue", "TryGetValue",
        };

        // Members of a claim, a payload or a claim collection that say when, which token, or what kind, rather than who.
        private static readonly HashSet<string> NonIdentityMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "ValidTo", "ValidFrom", "IssuedAt", "Exp", "Expiration", "Iat", "Nbf", "NotBefore", "AuthTime", "Jti", "Type", "ValueType", "Count",
            "Length", "Properties",
        };

        // The token's lifetime and identifier: bookkeeping (refresh, revocation lists), not the caller's identity.
        private static readonly HashSet<string> TimeClaimNames = new HashSet<string>(StringComparer.Ordinal) { "exp", "nbf", "iat", "auth_time", "jti" };

        private static readonly HashSet<string> ComparingMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Equals", "Compare", "CompareOrdinal", "CompareTo", "StartsWith", "EndsWith", "Contains", "SequenceEqual", "IsInRole",
        };

        // (namespace, name): compared by name, so that a nullable-annotated ClaimsPrincipal? is a principal type too.
        private static readonly (string Namespace, string Name)[] PrincipalTypes =
        {
            ("System.Security.Claims", "ClaimsIdentity"), ("System.Security.Claims", "ClaimsPrincipal"), ("System.Security.Principal", "GenericIdentity"),
            ("System.Security.Principal", "GenericPrincipal"), ("Microsoft.AspNetCore.Authentication", "AuthenticationTicket"),
            ("Microsoft.AspNetCore.Components.Authorization", "AuthenticationState"),
        };

        private static readonly string[] IdentityProviderNamespaces =
        {
            "IdentityModel.Client", "Duende.IdentityModel.Client", "Microsoft.Identity.Client", "Microsoft.IdentityModel.Protocols.OpenIdConnect",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.UnvalidatedJwtRead);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var types = new TokenTypes(start.Compilation);
                if (!types.Any || HttpPipelineFacts.IsTestCompilation(start.Compilation) || IsClientApplication(start.Compilation))
                {
                    return;
                }

                RequestDerivedAnalysis? requests = RequestDerivedAnalysis.Create(start.Compilation);
                start.RegisterOperationAction(c => AnalyzeRead(c, types, requests), OperationKind.Invocation, OperationKind.ObjectCreation);
            });
        }

        /// <summary>A browser, mobile or desktop client without ASP.NET Core: it reads its own token to show who is signed in.</summary>
        private static bool IsClientApplication(Compilation compilation)
            => WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Http.HttpContext") is null
               && (WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Components.WebAssembly.Hosting.WebAssemblyHostBuilder") is not null
                   || WellKnownTypes.For(compilation).Get("Microsoft.Maui.Hosting.MauiApp") is not null
                   || WellKnownTypes.For(compilation).Get("System.Windows.Application") is not null
                   || WellKnownTypes.For(compilation).Get("System.Windows.Forms.Application") is not null);

        private static void AnalyzeRead(OperationAnalysisContext context, TokenTypes types, RequestDerivedAnalysis? requests)
        {
            if (!types.IsUnvalidatedRead(context.Operation, out string? readName, out IOperation? tokenText))
            {
                return;
            }

            IOperation root = OperationHelpers.Root(context.Operation);
            if (InAuthenticationCallback(context.Operation) || ValidatesToken(root, tokenText, context.Operation))
            {
                return;
            }

            TokenOrigin origin = Origin(tokenText, 0, root, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default));
            if ((origin & TokenOrigin.IdentityProvider) != 0
                || ((origin & TokenOrigin.AuthorizationHeader) != 0 && RequiresAuthorization(context.Operation, context.ContainingSymbol)))
            {
                return;
            }

            bool handlerBody = context.ContainingSymbol is IMethodSymbol member && requests?.IsActionOrHandler(member) == true;
            string? use = new ClaimFlow(context.Operation, root, root, types, context.Compilation, handlerBody, context.CancellationToken).FirstTrustedUse();
            if (use is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.UnvalidatedJwtRead,
                    context.Operation.Syntax.GetLocation(),
                    $"{readName} does not check the token's signature, yet its claims are {use}"));
            }
        }

        /// <summary>
        /// The read runs in a delegate that the authentication handler calls around its own validation: a
        /// <c>ForwardDefaultSelector</c> that picks the scheme (which then validates the token) by its issuer, a
        /// <c>TokenValidationParameters</c> delegate (key, issuer or audience resolver), or <c>OnTokenValidated</c>.
        /// </summary>
        private static bool InAuthenticationCallback(IOperation read)
        {
            for (IOperation? current = read.Parent; current is not null; current = current.Parent)
            {
                if (!(current is IAnonymousFunctionOperation lambda))
                {
                    continue;
                }

                IOperation? parent = lambda.Parent;
                while (parent is IDelegateCreationOperation or IConversionOperation)
                {
                    parent = parent.Parent;
                }

                if (parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } }
                    && (property.Name is "ForwardDefaultSelector" or "OnTokenValidated"
                        || SymbolNames.DisplaysAs(property.ContainingType, "Microsoft.IdentityModel.Tokens.TokenValidationParameters")))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A <c>ValidateToken(Async)</c> call anywhere in the member, or a <c>Validate…</c>/<c>Verify…</c> call given the same token.</summary>
        private static bool ValidatesToken(IOperation root, IOperation? tokenText, IOperation read)
        {
            ISymbol? textSymbol = tokenText is null ? null : ReferencedSymbol(tokenText);
            ISymbol? tokenLocal = read.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
            foreach (IOperation operation in root.DescendantsAndSelf())
            {
                if (!(operation is IInvocationOperation invocation))
                {
                    continue;
                }

                string name = invocation.TargetMethod.Name;
                if (name is "ValidateToken" or "ValidateTokenAsync")
                {
                    return true;
                }

                if (!(name.StartsWith("Validate", StringComparison.Ordinal) || name.StartsWith("Verify", StringComparison.Ordinal)
                      || name.StartsWith("IsValid", StringComparison.Ordinal) || name.StartsWith("TryValidate", StringComparison.Ordinal)))
                {
                    continue;
                }

                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    ISymbol? passed = ReferencedSymbol(argument.Value);
                    if (passed is not null
                        && (SymbolEqualityComparer.Default.Equals(passed, textSymbol) || SymbolEqualityComparer.Default.Equals(passed, tokenLocal)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static ISymbol? ReferencedSymbol(IOperation operation)
            => ConstantValueAnalysis.WalkDownConversions(operation) switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
                _ => null,
            };

        [Flags]
        private enum TokenOrigin
        {
            Unknown = 0,

            /// <summary>Received from the identity provider or another server: a token endpoint response, <c>GetTokenAsync</c>, an HTTP response.</summary>
            IdentityProvider = 1,

            /// <summary>The request's <c>Authorization</c> header.</summary>
            AuthorizationHeader = 2,
        }

        /// <summary>Where the token text comes from, followed back through locals, string operations and member access.</summary>
        private static TokenOrigin Origin(IOperation? operation, int depth, IOperation body, HashSet<ILocalSymbol> visited)
        {
            if (operation is null || depth > MaxOriginDepth)
            {
                return TokenOrigin.Unknown;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string text })
            {
                return string.Equals(text, "Authorization", StringComparison.OrdinalIgnoreCase) ? TokenOrigin.AuthorizationHeader : TokenOrigin.Unknown;
            }

            int next = depth + 1;
            switch (operation)
            {
                case IConversionOperation conversion:
                    return Origin(conversion.Operand, next, body, visited);
                case IParenthesizedOperation parenthesized:
                    return Origin(parenthesized.Operand, next, body, visited);
                case IAwaitOperation awaited:
                    return Origin(awaited.Operation, next, body, visited);
                case ICoalesceOperation coalesce:
                    return Origin(coalesce.Value, next, body, visited) | Origin(coalesce.WhenNull, next, body, visited);
                case IConditionalOperation conditional:
                    return Origin(conditional.WhenTrue, next, body, visited) | Origin(conditional.WhenFalse, next, body, visited);
                case IConditionalAccessOperation access:
                    return Origin(access.Operation, next, body, visited) | Origin(access.WhenNotNull, next, body, visited);
                case IBinaryOperation binary:
                    return Origin(binary.LeftOperand, next, body, visited) | Origin(binary.RightOperand, next, body, visited);
                case IInterpolatedStringOperation interpolated:
                    TokenOrigin parts = TokenOrigin.Unknown;
                    foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation)
                        {
                            parts |= Origin(interpolation.Expression, next, body, visited);
                        }
                    }

                    return parts;
                case IArrayElementReferenceOperation element:
                    return Origin(element.ArrayReference, next, body, visited);
                case IArgumentOperation { Parent: IInvocationOperation outCall }:
                    // Request.Headers.TryGetValue("Authorization", out var header)
                    return InvocationOrigin(outCall, next, body, visited);
                case IForEachLoopOperation loop:
                    return Origin(loop.Collection, next, body, visited);
                case IAnonymousFunctionOperation:
                    return TokenOrigin.Unknown;
                case ILocalReferenceOperation local:
                    if (!visited.Add(local.Local))
                    {
                        return TokenOrigin.Unknown;
                    }

                    TokenOrigin written = TokenOrigin.Unknown;
                    foreach (IOperation write in WritesOf(body, local.Local))
                    {
                        written |= Origin(write, next, body, visited);
                    }

                    return written;
                case IFieldReferenceOperation field:
                    if (field.Field.Name == "Authorization" && field.Field.ContainingType?.Name == "HeaderNames")
                    {
                        return TokenOrigin.AuthorizationHeader;
                    }

                    return field.Instance is null ? TokenOrigin.Unknown : Origin(field.Instance, next, body, visited);
                case IPropertyReferenceOperation property:
                    return PropertyOrigin(property, next, body, visited);
                case IInvocationOperation invocation:
                    return InvocationOrigin(invocation, next, body, visited);
                default:
                    // token[7..], string operations the cases above do not name: what they are made of.
                    TokenOrigin children = TokenOrigin.Unknown;
                    foreach (IOperation child in operation.ChildOperations)
                    {
                        children |= Origin(child, next, body, visited);
                    }

                    return children;
            }
        }

        private static TokenOrigin PropertyOrigin(IPropertyReferenceOperation property, int depth, IOperation body, HashSet<ILocalSymbol> visited)
        {
            INamespaceSymbol? ns = property.Property.ContainingType?.ContainingNamespace;
            if (property.Property.Name is "AccessToken" or "IdentityToken" or "IdToken" or "RefreshToken" && SymbolNames.IsNamespace(ns, IdentityProviderNamespaces))
            {
                return TokenOrigin.IdentityProvider;
            }

            if (property.Property.Name == "Authorization" && SymbolNames.IsInNamespace(ns, "Microsoft.AspNetCore.Http"))
            {
                return TokenOrigin.AuthorizationHeader;
            }

            TokenOrigin origin = property.Instance is null ? TokenOrigin.Unknown : Origin(property.Instance, depth, body, visited);
            foreach (IArgumentOperation argument in property.Arguments)
            {
                origin |= Origin(argument.Value, depth, body, visited);
            }

            return origin;
        }

        private static TokenOrigin InvocationOrigin(IInvocationOperation invocation, int depth, IOperation body, HashSet<ILocalSymbol> visited)
        {
            IMethodSymbol method = invocation.TargetMethod;
            INamespaceSymbol? ns = method.ContainingType?.ContainingNamespace;
            if (method.Name is "GetTokenAsync" or "GetTokenValue" or "GetTokens" || SymbolNames.IsInNamespace(ns, "System.Net.Http")
                || SymbolNames.IsNamespace(ns, IdentityProviderNamespaces))
            {
                return TokenOrigin.IdentityProvider;
            }

            TokenOrigin origin = invocation.Instance is null ? TokenOrigin.Unknown : Origin(invocation.Instance, depth, body, visited);
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                origin |= Origin(argument.Value, depth, body, visited);
            }

            return origin;
        }

        /// <summary>
        /// The read runs only for authorized requests: <c>[Authorize]</c> on the member, its type or a base type (and no
        /// <c>[AllowAnonymous]</c> on the member), or a minimal-API handler whose mapping calls <c>RequireAuthorization()</c>.
        /// </summary>
        private static bool RequiresAuthorization(IOperation read, ISymbol containingSymbol)
        {
            for (IOperation? current = read.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && MappedWithAuthorization(lambda))
                {
                    return true;
                }
            }

            if (!(containingSymbol is IMethodSymbol method))
            {
                return false;
            }

            bool authorize = false;
            foreach (AttributeData attribute in method.GetAttributes())
            {
                if (IsAttribute(attribute, "IAllowAnonymous"))
                {
                    return false;
                }

                authorize |= IsAttribute(attribute, "IAuthorizeData");
            }

            for (INamedTypeSymbol? type = method.ContainingType; type is not null && !authorize; type = type.BaseType)
            {
                foreach (AttributeData attribute in type.GetAttributes())
                {
                    authorize |= IsAttribute(attribute, "IAuthorizeData");
                }
            }

            return authorize;
        }

        private static bool IsAttribute(AttributeData attribute, string authorizationInterface)
        {
            if (attribute.AttributeClass is not { } type)
            {
                return false;
            }

            foreach (INamedTypeSymbol implemented in type.AllInterfaces)
            {
                if (implemented.Name == authorizationInterface && SymbolNames.IsNamespace(implemented.ContainingNamespace, "Microsoft.AspNetCore.Authorization"))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MappedWithAuthorization(IAnonymousFunctionOperation lambda)
        {
            IOperation? parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (!(parent is IArgumentOperation { Parent: IInvocationOperation map } && map.TargetMethod.Name.StartsWith("Map", StringComparison.Ordinal)))
            {
                return false;
            }

            for (IOperation? chain = map.Parent; chain is not null; chain = chain.Parent)
            {
                if (chain is IArgumentOperation)
                {
                    continue;
                }

                if (!(chain is IInvocationOperation call))
                {
                    return false;
                }

                if (call.TargetMethod.Name == "RequireAuthorization")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The types that read tokens and the tokens they return.</summary>
        private sealed class TokenTypes
        {
            private readonly INamedTypeSymbol? _tokenHandler;
            private readonly INamedTypeSymbol? _jwtHandler;
            private readonly INamedTypeSymbol? _jsonWebTokenHandler;
            private readonly INamedTypeSymbol? _jwtToken;
            private readonly INamedTypeSymbol? _jsonWebToken;
            private readonly INamedTypeSymbol? _jwtPayload;
            private readonly INamedTypeSymbol? _securityToken;

            public TokenTypes(Compilation compilation)
            {
                _tokenHandler = WellKnownTypes.For(compilation).Get("Microsoft.IdentityModel.Tokens.TokenHandler");
                _jwtHandler = WellKnownTypes.For(compilation).Get("System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler");
                _jsonWebTokenHandler = WellKnownTypes.For(compilation).Get("Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler");
                _jwtToken = WellKnownTypes.For(compilation).Get("System.IdentityModel.Tokens.Jwt.JwtSecurityToken");
                _jsonWebToken = WellKnownTypes.For(compilation).Get("Microsoft.IdentityModel.JsonWebTokens.JsonWebToken");
                _jwtPayload = WellKnownTypes.For(compilation).Get("System.IdentityModel.Tokens.Jwt.JwtPayload");
                _securityToken = WellKnownTypes.For(compilation).Get("Microsoft.IdentityModel.Tokens.SecurityToken");
            }

            public bool Any => _jwtHandler is not null || _jsonWebTokenHandler is not null;

            /// <summary>A call that decodes a token from its text without checking it; <paramref name="tokenText"/> is the text.</summary>
            public bool IsUnvalidatedRead(IOperation operation, out string? readName, out IOperation? tokenText)
            {
                readName = null;
                tokenText = null;
                switch (operation)
                {
                    case IInvocationOperation invocation
                        when invocation.TargetMethod.Name is "ReadJwtToken" or "ReadJsonWebToken" or "ReadToken"
                             && invocation.TargetMethod.Parameters.Length == 1
                             && invocation.TargetMethod.Parameters[0].Type.SpecialType == SpecialType.System_String
                             && IsHandler(invocation.TargetMethod.ContainingType, invocation.Instance?.Type):
                        readName = invocation.TargetMethod.Name;
                        tokenText = invocation.Arguments[0].Value;
                        return true;
                    case IObjectCreationOperation creation
                        when creation.Constructor is { Parameters.Length: 1 } constructor
                             && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String
                             && (IsType(creation.Type, _jwtToken) || IsType(creation.Type, _jsonWebToken)):
                        readName = $"new {creation.Type!.Name}(string)";
                        tokenText = creation.Arguments.Length == 1 ? creation.Arguments[0].Value : null;
                        return true;
                    default:
                        return false;
                }
            }

            private bool IsHandler(INamedTypeSymbol? declaring, ITypeSymbol? receiver)
                => OperationHelpers.IsOrDerivesFrom(declaring, _jwtHandler) || OperationHelpers.IsOrDerivesFrom(declaring, _jsonWebTokenHandler)
                   || ((SymbolEqualityComparer.Default.Equals(declaring, _tokenHandler) || declaring?.Name == "SecurityTokenHandler")
                       && (OperationHelpers.IsOrDerivesFrom(receiver, _jwtHandler) || OperationHelpers.IsOrDerivesFrom(receiver, _jsonWebTokenHandler)
                           || SymbolEqualityComparer.Default.Equals(receiver, _tokenHandler)));

            public bool IsTokenType(ITypeSymbol? type)
                => OperationHelpers.IsOrDerivesFrom(type, _jwtToken) || OperationHelpers.IsOrDerivesFrom(type, _jsonWebToken)
                   || SymbolEqualityComparer.Default.Equals(type, _securityToken);

            public bool IsPayload(ITypeSymbol? type) => OperationHelpers.IsOrDerivesFrom(type, _jwtPayload);

            private static bool IsType(ITypeSymbol? type, INamedTypeSymbol? expected)
                => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
        }

        /// <summary>Claims of one read token, followed through the member that reads it, and the first place they are trusted.</summary>
        private sealed class ClaimFlow
        {
            private readonly IOperation _read;
            private readonly IOperation _root;
            private readonly IOperation _body;
            private readonly TokenTypes _types;
            private readonly Compilation _compilation;
            private readonly bool _handlerBody;
            private readonly CancellationToken _cancellationToken;
            private readonly Dictionary<ILocalSymbol, bool> _claimLocals = new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
            private readonly Dictionary<ILocalSymbol, bool> _tokenLocals = new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
            private int _steps;

            public ClaimFlow(
                IOperation read, IOperation root, IOperation body, TokenTypes types, Compilation compilation, bool handlerBody, CancellationToken cancellationToken)
            {
                _handlerBody = handlerBody;
                _read = read;
                _root = root;
                _body = body;
                _types = types;
                _compilation = compilation;
                _cancellationToken = cancellationToken;
            }

            /// <summary>How the claims are trusted ("compared", "returned", ...), or null when they are not.</summary>
            public string? FirstTrustedUse()
            {
                foreach (IOperation operation in _root.Descendants())
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (_steps > MaxSteps)
                    {
                        return null;
                    }

                    string? use = TrustedUse(operation);
                    if (use is not null)
                    {
                        return use;
                    }
                }

                return null;
            }

            private string? TrustedUse(IOperation operation)
            {
                switch (operation)
                {
                    case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned }
                        when !InQueryLambda(operation) && !ReturnsToClient(operation) && IsClaim(returned, 0):
                        return "returned";
                    case IBinaryOperation binary when IsComparison(binary.OperatorKind) && !IsNull(binary.LeftOperand) && !IsNull(binary.RightOperand)
                                                       && (IsClaim(binary.LeftOperand, 0) || IsClaim(binary.RightOperand, 0)):
                        return "compared";
                    case IIsPatternOperation isPattern when ComparesWithValue(isPattern.Pattern) && IsClaim(isPattern.Value, 0):
                        return "compared";
                    case ISwitchOperation switchStatement when IsClaim(switchStatement.Value, 0):
                        return "compared";
                    case ISwitchExpressionOperation switchExpression when IsClaim(switchExpression.Value, 0):
                        return "compared";
                    case IConditionalOperation conditional when IsClaim(conditional.Condition, 0):
                        return DescribeCondition(conditional.Condition);
                    case IWhileLoopOperation { Condition: { } loopCondition } when IsClaim(loopCondition, 0):
                        return DescribeCondition(loopCondition);
                    case IObjectCreationOperation creation when IsPrincipalType(creation.Type) && ArgumentsCarryClaims(creation.Arguments, creation.Initializer):
                        return $"put into a {creation.Type!.Name}";
                    case IInvocationOperation invocation:
                        return InvocationUse(invocation);
                    case ISimpleAssignmentOperation assignment when IsRequestIdentityTarget(assignment.Target) && IsClaim(assignment.Value, 0):
                        return "stored on the request (HttpContext)";
                    default:
                        return null;
                }
            }

            // if (role != "admin") is a comparison; if (jwt.Claims.Any(...)) a condition.
            private static string DescribeCondition(IOperation condition)
            {
                foreach (IOperation operation in condition.DescendantsAndSelf())
                {
                    if (operation is IIsPatternOperation
                        || (operation is IBinaryOperation binary && IsComparison(binary.OperatorKind))
                        || (operation is IInvocationOperation call && ComparingMethods.Contains(call.TargetMethod.Name)))
                    {
                        return "compared";
                    }
                }

                return "used in a condition";
            }

            private string? InvocationUse(IInvocationOperation invocation)
            {
                IMethodSymbol method = invocation.TargetMethod;
                IOperation? receiver = OperationHelpers.Receiver(invocation);
                if (ComparingMethods.Contains(method.Name)
                    && ((receiver is not null && IsClaim(receiver, 0)) || AnyArgument(invocation, skipReceiver: true)))
                {
                    return "compared";
                }

                if (method.Name is "AddClaim" or "AddClaims" or "AddIdentity" or "AddIdentities" && IsPrincipalType(method.ContainingType)
                    && AnyArgument(invocation, skipReceiver: false))
                {
                    return $"added to a {method.ContainingType.Name}";
                }

                if (method.Name is "Find" or "FindAsync" && method.ContainingType?.Name is "DbSet" or "DbContext" && AnyArgument(invocation, skipReceiver: false))
                {
                    return "used to look up an entity";
                }

                if (IsOwnMethod(method) && !IsLoggingName(method) && AnyArgument(invocation, skipReceiver: false))
                {
                    return method.ContainingType is null ? $"passed to {method.Name}" : $"passed to {method.ContainingType.Name}.{method.Name}";
                }

                return null;
            }

            private bool AnyArgument(IInvocationOperation invocation, bool skipReceiver)
            {
                IMethodSymbol method = invocation.TargetMethod;
                for (int i = 0; i < invocation.Arguments.Length; i++)
                {
                    if (skipReceiver && i == 0 && method.IsExtensionMethod && invocation.Instance is null)
                    {
                        continue;
                    }

                    IArgumentOperation argument = invocation.Arguments[i];
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue && IsClaim(argument.Value, 0))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool ArgumentsCarryClaims(ImmutableArray<IArgumentOperation> arguments, IObjectOrCollectionInitializerOperation? initializer)
            {
                foreach (IArgumentOperation argument in arguments)
                {
                    if (IsClaim(argument.Value, 0))
                    {
                        return true;
                    }
                }

                return initializer is not null && InitializerCarriesClaims(initializer);
            }

            private bool InitializerCarriesClaims(IObjectOrCollectionInitializerOperation initializer)
            {
                foreach (IOperation item in initializer.Initializers)
                {
                    switch (item)
                    {
                        case IAssignmentOperation assignment when IsClaim(assignment.Value, 0):
                            return true;
                        case IMemberInitializerOperation member when InitializerCarriesClaims(member.Initializer):
                            return true;
                        case IInvocationOperation add when add.Arguments.Length > 0 && IsClaim(add.Arguments[add.Arguments.Length - 1].Value, 0):
                            return true;
                    }
                }

                return false;
            }

            private bool IsOwnMethod(IMethodSymbol method)
                => SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly);

            private static bool IsLoggingName(IMethodSymbol method)
                => method.Name.StartsWith("Log", StringComparison.Ordinal) || method.Name.StartsWith("Write", StringComparison.Ordinal)
                   || method.Name.StartsWith("Trace", StringComparison.Ordinal) || method.Name.StartsWith("Debug", StringComparison.Ordinal)
                   || method.Name.StartsWith("Print", StringComparison.Ordinal)
                   || method.ContainingType?.Name.IndexOf("Log", StringComparison.Ordinal) >= 0;

            private static bool IsPrincipalType(ITypeSymbol? type)
            {
                for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
                {
                    foreach ((string ns, string name) in PrincipalTypes)
                    {
                        if (SymbolNames.IsType(current, ns, name))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            // HttpContext.User = ..., HttpContext.Items[...] = ..., context.Principal = ...
            private static bool IsRequestIdentityTarget(IOperation target)
            {
                if (!(target is IPropertyReferenceOperation property))
                {
                    return false;
                }

                if (property.Property.IsIndexer)
                {
                    return property.Instance is IPropertyReferenceOperation { Property: { Name: "Items" } } items
                           && items.Property.ContainingType?.Name == "HttpContext";
                }

                return property.Property.Name is "User" or "Principal" or "CurrentPrincipal" && IsPrincipalLike(property.Property.Type);
            }

            private static bool IsPrincipalLike(ITypeSymbol type)
                => IsPrincipalType(type) || (type.Name == "IPrincipal" && SymbolNames.IsNamespace(type.ContainingNamespace, "System.Security.Principal"));

            // A request handler's return value goes back to the caller who sent the token: an echo, not a trusted use.
            private bool ReturnsToClient(IOperation returnOperation)
            {
                IOperation function = OperationHelpers.EnclosingFunction(returnOperation);
                if (function is IAnonymousFunctionOperation lambda)
                {
                    IOperation? parent = lambda.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation)
                    {
                        parent = parent.Parent;
                    }

                    return parent is IArgumentOperation { Parent: IInvocationOperation map } && map.TargetMethod.Name.StartsWith("Map", StringComparison.Ordinal)
                           && SymbolNames.IsInNamespace(map.TargetMethod.ContainingNamespace, "Microsoft.AspNetCore");
                }

                return function is not ILocalFunctionOperation && _handlerBody;
            }

            private static bool InQueryLambda(IOperation operation)
            {
                for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation lambda)
                    {
                        IOperation? parent = lambda.Parent;
                        while (parent is IDelegateCreationOperation or IConversionOperation)
                        {
                            parent = parent.Parent;
                        }

                        return parent is IArgumentOperation { Parent: IInvocationOperation query }
                               && SymbolNames.IsNamespace(query.TargetMethod.ContainingNamespace, "System.Linq");
                    }
                }

                return false;
            }

            private static bool IsComparison(BinaryOperatorKind kind)
                => kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.ObjectValueEquals
                    or BinaryOperatorKind.ObjectValueNotEquals or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                    or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

            private static bool IsNull(IOperation operation)
                => ConstantValueAnalysis.WalkDownConversions(operation).ConstantValue is { HasValue: true, Value: null };

            // "admin", not "admin", > 3, "a" or "b"; not null checks and type tests.
            private static bool ComparesWithValue(IPatternOperation pattern)
                => pattern switch
                {
                    IConstantPatternOperation constant => !IsNull(constant.Value),
                    IRelationalPatternOperation => true,
                    INegatedPatternOperation negated => ComparesWithValue(negated.Pattern),
                    IBinaryPatternOperation binary => ComparesWithValue(binary.LeftPattern) || ComparesWithValue(binary.RightPattern),
                    _ => false,
                };

            /// <summary>True when <paramref name="operation"/> is the read token itself.</summary>
            private bool IsToken(IOperation operation, int depth)
            {
                if (depth > MaxDepth)
                {
                    return false;
                }

                IOperation value = ConstantValueAnalysis.WalkDownConversions(operation);
                if (ReferenceEquals(value, _read) || value.Syntax == _read.Syntax)
                {
                    return true;
                }

                if (!(value is ILocalReferenceOperation local) || !_types.IsTokenType(local.Local.Type))
                {
                    return false;
                }

                if (_tokenLocals.TryGetValue(local.Local, out bool known))
                {
                    return known;
                }

                _tokenLocals[local.Local] = false;
                bool result = false;
                foreach (IOperation write in WritesOf(_body, local.Local))
                {
                    if (IsToken(write, depth + 1))
                    {
                        result = true;
                        break;
                    }
                }

                _tokenLocals[local.Local] = result;
                return result;
            }

            /// <summary>True when <paramref name="operation"/> carries a claim of the read token (not its expiry or header).</summary>
            private bool IsClaim(IOperation? operation, int depth)
            {
                if (operation is null || ++_steps > MaxSteps || depth > MaxDepth || operation.ConstantValue.HasValue)
                {
                    return false;
                }

                int next = depth + 1;
                switch (operation)
                {
                    case IConversionOperation conversion:
                        return IsClaim(conversion.Operand, next);
                    case IParenthesizedOperation parenthesized:
                        return IsClaim(parenthesized.Operand, next);
                    case IAwaitOperation awaited:
                        return IsClaim(awaited.Operation, next);
                    case ICoalesceOperation coalesce:
                        return IsClaim(coalesce.Value, next) || IsClaim(coalesce.WhenNull, next);
                    case IConditionalOperation { WhenFalse: { } whenFalse } conditional when !(conditional.Parent is IBlockOperation):
                        return IsClaim(conditional.WhenTrue, next) || IsClaim(whenFalse, next);
                    case IConditionalAccessOperation access:
                        return IsClaim(access.WhenNotNull, next);
                    case IConditionalAccessInstanceOperation instance:
                        return FindConditionalAccess(instance) is { } enclosing && (IsClaim(enclosing.Operation, next) || IsToken(enclosing.Operation, next));
                    case IUnaryOperation unary:
                        return IsClaim(unary.Operand, next);
                    case IBinaryOperation binary when binary.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.ConditionalAnd
                                                      or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.And or BinaryOperatorKind.Or:
                        return IsClaim(binary.LeftOperand, next) || IsClaim(binary.RightOperand, next);
                    case IBinaryOperation binary when IsComparison(binary.OperatorKind) && !IsNull(binary.LeftOperand) && !IsNull(binary.RightOperand):
                        return IsClaim(binary.LeftOperand, next) || IsClaim(binary.RightOperand, next);
                    case IIsPatternOperation isPattern when ComparesWithValue(isPattern.Pattern):
                        return IsClaim(isPattern.Value, next);
                    case IInterpolatedStringOperation interpolated:
                        foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                        {
                            if (part is IInterpolationOperation interpolation && IsClaim(interpolation.Expression, next))
                            {
                                return true;
                            }
                        }

                        return false;
                    case IArrayElementReferenceOperation element:
                        return IsClaim(element.ArrayReference, next);
                    case ITupleOperation tuple:
                        return AnyClaim(tuple.Elements, next);
                    case IArrayCreationOperation { Initializer: { } arrayInitializer }:
                        return AnyClaim(arrayInitializer.ElementValues, next);
                    case IAnonymousObjectCreationOperation anonymous:
                        return AnyClaim(anonymous.Initializers, next);
                    case ISimpleAssignmentOperation assignment:
                        return IsClaim(assignment.Value, next);
                    case IObjectCreationOperation creation:
                        return CarriesClaims(creation, next);
                    case ILocalReferenceOperation local:
                        return IsClaimLocal(local.Local, next);
                    case IPropertyReferenceOperation property:
                        return IsClaimProperty(property, next);
                    case IFieldReferenceOperation field:
                        return field.Instance is not null && !NonIdentityMembers.Contains(field.Field.Name) && IsClaim(field.Instance, next);
                    case IInvocationOperation invocation:
                        return IsClaimInvocation(invocation, next);
                    default:
                        return false;
                }
            }

            private bool AnyClaim(ImmutableArray<IOperation> operations, int depth)
            {
                foreach (IOperation operation in operations)
                {
                    if (IsClaim(operation, depth))
                    {
                        return true;
                    }
                }

                return false;
            }

            // new Claim(type, jwt.Subject), new UserInfo { Id = jwt.Subject }: the app's own objects and claims carry what they are given.
            private bool CarriesClaims(IObjectCreationOperation creation, int depth)
            {
                ITypeSymbol? type = creation.Type;
                bool carries = type is not null
                               && (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _compilation.Assembly)
                                   || SymbolNames.DisplaysAs(type, "System.Security.Claims.Claim")
                                   || SymbolNames.IsNamespace(type.ContainingNamespace, "System.Collections.Generic"));
                if (!carries)
                {
                    return false;
                }

                foreach (IArgumentOperation argument in creation.Arguments)
                {
                    if (IsClaim(argument.Value, depth))
                    {
                        return true;
                    }
                }

                return creation.Initializer is not null && InitializerCarriesClaims(creation.Initializer);
            }

            private bool IsClaimLocal(ILocalSymbol local, int depth)
            {
                if (_claimLocals.TryGetValue(local, out bool known))
                {
                    return known;
                }

                _claimLocals[local] = false; // a cycle (s = s + x): the other writes decide
                bool result = false;
                foreach (IOperation write in WritesOf(_body, local))
                {
                    if (write is IArgumentOperation { Parent: IInvocationOperation outCall })
                    {
                        // jwt.TryGetClaim("sub", out var claim), payload.TryGetValue("role", out var role)
                        result = IsClaimSource(outCall, depth) || (OperationHelpers.Receiver(outCall) is { } receiver && IsClaim(receiver, depth));
                    }
                    else if (write is IForEachLoopOperation loop)
                    {
                        result = IsClaim(loop.Collection, depth);
                    }
                    else
                    {
                        result = IsClaim(write, depth);
                    }

                    if (result)
                    {
                        break;
                    }
                }

                _claimLocals[local] = result;
                return result;
            }

            private bool IsClaimProperty(IPropertyReferenceOperation property, int depth)
            {
                IOperation? instance = property.Instance;
                if (instance is null || NonIdentityMembers.Contains(property.Property.Name))
                {
                    return false;
                }

                if (IsToken(instance, depth))
                {
                    return TokenClaimProperties.Contains(property.Property.Name);
                }

                if (property.Property.IsIndexer && _types.IsPayload(instance.Type) && IsTimeClaim(property.Arguments))
                {
                    return false;
                }

                return IsClaim(instance, depth);
            }

            private bool IsClaimInvocation(IInvocationOperation invocation, int depth)
            {
                IMethodSymbol method = invocation.TargetMethod;
                if (method.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace" or "ReferenceEquals")
                {
                    return false;
                }

                if (IsClaimSource(invocation, depth))
                {
                    return true;
                }

                IOperation? receiver = OperationHelpers.Receiver(invocation);
                if (receiver is not null && IsClaim(receiver, depth))
                {
                    // claims.First(c => c.Type == "exp") is the expiry, not an identity.
                    return !(SymbolNames.IsNamespace(method.ContainingNamespace, "System.Linq") && SelectsOnlyTimeClaims(invocation));
                }

                // int.Parse(id), Guid.Parse(id), string.Join(",", roles), Convert.ToInt32(id)
                if (method.IsStatic && !method.IsExtensionMethod && SymbolNames.IsNamespace(method.ContainingNamespace, "System"))
                {
                    foreach (IArgumentOperation argument in invocation.Arguments)
                    {
                        if (IsClaim(argument.Value, depth))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>jwt.GetClaim("sub"), jwt.TryGetPayloadValue&lt;string&gt;("role", out ...) and the like on the read token.</summary>
            private bool IsClaimSource(IInvocationOperation invocation, int depth)
                => TokenClaimMethods.Contains(invocation.TargetMethod.Name)
                   && invocation.Instance is not null
                   && IsToken(invocation.Instance, depth)
                   && !IsTimeClaim(invocation.Arguments);

            private static bool IsTimeClaim(ImmutableArray<IArgumentOperation> arguments)
                => arguments.Length > 0 && OperationHelpers.ConstantString(arguments[0].Value) is { } name && TimeClaimNames.Contains(name);

            // First(c => c.Type == "exp"), Where(c => c.Type is "nbf" or "iat"): every string the lambda compares with is a time claim.
            private static bool SelectsOnlyTimeClaims(IInvocationOperation invocation)
            {
                bool any = false;
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (!(ConstantValueAnalysis.WalkDownConversions(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }))
                    {
                        continue;
                    }

                    foreach (IOperation operation in lambda.Body.Descendants())
                    {
                        if (operation.Type?.SpecialType == SpecialType.System_String && operation.ConstantValue is { HasValue: true, Value: string text })
                        {
                            if (!TimeClaimNames.Contains(text))
                            {
                                return false;
                            }

                            any = true;
                        }
                    }
                }

                return any;
            }

            // The a?.b whose b part holds the instance (the instance stands for a).
            private static IConditionalAccessOperation? FindConditionalAccess(IOperation instance)
            {
                IOperation child = instance;
                for (IOperation? current = instance.Parent; current is not null; child = current, current = current.Parent)
                {
                    if (current is IConditionalAccessOperation access && ReferenceEquals(access.WhenNotNull, child))
                    {
                        return access;
                    }
                }

                return null;
            }
        }

        /// <summary>
        /// The values written to a local (the shared <see cref="Analysis.LocalWrites"/>), as this rule reads them: an
        /// <c>out</c>/<c>ref</c> write is its argument, a <c>foreach</c> variable its loop, anything else the value written.
        /// </summary>
        private static IEnumerable<IOperation> WritesOf(IOperation anywhereInBody, ILocalSymbol local)
        {
            foreach (LocalWrite write in Analysis.LocalWrites.Of(anywhereInBody).For(local))
            {
                IOperation? value = write.Kind is LocalWriteKind.OutOrRefArgument or LocalWriteKind.ForEachVariable ? write.Site : write.Value;
                if (value is not null)
                {
                    yield return value;
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Cryptography
{
    /// <summary>
    /// SSDLC1008: <c>System.Random</c> (or <c>Random.Shared</c>) producing a security value (B.10.6.1, B.7.1.2). Whether the
    /// value is security-relevant is judged by names: the variable, field, property, array or parameter that receives it
    /// (<c>resetToken = random.Next(...)</c>, <c>random.NextBytes(salt)</c>), and, when the value goes into something
    /// generically named (<c>chars[i]</c>, a <c>StringBuilder</c>, a <c>return</c>), the enclosing member
    /// (<c>GenerateApiKey()</c>) or, for generic member names (<c>Generate()</c>), its type (<c>PasswordGenerator</c>).
    /// Values that go into delays, timeouts or shuffles are never reported.
    /// </summary>
    public sealed class InsecureRandomAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property naming the RandomNumberGenerator method a mechanical fix can use ("Fill" or "GetInt32").</summary>
        public const string ReplacementProperty = "Replacement";

        private static readonly HashSet<string> ValueMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Next", "NextInt64", "NextDouble", "NextSingle", "NextBytes", "GetItems", "GetString", "GetHexString", "Sample",
        };

        // Names that say nothing about the value: the enclosing member decides for them.
        private static readonly HashSet<string> GenericWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "result", "results", "value", "values", "char", "chars", "character", "characters", "buffer", "byte", "bytes", "data",
            "sb", "builder", "string", "str", "output", "text", "s", "array", "arr", "list", "items", "item", "digit", "digits",
            "number", "numbers", "num", "random", "rnd", "rand", "rng", "temp", "tmp", "c", "ch", "b", "n", "res", "ret", "val",
            "generated", "raw", "letter", "letters", "sequence", "part", "parts", "chunk", "bits", "int", "code", "new", "next",
            "get", "create", "generate", "make", "build", "issue", "to", "for", "async", "core", "internal", "impl", "one", "r",
        };

        // Members and types whose argument is a time, an order or a seed, never a secret.
        private static readonly HashSet<string> NonSecurityMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Delay", "Sleep", "Wait", "WaitAsync", "FromMilliseconds", "FromSeconds", "FromMinutes", "FromHours", "FromTicks",
            "Shuffle", "SetMinThreads",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.InsecureRandom);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? random = WellKnownTypes.For(start.Compilation).Get("System.Random");
                if (random is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeInvocation(c, random), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol random)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (!ValueMethods.Contains(method.Name) || !RunsSystemRandomAlgorithm(invocation, random))
            {
                return;
            }

            string? name = null;
            SecurityValueKind kind = SecurityValueKind.None;
            bool neutral;
            if (method.Name == "NextBytes" && invocation.Arguments.Length == 1)
            {
                name = NameOf(invocation.Arguments[0].Value);
                kind = SecurityValueNames.Classify(name);
                neutral = kind == SecurityValueKind.None && (name is null || IsGeneric(name));
            }
            else
            {
                neutral = FollowToSink(invocation, ref name, ref kind);
            }

            if (kind == SecurityValueKind.None && neutral)
            {
                name = EnclosingName(context, invocation, out kind);
            }

            if (kind == SecurityValueKind.None || name is null)
            {
                return;
            }

            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
            string? replacement = MechanicalReplacement(invocation);
            if (replacement is not null)
            {
                properties = properties.Add(ReplacementProperty, replacement);
            }

            string what = kind == SecurityValueKind.IvNonceOrSalt ? "an IV, nonce or salt" : "a security value";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.InsecureRandom,
                invocation.Syntax.GetLocation(),
                properties,
                "Random." + method.Name,
                what + " (" + name + ")"));
        }

        /// <summary>
        /// Follows the random value up to where it is stored, returned or passed. Sets <paramref name="name"/>/<paramref name="kind"/>
        /// for a security-named receiver; returns true when the receiver is generic (the enclosing member should decide).
        /// </summary>
        private static bool FollowToSink(IOperation start, ref string? name, ref SecurityValueKind kind)
        {
            IOperation current = start;
            for (int steps = 0; steps < 50; steps++)
            {
                IOperation? parent = current.Parent;
                switch (parent)
                {
                    case null:
                        return true;
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case IBinaryOperation:
                    case IInterpolationOperation:
                    case IInterpolatedStringOperation:
                    case IArrayElementReferenceOperation:
                    case IConditionalOperation:
                    case ISwitchExpressionArmOperation:
                    case ISwitchExpressionOperation:
                    case IArrayInitializerOperation:
                    case IArrayCreationOperation:
                    case ICoalesceOperation:
                        current = parent;
                        continue;
                    case IInvocationOperation call when call.Instance == current:
                        // random.Next(...).ToString("D6"), Random.Shared.GetItems(...).AsSpan()
                        current = call;
                        continue;
                    case IArgumentOperation argument:
                        {
                            string? parameter = argument.Parameter?.Name;
                            SecurityValueKind parameterKind = SecurityValueNames.Classify(parameter);
                            if (parameterKind != SecurityValueKind.None)
                            {
                                name = parameter;
                                kind = parameterKind;
                                return false;
                            }

                            IOperation? target = argument.Parent;
                            IMethodSymbol? callee = (target as IInvocationOperation)?.TargetMethod ?? (target as IObjectCreationOperation)?.Constructor;
                            if (target is IPropertyReferenceOperation)
                            {
                                current = target;
                                continue;
                            }

                            if (callee is null || NonSecurityMethods.Contains(callee.Name) || IsTimeOrThreading(callee.ContainingType))
                            {
                                return false;
                            }

                            if (target is IInvocationOperation || target is IObjectCreationOperation)
                            {
                                // string.Join, new string(chars), Convert.ToBase64String, sb.Append: the value flows on.
                                if (IsValueTransform(callee))
                                {
                                    current = target;
                                    continue;
                                }
                            }

                            return true;
                        }

                    case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation declarator:
                        return Named(declarator.Symbol.Name, ref name, ref kind);
                    case IAssignmentOperation assignment when assignment.Value == current:
                        return Named(NameOf(assignment.Target), ref name, ref kind);
                    case IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Length > 0:
                        return Named(fieldInitializer.InitializedFields[0].Name, ref name, ref kind);
                    case IPropertyInitializerOperation propertyInitializer when propertyInitializer.InitializedProperties.Length > 0:
                        return Named(propertyInitializer.InitializedProperties[0].Name, ref name, ref kind);
                    case IReturnOperation:
                        return true;
                    default:
                        return true;
                }
            }

            return true;
        }

        private static bool Named(string? receiver, ref string? name, ref SecurityValueKind kind)
        {
            SecurityValueKind receiverKind = SecurityValueNames.Classify(receiver);
            if (receiverKind != SecurityValueKind.None)
            {
                name = receiver;
                kind = receiverKind;
                return false;
            }

            // A specific non-security name (jitter, delayMs, index) settles it; a generic one (chars, result) does not.
            return receiver is null || IsGeneric(receiver);
        }

        private static bool IsGeneric(string identifier)
        {
            List<string> words = SecurityValueNames.SplitWords(identifier);
            return words.TrueForAll(w => GenericWords.Contains(w) || char.IsDigit(w[0]));
        }

        private static bool IsValueTransform(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.Constructor)
            {
                return method.ContainingType.SpecialType == SpecialType.System_String;
            }

            INamedTypeSymbol type = method.ContainingType;
            if (type.SpecialType == SpecialType.System_String || type.SpecialType == SpecialType.System_Char
                || method.Name is "ElementAt" or "ElementAtOrDefault")
            {
                return true;
            }

            return (type.Name is "Convert" or "BitConverter" or "Math" or "MemoryExtensions" && SymbolNames.IsNamespace(type.ContainingNamespace, "System"))
                || (type.Name is "StringBuilder" or "Encoding" && SymbolNames.IsNamespace(type.ContainingNamespace, "System.Text"));
        }

        private static bool IsTimeOrThreading(INamedTypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            return type.Name == "TimeSpan" || type.Name == "Random" || SymbolNames.IsInNamespace(type.ContainingNamespace, "System.Threading");
        }

        /// <summary>The name of the variable, field, property, parameter or array that an operation refers to.</summary>
        private static string? NameOf(IOperation operation)
        {
            operation = ConstantValueAnalysis.WalkDownConversions(operation);
            return operation switch
            {
                ILocalReferenceOperation local => local.Local.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property when property.Arguments.Length == 0 => property.Property.Name,
                IPropertyReferenceOperation indexer when indexer.Instance is not null => NameOf(indexer.Instance),
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IArrayElementReferenceOperation element => NameOf(element.ArrayReference),
                IInvocationOperation call when call.Instance is not null && call.TargetMethod.Name is "AsSpan" or "Slice" => NameOf(call.Instance),
                IInvocationOperation call when call.Arguments.Length > 0 && call.TargetMethod.IsExtensionMethod && call.TargetMethod.Name is "AsSpan" => NameOf(call.Arguments[0].Value),
                _ => null,
            };
        }

        /// <summary>The enclosing local function, method or property; for generic member names also the containing type.</summary>
        private static string? EnclosingName(OperationAnalysisContext context, IOperation operation, out SecurityValueKind kind)
        {
            foreach (SyntaxNode ancestor in operation.Syntax.Ancestors())
            {
                if (ancestor is LocalFunctionStatementSyntax localFunction)
                {
                    string localName = localFunction.Identifier.ValueText;
                    kind = SecurityValueNames.Classify(localName);
                    if (kind != SecurityValueKind.None)
                    {
                        return localName;
                    }
                }
            }

            ISymbol? member = context.ContainingSymbol;
            if (member is IMethodSymbol { AssociatedSymbol: { } associated })
            {
                member = associated;
            }

            kind = SecurityValueKind.None;
            if (member is null || member.IsImplicitlyDeclared || member.Name.StartsWith("<", StringComparison.Ordinal))
            {
                return null;
            }

            string memberName = member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? member.ContainingType.Name : member.Name;
            kind = SecurityValueNames.Classify(memberName);
            if (kind != SecurityValueKind.None)
            {
                return memberName;
            }

            if (IsGeneric(memberName) && member.ContainingType is { } type)
            {
                kind = SecurityValueNames.Classify(type.Name);
                if (kind != SecurityValueKind.None)
                {
                    return type.Name + "." + memberName;
                }
            }

            return null;
        }

        private static string? MechanicalReplacement(IInvocationOperation invocation)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (method.IsStatic || invocation.Instance is null)
            {
                return null;
            }

            if (method.Name == "NextBytes" && invocation.Arguments.Length == 1)
            {
                return "Fill";
            }

            if (method.Name == "Next"
                && (invocation.Arguments.Length == 1 || invocation.Arguments.Length == 2)
                && invocation.Arguments.All(a => a.Parameter?.Type.SpecialType == SpecialType.System_Int32))
            {
                return "GetInt32";
            }

            return null;
        }

        /// <summary>
        /// True when the call runs System.Random's own generator. A class derived from Random that overrides the invoked
        /// method (or, for the number methods, <c>Sample</c>, which they call) brings its own generator, often a
        /// cryptographic one (BouncyCastle's <c>SecureRandom</c>): the implementation that runs is judged, not the base type.
        /// </summary>
        private static bool RunsSystemRandomAlgorithm(IInvocationOperation invocation, INamedTypeSymbol random)
        {
            IMethodSymbol method = invocation.TargetMethod;
            IMethodSymbol root = method;
            while (root.OverriddenMethod is { } overridden)
            {
                root = overridden;
            }

            if (!SymbolEqualityComparer.Default.Equals(root.ContainingType, random))
            {
                return false; // a method of the derived class itself, not one of Random's
            }

            ITypeSymbol? receiver = invocation.Instance is null ? null : ConstantValueAnalysis.WalkDownConversions(invocation.Instance).Type;
            for (ITypeSymbol? type = receiver; type is not null && !SymbolEqualityComparer.Default.Equals(type, random); type = type.BaseType)
            {
                foreach (ISymbol member in type.GetMembers())
                {
                    if (member is IMethodSymbol { IsOverride: true } candidate
                        && (Overrides(candidate, root) || (candidate.Name == "Sample" && method.Name != "NextBytes")))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool Overrides(IMethodSymbol candidate, IMethodSymbol root)
        {
            for (IMethodSymbol? current = candidate; current is not null; current = current.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, root.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

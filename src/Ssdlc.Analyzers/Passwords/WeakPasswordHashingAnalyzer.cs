using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Passwords
{
    /// <summary>
    /// SSDLC0602: passwords hashed with a fast hash or a weakly configured PBKDF2 (B.6.1.2). Reports
    /// <c>ComputeHash</c>/<c>HashData</c> of MD5, SHA-1, SHA-2 and SHA-3 on a value named like a password (directly, through
    /// <c>Encoding.GetBytes</c>, concatenation or a local); <c>new Rfc2898DeriveBytes</c>, <c>Rfc2898DeriveBytes.Pbkdf2</c> and
    /// <c>KeyDerivation.Pbkdf2</c> with SHA-1 (explicit or by default), fewer iterations than current guidance for the hash,
    /// a constant salt or a salt shorter than 16 bytes; and <c>PasswordHasherOptions</c> with fewer than 210,000 iterations or
    /// the Identity V2 format. MD5/SHA-1 on a password is reported here as well as by SSDLC1001: the fix differs (SHA-256 would
    /// still be wrong for a password).
    /// </summary>
    public sealed class WeakPasswordHashingAnalyzer : DiagnosticAnalyzer
    {
        private const int MinimumSaltBytes = 16;
        private const int Sha512Iterations = 210_000;
        private const int Sha256Iterations = 600_000;
        private const int DefaultIterations = 1000;

        private static readonly HashSet<string> PasswordWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "password", "passwords", "passwd", "pwd", "passphrase",
        };

        // "passwordResetToken" is a random token, not a password.
        private static readonly HashSet<string> NotPasswordWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "token", "tokens", "key", "keys", "code", "codes", "otp", "id", "link", "url",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.WeakPasswordHashing);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                Compilation compilation = start.Compilation;
                var types = new Types(
                    WellKnownTypes.For(compilation).Get("System.Security.Cryptography.HashAlgorithm"),
                    WellKnownTypes.For(compilation).Get("System.Security.Cryptography.KeyedHashAlgorithm"),
                    WellKnownTypes.For(compilation).Get("System.Security.Cryptography.Rfc2898DeriveBytes"),
                    WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Cryptography.KeyDerivation.KeyDerivation"),
                    WellKnownTypes.For(compilation).Get("Microsoft.AspNetCore.Identity.PasswordHasherOptions"),
                    WellKnownTypes.For(compilation).Get("System.Text.Encoding"),
                    WellKnownTypes.For(compilation).Get("System.Security.Cryptography.RandomNumberGenerator"));
                if (types.HashAlgorithm is null && types.KeyDerivation is null && types.HasherOptions is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeCreation(c, types), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
            });
        }

        private sealed class Types
        {
            public Types(INamedTypeSymbol? hashAlgorithm, INamedTypeSymbol? keyed, INamedTypeSymbol? rfc, INamedTypeSymbol? keyDerivation,
                INamedTypeSymbol? hasherOptions, INamedTypeSymbol? encoding, INamedTypeSymbol? rng)
            {
                HashAlgorithm = hashAlgorithm;
                Keyed = keyed;
                Rfc = rfc;
                KeyDerivation = keyDerivation;
                HasherOptions = hasherOptions;
                Encoding = encoding;
                Rng = rng;
            }

            public INamedTypeSymbol? HashAlgorithm { get; }
            public INamedTypeSymbol? Keyed { get; }
            public INamedTypeSymbol? Rfc { get; }
            public INamedTypeSymbol? KeyDerivation { get; }
            public INamedTypeSymbol? HasherOptions { get; }
            public INamedTypeSymbol? Encoding { get; }
            public INamedTypeSymbol? Rng { get; }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, Types types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            if (method.Name == "Pbkdf2")
            {
                if (types.Rfc is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Rfc))
                {
                    CheckPbkdf2(context, invocation, invocation.Arguments, "hashAlgorithm", "iterations", types);
                }
                else if (types.KeyDerivation is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.KeyDerivation))
                {
                    CheckPbkdf2(context, invocation, invocation.Arguments, "prf", "iterationCount", types);
                }

                return;
            }

            if (!(method.Name is "ComputeHash" or "HashData" or "TryComputeHash" or "TryHashData" or "HashDataAsync" or "ComputeHashAsync")
                || types.HashAlgorithm is null
                || !OperationHelpers.IsOrDerivesFrom(method.ContainingType, types.HashAlgorithm)
                || (types.Keyed is not null && OperationHelpers.IsOrDerivesFrom(method.ContainingType, types.Keyed)))
            {
                return;
            }

            IArgumentOperation? data = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name is "source" or "buffer");
            if (data is null)
            {
                return;
            }

            string? name = PasswordName(data.Value, types, 0);
            if (name is null)
            {
                return;
            }

            string algorithm = method.IsStatic || invocation.Instance?.Type is null ? method.ContainingType.Name : invocation.Instance.Type.Name;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.WeakPasswordHashing, invocation.Syntax.GetLocation(), $"{algorithm}.{method.Name} on {name}, a fast hash"));
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, Types types)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (types.Rfc is not null && SymbolEqualityComparer.Default.Equals(creation.Type, types.Rfc))
            {
                CheckPbkdf2(context, creation, creation.Arguments, "hashAlgorithm", "iterations", types);
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, Types types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (types.HasherOptions is null
                || !(assignment.Target is IPropertyReferenceOperation target)
                || !SymbolEqualityComparer.Default.Equals(target.Property.ContainingType, types.HasherOptions))
            {
                return;
            }

            object? value = target.Property.Name == "IterationCount"
                ? ConstantCandidates.FirstWeak(assignment.Value, v => v is int n && n < Sha512Iterations, context.CancellationToken)
                : assignment.Value.ConstantValue.HasValue ? assignment.Value.ConstantValue.Value : null;
            if (target.Property.Name == "IterationCount" && value is int iterations && iterations < Sha512Iterations)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.WeakPasswordHashing, assignment.Syntax.GetLocation(),
                    $"PasswordHasherOptions.IterationCount of {Format(iterations)} for PBKDF2-HMAC-SHA512"));
            }
            else if (target.Property.Name == "CompatibilityMode" && value is int mode && mode == 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.WeakPasswordHashing, assignment.Syntax.GetLocation(),
                    "Identity's V2 password hash format (PBKDF2 with SHA-1 and 1,000 iterations)"));
            }
        }

        private static void CheckPbkdf2(
            OperationAnalysisContext context, IOperation call, ImmutableArray<IArgumentOperation> arguments, string hashParameter, string iterationsParameter, Types types)
        {
            var problems = new List<string>();
            IArgumentOperation? hashArgument = OperationHelpers.FindArgument(arguments, hashParameter);
            string? hash = hashArgument is null ? "SHA1" : HashName(hashArgument.Value);
            IArgumentOperation? iterationsArgument = OperationHelpers.FindArgument(arguments, iterationsParameter);
            int? iterations = iterationsArgument is null
                ? DefaultIterations
                : ConstantValueAnalysis.WalkDownConversions(iterationsArgument.Value).ConstantValue is { HasValue: true, Value: int n } ? n : (int?)null;
            if (hash is "SHA1" or "MD5")
            {
                problems.Add(hashArgument is null ? "PBKDF2 defaulting to SHA-1" : "PBKDF2 with " + (hash == "MD5" ? "MD5" : "SHA-1"));
            }
            else if (iterations is int count)
            {
                int bar = hash == "SHA256" ? Sha256Iterations : Sha512Iterations;
                if (count < bar)
                {
                    problems.Add($"PBKDF2{(hash is null ? string.Empty : "-" + hash)} with {Format(count)} iterations (at least {Format(bar)})");
                }
            }

            IArgumentOperation? salt = OperationHelpers.FindArgument(arguments, "salt");
            if (salt is not null)
            {
                if (ConstantDataAnalysis.IsConstantByteData(salt.Value, context.CancellationToken))
                {
                    problems.Add("a constant salt");
                }
                else if (SaltLength(salt.Value, types) is int length && length < MinimumSaltBytes)
                {
                    problems.Add($"a {length}-byte salt");
                }
            }

            IArgumentOperation? saltSize = OperationHelpers.FindArgument(arguments, "saltSize");
            if (saltSize?.Value.ConstantValue is { HasValue: true, Value: int size } && size < MinimumSaltBytes)
            {
                problems.Add($"a {size}-byte salt");
            }

            if (problems.Count > 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakPasswordHashing, call.Syntax.GetLocation(), string.Join(" and ", problems)));
            }
        }

        /// <summary>SHA1/SHA256/SHA384/SHA512/MD5 for HashAlgorithmName.X or KeyDerivationPrf.HMACX; null when not constant.</summary>
        private static string? HashName(IOperation value)
        {
            value = ConstantValueAnalysis.WalkDownConversions(value);
            switch (value)
            {
                case IPropertyReferenceOperation property when property.Property.ContainingType?.Name == "HashAlgorithmName" && property.Property.IsStatic:
                    return property.Property.Name.Replace("_", string.Empty);
                case IFieldReferenceOperation field when field.Field.ContainingType?.Name == "KeyDerivationPrf":
                    return field.Field.Name.StartsWith("HMAC", StringComparison.Ordinal) ? field.Field.Name.Substring(4) : null;
                default:
                    return null;
            }
        }

        /// <summary>n for <c>RandomNumberGenerator.GetBytes(n)</c> or <c>new byte[n]</c>, directly or as a local's initializer.</summary>
        private static int? SaltLength(IOperation value, Types types)
        {
            value = ConstantValueAnalysis.WalkDownConversions(value);
            if (value is ILocalReferenceOperation local)
            {
                IVariableDeclaratorOperation? declarator = OperationHelpers.Root(value).Descendants().OfType<IVariableDeclaratorOperation>()
                    .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local));
                IOperation? initializer = declarator?.Initializer?.Value;
                if (initializer is null)
                {
                    return null;
                }

                value = ConstantValueAnalysis.WalkDownConversions(initializer);
            }

            return value switch
            {
                IInvocationOperation { TargetMethod: { Name: "GetBytes", IsStatic: true } method, Arguments.Length: 1 } call
                    when types.Rng is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Rng)
                         && call.Arguments[0].Value.ConstantValue is { HasValue: true, Value: int n } => n,
                IArrayCreationOperation { Initializer: null, DimensionSizes.Length: 1 } array
                    when array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: int n } => n,
                _ => null,
            };
        }

        /// <summary>The password-like name the hashed data comes from, or null.</summary>
        private static string? PasswordName(IOperation value, Types types, int depth)
        {
            if (depth > 6)
            {
                return null;
            }

            value = ConstantValueAnalysis.WalkDownConversions(value);
            switch (value)
            {
                case IParenthesizedOperation parenthesized:
                    return PasswordName(parenthesized.Operand, types, depth + 1);
                case IParameterReferenceOperation parameter:
                    return IsPasswordName(parameter.Parameter.Name) ? parameter.Parameter.Name : null;
                case IFieldReferenceOperation field:
                    return IsPasswordName(field.Field.Name) ? field.Field.Name : null;
                case IPropertyReferenceOperation property:
                    return IsPasswordName(property.Property.Name) ? property.Property.Name : null;
                case ILocalReferenceOperation local:
                    if (IsPasswordName(local.Local.Name))
                    {
                        return local.Local.Name;
                    }

                    IVariableDeclaratorOperation? declarator = OperationHelpers.Root(value).Descendants().OfType<IVariableDeclaratorOperation>()
                        .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local));
                    return declarator?.Initializer?.Value is { } initializer ? PasswordName(initializer, types, depth + 1) : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    return PasswordName(binary.LeftOperand, types, depth + 1) ?? PasswordName(binary.RightOperand, types, depth + 1);
                case IInterpolatedStringOperation interpolated:
                    return interpolated.Parts.OfType<IInterpolationOperation>()
                        .Select(p => PasswordName(p.Expression, types, depth + 1))
                        .FirstOrDefault(n => n is not null);
                case IInvocationOperation invocation:
                    IMethodSymbol method = invocation.TargetMethod;
                    if (method.Name == "GetBytes" && types.Encoding is not null && OperationHelpers.IsOrDerivesFrom(method.ContainingType, types.Encoding)
                        && invocation.Arguments.Length >= 1)
                    {
                        return PasswordName(invocation.Arguments[0].Value, types, depth + 1);
                    }

                    if (method.ContainingType?.SpecialType == SpecialType.System_String && method.IsStatic && method.Name == "Concat")
                    {
                        return invocation.Arguments.Select(a => PasswordName(a.Value, types, depth + 1)).FirstOrDefault(n => n is not null);
                    }

                    if (invocation.Instance is not null && method.Name is "Trim" or "Normalize" or "ToCharArray" or "AsSpan")
                    {
                        return PasswordName(invocation.Instance, types, depth + 1);
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static bool IsPasswordName(string name)
        {
            List<string> words = SecurityValueNames.SplitWords(name);
            return SecurityValueNames.Classify(name) == SecurityValueKind.Secret
                   && words.Exists(w => PasswordWords.Contains(w))
                   && !words.Exists(w => NotPasswordWords.Contains(w));
        }

        private static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}

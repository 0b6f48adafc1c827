using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Evaluates <see cref="TimeSpan"/> values that are fixed at compile time, so that rules can judge timeouts and
    /// lifetimes: <c>TimeSpan.FromDays/FromHours/FromMinutes/FromSeconds/FromMilliseconds/FromTicks</c> (all overloads,
    /// including the .NET 9 integer ones with several components) and <c>new TimeSpan(...)</c> with constant numeric
    /// arguments, <c>TimeSpan.Zero</c>, <c>default</c>, and a local or <c>static readonly</c> field (same file) whose only
    /// value is such an expression.
    /// </summary>
    /// <remarks>
    /// Everything else (configuration values, arithmetic on TimeSpans, <c>TimeSpan.Parse</c>, method results, locals
    /// written more than once) is "not constant": rules then stay silent. Bounded by <see cref="MaxDepth"/>.
    /// </remarks>
    internal static class ConstantTimeSpanAnalysis
    {
        public const int MaxDepth = 8;

        /// <summary>True when <paramref name="value"/> is a TimeSpan fixed at compile time; its value in <paramref name="result"/>.</summary>
        public static bool TryGetConstant(IOperation? value, out TimeSpan result, CancellationToken cancellationToken = default)
        {
            result = default;
            try
            {
                return value is not null && TryEvaluate(value, 0, cancellationToken, out result);
            }
            catch (OverflowException)
            {
                return false;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        /// <summary>"45 minutes", "2 hours", "14 days", "1 day 12 hours", "90 seconds": short and readable for messages.</summary>
        public static string Describe(TimeSpan value)
        {
            if (value == TimeSpan.Zero)
            {
                return "zero";
            }

            if (value < TimeSpan.Zero)
            {
                return "negative";
            }

            if (value.Ticks % TimeSpan.TicksPerDay == 0)
            {
                return Plural((long)value.TotalDays, "day");
            }

            if (value.Ticks % TimeSpan.TicksPerHour == 0)
            {
                return value.TotalHours >= 48 ? Plural(value.Days, "day") + " " + Plural(value.Hours, "hour") : Plural((long)value.TotalHours, "hour");
            }

            if (value.Ticks % TimeSpan.TicksPerMinute == 0)
            {
                return Plural((long)value.TotalMinutes, "minute");
            }

            if (value.Ticks % TimeSpan.TicksPerSecond == 0)
            {
                return Plural((long)value.TotalSeconds, "second");
            }

            return value.ToString();
        }

        private static string Plural(long count, string unit) => count + " " + unit + (count == 1 ? string.Empty : "s");

        private static bool TryEvaluate(IOperation operation, int depth, CancellationToken cancellationToken, out TimeSpan result)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result = default;
            if (depth > MaxDepth)
            {
                return false;
            }

            operation = ConstantValueAnalysis.WalkDownConversions(operation);
            if (!IsTimeSpan(operation.Type))
            {
                return false;
            }

            switch (operation)
            {
                case IDefaultValueOperation:
                    return true;
                case IFieldReferenceOperation field:
                    return TryField(field, depth, cancellationToken, out result);
                case IInvocationOperation invocation:
                    return TryFactory(invocation, out result);
                case IObjectCreationOperation creation:
                    return TryConstructor(creation, out result);
                case ILocalReferenceOperation local:
                    return TryLocal(local, depth, cancellationToken, out result);
                default:
                    return false;
            }
        }

        private static bool IsTimeSpan(ITypeSymbol? type)
            => type is { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

        private static bool TryField(IFieldReferenceOperation reference, int depth, CancellationToken cancellationToken, out TimeSpan result)
        {
            result = default;
            IFieldSymbol field = reference.Field;
            if (IsTimeSpan(field.ContainingType))
            {
                switch (field.Name)
                {
                    case "Zero":
                        return true;
                    case "MaxValue":
                        result = TimeSpan.MaxValue;
                        return true;
                    default:
                        return false;
                }
            }

            if (!field.IsStatic || !field.IsReadOnly || field.DeclaringSyntaxReferences.Length != 1
                || !(field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator)
                || HasExplicitStaticConstructor(field.ContainingType)
                || reference.SemanticModel is not { } model
                || model.SyntaxTree != declarator.SyntaxTree)
            {
                return false;
            }

            IOperation? value = model.GetOperation(initializer.Value, cancellationToken);
            return value is not null && TryEvaluate(value, depth + 1, cancellationToken, out result);
        }

        private static bool HasExplicitStaticConstructor(INamedTypeSymbol type)
        {
            foreach (IMethodSymbol constructor in type.StaticConstructors)
            {
                if (!constructor.IsImplicitlyDeclared)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TryLocal(ILocalReferenceOperation reference, int depth, CancellationToken cancellationToken, out TimeSpan result)
        {
            result = default;
            ILocalSymbol local = reference.Local;
            if (local.IsRef)
            {
                return false;
            }

            IOperation? value = LocalWrites.Of(reference).SingleValue(local);
            return value is not null && TryEvaluate(value, depth + 1, cancellationToken, out result);
        }

        private static bool TryFactory(IInvocationOperation invocation, out TimeSpan result)
        {
            result = default;
            IMethodSymbol method = invocation.TargetMethod;
            if (!method.IsStatic || !IsTimeSpan(method.ContainingType))
            {
                return false;
            }

            long ticksPerUnit;
            switch (method.Name)
            {
                case "FromDays":
                    ticksPerUnit = TimeSpan.TicksPerDay;
                    break;
                case "FromHours":
                    ticksPerUnit = TimeSpan.TicksPerHour;
                    break;
                case "FromMinutes":
                    ticksPerUnit = TimeSpan.TicksPerMinute;
                    break;
                case "FromSeconds":
                    ticksPerUnit = TimeSpan.TicksPerSecond;
                    break;
                case "FromMilliseconds":
                    ticksPerUnit = TimeSpan.TicksPerMillisecond;
                    break;
                case "FromTicks":
                    ticksPerUnit = 1;
                    break;
                default:
                    return false;
            }

            if (method.Parameters.Length == 1 && invocation.Arguments.Length == 1)
            {
                if (!TryNumber(invocation.Arguments[0].Value, out double units))
                {
                    return false;
                }

                double ticks = units * ticksPerUnit;
                if (double.IsNaN(ticks) || ticks > long.MaxValue || ticks < long.MinValue)
                {
                    return false;
                }

                result = TimeSpan.FromTicks((long)ticks);
                return true;
            }

            // FromDays(int days, int hours = 0, long minutes = 0, ...) and the other integer overloads: every component by name.
            return TrySumComponents(invocation.Arguments, out result);
        }

        private static bool TryConstructor(IObjectCreationOperation creation, out TimeSpan result)
        {
            result = default;
            if (creation.Arguments.IsEmpty)
            {
                return creation.Constructor is not null;
            }

            return TrySumComponents(creation.Arguments, out result);
        }

        private static bool TrySumComponents(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, out TimeSpan result)
        {
            result = default;
            decimal ticks = 0;
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is not { } parameter || !TryNumber(argument.Value, out double value))
                {
                    return false;
                }

                long perUnit = parameter.Name switch
                {
                    "ticks" => 1,
                    "days" => TimeSpan.TicksPerDay,
                    "hours" => TimeSpan.TicksPerHour,
                    "minutes" => TimeSpan.TicksPerMinute,
                    "seconds" => TimeSpan.TicksPerSecond,
                    "milliseconds" => TimeSpan.TicksPerMillisecond,
                    "microseconds" => 10,
                    _ => 0,
                };
                if (perUnit == 0)
                {
                    return false;
                }

                ticks += (decimal)value * perUnit;
            }

            if (ticks > long.MaxValue || ticks < long.MinValue)
            {
                return false;
            }

            result = TimeSpan.FromTicks((long)ticks);
            return true;
        }

        private static bool TryNumber(IOperation value, out double number)
        {
            number = 0;
            Optional<object?> constant = value.ConstantValue;
            if (!constant.HasValue || constant.Value is null)
            {
                return false;
            }

            switch (constant.Value)
            {
                case int i:
                    number = i;
                    return true;
                case long l:
                    number = l;
                    return true;
                case double d:
                    number = d;
                    return !double.IsNaN(d) && !double.IsInfinity(d);
                case float f:
                    number = f;
                    return !float.IsNaN(f) && !float.IsInfinity(f);
                case short s:
                    number = s;
                    return true;
                case byte b:
                    number = b;
                    return true;
                default:
                    return false;
            }
        }
    }
}

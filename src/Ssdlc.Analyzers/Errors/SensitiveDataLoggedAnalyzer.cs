using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Errors
{
    /// <summary>
    /// SSDLC0903: secrets or personal data written to logs (B.6.1.2, B.9.5). Reports a value whose name (local, parameter,
    /// field, property or method) says it is a password, secret, token, API key (<see cref="SecurityValueNames.Classify"/>)
    /// or a credit card or social security number (<see cref="SecurityValueNames.IsPersonalData"/>) passed to an
    /// <c>ILogger</c> <c>Log*</c> call (template arguments or an interpolated message), <c>Console.Write*</c>,
    /// <c>Debug.Write*</c>/<c>Trace.Write*</c>. Not reported: values wrapped in a call to a method named
    /// <c>Mask*</c>/<c>Redact*</c>/<c>Hash*</c> (any call in fact: only the name of the value itself counts), names that use
    /// the word in another sense (<c>passwordPolicy</c>, <c>tokenUrl</c>, <c>tokenCount</c>), the bare name <c>key</c>
    /// (mostly a lookup key), and Boolean, numeric, enum and date values (<c>passwordExpired</c>, <c>tokenExpiry</c>).
    /// </summary>
    public sealed class SensitiveDataLoggedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SensitiveDataLogged);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            IMethodSymbol method = invocation.TargetMethod;
            string? sink = Sink(method);
            if (sink is null)
            {
                return;
            }

            List<bool>? destructuredHoles = null;
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue
                    || argument.Parameter is null
                    || argument.Parameter.Name == "exception"
                    || argument.Parameter.Name == "eventId"
                    || argument.Parameter.Name == "logLevel")
                {
                    continue;
                }

                if (argument.Parameter.Name == "message" && argument.Value.ConstantValue is { HasValue: true, Value: string template })
                {
                    destructuredHoles = DestructuredHoles(template);
                }

                if (argument.ArgumentKind == ArgumentKind.ParamArray
                    && ConstantValueAnalysis.WalkDownConversions(argument.Value) is IArrayCreationOperation { Initializer: { } elements })
                {
                    for (int i = 0; i < elements.ElementValues.Length; i++)
                    {
                        bool destructured = destructuredHoles is not null && i < destructuredHoles.Count && destructuredHoles[i];
                        Check(context, elements.ElementValues[i], sink, destructured, 0);
                    }
                }
                else
                {
                    Check(context, argument.Value, sink, false, 0);
                }
            }
        }

        /// <summary>For each hole of a message template in order, whether it asks for the value's structure (<c>{@User}</c>).</summary>
        private static List<bool> DestructuredHoles(string template)
        {
            var holes = new List<bool>();
            for (int i = 0; i < template.Length; i++)
            {
                if (template[i] != '{')
                {
                    continue;
                }

                if (i + 1 < template.Length && template[i + 1] == '{')
                {
                    i++;
                    continue;
                }

                int close = template.IndexOf('}', i + 1);
                if (close < 0)
                {
                    break;
                }

                holes.Add(i + 1 < close && template[i + 1] == '@');
                i = close;
            }

            return holes;
        }

        private static string? Sink(IMethodSymbol method)
        {
            INamedTypeSymbol type = method.ContainingType;
            if (type.Name == "LoggerExtensions" && method.Name.StartsWith("Log", StringComparison.Ordinal)
                && SymbolNames.IsNamespace(type.ContainingNamespace, "Microsoft.Extensions.Logging"))
            {
                return "ILogger." + method.Name;
            }

            if (type.Name == "Console" && method.Name.StartsWith("Write", StringComparison.Ordinal) && SymbolNames.IsNamespace(type.ContainingNamespace, "System"))
            {
                return "Console." + method.Name;
            }

            if ((type.Name == "Debug" || type.Name == "Trace")
                && (method.Name.StartsWith("Write", StringComparison.Ordinal) || method.Name.StartsWith("Trace", StringComparison.Ordinal) || method.Name == "Print")
                && SymbolNames.IsNamespace(type.ContainingNamespace, "System.Diagnostics"))
            {
                return type.Name + "." + method.Name;
            }

            return null;
        }

        private static void Check(OperationAnalysisContext context, IOperation value, string sink, bool destructured, int depth)
        {
            if (depth > 8)
            {
                return;
            }

            value = ConstantValueAnalysis.WalkDownConversions(value);
            switch (value)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation)
                        {
                            Check(context, interpolation.Expression, sink, false, depth + 1);
                        }
                    }

                    return;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                    Check(context, add.LeftOperand, sink, false, depth + 1);
                    Check(context, add.RightOperand, sink, false, depth + 1);
                    return;
                case ICoalesceOperation coalesce:
                    Check(context, coalesce.Value, sink, destructured, depth + 1);
                    return;
            }

            if (value.ConstantValue.HasValue || value.Type is null || OperationHelpers.IsSimpleValue(value.Type))
            {
                return;
            }

            string? name = value switch
            {
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                IInvocationOperation call when call.Arguments.IsEmpty && !call.TargetMethod.Name.Equals("ToString", StringComparison.Ordinal) && !IsMasking(call.TargetMethod.Name) => call.TargetMethod.Name,
                IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } when SecurityValueNames.CanHoldSecretText(instance.Type) => NameOf(instance),
                _ => null,
            };

            // A name judges only a value that can hold secret text: writer.Token (a JSON token) or a SyntaxToken is no credential.
            if (name is not null
                && SecurityValueNames.CanHoldSecretText(value.Type)
                && !name.Equals("key", StringComparison.OrdinalIgnoreCase) && !name.Equals("keys", StringComparison.OrdinalIgnoreCase)
                && ((SecurityValueNames.Classify(name) == SecurityValueKind.Secret && !SecurityValueNames.IsNonSecretToken(name)) || SecurityValueNames.IsPersonalData(name)))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SensitiveDataLogged, value.Syntax.GetLocation(), "'" + name + "'", sink));
                return;
            }

            // A whole object printed with its members: an anonymous type, a record, or a destructured {@Value}.
            if (SecurityValueNames.SecretMember(value.Type, destructured) is { } member)
            {
                string what = (name is null ? "This " + (value.Type.IsAnonymousType ? "anonymous object" : value.Type.Name) : "'" + name + "'")
                    + " (its member '" + member.Name + "')";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SensitiveDataLogged, value.Syntax.GetLocation(), what, sink));
            }
        }

        private static bool IsMasking(string method)
            => method.StartsWith("Mask", StringComparison.Ordinal) || method.StartsWith("Redact", StringComparison.Ordinal) || method.StartsWith("Hash", StringComparison.Ordinal);

        private static string? NameOf(IOperation operation) => ConstantValueAnalysis.WalkDownConversions(operation) switch
        {
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            _ => null,
        };
    }
}

using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Injection
{
    /// <summary>
    /// SSDLC0402: LDAP search filters, distinguished names and directory paths must be constant or LDAP-encoded (B.4.3):
    /// <c>SearchRequest</c> and the other <c>DirectoryRequest</c>s, <c>DirectorySearcher</c>, <c>DirectoryEntry</c>.
    /// </summary>
    public sealed class LdapInjectionAnalyzer : DiagnosticAnalyzer
    {
        private const string Filter = "filter";
        private const string DistinguishedName = "distinguished name";
        private const string Path = "path";

        private static readonly string[] EncoderPrefixes =
        {
            "LdapEncode", "EscapeLdap", "LdapEscape", "LdapFilterEncode", "LdapDistinguishedNameEncode", "EncodeLdap",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.LdapInjection);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                Compilation compilation = start.Compilation;
                var sinks = new LdapSinks(
                    WellKnownTypes.For(compilation).Get("System.DirectoryServices.Protocols.DirectoryRequest"),
                    WellKnownTypes.For(compilation).Get("System.DirectoryServices.Protocols.SearchRequest"),
                    WellKnownTypes.For(compilation).Get("System.DirectoryServices.DirectorySearcher"),
                    WellKnownTypes.For(compilation).Get("System.DirectoryServices.DirectoryEntry"));
                if (sinks.DirectoryRequest is null && sinks.DirectorySearcher is null && sinks.DirectoryEntry is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeCreation(c, sinks), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, sinks), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, LdapSinks sinks)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            ITypeSymbol? type = creation.Type;
            if (type is null)
            {
                return;
            }

            string api = "new " + type.Name;
            if (OperationHelpers.IsOrDerivesFrom(type, sinks.DirectoryRequest))
            {
                Check(context, OperationHelpers.FindStringArgument(creation.Arguments, "distinguishedName"), DistinguishedName, api);
                Check(context, OperationHelpers.FindStringArgument(creation.Arguments, "ldapFilter"), Filter, api);
            }
            else if (SymbolEqualityComparer.Default.Equals(type, sinks.DirectorySearcher))
            {
                Check(context, OperationHelpers.FindStringArgument(creation.Arguments, "filter"), Filter, api);
            }
            else if (SymbolEqualityComparer.Default.Equals(type, sinks.DirectoryEntry))
            {
                Check(context, OperationHelpers.FindStringArgument(creation.Arguments, "path"), Path, api);
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, LdapSinks sinks)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation target))
            {
                return;
            }

            INamedTypeSymbol type = target.Property.ContainingType;
            string? what = target.Property.Name switch
            {
                "Filter" when SymbolEqualityComparer.Default.Equals(type, sinks.DirectorySearcher)
                    || SymbolEqualityComparer.Default.Equals(type, sinks.SearchRequest) => Filter,
                "DistinguishedName" when OperationHelpers.IsOrDerivesFrom(type, sinks.DirectoryRequest) => DistinguishedName,
                "Path" when SymbolEqualityComparer.Default.Equals(type, sinks.DirectoryEntry) => Path,
                _ => null,
            };
            if (what is not null)
            {
                CheckValue(context, assignment.Value, what, type.Name + "." + target.Property.Name);
            }
        }

        private static void Check(OperationAnalysisContext context, IArgumentOperation? argument, string what, string api)
        {
            if (argument is not null)
            {
                CheckValue(context, argument.Value, what, api);
            }
        }

        private static void CheckValue(OperationAnalysisContext context, IOperation value, string what, string api)
        {
            if (value.Syntax is null
                || value.Type?.SpecialType is not (SpecialType.System_String or SpecialType.System_Object)
                || ConstantValueAnalysis.IsConstantOrTrusted(value, IsEncoded, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.LdapInjection, value.Syntax.GetLocation(), what, api));
        }

        /// <summary>An LDAP-encoding call (<c>LdapFilterEncode</c>, <c>Encoder.LdapDistinguishedNameEncode</c>, <c>EscapeLdap…</c>) or a plain number.</summary>
        private static bool IsEncoded(IOperation operation)
        {
            if (OperationHelpers.IsSimpleValue(operation.Type))
            {
                return true;
            }

            if (!(operation is IInvocationOperation invocation))
            {
                return false;
            }

            string name = invocation.TargetMethod.Name;
            foreach (string prefix in EncoderPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private sealed class LdapSinks
        {
            public LdapSinks(INamedTypeSymbol? directoryRequest, INamedTypeSymbol? searchRequest, INamedTypeSymbol? directorySearcher, INamedTypeSymbol? directoryEntry)
            {
                DirectoryRequest = directoryRequest;
                SearchRequest = searchRequest;
                DirectorySearcher = directorySearcher;
                DirectoryEntry = directoryEntry;
            }

            public INamedTypeSymbol? DirectoryRequest { get; }

            public INamedTypeSymbol? SearchRequest { get; }

            public INamedTypeSymbol? DirectorySearcher { get; }

            public INamedTypeSymbol? DirectoryEntry { get; }
        }
    }
}

using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Headers
{
    /// <summary>
    /// SSDLC1402: HSTS weaker than the standard (B.14): <c>HstsOptions.MaxAge</c> below 126 days or
    /// <c>IncludeSubDomains = false</c> (in <c>AddHsts(o =&gt; ...)</c>, <c>Configure&lt;HstsOptions&gt;</c>, anywhere), reported
    /// at the assignment. An application whose pipeline calls ASP.NET Core's <c>UseHsts()</c> outside development and never sets
    /// <c>MaxAge</c> or <c>IncludeSubDomains</c> sends the defaults (30 days, no includeSubDomains); that is reported too, at the
    /// <c>AddHsts</c> call, or at <c>UseHsts()</c> when there is none. Options bound from configuration are not judged.
    /// A constant Strict-Transport-Security value the app writes itself (<c>Headers["Strict-Transport-Security"] = "max-age=3600"</c>)
    /// is judged the same way.
    /// Reported from the compilation end (see <see cref="HttpPipelineFacts"/>).
    /// </summary>
    public sealed class HstsPolicyAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The standard's minimum HSTS max-age.</summary>
        public const double MinimumMaxAgeDays = 126;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.WeakHsts);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start => HttpPipelineFacts.Register(start, Report));
        }

        private static void Report(CompilationAnalysisContext context, HttpPipelineFacts facts)
        {
            foreach (OptionSetting<double> maxAge in facts.HstsMaxAge)
            {
                if (maxAge.Value is double days && days < MinimumMaxAgeDays)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHsts, maxAge.Location, $"HstsOptions.MaxAge is {Describe(days)}"));
                }
            }

            foreach (OptionSetting<bool> includeSubDomains in facts.HstsIncludeSubDomains)
            {
                if (includeSubDomains.Value == false)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHsts, includeSubDomains.Location, "HstsOptions.IncludeSubDomains = false leaves subdomains open to plain HTTP"));
                }
            }

            foreach (HstsHeaderValue header in facts.HstsHeaderValues)
            {
                string? weakness = header.MaxAgeDays is double days && days < MinimumMaxAgeDays
                    ? (header.IncludeSubDomains ? $"has a max-age of {Describe(days)}" : $"has a max-age of {Describe(days)} and no includeSubDomains")
                    : header.MaxAgeDays is null ? null : header.IncludeSubDomains ? null : "has no includeSubDomains";
                if (weakness is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHsts, header.Location, "The Strict-Transport-Security header " + weakness));
                }
            }

            PipelineCall? useHsts = facts.HstsMiddleware.FirstOrDefault(c => c.IsFramework && !c.DevelopmentOnly);
            if (!facts.HasPipeline || useHsts is null || facts.HstsOptionsFromConfiguration)
            {
                return;
            }

            bool defaultMaxAge = facts.HstsMaxAge.IsEmpty;
            bool defaultSubDomains = facts.HstsIncludeSubDomains.IsEmpty;
            if (!defaultMaxAge && !defaultSubDomains)
            {
                return;
            }

            PipelineCall? configuration = facts.HstsConfigurations.FirstOrDefault();
            string what = (configuration, defaultMaxAge, defaultSubDomains) switch
            {
                (null, true, true) => "UseHsts() sends ASP.NET Core's default HSTS policy (max-age 30 days, no includeSubDomains)",
                (null, true, false) => "UseHsts() sends the default HSTS max-age of 30 days",
                (null, _, _) => "UseHsts() sends HSTS without includeSubDomains (HstsOptions.IncludeSubDomains is never set)",
                (_, true, true) => "The HSTS options leave MaxAge at its default of 30 days and IncludeSubDomains at false",
                (_, true, false) => "The HSTS options leave MaxAge at its default of 30 days",
                _ => "The HSTS options leave IncludeSubDomains at its default false",
            };
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.WeakHsts, configuration?.Location ?? useHsts.Location, what));
        }

        private static string Describe(double days)
        {
            if (days >= 1)
            {
                return Number(days) + (days == 1 ? " day" : " days");
            }

            double hours = days * 24;
            return hours >= 1
                ? Number(hours) + (hours == 1 ? " hour" : " hours")
                : Number(hours * 60 * 60) + " seconds";
        }

        private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    }
}

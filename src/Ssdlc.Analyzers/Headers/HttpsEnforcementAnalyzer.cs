using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Headers
{
    /// <summary>
    /// SSDLC1401: an ASP.NET Core application whose request pipeline does not enforce HTTPS (B.10.2.2, B.14). A browser-facing
    /// app (views, Razor Pages, Blazor components, static files) needs both <c>UseHttpsRedirection()</c> and HSTS
    /// (<c>UseHsts()</c> outside development, or a header package that sends Strict-Transport-Security); an API-only app needs
    /// one of them (HSTS is a browser mechanism; the <c>dotnet new webapi</c> template has the redirection only).
    /// The whole compilation is looked at (<see cref="HttpPipelineFacts"/>), so the finding comes from the compilation end:
    /// in the IDE it shows in full-solution analysis and in the build, not while typing. It is reported at the call that runs
    /// only in development, else at <c>Startup.Configure</c> or <c>builder.Build()</c>.
    /// </summary>
    public sealed class HttpsEnforcementAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.HttpsNotEnforced);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code (Razor views) is read for facts; nothing is reported there.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start => HttpPipelineFacts.Register(start, Report));
        }

        private static void Report(CompilationAnalysisContext context, HttpPipelineFacts facts)
        {
            if (!facts.HasPipeline || facts.PipelineAnchor is null)
            {
                return;
            }

            bool redirects = facts.RedirectsToHttps;
            bool hsts = facts.SendsHsts;
            PipelineCall? devOnlyRedirect = facts.HttpsRedirections.FirstOrDefault(c => c.DevelopmentOnly);
            PipelineCall? devOnlyHsts = facts.HstsMiddleware.FirstOrDefault(c => c.DevelopmentOnly);
            if (facts.IsBrowserFacing)
            {
                if (redirects && hsts)
                {
                    return;
                }

                if (!hsts && devOnlyHsts is not null)
                {
                    string what = redirects ? "calls UseHsts() only in development" : "has no UseHttpsRedirection() and calls UseHsts() only in development";
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.HttpsNotEnforced, devOnlyHsts.Location, what));
                    return;
                }

                if (!redirects && hsts && devOnlyRedirect is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.HttpsNotEnforced, devOnlyRedirect.Location, "calls UseHttpsRedirection() only in development"));
                    return;
                }

                string message = !redirects && !hsts
                    ? "has neither UseHttpsRedirection() nor UseHsts()"
                    : !hsts
                        ? $"has no UseHsts(), although the app serves browser content ({facts.BrowserContent})"
                        : "has no UseHttpsRedirection()";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HttpsNotEnforced, facts.PipelineAnchor, message));
                return;
            }

            if (redirects || hsts)
            {
                return;
            }

            PipelineCall? devOnly = devOnlyRedirect ?? devOnlyHsts;
            if (devOnly is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HttpsNotEnforced, devOnly.Location, $"calls {devOnly.Name}() only in development"));
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.HttpsNotEnforced, facts.PipelineAnchor, "has neither UseHttpsRedirection() nor UseHsts()"));
        }
    }
}

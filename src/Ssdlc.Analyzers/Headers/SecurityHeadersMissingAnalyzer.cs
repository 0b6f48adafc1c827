using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Headers
{
    /// <summary>
    /// SSDLC1403: browser protection headers not set (B.14, A.5.2). A browser-facing ASP.NET Core application (views, Razor
    /// Pages, Blazor components, static files) that nowhere names X-Content-Type-Options, X-Frame-Options, Referrer-Policy or
    /// Content-Security-Policy (header writes in middleware, <c>OnStarting</c> callbacks, <c>HeaderNames</c>, typed
    /// <c>IHeaderDictionary</c> properties, Razor views) and uses no header middleware (NWebsec, NetEscapades
    /// <c>UseSecurityHeaders</c>, any <c>*SecurityHeaders*</c> method, <c>UseMiddleware&lt;*Header*&gt;</c>) is reported at
    /// <c>Startup.Configure</c> or <c>builder.Build()</c>. API-only applications are not (their JSON is not rendered by
    /// browsers). Also <c>KestrelServerOptions.AddServerHeader = true</c>, at the assignment; the default (true) is not reported.
    /// Reported from the compilation end (see <see cref="HttpPipelineFacts"/>).
    /// </summary>
    public sealed class SecurityHeadersMissingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SecurityHeadersMissing);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code (Razor views with a CSP meta tag) is read for facts; nothing is reported there.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start => HttpPipelineFacts.Register(start, Report));
        }

        private static void Report(CompilationAnalysisContext context, HttpPipelineFacts facts)
        {
            foreach (OptionSetting<bool> serverHeader in facts.ServerHeader)
            {
                if (serverHeader.Value == true)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SecurityHeadersMissing,
                        serverHeader.Location,
                        "KestrelServerOptions.AddServerHeader = true announces the server software in every response; set it to false"));
                }
            }

            if (facts.HasPipeline && facts.IsBrowserFacing && facts.SecurityHeaders is null && facts.PipelineAnchor is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SecurityHeadersMissing,
                    facts.PipelineAnchor,
                    $"The application serves browser content ({facts.BrowserContent}) but sets none of X-Content-Type-Options, X-Frame-Options (or CSP frame-ancestors), Referrer-Policy and Content-Security-Policy; set them for every response in one middleware (or a security-headers package)"));
            }
        }
    }
}

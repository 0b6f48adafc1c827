using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>Whether authorization covers an endpoint mapping or a route builder.</summary>
    internal enum EndpointCoverage
    {
        /// <summary>Nothing on the mapping, its route groups or its handler requires authorization or allows anonymous access.</summary>
        Uncovered,

        /// <summary><c>RequireAuthorization()</c>, <c>AllowAnonymous()</c>, <c>[Authorize]</c> or <c>[AllowAnonymous]</c> decides access.</summary>
        Covered,

        /// <summary>The analysis cannot see it (a builder from elsewhere, a mapping returned to a caller): treated as covered.</summary>
        Unknown,
    }

    /// <summary>A minimal API endpoint (<c>MapGet</c>, <c>MapPost</c>, ...) as the application maps it.</summary>
    internal sealed class EndpointMapping
    {
        public EndpointMapping(Location location, string method, string? pattern, EndpointCoverage coverage, bool bindsForm, Location? antiforgeryDisabled, string? host = null)
        {
            Host = host;
            Location = location;
            Method = method;
            Pattern = pattern;
            Coverage = coverage;
            BindsForm = bindsForm;
            AntiforgeryDisabled = antiforgeryDisabled;
        }

        /// <summary>The name of the mapping method in the call (<c>MapPost</c>).</summary>
        public Location Location { get; }

        public string Method { get; }

        /// <summary>The constant route pattern, or null.</summary>
        public string? Pattern { get; }

        /// <summary>After the route builders passed to helper methods are resolved through their call sites.</summary>
        public EndpointCoverage Coverage { get; }

        /// <summary>The handler binds form data: a <c>[FromForm]</c> parameter, <c>IFormFile</c>, <c>IFormFileCollection</c> or <c>IFormCollection</c>.</summary>
        public bool BindsForm { get; }

        /// <summary>Where <c>DisableAntiforgery()</c> is called on this mapping, or null.</summary>
        public Location? AntiforgeryDisabled { get; }

        /// <summary>The application host the endpoint is mapped on (<see cref="PipelineHosts"/>); null when it cannot be told.</summary>
        public string? Host { get; }

        public EndpointMapping WithCoverage(EndpointCoverage coverage)
            => new EndpointMapping(Location, Method, Pattern, coverage, BindsForm, AntiforgeryDisabled, Host);
    }
}

namespace Ssdlc.Analyzers.Tests.Verification;

/// <summary>What Microsoft.NET.Sdk.Web adds to every project's compilation.</summary>
internal static class WebSdk
{
    /// <summary>The implicit global usings of a Web SDK project (ImplicitUsings enabled).</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    public const string ImplicitUsingsPath = "/src/GlobalUsings.g.cs";
}

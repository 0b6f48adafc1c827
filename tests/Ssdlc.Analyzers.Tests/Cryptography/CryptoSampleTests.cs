using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Injection;
using Ssdlc.Analyzers.Tests.Verification;
using Ssdlc.Tests;

namespace Ssdlc.Analyzers.Tests.Cryptography;

/// <summary>
/// The crypto code of samples/VulnerableApp and samples/CompliantApp, compiled here as the samples compile it (with the
/// Web SDK's implicit usings), so that the samples are known to compile and to give exactly the expected findings.
/// </summary>
public class CryptoSampleTests
{
    // The implicit global usings of Microsoft.NET.Sdk.Web.
    private const string ImplicitUsings = """
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;

        """;

    [Fact]
    public async Task VulnerableApp_legacy_crypto_gives_one_finding_per_crypto_rule()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeSampleAsync("VulnerableApp", "Services", "LegacyCrypto.cs");
        Assert.Equal(
            new[] { "SSDLC1002", "SSDLC1003", "SSDLC1005", "SSDLC1006", "SSDLC1012" },
            diagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "SSDLC1006" && d.GetMessage().Contains("TLS 1.0, TLS 1.1", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "SSDLC1005" && d.GetMessage().Contains("default size, 2048 bits", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompliantApp_modern_crypto_gives_no_finding()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeSampleAsync("CompliantApp", "Services", "ModernCrypto.cs");
        Assert.Empty(diagnostics);
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeSampleAsync(params string[] path)
    {
        string source = ImplicitUsings + File.ReadAllText(Path.Combine(new[] { RepoPaths.Root, "samples" }.Concat(path).ToArray()));
        Compilation compilation = AnalyzerRunner.CreateCompilation(source);
        Verify.AssertCompiles(compilation);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, AllAnalyzers());
        Verify.AssertNoAnalyzerFailures(result);
        return result.Diagnostics.Where(d => d.Id.StartsWith("SSDLC", StringComparison.Ordinal)).ToImmutableArray();
    }

    private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() => ProductAnalyzers.All;
}

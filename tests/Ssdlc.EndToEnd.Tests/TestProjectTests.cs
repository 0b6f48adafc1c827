using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// Ssdlc added to every project of a solution, test projects included (a GlobalPackageReference, risk class High): the
/// test project reports its findings but fails only on secrets and supply-chain findings, unless SsdlcGateTestProjects.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class TestProjectTests(PackedPackages packages)
{
    private const string TestCode = """
        using System.Security.Cryptography;
        using Newtonsoft.Json;
        using Xunit;

        public class SerializerTests
        {
            [Fact]
            public void Type_names_round_trip()
            {
                var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All };
                object? value = JsonConvert.DeserializeObject("{}", settings);
                byte[] digest = MD5.HashData(new byte[] { 1, 2, 3 });
                Assert.NotNull(value);
                Assert.Equal(16, digest.Length);
            }
        }
        """;

    [Fact]
    public void A_solution_with_a_test_project_builds_on_day_one_and_the_test_project_fails_only_on_secrets()
    {
        Workspace ws = packages.CreateWorkspace("testproject");
        const string settings = "<SsdlcRiskClass>High</SsdlcRiskClass><SsdlcBuildDate>2026-11-22</SsdlcBuildDate>";
        ws.Write("app/app.csproj", Projects.Console(settings));
        ws.Write("app/Program.cs", Projects.CleanCode);
        ws.Write("app.Tests/app.Tests.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>{settings}</PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Ssdlc.Sdk" Version="{Projects.Version}" PrivateAssets="all" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="Newtonsoft.Json" Version="13.0.4" />
                <ProjectReference Include="../app/app.csproj" />
              </ItemGroup>
            </Project>
            """);
        ws.Write("app.Tests/SerializerTests.cs", TestCode);

        BuildResult build = ws.Build("app.Tests/app.Tests.csproj");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning SSDLC0202", build.Diagnostics);
        Assert.Contains("warning SSDLC1001", build.Diagnostics);
        Assert.DoesNotContain(build.Diagnostics, d => d.StartsWith("error SSDLC", StringComparison.Ordinal));
        string tests = Assert.Single(build.SummaryLines, l => l.StartsWith("Ssdlc: app.Tests", StringComparison.Ordinal));
        Assert.Contains("risk class High: 1 critical, 1 high", tests, StringComparison.Ordinal);
        Assert.Contains("PASSED (test project: only secrets and supply-chain findings fail it", tests, StringComparison.Ordinal);
        Assert.Contains(build.SummaryLines, l => l.StartsWith("Ssdlc: app ", StringComparison.Ordinal) && l.Contains("PASSED", StringComparison.Ordinal));

        // Gated like any other project when asked.
        BuildResult gated = ws.Build("app.Tests/app.Tests.csproj", "-p:SsdlcGateTestProjects=true");
        Assert.NotEqual(0, gated.ExitCode);
        Assert.Contains("error SSDLC0202", gated.Diagnostics);
        Assert.Contains("error SSDLC1001", gated.Diagnostics);

        // A secret written in test code outside a test method still fails the test project (generated: no literal here).
        string apiKey = "sk" + "_live_" + Guid.NewGuid().ToString("N")[..24];
        ws.Write("app.Tests/PaymentFixture.cs", "public static class PaymentFixture\n{\n    public const string StripeKey = \"" + apiKey + "\";\n}\n");
        BuildResult secret = ws.Build("app.Tests/app.Tests.csproj");
        Assert.NotEqual(0, secret.ExitCode);
        Assert.Contains("error SSDLC1101", secret.Diagnostics);
        Assert.Contains("warning SSDLC0202", secret.Diagnostics);
        Assert.DoesNotContain(apiKey, secret.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_analyzers_package_alone_reports_test_code_findings_as_warnings()
    {
        Workspace ws = packages.CreateWorkspace("testproject-analyzers");
        ws.Write("app.Tests/app.Tests.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Ssdlc.Analyzers" Version="{Projects.Version}" PrivateAssets="all" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="Newtonsoft.Json" Version="13.0.4" />
              </ItemGroup>
            </Project>
            """);
        ws.Write("app.Tests/SerializerTests.cs", TestCode);

        BuildResult build = ws.Build("app.Tests/app.Tests.csproj");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning SSDLC0202", build.Diagnostics);

        BuildResult gated = ws.Build("app.Tests/app.Tests.csproj", "-p:SsdlcGateTestProjects=true");
        Assert.NotEqual(0, gated.ExitCode);
        Assert.Contains("error SSDLC0202", gated.Diagnostics);
    }
}

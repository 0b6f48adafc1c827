using Ssdlc.EndToEnd.Tests.Infrastructure;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// A.5.3 (SSDLC5301-SSDLC5305) with the packed package: the Dockerfiles of the project folder and the SDK's container
/// settings, reported at file and line, graded by risk class, and checked again when a Dockerfile changes.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class ContainerTests(PackedPackages packages)
{
    private const string Digest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void Dockerfiles_and_SDK_container_settings_are_checked_at_their_lines_and_again_when_they_change()
    {
        Workspace ws = packages.CreateWorkspace("containers");
        ws.Write("app/app.csproj", Projects.Console("<ContainerRepository>shop</ContainerRepository><ContainerUser>root</ContainerUser>"));
        ws.Write("app/Program.cs", Projects.CleanCode);
        string dockerfile = ws.Write("app/Dockerfile", """
            ARG TAG=10.0
            FROM registry.example.test/dotnet/sdk:$TAG AS build
            RUN dotnet publish -c Release -o /out
            FROM registry.example.test/dotnet/aspnet:$TAG
            COPY --from=build /out /app
            ENTRYPOINT ["dotnet", "/app/app.dll"]
            """);
        // A hardened one next to it, and one in bin/ that is never read.
        ws.Write("app/deploy/worker.dockerfile", $"""
            FROM registry.example.test/dotnet/runtime:10.0-noble-chiseled{Digest}
            LABEL org.opencontainers.image.title="worker" com.example.team="payments"
            """);
        ws.Write("app/bin/Dockerfile", "FROM registry.example.test/untracked:latest\nUSER root\n");

        BuildResult standard = ws.Build("app/app.csproj");

        Assert.True(standard.ExitCode == 0, standard.ToString());
        Assert.Equal(
            new HashSet<string> { "warning SSDLC5301", "warning SSDLC5302", "warning SSDLC5304", "warning SSDLC5305" },
            standard.Diagnostics);
        string[] lines = standard.DiagnosticLines.ToArray();
        Assert.Contains(lines, l => l.Contains("Dockerfile(2", StringComparison.Ordinal) && l.Contains("SSDLC5301", StringComparison.Ordinal) && l.Contains("sdk:10.0' is not pinned", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Dockerfile(4", StringComparison.Ordinal) && l.Contains("SSDLC5302", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("app.csproj(5", StringComparison.Ordinal) && l.Contains("ContainerUser is 'root'", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("worker.dockerfile", StringComparison.Ordinal) || l.Contains("untracked", StringComparison.Ordinal));

        // An SSH server added to the final image: the next build reads the changed Dockerfile and fails.
        File.AppendAllText(dockerfile, "\nRUN apt-get update && apt-get install -y openssh-server\n");
        BuildResult changed = ws.Build("app/app.csproj");
        Assert.NotEqual(0, changed.ExitCode);
        Assert.Contains(changed.DiagnosticLines, l => l.Contains("Dockerfile(7", StringComparison.Ordinal) && l.Contains("error SSDLC5303", StringComparison.Ordinal));

        // At High the pinning and user findings fail the build too.
        BuildResult high = ws.Build("app/app.csproj", "-p:SsdlcRiskClass=High");
        Assert.True(
            high.Diagnostics.IsSupersetOf(["error SSDLC5301", "error SSDLC5302", "error SSDLC5304", "error SSDLC5303"]),
            high.ToString());
    }
}

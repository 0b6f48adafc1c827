using Ssdlc.Build.Tasks.Containers;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using static Ssdlc.Build.Tasks.Tests.Items;

namespace Ssdlc.Build.Tasks.Tests.Containers;

/// <summary>SSDLC5301-SSDLC5305 on Dockerfiles and SDK container settings: exact lines, and look-alikes that stay silent.</summary>
public sealed class ContainerCheckTests : IDisposable
{
    private const string Digest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Registry = "registry.example.test";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_typical_unhardened_multi_stage_Dockerfile_gets_every_finding_at_its_line()
    {
        List<Finding> findings = Check($"""
            # syntax=docker/dockerfile:1
            ARG DOTNET_VERSION=10.0
            FROM {Registry}/dotnet/sdk:${"{"}DOTNET_VERSION{"}"} AS build
            WORKDIR /src
            COPY . .
            RUN dotnet publish -c Release -o /app
            FROM {Registry}/dotnet/aspnet:${"{"}DOTNET_VERSION{"}"} AS final
            WORKDIR /app
            COPY --from=build /app .
            ENTRYPOINT ["dotnet", "App.dll"]
            """);

        Assert.Equal(
            [
                (RuleIds.ContainerBaseImageUntrusted, 3, Criticality.Medium),
                (RuleIds.ContainerBaseImageUntrusted, 7, Criticality.Medium),
                (RuleIds.ContainerRunsAsRoot, 7, Criticality.Medium),
                (RuleIds.ContainerLabelsMissing, 7, Criticality.Low),
                (RuleIds.ContainerPackagesNotUpdated, 7, Criticality.Medium),
            ],
            Summary(findings));
        Assert.Contains($"'{Registry}/dotnet/sdk:10.0' is not pinned by digest", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("base image of build stage build", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("base image of the final image", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains("sets no USER", findings[2].Message, StringComparison.Ordinal);
        Assert.All(findings, f => Assert.StartsWith("Dockerfile: ", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void At_High_the_pinning_user_and_label_findings_are_graded_up()
    {
        List<Finding> findings = Check($"FROM {Registry}/debian:12\nRUN apt-get update && apt-get upgrade -y\n", riskClass: "High");

        Assert.Equal(
            [
                (RuleIds.ContainerBaseImageUntrusted, 1, Criticality.High),
                (RuleIds.ContainerRunsAsRoot, 1, Criticality.High),
                (RuleIds.ContainerLabelsMissing, 1, Criticality.Medium),
            ],
            Summary(findings));
    }

    [Fact]
    public void A_hardened_Dockerfile_is_silent()
    {
        Assert.Empty(Check($"""
            ARG BASE={Registry}/dotnet/aspnet:10.0-noble-chiseled{Digest}
            FROM {Registry}/dotnet/sdk:10.0{Digest} AS build
            # The build stage may install tools (an SSH client to fetch private sources) and run as root.
            RUN apt-get update && apt-get install -y --no-install-recommends openssh-client git
            RUN dotnet publish -c Release -o /app
            FROM $BASE
            LABEL org.opencontainers.image.title="shop" \
                  com.example.team="payments"
            COPY --from=build /app /app
            USER $APP_UID
            ENTRYPOINT ["dotnet", "/app/App.dll"]
            """, approved: [Registry]));
    }

    [Fact]
    public void The_user_is_judged_on_the_final_stage_and_the_stages_it_builds_on()
    {
        // The final stage builds on 'base', whose last USER is non-root: silent.
        Assert.DoesNotContain(Check($"""
            FROM {Registry}/debian:12{Digest} AS base
            RUN apt-get update && apt-get upgrade -y
            USER root
            RUN echo setup
            USER 10001
            FROM base
            LABEL app=shop team=payments
            """), f => f.RuleId == RuleIds.ContainerRunsAsRoot);

        // A build stage's USER root does not reach the final image; the final stage's USER 0:0 does.
        List<Finding> findings = Check($"""
            FROM {Registry}/debian:12{Digest} AS build
            USER root
            FROM {Registry}/debian:12{Digest}
            RUN apt-get update && apt-get upgrade -y
            LABEL app=shop team=payments
            USER app
            USER 0:0
            """);
        Finding root = Assert.Single(findings);
        Assert.Equal((RuleIds.ContainerRunsAsRoot, 7), (root.RuleId, root.Line));
        Assert.Contains("USER 0:0", root.Message, StringComparison.Ordinal);

        // Chiseled images run as a non-root user by default; a plain image, even FROM scratch, runs as root.
        Assert.DoesNotContain(Check($"FROM {Registry}/dotnet/runtime-deps:10.0-noble-chiseled{Digest}\nLABEL app=x team=y\n"), f => f.RuleId == RuleIds.ContainerRunsAsRoot);
        Assert.Contains(Check("FROM scratch\nCOPY app /app\nLABEL app=x team=y\nENTRYPOINT [\"/app\"]\n"), f => f.RuleId == RuleIds.ContainerRunsAsRoot);
    }

    [Fact]
    public void Remote_shell_servers_in_the_final_image_are_reported_and_clients_are_not()
    {
        List<Finding> findings = Check($"""
            FROM {Registry}/debian:12{Digest} AS tools
            RUN apt-get install -y openssh-server
            FROM {Registry}/debian:12{Digest}
            LABEL app=shop team=payments
            RUN apt-get update && apt-get upgrade -y && \
                apt-get install -y --no-install-recommends \
                    curl openssh-server=1:9.2p1-2 openssh-client
            RUN apk add --no-cache telnet && apk add --no-cache openssh-client-default
            RUN <<EOF
            yum install -y dropbear
            EOF
            RUN echo "apt-get install openssh-server is what we do not do" > /dev/null
            USER app
            CMD ["/usr/sbin/sshd", "-D"]
            """);

        Assert.Equal(
            [(RuleIds.ContainerRemoteShell, 5, "openssh-server"), (RuleIds.ContainerRemoteShell, 8, "telnet"), (RuleIds.ContainerRemoteShell, 9, "dropbear"), (RuleIds.ContainerRemoteShell, 14, "CMD")],
            findings.Select(f => (f.RuleId, f.Line, f.Subject!)).ToArray());
        Assert.All(findings, f => Assert.Equal(Criticality.High, f.Criticality));
    }

    [Fact]
    public void Base_images_from_registries_that_are_not_approved_are_High()
    {
        List<Finding> findings = Check($"""
            FROM {Registry}/base/dotnet:10.0-noble-chiseled{Digest} AS ok
            FROM debian:12{Digest} AS hub
            FROM other.example.test/debian:12{Digest} AS other
            FROM {Registry}/elsewhere/debian:12{Digest} AS outside
            FROM ok
            LABEL app=shop team=payments
            """, approved: [Registry + "/base"]);

        Assert.Equal(
            [(2, ImageReference.DefaultRegistry), (3, "other.example.test"), (4, Registry)],
            findings.Select(f => (f.Line, f.Subject!)).ToArray());
        Assert.All(findings, f => Assert.Equal((RuleIds.ContainerBaseImageUntrusted, Criticality.High), (f.RuleId, f.Criticality)));
        Assert.Contains("approve it as 'default'", findings[0].Message, StringComparison.Ordinal);

        Assert.Empty(Check($"FROM debian:12{Digest}\nRUN apt-get update && apt-get -y dist-upgrade\nLABEL app=a team=b\nUSER 1000\n", approved: ["default"]));
    }

    [Fact]
    public void A_base_image_decided_by_a_build_argument_without_default_is_reported()
    {
        Finding finding = Assert.Single(Check($"ARG IMAGE\nFROM $IMAGE\nLABEL app=a team=b\nUSER app\n"), f => f.RuleId == RuleIds.ContainerBaseImageUntrusted);

        Assert.Equal(2, finding.Line);
        Assert.Contains("through ARG IMAGE without a default", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RUN apt-get update", true)]
    [InlineData("RUN apt-get update && apt-get -y upgrade", false)]
    [InlineData("RUN apk upgrade --no-cache", false)]
    [InlineData("RUN microdnf -y update && microdnf clean all", false)]
    [InlineData("RUN echo upgrade", true)]
    public void OS_packages_must_be_updated_unless_the_base_is_minimal(string run, bool reported)
    {
        List<Finding> findings = Check($"FROM {Registry}/debian:12{Digest}\n{run}\nLABEL app=a team=b\nUSER app\n");

        Assert.Equal(reported, findings.Any(f => f.RuleId == RuleIds.ContainerPackagesNotUpdated));
        Assert.DoesNotContain(Check($"FROM gcr.example.test/distroless/static-debian12:nonroot{Digest}\n{run}\nLABEL app=a team=b\n"), f => f.RuleId == RuleIds.ContainerPackagesNotUpdated);
    }

    [Theory]
    [InlineData("LABEL org.opencontainers.image.title=shop com.example.team=payments", null, false)]
    [InlineData("LABEL app.kubernetes.io/name=shop\nMAINTAINER payments@example.test", null, false)]
    [InlineData("LABEL version=1.0", null, true)]
    [InlineData("LABEL app=shop", null, true)]
    [InlineData("LABEL app=shop com.example.squad=payments", null, true)]
    [InlineData("LABEL app=shop com.example.squad=payments", "squad", false)]
    public void Labels_must_name_the_application_and_the_team(string labels, string? teamLabels, bool reported)
    {
        List<Finding> findings = Check($"FROM {Registry}/dotnet/aspnet:10.0-noble-chiseled{Digest}\n{labels}\n", teamLabels: teamLabels);

        Assert.Equal(reported, findings.Any(f => f.RuleId == RuleIds.ContainerLabelsMissing));
    }

    [Fact]
    public void A_broken_Dockerfile_is_an_SSDLC0002_finding_with_its_line_and_other_files_are_still_checked()
    {
        string broken = _dir.Write("Dockerfile", "FROM debian:12\nRUN <<EOF\necho never closed\n");
        string good = _dir.Write("deploy/api.dockerfile", "FROM debian:12\n");

        List<Finding> findings = Run(new ContainerCheck { Dockerfiles = [Item(broken), Item(good)] });

        Finding invalid = Assert.Single(findings, f => f.RuleId == RuleIds.InvalidConfiguration);
        Assert.Equal((broken, 2, Criticality.Low), (invalid.File, invalid.Line, invalid.Criticality));
        Assert.Contains(findings, f => f.File == good && f.RuleId == RuleIds.ContainerBaseImageUntrusted);
    }

    [Fact]
    public void SDK_container_settings_are_judged_when_the_project_states_them()
    {
        string project = _dir.Write("App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <ContainerRepository>shop</ContainerRepository>
                <ContainerUser>root</ContainerUser>
              </PropertyGroup>
            </Project>
            """);

        List<Finding> findings = Run(new ContainerCheck { ProjectFile = project, ContainerRepository = "shop", ContainerUser = "root" });

        Assert.Equal(
            [
                (RuleIds.ContainerBaseImageUntrusted, 3, Criticality.Medium),
                (RuleIds.ContainerRunsAsRoot, 4, Criticality.Medium),
                (RuleIds.ContainerLabelsMissing, 3, Criticality.Low),
                (RuleIds.ContainerPackagesNotUpdated, 3, Criticality.Medium),
            ],
            Summary(findings));

        // Nothing stated, nothing judged: the SDK's defaults of any web project are not reported.
        Assert.Empty(Run(new ContainerCheck { ProjectFile = project }));

        // Pinned chiseled base from an approved registry, the default (non-root) user, both labels: silent.
        Assert.Empty(Run(new ContainerCheck
        {
            ProjectFile = project,
            ContainerBaseImage = $"{Registry}/dotnet/aspnet:10.0-noble-chiseled{Digest}",
            ApprovedRegistries = [Item(Registry)],
            ContainerLabels = [Item("com.example.team", ("Value", "payments"))],
            ContainerTitle = "Shop",
        }));

        Finding family = Assert.Single(
            Run(new ContainerCheck { ProjectFile = project, ContainerFamily = "noble", ContainerBaseImage = $"{Registry}/dotnet/aspnet:10.0{Digest}", ContainerTitle = "Shop", ContainerLabels = [Item("team")] }));
        Assert.Equal(RuleIds.ContainerPackagesNotUpdated, family.RuleId);
    }

    private List<Finding> Check(string dockerfile, string riskClass = "Standard", string[]? approved = null, string? teamLabels = null)
    {
        string file = _dir.Write($"c{Guid.NewGuid():N}/Dockerfile", dockerfile);
        return Run(new ContainerCheck
        {
            Dockerfiles = [Item(file)],
            RiskClass = riskClass,
            ApprovedRegistries = (approved ?? []).Select(a => Item(a)).ToArray(),
            TeamLabels = teamLabels,
        });
    }

    private List<Finding> Run(ContainerCheck task)
    {
        task.BuildEngine = new FakeBuildEngine();
        task.FindingsFile = _dir.File($"findings-{Guid.NewGuid():N}.json");
        task.RiskClass ??= "Standard";
        Assert.True(task.Execute());
        List<Finding> findings = FindingsFile.Read(task.FindingsFile);
        Assert.DoesNotContain(findings, f => f.Message.Contains("could not complete", StringComparison.Ordinal));
        return findings;
    }

    private static (string, int, Criticality)[] Summary(List<Finding> findings)
        => findings.Select(f => (f.RuleId, f.Line, f.Criticality)).ToArray();
}

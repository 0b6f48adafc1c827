using Ssdlc.Build.Tasks.Containers;

namespace Ssdlc.Build.Tasks.Tests.Containers;

/// <summary>The Dockerfile reader: continuations, comments, directives, here-documents, ARG in FROM, stages.</summary>
public class DockerfileParserTests
{
    [Fact]
    public void Continuations_are_joined_comments_inside_them_dropped_and_each_instruction_keeps_its_first_line()
    {
        Dockerfile file = Dockerfile.Parse("""
            FROM debian:12
            # a comment
            RUN apt-get update && \
                # comment inside the continuation
                apt-get install -y \

                curl
            USER app
            """);

        DockerStage stage = Assert.Single(file.Stages);
        Assert.Equal(["RUN", "USER"], stage.Instructions.Select(i => i.Keyword));
        DockerInstruction run = stage.Instructions[0];
        Assert.Equal(3, run.Line);
        Assert.Equal("apt-get update &&      apt-get install -y      curl", run.Arguments);
        Assert.Equal(8, stage.Instructions[1].Line);
    }

    [Fact]
    public void The_escape_directive_changes_the_continuation_character()
    {
        Dockerfile file = Dockerfile.Parse("# escape=`\nFROM mcr/windows:ltsc\nRUN echo a `\n    b\nUSER ContainerUser\n");

        DockerStage stage = Assert.Single(file.Stages);
        Assert.Equal("echo a      b", stage.Instructions[0].Arguments);
        Assert.Equal("ContainerUser", stage.Instructions[1].Arguments);
    }

    [Fact]
    public void Here_documents_belong_to_their_instruction()
    {
        Dockerfile file = Dockerfile.Parse("""
            FROM alpine:3
            RUN <<EOF
            apk add --no-cache openssh-server
            EOF
            USER nobody
            """);

        DockerStage stage = Assert.Single(file.Stages);
        Assert.Equal(2, stage.Instructions.Count);
        Assert.Contains("openssh-server", stage.Instructions[0].Command, StringComparison.Ordinal);
        Assert.Equal(5, stage.Instructions[1].Line);
    }

    [Fact]
    public void Global_ARGs_are_substituted_into_FROM_and_stages_know_their_parents()
    {
        Dockerfile file = Dockerfile.Parse("""
            ARG REGISTRY=registry.example.test
            ARG TAG
            ARG VARIANT
            FROM --platform=$BUILDPLATFORM ${REGISTRY}/sdk:10.0 AS build
            FROM ${REGISTRY}/aspnet:${VARIANT:-10.0-noble-chiseled} AS base
            FROM base AS final
            FROM ${REGISTRY}/runtime:$TAG
            """);

        Assert.Equal(4, file.Stages.Count);
        Assert.Equal(("registry.example.test/sdk:10.0", "build", "$BUILDPLATFORM"), (file.Stages[0].Image, file.Stages[0].Name, file.Stages[0].Platform));
        Assert.Equal("registry.example.test/aspnet:10.0-noble-chiseled", file.Stages[1].Image);
        Assert.Same(file.Stages[1], file.Stages[2].Parent);
        Assert.Null(file.Stages[1].Parent);
        Assert.Equal(["TAG"], file.Stages[3].UnresolvedArguments);
        Assert.Same(file.Stages[3], file.FinalStage);
    }

    [Theory]
    [InlineData("RUN echo hi\nFROM debian:12\n", 1, "before the first FROM")]
    [InlineData("FROM debian:12\nRUN <<EOF\necho never closed\n", 2, "never closed")]
    [InlineData("FROM\n", 1, "names no image")]
    [InlineData("FROM a b c d\n", 1, "is not 'FROM image [AS name]'")]
    [InlineData("# escape=x\nFROM debian:12\n", 1, "neither")]
    public void Broken_Dockerfiles_are_reported_with_their_line(string text, int line, string message)
    {
        DockerfileFormatException ex = Assert.Throws<DockerfileFormatException>(() => Dockerfile.Parse(text));

        Assert.Equal(line, ex.Line);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=1 b=\"two words\" c", new[] { "a", "b", "c" })]
    [InlineData("maintainer Jane Doe <jane@example.test>", new[] { "maintainer" })]
    [InlineData("\"org.opencontainers.image.title\"=\"shop\"", new[] { "org.opencontainers.image.title" })]
    public void LABEL_and_ARG_pairs_are_read_in_both_forms(string arguments, string[] keys)
    {
        Assert.Equal(keys, Dockerfile.Arguments(arguments).Select(p => p.Key));
    }

    [Theory]
    [InlineData("registry.example.test/dotnet/aspnet:10.0", "registry.example.test", "dotnet/aspnet", "10.0", false)]
    [InlineData("registry.example.test:5000/aspnet@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "registry.example.test:5000", "aspnet", null, true)]
    [InlineData("debian:12", "default", "debian", "12", false)]
    [InlineData("library/debian", "default", "library/debian", null, false)]
    [InlineData("localhost/app:1@sha256:abc", "localhost", "app", "1", false)]
    public void Image_references_are_split_into_registry_repository_tag_and_digest(string text, string registry, string repository, string? tag, bool pinned)
    {
        ImageReference image = ImageReference.Parse(text);

        Assert.Equal((registry, repository, tag, pinned), (image.Registry, image.Repository, image.Tag, image.IsPinned));
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Ssdlc.EndToEnd.Tests.Infrastructure;
using Ssdlc.Tests;

namespace Ssdlc.EndToEnd.Tests;

/// <summary>
/// Squiggles in a real editor back end: the C# language server csharp-ls (pinned in .config/dotnet-tools.json,
/// installed by <c>dotnet tool restore</c>) loads a project that references the packed Ssdlc.Sdk, a file is opened
/// over LSP, and the Ssdlc diagnostics arrive as published diagnostics at their ranges, with severity and help link.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public class LanguageServerTests(PackedPackages packages)
{
    /// <summary>Loading the workspace (a design-time build) and the first analysis; typically 20 to 30 seconds.</summary>
    private static readonly TimeSpan DiagnosticsTimeout = TimeSpan.FromMinutes(4);

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(1);

    private const string WeakHash = "MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text))";

    private const string SmallKey = "RSA.Create(2048)";

    private const string OnDisk = $$"""
        using System.Security.Cryptography;

        internal static class Program
        {
            private static void Main(string[] args)
            {
                string text = args.Length > 0 ? args[0] : "x";
                byte[] weak = {{WeakHash}};
                byte[] strong = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
                using RSA small = {{SmallKey}};
                using RSA large = RSA.Create(3072);
                System.Console.WriteLine(weak.Length + strong.Length + small.KeySize + large.KeySize);
            }
        }
        """;

    /// <summary>What the editor holds: the file as on disk plus a line being typed, which misses its using directive (CS0246).</summary>
    private const string Unsaved = OnDisk + "\ninternal static class Scratch { internal static object Make() => new StringBuilder(); }\n";

    [Fact]
    public async Task Csharp_ls_publishes_the_packages_diagnostics_at_their_ranges_with_severity_and_help_link()
    {
        ProcessResult tools = ProcessRunner.Run(RepoPaths.Root, "dotnet", ["tool", "restore"], ToolEnvironment(), TimeSpan.FromMinutes(5));
        Assert.True(tools.ExitCode == 0, "dotnet tool restore (csharp-ls from .config/dotnet-tools.json) failed:\n" + tools);

        Workspace ws = packages.CreateWorkspace("lsp");
        string project = ws.Write("app/app.csproj", Projects.Console());
        string file = ws.Write("app/Program.cs", OnDisk);
        ProcessResult restore = ws.Dotnet("restore", project);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        Stopwatch watch = Stopwatch.StartNew();
        using var server = new LspClient("dotnet", ["tool", "run", "csharp-ls", "--", "--loglevel", "info"], RepoPaths.Root, ToolEnvironment(), AnswerServerRequest);
        string root = new Uri(ws.Directory).AbsoluteUri;
        string uri = new Uri(file).AbsoluteUri;
        await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = root,
            ["workspaceFolders"] = new JsonArray { new JsonObject { ["uri"] = root, ["name"] = "lsp" } },
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                ["textDocument"] = new JsonObject
                {
                    ["publishDiagnostics"] = new JsonObject { ["codeDescriptionSupport"] = true },
                    ["codeAction"] = new JsonObject
                    {
                        ["codeActionLiteralSupport"] = new JsonObject { ["codeActionKind"] = new JsonObject { ["valueSet"] = new JsonArray("quickfix", "refactor", string.Empty) } },
                        ["resolveSupport"] = new JsonObject { ["properties"] = new JsonArray("edit") },
                    },
                },
            },
        }, RequestTimeout);
        server.Notify("initialized", new JsonObject());
        server.Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = Unsaved },
        });

        JsonArray published = await server.WaitForDiagnosticsAsync(uri, d => Codes(d).Contains("SSDLC1001") && Codes(d).Contains("SSDLC1005") && Codes(d).Contains("CS0246"), DiagnosticsTimeout);
        TimeSpan firstDiagnostics = watch.Elapsed;

        // Exactly the two findings, at the reported expressions; the SHA-256 hash and the 3072-bit key stay silent.
        List<JsonObject> ssdlc = published.Select(d => d!.AsObject()).Where(d => Code(d).StartsWith("SSDLC", StringComparison.Ordinal)).OrderBy(Code).ToList();
        Assert.True(ssdlc.Count == 2, published.ToJsonString());
        AssertDiagnostic(ssdlc[0], "SSDLC1001", WeakHash, "MD5.HashData uses the broken hash algorithm MD5");
        AssertDiagnostic(ssdlc[1], "SSDLC1005", SmallKey, "RSA.Create generates a 2048-bit RSA key");

        // Code actions flow over this client: the compiler's missing-using error gets Roslyn's fix, and it applies.
        JsonObject missingUsing = published.Select(d => d!.AsObject()).Single(d => Code(d) == "CS0246");
        JsonArray compilerActions = (await CodeActionsAsync(server, uri, missingUsing)).AsArray();
        JsonObject addUsing = compilerActions.Select(a => a!.AsObject()).FirstOrDefault(a => Title(a) == "using System.Text;")
            ?? throw new Xunit.Sdk.XunitException("No 'using System.Text;' fix for CS0246: " + compilerActions.ToJsonString());
        JsonNode resolved = addUsing["edit"] is null ? (await server.RequestAsync("codeAction/resolve", addUsing.DeepClone(), RequestTimeout))! : addUsing;
        Assert.Contains(Edits(resolved), e => e["newText"]!.GetValue<string>().Contains("using System.Text;", StringComparison.Ordinal));

        // csharp-ls 0.28.0 offers no code fix of a package for an analyzer diagnostic: it instantiates code fix providers
        // only from Roslyn's own Features and Workspaces assemblies, and asks them only about the compiler's diagnostics
        // (SemanticModel.GetDiagnostics), never about analyzer diagnostics or the project's analyzer references. The
        // MSBuildWorkspace test (IdeWorkspaceTests) applies the packaged fix. When a newer csharp-ls offers it, this
        // assertion fails: then assert that the fix is offered and applies.
        JsonArray ssdlcActions = (await CodeActionsAsync(server, uri, ssdlc[0])).AsArray();
        Assert.DoesNotContain(ssdlcActions, a => Title(a!.AsObject()).StartsWith("Use SHA-256", StringComparison.Ordinal));

        Console.WriteLine($"csharp-ls end-to-end: first Ssdlc diagnostics after {firstDiagnostics.TotalSeconds:0.0} s, test body {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The language server runs as a local tool from the machine's global packages folder, not this run's.</summary>
    private Dictionary<string, string?> ToolEnvironment()
    {
        Dictionary<string, string?> environment = packages.BaseEnvironment();
        environment["NUGET_PACKAGES"] = null;
        return environment;
    }

    private static JsonNode? AnswerServerRequest(string method, JsonNode? parameters) => method switch
    {
        // csharp-ls runs analyzers only when the client's "csharp" settings switch them on.
        "workspace/configuration" => new JsonArray([.. (parameters?["items"]?.AsArray() ?? []).Select(_ => (JsonNode)new JsonObject { ["analyzersEnabled"] = true })]),
        _ => null,
    };

    private static async Task<JsonNode> CodeActionsAsync(LspClient server, string uri, JsonObject diagnostic)
        => await server.RequestAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri },
            ["range"] = diagnostic["range"]!.DeepClone(),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(diagnostic.DeepClone()) },
        }, RequestTimeout) ?? new JsonArray();

    private static void AssertDiagnostic(JsonObject diagnostic, string id, string expression, string message)
    {
        (int line, int character) = Position(expression);
        Assert.Equal(id, Code(diagnostic));
        Assert.Equal((line, character, line, character + expression.Length), Range(diagnostic));
        Assert.Equal(1, diagnostic["severity"]!.GetValue<int>()); // Error: High rules fail the build at every risk class.
        Assert.StartsWith(message, diagnostic["message"]!.GetValue<string>(), StringComparison.Ordinal);
        // The help link leads to the rule's page shipped in the restored package (HelpLinkTests follow the build's links).
        string href = diagnostic["codeDescription"]!["href"]!.GetValue<string>();
        Assert.EndsWith($"docs/rules/{id}.md", href, StringComparison.Ordinal);
        Assert.True(new Uri(href).IsFile && File.Exists(new Uri(href).LocalPath), $"{href} does not lead to a page.");
    }

    private static (int Line, int Character) Position(string expression)
    {
        string[] lines = Unsaved.Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains(expression, StringComparison.Ordinal));
        return (line, lines[line].IndexOf(expression, StringComparison.Ordinal));
    }

    private static (int, int, int, int) Range(JsonObject diagnostic)
    {
        JsonNode range = diagnostic["range"]!;
        return (range["start"]!["line"]!.GetValue<int>(), range["start"]!["character"]!.GetValue<int>(), range["end"]!["line"]!.GetValue<int>(), range["end"]!["character"]!.GetValue<int>());
    }

    private static IEnumerable<JsonNode> Edits(JsonNode action)
        => (action["edit"]?["documentChanges"]?.AsArray() ?? []).SelectMany(c => c!["edits"]!.AsArray()).Select(e => e!)
            .Concat((action["edit"]?["changes"]?.AsObject() ?? []).SelectMany(c => c.Value!.AsArray()).Select(e => e!));

    private static HashSet<string> Codes(JsonArray diagnostics) => diagnostics.Select(d => Code(d!.AsObject())).ToHashSet();

    private static string Code(JsonObject diagnostic) => diagnostic["code"]?.ToString() ?? string.Empty;

    private static string Title(JsonObject action) => action["title"]?.GetValue<string>() ?? string.Empty;
}

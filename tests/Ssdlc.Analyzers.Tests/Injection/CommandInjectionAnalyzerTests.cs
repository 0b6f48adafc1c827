using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Injection.CommandInjectionAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Injection;

public class CommandInjectionAnalyzerTests
{
    [Fact]
    public async Task Shell_with_c_and_request_text_in_a_controller_is_the_worst_case()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Diagnostics;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("tools")]
            public class ToolsController : ControllerBase
            {
                [HttpPost("ping")]
                public IActionResult Ping(string host)
                {
                    using var process = Process.Start("cmd.exe", {|SSDLC0403:"/c ping -n 1 " + host|});
                    process!.WaitForExit();
                    return Ok(process.ExitCode);
                }
            }
            """);
        Assert.Equal(
            "The argument string passed to Process.Start is built from non-constant values and is run by the shell 'cmd.exe', "
            + "which executes it as a command line (the worst case: any command can be injected); "
            + "start a constant program and pass each value as its own ProcessStartInfo.ArgumentList item",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Non_constant_program_passed_to_Process_Start()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Diagnostics;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/open", (string document) =>
                    {
                        Process.Start({|SSDLC0403:document|});
                        return Results.Accepted();
                    });
                    app.MapPost("/run", (string tool, string args) =>
                    {
                        Process.Start({|SSDLC0403:"/opt/tools/" + tool|}, args);
                        return Results.Accepted();
                    });
                }
            }
            """);
        Assert.StartsWith("The program passed to Process.Start is built from non-constant values; ", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Sh_c_with_interpolated_command_in_object_initialiser()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Diagnostics;
            using System.Threading.Tasks;

            public class ArchiveService
            {
                public async Task<int> CompressAsync(string folder)
                {
                    var startInfo = new ProcessStartInfo
                    {
                        FileName = "/bin/sh",
                        Arguments = {|SSDLC0403:$"-c \"tar czf /tmp/backup.tgz {folder}\""|},
                        RedirectStandardOutput = true,
                    };
                    using var process = Process.Start(startInfo)!;
                    await process.WaitForExitAsync();
                    return process.ExitCode;
                }
            }
            """);
        Assert.Contains("run by the shell '/bin/sh'", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task ProcessStartInfo_constructor_and_property_assignments()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Diagnostics;

            public class ReportRenderer
            {
                private readonly string _converter;
                public ReportRenderer(string converter) => _converter = converter;

                public Process? Render(string input, string output)
                {
                    var info = new ProcessStartInfo(_converter.Length > 0 ? "wkhtmltopdf" : "chromium", {|SSDLC0403:input + " " + output|});
                    return Process.Start(info);
                }

                public Process? Convert(string input)
                {
                    var info = new ProcessStartInfo({|SSDLC0403:_converter|});
                    info.ArgumentList.Add(input);
                    return Process.Start(info);
                }

                public Process? Bash(string script)
                {
                    var info = new ProcessStartInfo("bash");
                    info.Arguments = {|SSDLC0403:"-c '" + script + "'"|};
                    return Process.Start(info);
                }

                public void Reconfigure(ProcessStartInfo info, string tool, string extra)
                {
                    info.FileName = {|SSDLC0403:tool|};
                    info.Arguments += {|SSDLC0403:" " + extra|};
                }
            }
            """);
        Assert.Contains("shell 'bash'", diagnostics.Single(d => d.GetMessage().Contains("shell")).GetMessage());
        Assert.Equal(1, diagnostics.Count(d => d.GetMessage().Contains("shell")));
    }

    [Fact]
    public async Task Powershell_command_from_configuration_options()
    {
        await VerifyCS.VerifyAsync("""
            using System.Diagnostics;
            using Microsoft.Extensions.Options;

            public class MaintenanceOptions
            {
                public string CleanupScript { get; set; } = "";
            }

            public class MaintenanceJob
            {
                private readonly IOptions<MaintenanceOptions> _options;
                public MaintenanceJob(IOptions<MaintenanceOptions> options) => _options = options;

                public void Run(string tenant)
                {
                    Process.Start(new ProcessStartInfo("pwsh", {|SSDLC0403:"-Command " + _options.Value.CleanupScript + " -Tenant " + tenant|})
                    {
                        UseShellExecute = false,
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Shell_told_to_run_a_list_item_is_reported_even_with_ArgumentList()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Diagnostics;

            public class GitHooks
            {
                public void RunHook(string hookCommand)
                {
                    var info = new ProcessStartInfo { FileName = "/bin/bash" };
                    info.ArgumentList.Add("-c");
                    info.ArgumentList.Add({|SSDLC0403:hookCommand|});
                    Process.Start(info);
                }

                public void RunInline(string hookCommand)
                {
                    Process.Start("sh", new[] { "-c", {|SSDLC0403:hookCommand|} });
                }

                public void RunInitialiser(string hookCommand)
                {
                    Process.Start(new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", {|SSDLC0403:hookCommand|} } });
                }
            }
            """);
        Assert.All(diagnostics, d => Assert.Contains("The shell command", d.GetMessage()));
    }

    [Fact]
    public async Task Constant_program_with_ArgumentList_items_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Diagnostics;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("tools")]
            public class ToolsController : ControllerBase
            {
                [HttpPost("ping")]
                public async Task<IActionResult> Ping(string host)
                {
                    var info = new ProcessStartInfo("ping") { RedirectStandardOutput = true };
                    info.ArgumentList.Add("-c");
                    info.ArgumentList.Add("1");
                    info.ArgumentList.Add(host);
                    using var process = Process.Start(info)!;
                    await process.WaitForExitAsync();
                    return Ok(await process.StandardOutput.ReadToEndAsync());
                }

                [HttpPost("convert")]
                public IActionResult Convert(string input, string output)
                {
                    Process.Start("ffmpeg", new[] { "-i", input, output });
                    Process.Start(new ProcessStartInfo("git") { ArgumentList = { "log", "--format=%H", input } });
                    return Accepted();
                }
            }
            """);
    }

    [Fact]
    public async Task Fully_constant_commands_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Diagnostics;

            public class Diagnostics
            {
                private const string Tool = "dotnet";
                private static readonly string Shell = "/bin/sh";

                public void Collect(bool verbose)
                {
                    Process.Start("cmd.exe", "/c dir C:\\logs");
                    Process.Start(Tool, "--info");
                    Process.Start(Shell, "-c \"uname -a\"");
                    string level = verbose ? "--verbose" : "--quiet";
                    Process.Start(new ProcessStartInfo(Tool, "build " + level) { UseShellExecute = false });
                    var info = new ProcessStartInfo { FileName = "git", Arguments = $"status {level}" };
                    info.FileName = "git";
                    info.Arguments = "status --short";
                    Process.Start(info);
                }

                public void OpenBrowser(int port, bool verbose)
                {
                    Process.Start(new ProcessStartInfo($"http://localhost:{port}/") { UseShellExecute = true });
                    Process.Start("dotnet", $"run --urls http://localhost:{port} --verbose:{verbose}");
                }
            }
            """);
    }

    [Fact]
    public async Task Constant_shell_with_only_constant_list_items_and_non_shell_list_items_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Diagnostics;

            public class Builds
            {
                public void Run(string project)
                {
                    Process.Start("bash", new[] { "-c", "make all" });
                    var info = new ProcessStartInfo("bash");
                    info.ArgumentList.Add("./build.sh");
                    info.ArgumentList.Add(project);
                    Process.Start(info);
                    var dotnet = new ProcessStartInfo { FileName = "dotnet" };
                    dotnet.ArgumentList.Add("-c");
                    dotnet.ArgumentList.Add(project);
                    Process.Start(dotnet);
                }
            }
            """);
    }

    [Fact]
    public async Task Starting_a_prepared_start_info_and_reading_properties_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Diagnostics;
            using Microsoft.Extensions.Logging;

            public class Runner
            {
                private readonly ILogger<Runner> _logger;
                public Runner(ILogger<Runner> logger) => _logger = logger;

                public int Start(ProcessStartInfo info)
                {
                    _logger.LogInformation("Starting {Program} {Arguments}", info.FileName, info.Arguments);
                    using var process = Process.Start(info)!;
                    process.WaitForExit();
                    return process.ExitCode;
                }

                public void Kill(int id) => Process.GetProcessById(id).Kill();
            }
            """);
    }

    [Fact]
    public async Task Other_Start_and_FileName_members_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.IO;
            using System.Threading.Tasks;

            public class Upload
            {
                public string FileName { get; set; } = "";
                public string Arguments { get; set; } = "";
                public static void Start(string fileName) { }
            }

            public class Uploads
            {
                public void Store(string name, string args, FileInfo file)
                {
                    var upload = new Upload { FileName = name, Arguments = args };
                    upload.FileName = name;
                    Upload.Start(name);
                    Task.Run(() => File.Delete(file.FullName));
                }
            }
            """);
    }

    [Fact]
    public async Task Generated_code_is_not_analysed()
    {
        await VerifyCS.VerifyAsync("""
            // <auto-generated/>
            using System.Diagnostics;

            public class Generated
            {
                public void Run(string program) => Process.Start(program);
            }
            """);
    }
    [Fact]
    public async Task Command_lines_written_to_the_standard_input_of_a_shell()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Diagnostics;
            using System.IO;
            using System.Threading.Tasks;

            public class RemoteConsole
            {
                public string Ping(string host)
                {
                    var info = new ProcessStartInfo("cmd.exe")
                    {
                        RedirectStandardInput = true,
                        RedirectStandardOutput = true,
                        UseShellExecute = false,
                    };
                    using Process process = Process.Start(info)!;
                    process.StandardInput.WriteLine({|SSDLC0403:"ping -n 1 " + host|});
                    process.StandardInput.WriteLine("exit");
                    return process.StandardOutput.ReadToEnd();
                }

                public void List(string folder)
                {
                    var process = new Process { StartInfo = { FileName = "/bin/bash", RedirectStandardInput = true } };
                    process.Start();
                    process.StandardInput.WriteLine({|SSDLC0403:$"ls -la {folder}"|});
                    process.StandardInput.Close();
                }

                public async Task RunScriptAsync(string script)
                {
                    var info = new ProcessStartInfo
                    {
                        FileName = "powershell.exe",
                        Arguments = "-NoProfile -ExecutionPolicy Bypass -Command -",
                        RedirectStandardInput = true,
                    };
                    using var shell = Process.Start(info)!;
                    StreamWriter stdin = shell.StandardInput;
                    await stdin.WriteLineAsync({|SSDLC0403:script|});
                }

                public void Chained(string command)
                    => Process.Start(new ProcessStartInfo("sh") { RedirectStandardInput = true })!.StandardInput.Write({|SSDLC0403:command + "\n"|});

                public void AsTextWriter(string command)
                {
                    using var shell = Process.Start(new ProcessStartInfo("sh") { RedirectStandardInput = true })!;
                    TextWriter input = shell.StandardInput;
                    input.WriteLine({|SSDLC0403:command|});
                }

                public void Formatted(string directory)
                {
                    var info = new ProcessStartInfo();
                    info.FileName = "/usr/bin/pwsh";
                    info.ArgumentList.Add("-NoLogo");
                    info.RedirectStandardInput = true;
                    using var pwsh = new Process();
                    pwsh.StartInfo = info;
                    pwsh.Start();
                    using (StreamWriter writer = pwsh.StandardInput)
                    {
                        writer.WriteLine("Set-Location {0}", {|SSDLC0403:directory|});
                    }
                }

                public void Interactive(string line)
                {
                    using var cmd = Process.Start(new ProcessStartInfo("cmd", "/q /k echo ready") { RedirectStandardInput = true })!;
                    cmd.StandardInput.WriteLine({|SSDLC0403:line|});
                }
            }
            """);
        Assert.Equal(
            "The command line passed to Process.StandardInput.WriteLine is built from non-constant values and is run by the shell 'cmd.exe', "
            + "which executes it as a command line (the worst case: any command can be injected); "
            + "start a constant program and pass each value as its own ProcessStartInfo.ArgumentList item",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Standard_input_that_is_data_or_constant_is_not_a_command_line()
    {
        await VerifyCS.VerifyAsync("""
            using System.Diagnostics;
            using System.IO;

            public class Pipelines
            {
                public void ConstantCommands()
                {
                    using var shell = Process.Start(new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true })!;
                    shell.StandardInput.WriteLine("cd /var/app && ./rotate-logs.sh");
                    shell.StandardInput.WriteLine("exit " + 3);
                }

                public void CommandOwnsStandardInput(string content)
                {
                    using var gzip = Process.Start(new ProcessStartInfo("/bin/sh", "-c \"gzip -c > /tmp/out.gz\"") { RedirectStandardInput = true })!;
                    gzip.StandardInput.Write(content);
                }

                public void ScriptReadsData(string csv)
                {
                    using var import = Process.Start(new ProcessStartInfo("bash", "/opt/scripts/import.sh") { RedirectStandardInput = true })!;
                    import.StandardInput.WriteLine(csv);
                    var ps = new ProcessStartInfo("pwsh") { RedirectStandardInput = true };
                    ps.ArgumentList.Add("-File");
                    ps.ArgumentList.Add("/opt/scripts/convert.ps1");
                    using var convert = Process.Start(ps)!;
                    convert.StandardInput.WriteLine(csv);
                }

                public void NotAShell(string query, string text)
                {
                    using var psql = Process.Start(new ProcessStartInfo("psql", "-d reports") { RedirectStandardInput = true })!;
                    psql.StandardInput.WriteLine(query);
                    using var sort = Process.Start(new ProcessStartInfo("sort") { RedirectStandardInput = true })!;
                    sort.StandardInput.Write(text);
                }

                public void FileWriter(string line)
                {
                    using var log = new StreamWriter("/var/log/app/commands.log");
                    log.WriteLine(line);
                }

                public void OtherProcessInSameMethod(string payload)
                {
                    using var shell = Process.Start(new ProcessStartInfo("cmd.exe", "/c exit") { RedirectStandardInput = true })!;
                    using var filter = Process.Start(new ProcessStartInfo("findstr", "ERROR") { RedirectStandardInput = true })!;
                    filter.StandardInput.WriteLine(payload);
                }
            }
            """);
    }
}

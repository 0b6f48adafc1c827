using System.Diagnostics;
using System.Text;

namespace Ssdlc.EndToEnd.Tests.Infrastructure;

public sealed record ProcessResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}";
}

internal static class ProcessRunner
{
    /// <summary>Output redirected, the environment changed as given (a null value removes the variable).</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, string fileName, IEnumerable<string> arguments, IDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string key, string? value) in environment)
        {
            if (value == null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        return info;
    }

    public static ProcessResult Run(string workingDirectory, string fileName, IEnumerable<string> arguments, IDictionary<string, string?> environment, TimeSpan timeout)
    {
        ProcessStartInfo info = StartInfo(workingDirectory, fileName, arguments, environment);

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in {timeout}.\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString());
        }
    }
}

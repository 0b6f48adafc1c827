using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Ssdlc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A minimal Language Server Protocol client over a server's standard input and output (JSON-RPC with
/// Content-Length framing): requests with timeouts, notifications, answers to the server's own requests, and the
/// diagnostics the server publishes. The server's standard error (its log) is kept for failure messages.
/// </summary>
internal sealed class LspClient : IDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly ConcurrentDictionary<string, JsonArray> _diagnostics = new(StringComparer.Ordinal);
    private readonly StringBuilder _log = new();
    private readonly SemaphoreSlim _published = new(0);
    private readonly object _writeLock = new();
    private readonly Func<string, JsonNode?, JsonNode?> _answerServerRequest;
    private int _nextId;

    public LspClient(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?> environment, Func<string, JsonNode?, JsonNode?> answerServerRequest)
    {
        _answerServerRequest = answerServerRequest;
        ProcessStartInfo info = ProcessRunner.StartInfo(workingDirectory, fileName, arguments, environment);
        info.RedirectStandardInput = true;

        _process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        _input = _process.StandardInput.BaseStream;
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (_log) { _log.AppendLine(e.Data); } } };
        _process.BeginErrorReadLine();
        _ = Task.Run(ReadAsync);
    }

    /// <summary>The server's log so far, and whether it is still running.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return (_process.HasExited ? $"[server exited with code {_process.ExitCode}]\n" : string.Empty) + _log;
            }
        }
    }

    /// <summary>Every notification the server sent, by method (for failure messages).</summary>
    public ConcurrentQueue<string> Notifications { get; } = new();

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        int id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        Task finished = await Task.WhenAny(answer.Task, Task.Delay(timeout));
        if (finished != answer.Task)
        {
            throw new TimeoutException($"The language server did not answer '{method}' within {timeout}.\nIts log:\n{Log}");
        }

        return await answer.Task;
    }

    public void Notify(string method, JsonNode? parameters)
        => Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>Waits until the diagnostics last published for <paramref name="uri"/> satisfy <paramref name="done"/>; returns them.</summary>
    public async Task<JsonArray> WaitForDiagnosticsAsync(string uri, Func<JsonArray, bool> done, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_diagnostics.TryGetValue(uri, out JsonArray? current) && done(current))
            {
                return current;
            }

            TimeSpan left = timeout - watch.Elapsed;
            if (left <= TimeSpan.Zero || _process.HasExited)
            {
                string last = _diagnostics.TryGetValue(uri, out current) ? current.ToJsonString() : "none";
                throw new TimeoutException($"The language server did not publish the expected diagnostics for {uri} within {timeout}.\nLast published: {last}\nNotifications: {string.Join(", ", Notifications.Distinct())}\nIts log:\n{Log}");
            }

            await _published.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                RequestAsync("shutdown", null, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
                Notify("exit", null);
                if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Send(JsonObject message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
        byte[] header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_writeLock)
        {
            _input.Write(header);
            _input.Write(body);
            _input.Flush();
        }
    }

    private async Task ReadAsync()
    {
        Stream output = _process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                int length = -1;
                string? line;
                while ((line = await ReadHeaderLineAsync(output)) is { Length: > 0 })
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                if (line == null || length < 0)
                {
                    return;
                }

                byte[] body = new byte[length];
                await output.ReadExactlyAsync(body);
                Dispatch(JsonNode.Parse(body)!.AsObject());
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or ObjectDisposedException)
        {
        }
        finally
        {
            foreach (TaskCompletionSource<JsonNode?> pending in _pending.Values)
            {
                pending.TrySetException(new IOException("The language server closed its output.\nIts log:\n" + Log));
            }
        }
    }

    private void Dispatch(JsonObject message)
    {
        string? method = message["method"]?.GetValue<string>();
        if (method != null && message["id"] is JsonNode id)
        {
            JsonNode? result = _answerServerRequest(method, message["params"]);
            Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
        }
        else if (method != null)
        {
            Notifications.Enqueue(method);
            if (method == "textDocument/publishDiagnostics" && message["params"] is JsonObject parameters)
            {
                _diagnostics[parameters["uri"]!.GetValue<string>()] = parameters["diagnostics"]!.AsArray();
                _published.Release();
            }
            else if (method == "window/logMessage")
            {
                lock (_log)
                {
                    _log.AppendLine("[logMessage] " + message["params"]?["message"]);
                }
            }
        }
        else if (message["id"]?.GetValue<int>() is int responseId && _pending.TryRemove(responseId, out TaskCompletionSource<JsonNode?>? answer))
        {
            if (message["error"] is JsonNode error)
            {
                answer.TrySetException(new InvalidOperationException($"The language server answered with an error: {error.ToJsonString()}"));
            }
            else
            {
                answer.TrySetResult(message["result"]);
            }
        }
    }

    private static async Task<string?> ReadHeaderLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }
}

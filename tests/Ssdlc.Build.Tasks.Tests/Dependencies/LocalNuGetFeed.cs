using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Ssdlc.Tests;

/// <summary>A package on <see cref="LocalNuGetFeed"/>, with the metadata its registration page shows.</summary>
public sealed record FeedPackage(string Id, string Version)
{
    public bool Listed { get; init; } = true;

    /// <summary>NuGet's deprecation reasons (Legacy, CriticalBugs, Other); empty: not deprecated.</summary>
    public string[] DeprecationReasons { get; init; } = [];

    public string? DeprecationMessage { get; init; }

    public string? AlternateId { get; init; }

    public string? AlternateRange { get; init; }

    /// <summary>Advisory URL and severity (0 low … 3 critical).</summary>
    public (string AdvisoryUrl, int Severity)[] Vulnerabilities { get; init; } = [];

    /// <summary>Ids this package depends on (any version, netstandard2.0 group).</summary>
    public (string Id, string Range)[] Dependencies { get; init; } = [];
}

/// <summary>
/// A NuGet V3 feed served by the tests on the loopback interface: service index, registration pages (listing,
/// deprecation, vulnerabilities) and package base address (flat container with real .nupkg files built in memory), so
/// restore and NuGet.Protocol talk to it as to any feed. It counts requests, can answer slowly, leave the registration
/// resource out of its index, or ask for basic authentication; no outside network is involved.
/// </summary>
public sealed class LocalNuGetFeed : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, List<FeedPackage>> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;

    public LocalNuGetFeed()
    {
        for (int attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseUrl = $"http://127.0.0.1:{port}/";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public string ServiceIndex => BaseUrl + "v3/index.json";

    /// <summary>Whether the service index offers the registration resource (package metadata).</summary>
    public bool OffersRegistration { get; set; } = true;

    /// <summary>How long every answer waits.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>When set, every request needs basic authentication with these credentials.</summary>
    public (string User, string Password)? RequiredCredentials { get; set; }

    /// <summary>Paths of the requests so far (registration, flat container, index).</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public int RegistrationRequests => _requests.Count(r => r.Contains("/registration/", StringComparison.Ordinal));

    public LocalNuGetFeed Add(params FeedPackage[] packages)
    {
        foreach (FeedPackage package in packages)
        {
            _packages.GetOrAdd(package.Id, _ => []).Add(package);
        }

        return this;
    }

    /// <summary>Stops answering: the port refuses connections, as an unreachable feed does.</summary>
    public void Stop()
    {
        if (_listener.IsListening)
        {
            _listener.Stop();
        }
    }

    public void Dispose()
    {
        Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        string path = context.Request.Url!.AbsolutePath;
        _requests.Enqueue(path);
        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }

            if (RequiredCredentials is (string user, string password)
                && context.Request.Headers["Authorization"] != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)))
            {
                context.Response.StatusCode = 401;
                context.Response.AddHeader("WWW-Authenticate", "Basic realm=\"test feed\"");
                context.Response.Close();
                return;
            }

            (int status, byte[] body, string type) = Route(path);
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The client gave up (a timeout test) or the feed was stopped.
        }
    }

    private (int Status, byte[] Body, string Type) Route(string path)
    {
        string[] parts = path.Trim('/').Split('/');
        if (path == "/v3/index.json")
        {
            var resources = new JsonArray { new JsonObject { ["@id"] = BaseUrl + "v3/flat/", ["@type"] = "PackageBaseAddress/3.0.0" } };
            if (OffersRegistration)
            {
                resources.Add(new JsonObject { ["@id"] = BaseUrl + "v3/registration/", ["@type"] = "RegistrationsBaseUrl/3.6.0" });
            }

            return Json(new JsonObject { ["version"] = "3.0.0", ["resources"] = resources });
        }

        if (parts is ["v3", "registration", string regId, "index.json"] && OffersRegistration && _packages.TryGetValue(regId, out List<FeedPackage>? versions))
        {
            return Json(Registration(regId, versions));
        }

        if (parts is ["v3", "flat", string flatId, "index.json"] && _packages.TryGetValue(flatId, out versions))
        {
            return Json(new JsonObject { ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)v.Version.ToLowerInvariant())]) });
        }

        if (parts is ["v3", "flat", string id, string version, string file] && _packages.TryGetValue(id, out versions)
            && versions.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase)) is FeedPackage package
            && file.Equals($"{id}.{version}.nupkg", StringComparison.OrdinalIgnoreCase))
        {
            return (200, Nupkg(package), "application/octet-stream");
        }

        return (404, Encoding.UTF8.GetBytes("not found"), "text/plain");
    }

    private JsonObject Registration(string id, List<FeedPackage> versions)
    {
        string baseUrl = BaseUrl + "v3/registration/" + id.ToLowerInvariant() + "/";
        var items = new JsonArray();
        foreach (FeedPackage p in versions)
        {
            var entry = new JsonObject
            {
                ["@id"] = baseUrl + p.Version.ToLowerInvariant() + ".json",
                ["id"] = p.Id,
                ["version"] = p.Version,
                ["listed"] = p.Listed,
                ["published"] = p.Listed ? "2024-01-01T00:00:00+00:00" : "1900-01-01T00:00:00+00:00",
                ["authors"] = "Ssdlc tests",
                ["description"] = "A package of the local test feed.",
                ["packageContent"] = BaseUrl + $"v3/flat/{p.Id.ToLowerInvariant()}/{p.Version.ToLowerInvariant()}/{p.Id.ToLowerInvariant()}.{p.Version.ToLowerInvariant()}.nupkg",
                ["dependencyGroups"] = new JsonArray(),
            };
            if (p.DeprecationReasons.Length > 0)
            {
                var deprecation = new JsonObject
                {
                    ["@id"] = baseUrl + p.Version.ToLowerInvariant() + ".json#deprecation",
                    ["reasons"] = new JsonArray([.. p.DeprecationReasons.Select(r => (JsonNode)r)]),
                };
                if (p.DeprecationMessage != null)
                {
                    deprecation["message"] = p.DeprecationMessage;
                }

                if (p.AlternateId != null)
                {
                    deprecation["alternatePackage"] = new JsonObject { ["id"] = p.AlternateId, ["range"] = p.AlternateRange ?? "*" };
                }

                entry["deprecation"] = deprecation;
            }

            if (p.Vulnerabilities.Length > 0)
            {
                entry["vulnerabilities"] = new JsonArray([.. p.Vulnerabilities.Select(v => (JsonNode)new JsonObject { ["advisoryUrl"] = v.AdvisoryUrl, ["severity"] = v.Severity.ToString(System.Globalization.CultureInfo.InvariantCulture) })]);
            }

            items.Add(new JsonObject { ["@id"] = entry["@id"]!.GetValue<string>(), ["catalogEntry"] = entry, ["packageContent"] = entry["packageContent"]!.GetValue<string>() });
        }

        return new JsonObject
        {
            ["@id"] = baseUrl + "index.json",
            ["count"] = 1,
            ["items"] = new JsonArray
            {
                new JsonObject
                {
                    ["@id"] = baseUrl + "index.json#page/" + versions[0].Version + "/" + versions[^1].Version,
                    ["count"] = versions.Count,
                    ["lower"] = versions[0].Version,
                    ["upper"] = versions[^1].Version,
                    ["items"] = items,
                },
            },
        };
    }

    /// <summary>A real package: a nuspec and an empty netstandard2.0 lib folder.</summary>
    private static byte[] Nupkg(FeedPackage package)
    {
        string dependencies = string.Concat(package.Dependencies.Select(d => $"<dependency id=\"{d.Id}\" version=\"{d.Range}\" />"));
        string nuspec = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{package.Id}</id>
                <version>{package.Version}</version>
                <authors>Ssdlc tests</authors>
                <description>A package of the local test feed.</description>
                <dependencies><group targetFramework=".NETStandard2.0">{dependencies}</group></dependencies>
              </metadata>
            </package>
            """;
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, package.Id + ".nuspec", nuspec);
            Write(zip, "lib/netstandard2.0/_._", string.Empty);
        }

        return stream.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using Stream entry = zip.CreateEntry(name).Open();
        byte[] bytes = Encoding.UTF8.GetBytes(content);
        entry.Write(bytes);
    }

    private static (int, byte[], string) Json(JsonObject json) => (200, Encoding.UTF8.GetBytes(json.ToJsonString()), "application/json");
}

using System.Text.Json.Nodes;

namespace Ssdlc.Build.Tasks.Tests.Dependencies;

/// <summary>Writes project.assets.json files with the parts the checks read, in NuGet's format.</summary>
internal sealed class AssetsBuilder
{
    private readonly JsonObject _libraries = [];
    private readonly JsonObject _target = [];
    private readonly JsonObject _direct = [];
    private readonly JsonArray _logs = [];
    private readonly JsonObject _sources = [];
    private readonly JsonArray _configs = [];
    private readonly JsonObject _packageFolders = [];
    private JsonObject? _audit;

    public AssetsBuilder Package(string id, string version, bool direct = false, params string[] dependencies)
    {
        _libraries[$"{id}/{version}"] = new JsonObject { ["type"] = "package", ["path"] = $"{id.ToLowerInvariant()}/{version}" };
        var deps = new JsonObject();
        foreach (string d in dependencies)
        {
            deps[d] = "1.0.0";
        }

        _target[$"{id}/{version}"] = new JsonObject { ["type"] = "package", ["dependencies"] = deps };
        if (direct)
        {
            _direct[id] = new JsonObject { ["target"] = "Package", ["version"] = $"[{version}, )" };
        }

        return this;
    }

    public AssetsBuilder Log(string code, string libraryId, string message)
    {
        _logs.Add(new JsonObject { ["code"] = code, ["level"] = "Warning", ["libraryId"] = libraryId, ["message"] = message });
        return this;
    }

    public AssetsBuilder Source(string source)
    {
        _sources[source] = new JsonObject();
        return this;
    }

    public AssetsBuilder Config(string path)
    {
        _configs.Add(path);
        return this;
    }

    public AssetsBuilder PackageFolder(string path)
    {
        _packageFolders[path] = new JsonObject();
        return this;
    }

    public AssetsBuilder Audit(string enabled, string mode, string level)
    {
        _audit = new JsonObject { ["enableAudit"] = enabled, ["auditMode"] = mode, ["auditLevel"] = level };
        return this;
    }

    public string WriteTo(TempDirectory dir)
    {
        var restore = new JsonObject { ["projectName"] = "App", ["sources"] = _sources.DeepClone(), ["configFilePaths"] = _configs.DeepClone() };
        if (_audit != null)
        {
            restore["restoreAuditProperties"] = _audit.DeepClone();
        }

        var root = new JsonObject
        {
            ["version"] = 3,
            ["targets"] = new JsonObject { ["net10.0"] = _target.DeepClone() },
            ["libraries"] = _libraries.DeepClone(),
            ["packageFolders"] = _packageFolders.DeepClone(),
            ["project"] = new JsonObject
            {
                ["restore"] = restore,
                ["frameworks"] = new JsonObject
                {
                    ["net10.0"] = new JsonObject { ["framework"] = "net10.0", ["targetAlias"] = "net10.0", ["dependencies"] = _direct.DeepClone() },
                },
            },
            ["logs"] = _logs.DeepClone(),
        };
        return dir.Write("obj/project.assets.json", root.ToJsonString());
    }
}

using System.Collections;
using Microsoft.Build.Framework;

namespace Ssdlc.Build.Tasks.Tests;

internal sealed class FakeBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.csproj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
}

/// <summary>A temporary directory per test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ssdlc-unit-" + Guid.NewGuid().ToString("N")[..8]);

    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Write(string name, string content)
    {
        string file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        System.IO.File.WriteAllText(file, content);
        return file;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class Items
{
    public static ITaskItem Item(string spec, params (string Name, string Value)[] metadata) => new FakeItem(spec, metadata);

    /// <summary>An item as MSBuild hands it to a task, including metadata that TaskItem reserves (DefiningProjectFullPath).</summary>
    private sealed class FakeItem(string spec, (string Name, string Value)[] metadata) : ITaskItem
    {
        private readonly Dictionary<string, string> _metadata = metadata.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase);

        public string ItemSpec { get; set; } = spec;

        public ICollection MetadataNames => _metadata.Keys.ToList();

        public int MetadataCount => _metadata.Count;

        public IDictionary CloneCustomMetadata() => new Dictionary<string, string>(_metadata);

        public void CopyMetadataTo(ITaskItem destinationItem) => throw new NotSupportedException();

        public string GetMetadata(string metadataName) => _metadata.TryGetValue(metadataName, out string? value) ? value : string.Empty;

        public void RemoveMetadata(string metadataName) => _metadata.Remove(metadataName);

        public void SetMetadata(string metadataName, string metadataValue) => _metadata[metadataName] = metadataValue;
    }
}

using System;
using System.Collections.Concurrent;
using System.IO;

namespace Ssdlc.Build.Tasks.Findings
{
    /// <summary>
    /// MSBuild items carry the file that defined them but not the line; this finds the line of an item
    /// (<c>Include="Id"</c> or <c>Update="Id"</c>) so that a finding points at the declaration.
    /// </summary>
    internal sealed class ProjectFileLocator
    {
        private readonly ConcurrentDictionary<string, string[]> _lines = new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal);

        /// <summary>Returns (line, column), 1-based, of the first element of the given item type naming <paramref name="include"/>; (0, 0) when not found.</summary>
        public (int Line, int Column) Locate(string? file, string itemType, string include)
        {
            if (string.IsNullOrEmpty(file) || !File.Exists(file))
            {
                return (0, 0);
            }

            string[] lines = _lines.GetOrAdd(file!, f =>
            {
                try
                {
                    return File.ReadAllLines(f);
                }
                catch (IOException)
                {
                    return Array.Empty<string>();
                }
                catch (UnauthorizedAccessException)
                {
                    return Array.Empty<string>();
                }
            });

            (int, int) fallback = (0, 0);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                foreach (string attribute in new[] { "Include=\"", "Update=\"" })
                {
                    int at = line.IndexOf(attribute + include + "\"", StringComparison.OrdinalIgnoreCase);
                    if (at < 0)
                    {
                        continue;
                    }

                    int element = line.IndexOf("<" + itemType, StringComparison.OrdinalIgnoreCase);
                    if (element >= 0)
                    {
                        return (i + 1, element + 1);
                    }

                    if (fallback.Item1 == 0)
                    {
                        fallback = (i + 1, at + 1);
                    }
                }
            }

            return fallback;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>How the project reaches each package of a restore graph: the shortest path from a direct reference or a project reference.</summary>
    internal sealed class GraphPaths
    {
        private readonly Dictionary<string, List<GraphNode>> _paths;
        private readonly string _project;

        public GraphPaths(Dictionary<string, GraphNode> nodes, List<string> direct, string? projectFile)
        {
            _paths = Shortest(nodes, direct);
            _project = System.IO.Path.GetFileNameWithoutExtension(projectFile ?? "project");
        }

        /// <summary>" (app -> A 1.0.0 -> B 2.0.0)" for a transitive package; empty for a direct one or an unreachable one.</summary>
        public string Via(GraphNode node)
        {
            if (!_paths.TryGetValue(node.Id, out List<GraphNode>? path) || path.Count <= 1)
            {
                return string.Empty;
            }

            return " (" + _project + " -> " + string.Join(" -> ", path.Select(n => n.Id + " " + n.Version)) + ")";
        }

        /// <summary>Shortest path from a direct reference to each package (breadth first, deterministic order).</summary>
        private static Dictionary<string, List<GraphNode>> Shortest(Dictionary<string, GraphNode> nodes, List<string> direct)
        {
            var paths = new Dictionary<string, List<GraphNode>>(StringComparer.OrdinalIgnoreCase);
            var queue = new Queue<GraphNode>();
            foreach (string id in direct.OrderBy(i => i, StringComparer.OrdinalIgnoreCase))
            {
                if (nodes.TryGetValue(id, out GraphNode? node) && !paths.ContainsKey(id))
                {
                    paths[id] = new List<GraphNode> { node };
                    queue.Enqueue(node);
                }
            }

            // Project references bring their own packages: start from them too.
            foreach (GraphNode project in nodes.Values.Where(n => n.Type == "project").OrderBy(n => n.Id, StringComparer.OrdinalIgnoreCase))
            {
                if (!paths.ContainsKey(project.Id))
                {
                    paths[project.Id] = new List<GraphNode> { project };
                    queue.Enqueue(project);
                }
            }

            while (queue.Count > 0)
            {
                GraphNode current = queue.Dequeue();
                foreach (string dependency in current.Dependencies.OrderBy(d => d, StringComparer.OrdinalIgnoreCase))
                {
                    if (nodes.TryGetValue(dependency, out GraphNode? next) && !paths.ContainsKey(dependency))
                    {
                        paths[dependency] = new List<GraphNode>(paths[current.Id]) { next };
                        queue.Enqueue(next);
                    }
                }
            }

            return paths;
        }
    }
}

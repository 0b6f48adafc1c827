using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using NuGet.Versioning;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>
    /// SSDLC2602 (A.2.6.2): every package in the restore graph, direct or transitive, is on the approved list when one
    /// is configured (<c>SsdlcApprovedPackage</c>) and not on the denied list (<c>SsdlcDeniedPackage</c>). The message
    /// shows how the project reaches a transitive package.
    /// </summary>
    internal static class PackagePolicyRules
    {
        public static void Check(DependencyPolicyCheck task, ProjectAssets assets, List<Finding> findings)
        {
            if (task.ApprovedPackages.Length == 0 && task.DeniedPackages.Length == 0)
            {
                return;
            }

            List<Rule> approved = Parse(task, task.ApprovedPackages, "SsdlcApprovedPackage", findings);
            List<Rule> denied = Parse(task, task.DeniedPackages, "SsdlcDeniedPackage", findings);
            (Dictionary<string, GraphNode> nodes, List<string> direct) = assets.GraphFor(task.TargetFramework);
            var paths = new GraphPaths(nodes, direct, task.ProjectFile);

            foreach (GraphNode node in nodes.Values.Where(n => n.Type == "package").OrderBy(n => n.Id, StringComparer.OrdinalIgnoreCase))
            {
                NuGetVersion.TryParse(node.Version, out NuGetVersion? version);
                string via = paths.Via(node);
                Rule? deny = denied.FirstOrDefault(r => r.Matches(node.Id, version));
                if (deny != null)
                {
                    string reason = deny.Reason.Length > 0 ? $" ({deny.Reason})" : string.Empty;
                    findings.Add(new Finding(RuleIds.UnapprovedPackage, Criticality.High, $"Package {node.Id} {node.Version}{via} is on the denied list{reason}; remove it or replace the package that brings it in.", deny.File ?? task.ProjectFile, deny.Line, deny.Column, node.Id));
                }
                else if (approved.Count > 0 && !approved.Any(r => r.Matches(node.Id, version)))
                {
                    findings.Add(new Finding(RuleIds.UnapprovedPackage, Criticality.High, $"Package {node.Id} {node.Version}{via} is not on the approved list (SsdlcApprovedPackage); have it reviewed and approved, or remove it.", task.ProjectFile, 0, 0, node.Id));
                }
            }
        }

        private static List<Rule> Parse(DependencyPolicyCheck task, ITaskItem[] items, string itemType, List<Finding> findings)
        {
            var rules = new List<Rule>();
            foreach (ITaskItem item in items)
            {
                // Items for another ecosystem (Ecosystem="npm": front-end packages) are not NuGet rules.
                string ecosystem = item.GetMetadata("Ecosystem").Trim();
                if (ecosystem.Length > 0 && !ecosystem.Equals("nuget", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string id = item.ItemSpec.Trim();
                string versionText = item.GetMetadata("Version").Trim();
                string file = item.GetMetadata("DefiningProjectFullPath");
                (int line, int column) = task.Locator.Locate(file, itemType, id);
                VersionRange? range = null;
                if (versionText.Length > 0 && !VersionRange.TryParse(versionText, out range))
                {
                    findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.High, $"{itemType} '{id}' has Version '{versionText}', which is not a NuGet version range.", file, line, column, id));
                    continue;
                }

                rules.Add(new Rule(id, range, item.GetMetadata("Reason").Trim(), file, line, column));
            }

            return rules;
        }

        private sealed class Rule
        {
            private readonly string _id;
            private readonly VersionRange? _range;

            public Rule(string id, VersionRange? range, string reason, string? file, int line, int column)
            {
                _id = id;
                _range = range;
                Reason = reason;
                File = string.IsNullOrEmpty(file) ? null : file;
                Line = line;
                Column = column;
            }

            public string Reason { get; }

            public string? File { get; }

            public int Line { get; }

            public int Column { get; }

            public bool Matches(string id, NuGetVersion? version)
            {
                bool idMatches = _id.EndsWith("*", StringComparison.Ordinal)
                    ? id.StartsWith(_id.Substring(0, _id.Length - 1), StringComparison.OrdinalIgnoreCase)
                    : string.Equals(_id, id, StringComparison.OrdinalIgnoreCase);
                return idMatches && (_range == null || (version != null && _range.Satisfies(version)));
            }
        }
    }
}

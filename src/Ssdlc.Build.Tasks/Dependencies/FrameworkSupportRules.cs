using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Build.Framework;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Dependencies
{
    /// <summary>
    /// SSDLC2605 (A.2.6.5): the target framework, an explicit <c>RuntimeFrameworkVersion</c> and the SDK are checked against
    /// the support table (<c>SsdlcFrameworkSupport</c> items shipped in Ssdlc.Sdk, overridable by the project): past the
    /// end of support is High, within six months of it Medium.
    /// </summary>
    internal static class FrameworkSupportRules
    {
        public static void Check(DependencyPolicyCheck task, List<Finding> findings)
        {
            Dictionary<string, DateTime> table = Table(task.FrameworkSupport, task, findings);
            if (table.Count == 0)
            {
                return;
            }

            DateTime today = task.Today;
            string? latest = table.OrderByDescending(e => e.Value).Select(e => e.Key).FirstOrDefault();
            string? target = Moniker(task.TargetFrameworkIdentifier, task.TargetFrameworkVersion);
            if (target != null)
            {
                CheckOne(task, findings, table, today, latest, target, $"Target framework {target}");
            }

            string? runtime = RuntimeMoniker(task.RuntimeFrameworkVersion);
            if (runtime != null && runtime != target)
            {
                CheckOne(task, findings, table, today, latest, runtime, $"RuntimeFrameworkVersion {task.RuntimeFrameworkVersion}");
            }

            string? sdk = RuntimeMoniker(task.SdkVersion);
            if (sdk != null)
            {
                CheckOne(task, findings, table, today, latest, sdk, $".NET SDK {task.SdkVersion}");
            }
        }

        /// <summary>The moniker of a target framework: net8.0, netcoreapp3.1, net472; null for frameworks without a support end (netstandard).</summary>
        internal static string? Moniker(string? identifier, string? version)
        {
            if (string.IsNullOrEmpty(identifier) || string.IsNullOrEmpty(version)
                || !Version.TryParse(version!.TrimStart('v', 'V'), out Version? parsed))
            {
                return null;
            }

            switch (identifier)
            {
                case ".NETCoreApp":
                    return (parsed.Major >= 5 ? "net" : "netcoreapp") + parsed.Major + "." + parsed.Minor;
                case ".NETFramework":
                    return "net" + parsed.Major + parsed.Minor + (parsed.Build > 0 ? parsed.Build.ToString(CultureInfo.InvariantCulture) : string.Empty);
                default:
                    return null;
            }
        }

        private static string? RuntimeMoniker(string? version)
            => !string.IsNullOrWhiteSpace(version) && Version.TryParse(version!.Split('-')[0], out Version? v)
                ? Moniker(".NETCoreApp", v.Major + "." + v.Minor)
                : null;

        private static void CheckOne(DependencyPolicyCheck task, List<Finding> findings, Dictionary<string, DateTime> table, DateTime today, string? latest, string moniker, string what)
        {
            if (!table.TryGetValue(moniker, out DateTime end))
            {
                return;
            }

            string instead = latest != null && latest != moniker && table[latest] > today
                ? $"; move to {latest} (supported until {table[latest]:yyyy-MM-dd})"
                : string.Empty;
            if (end < today)
            {
                findings.Add(new Finding(RuleIds.UnsupportedFramework, Criticality.High, $"{what} reached end of support on {end:yyyy-MM-dd} and gets no security fixes{instead}.", task.ProjectFile, 0, 0, moniker));
            }
            else if (end <= today.AddMonths(6))
            {
                findings.Add(new Finding(RuleIds.UnsupportedFramework, Criticality.Medium, $"{what} reaches end of support on {end:yyyy-MM-dd}, within six months{instead}.", task.ProjectFile, 0, 0, moniker));
            }
        }

        private static Dictionary<string, DateTime> Table(ITaskItem[] items, DependencyPolicyCheck task, List<Finding> findings)
        {
            var table = new Dictionary<string, DateTime>(StringComparer.OrdinalIgnoreCase);
            foreach (ITaskItem item in items)
            {
                string end = item.GetMetadata("EndOfSupport").Trim();
                if (IsoDate.TryParse(end, out DateTime date))
                {
                    table[item.ItemSpec.Trim()] = date;
                }
                else
                {
                    string file = item.GetMetadata("DefiningProjectFullPath");
                    (int line, int column) = task.Locator.Locate(file, "SsdlcFrameworkSupport", item.ItemSpec);
                    findings.Add(new Finding(RuleIds.InvalidConfiguration, Criticality.High, $"SsdlcFrameworkSupport '{item.ItemSpec}' has EndOfSupport '{end}', which is not a date in the form yyyy-MM-dd.", file, line, column, item.ItemSpec));
                }
            }

            return table;
        }
    }
}

using System;
using System.Collections.Generic;
using Microsoft.Build.Framework;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;

namespace Ssdlc.Build.Tasks.Gate
{
    /// <summary>
    /// <c>&lt;SsdlcAcceptedRisk Include="SSDLC2606" Subject="Some.Package" Justification="…" Expires="2027-03-31" /&gt;</c>:
    /// an exception needs a reason and an expiry date; without either, or once expired, it is itself an error
    /// and covers nothing.
    /// </summary>
    internal sealed class AcceptedRisks
    {
        private readonly List<Entry> _valid = new List<Entry>();

        private AcceptedRisks()
        {
        }

        public List<Finding> Problems { get; } = new List<Finding>();

        public static AcceptedRisks Parse(ITaskItem[]? items, DateTime today, ProjectFileLocator locator)
        {
            var result = new AcceptedRisks();
            foreach (ITaskItem item in items ?? Array.Empty<ITaskItem>())
            {
                string ruleId = item.ItemSpec.Trim();
                string subject = item.GetMetadata("Subject").Trim();
                string justification = item.GetMetadata("Justification").Trim();
                string expires = item.GetMetadata("Expires").Trim();
                string file = item.GetMetadata("DefiningProjectFullPath");
                (int line, int column) = locator.Locate(file, "SsdlcAcceptedRisk", ruleId);
                string what = subject.Length == 0 ? ruleId : ruleId + " for '" + subject + "'";

                string? problem = null;
                if (justification.Length < 10 || IsPlaceholder(justification))
                {
                    problem = $"Accepted risk {what} has no real Justification; say why the risk is acceptable (at least a sentence).";
                }
                else if (!IsoDate.TryParse(expires, out DateTime expiry))
                {
                    problem = expires.Length == 0
                        ? $"Accepted risk {what} has no Expires date; add Expires=\"yyyy-MM-dd\" so the exception is reviewed again."
                        : $"Accepted risk {what} has Expires=\"{expires}\", which is not a date in the form yyyy-MM-dd.";
                }
                else if (expiry.Date < today.Date)
                {
                    problem = $"Accepted risk {what} expired on {expires}; review the finding and fix it or renew the exception with a new justification.";
                }

                if (problem != null)
                {
                    result.Problems.Add(new Finding(RuleIds.InvalidAcceptedRisk, Criticality.High, problem, file, line, column, ruleId));
                }
                else
                {
                    result._valid.Add(new Entry(ruleId, subject, justification));
                }
            }

            return result;
        }

        public void Apply(IEnumerable<Finding> findings)
        {
            foreach (Finding finding in findings)
            {
                foreach (Entry entry in _valid)
                {
                    if (string.Equals(entry.RuleId, finding.RuleId, StringComparison.OrdinalIgnoreCase)
                        && (entry.Subject.Length == 0 || string.Equals(entry.Subject, finding.Subject, StringComparison.OrdinalIgnoreCase)))
                    {
                        finding.AcceptedJustification = entry.Justification;
                        break;
                    }
                }
            }
        }

        private static bool IsPlaceholder(string text)
        {
            string t = text.Trim().ToUpperInvariant();
            return t == "TODO" || t == "TBD" || t == "<PENDING>" || t == "N/A" || t == "NONE";
        }

        private sealed class Entry
        {
            public Entry(string ruleId, string subject, string justification)
            {
                RuleId = ruleId;
                Subject = subject;
                Justification = justification;
            }

            public string RuleId { get; }

            public string Subject { get; }

            public string Justification { get; }
        }
    }
}

using Ssdlc.Detection.Rules;

namespace Ssdlc.Detection.Findings
{
    /// <summary>One finding of a build check; analyzer findings have the same shape in SARIF.</summary>
    internal sealed class Finding
    {
        public Finding(string ruleId, Criticality criticality, string message, string? file, int line, int column, string? subject)
        {
            RuleId = ruleId;
            Criticality = criticality;
            Message = message;
            File = string.IsNullOrEmpty(file) ? null : file;
            Line = line;
            Column = column;
            Subject = subject;
        }

        public string RuleId { get; }

        public Criticality Criticality { get; }

        /// <summary>What was found and what to do instead; never contains a secret in clear.</summary>
        public string Message { get; }

        public string? File { get; }

        /// <summary>1-based; 0 when unknown.</summary>
        public int Line { get; }

        /// <summary>1-based; 0 when unknown.</summary>
        public int Column { get; }

        /// <summary>What an accepted risk matches on: a package id, a feed name, a secret fingerprint.</summary>
        public string? Subject { get; }

        /// <summary>Set by the gate when an accepted-risk entry covers this finding.</summary>
        public string? AcceptedJustification { get; set; }

        public bool IsAccepted => AcceptedJustification != null;
    }
}

namespace Ssdlc.Detection.Rules
{
    internal enum RuleKind
    {
        /// <summary>A Roslyn analyzer that runs in the IDE and in the compiler.</summary>
        Analyzer,

        /// <summary>An MSBuild check that runs on every build of a project.</summary>
        BuildCheck,
    }

    /// <summary>Everything we say about one rule, in one place; descriptors, docs, presets and the gate read it.</summary>
    internal sealed class RuleInfo
    {
        public RuleInfo(
            string id,
            string title,
            string messageFormat,
            string description,
            string control,
            string cwe,
            Criticality criticality,
            RuleKind kind,
            string chapter)
        {
            Id = id;
            Title = title;
            MessageFormat = messageFormat;
            Description = description;
            Control = control;
            Cwe = cwe;
            Criticality = criticality;
            Kind = kind;
            Chapter = chapter;
        }

        public string Id { get; }

        public string Title { get; }

        /// <summary>Composite format; for analyzers the arguments are given at the report site.</summary>
        public string MessageFormat { get; }

        public string Description { get; }

        /// <summary>The standard's control(s), e.g. "B.4.1".</summary>
        public string Control { get; }

        /// <summary>The CWE the rule maps to, e.g. "CWE-89"; empty for process rules without one.</summary>
        public string Cwe { get; }

        /// <summary>Default criticality; some build checks grade individual findings differently (their docs say how).</summary>
        public Criticality Criticality { get; }

        public RuleKind Kind { get; }

        /// <summary>The part of the standard the rule belongs to, e.g. "B.4 Injection".</summary>
        public string Chapter { get; }

        /// <summary>
        /// The rule's page at the public address the packages were packed with, or null when they were packed without one;
        /// then the page shipped in the package is the help link (<see cref="RulePages"/>).
        /// </summary>
        public string? PublicHelpLink => RuleCatalog.HelpLinkBase == null ? null : RuleCatalog.HelpLinkBase + Id + ".md";
    }
}

using System;
using System.Collections.Generic;
using Microsoft.Build.Framework;
using Ssdlc.Build.Tasks.Findings;
using Ssdlc.Detection.Findings;
using Ssdlc.Detection.Rules;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Ssdlc.Build.Tasks
{
    /// <summary>
    /// A build check: reads its inputs, writes its findings for the gate, and never fails or crashes the build
    /// itself; a check that cannot read its input reports that as an SSDLC0002 finding.
    /// </summary>
    public abstract class SsdlcCheckTask : MSBuildTask
    {
        /// <summary>Where the findings go (read by <see cref="Gate.SsdlcGate"/>).</summary>
        [Required]
        public string FindingsFile { get; set; } = string.Empty;

        /// <summary>The resolved risk class (Standard, High, VeryHigh); an invalid value is reported by the gate.</summary>
        public string? RiskClass { get; set; }

        public string? ProjectFile { get; set; }

        internal RiskClass ResolvedRiskClass
            => RiskClasses.TryParse(RiskClass, out RiskClass value) ? value : Detection.Rules.RiskClass.High;

        internal ProjectFileLocator Locator { get; } = new ProjectFileLocator();

        public override bool Execute()
        {
            var findings = new List<Finding>();
            try
            {
                Check(findings);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException || ex is StackOverflowException))
            {
                findings.Add(new Finding(
                    RuleIds.InvalidConfiguration,
                    Criticality.High,
                    $"{GetType().Name} could not complete ({ex.GetType().Name}: {ex.Message}); the check's result is unknown.",
                    ProjectFile,
                    0,
                    0,
                    GetType().Name));
            }

            Findings.FindingsFile.Write(FindingsFile, findings);
            return true;
        }

        internal abstract void Check(List<Finding> findings);
    }
}

namespace Ssdlc.Detection.Rules
{
    /// <summary>Every rule ID, as constants (IDs are append-only: see AnalyzerReleases.*.md).</summary>
    internal static class RuleIds
    {
        public const string UnjustifiedSuppression = "SSDLC0001";
        public const string InvalidConfiguration = "SSDLC0002";
        public const string InvalidAcceptedRisk = "SSDLC0003";
        public const string SqlInjection = "SSDLC0401";
        public const string WeakHash = "SSDLC1001";
        public const string HardcodedSecret = "SSDLC1101";
        public const string UnpinnedDependency = "SSDLC2606";
    }
}

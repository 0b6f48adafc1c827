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
        public const string UnpinnedDependency = "SSDLC2606";
        public const string HardcodedKey = "SSDLC1004";
        public const string CertificateValidationDisabled = "SSDLC1007";
        public const string InsecureRandom = "SSDLC1008";
        public const string ShortToken = "SSDLC1009";
        public const string CleartextTransport = "SSDLC1010";
        public const string WeakTokenSigning = "SSDLC1011";
    }
}

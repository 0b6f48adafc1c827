namespace Ssdlc.Detection.Rules
{
    /// <summary>Every rule ID, as constants (IDs are append-only: see AnalyzerReleases.*.md).</summary>
    internal static class RuleIds
    {
        public const string UnjustifiedSuppression = "SSDLC0001";
        public const string InvalidConfiguration = "SSDLC0002";
        public const string InvalidAcceptedRisk = "SSDLC0003";
        public const string XmlExternalEntities = "SSDLC0201";
        public const string InsecureDeserializer = "SSDLC0202";
        public const string PathTraversal = "SSDLC0203";
        public const string OpenRedirect = "SSDLC0204";
        public const string RegexDenialOfService = "SSDLC0205";
        public const string ModelValidationSuppressed = "SSDLC0206";
        public const string ClientFileNameInStoragePath = "SSDLC0301";
        public const string ContentDispositionByConcatenation = "SSDLC0303";
        public const string SqlInjection = "SSDLC0401";
        public const string WeakHash = "SSDLC1001";
        public const string UnpinnedDependency = "SSDLC2606";
    }
}

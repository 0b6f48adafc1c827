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
        public const string UnapprovedFeed = "SSDLC2601";
        public const string UnapprovedPackage = "SSDLC2602";
        public const string VulnerableDependency = "SSDLC2603";
        public const string UnsupportedFramework = "SSDLC2605";
        public const string SbomNotGenerated = "SSDLC2507";
        public const string WeakSymmetricCipher = "SSDLC1002";
        public const string EcbMode = "SSDLC1003";
        public const string WeakAsymmetricKey = "SSDLC1005";
        public const string DeprecatedTls = "SSDLC1006";
        public const string RsaPkcs1Encryption = "SSDLC1012";
        public const string HardcodedSecret = "SSDLC1101";
        public const string UnpinnedDependency = "SSDLC2606";
        public const string LdapInjection = "SSDLC0402";
        public const string CommandInjection = "SSDLC0403";
        public const string XPathInjection = "SSDLC0404";
        public const string CrossSiteScripting = "SSDLC0405";
        public const string UploadLimitRemoved = "SSDLC0302";
        public const string HardcodedKey = "SSDLC1004";
        public const string CertificateValidationDisabled = "SSDLC1007";
        public const string InsecureRandom = "SSDLC1008";
        public const string ShortToken = "SSDLC1009";
        public const string CleartextTransport = "SSDLC1010";
        public const string WeakTokenSigning = "SSDLC1011";
        public const string ErrorDetailsExposed = "SSDLC0901";
        public const string CookieWithoutSecure = "SSDLC0701";
        public const string CookieWithoutHttpOnly = "SSDLC0702";
        public const string CookieSameSiteNone = "SSDLC0703";
        public const string ExceptionDetailsInResponse = "SSDLC0902";
        public const string SensitiveDataLogged = "SSDLC0903";
        public const string WeakPasswordPolicy = "SSDLC0601";
        public const string WeakPasswordHashing = "SSDLC0602";
        public const string SecretInUrl = "SSDLC0603";
        public const string ConfigurationSecret = "SSDLC3305";
        public const string HardeningDisabled = "SSDLC5201";
        public const string LockoutDisabled = "SSDLC0501";
        public const string SessionTimeoutTooLong = "SSDLC0704";
        public const string StateChangeOnGet = "SSDLC0706";
        public const string JavaScriptEval = "SSDLC1301";
        public const string TokenInLocalStorage = "SSDLC1302";
        public const string WeakHeaderValue = "SSDLC1404";
        public const string LoginFailureMessageRevealsAccount = "SSDLC0502";
        public const string HttpsNotEnforced = "SSDLC1401";
        public const string WeakHsts = "SSDLC1402";
        public const string SecurityHeadersMissing = "SSDLC1403";
        public const string JwtValidationWeakened = "SSDLC1201";
        public const string PermissiveCors = "SSDLC1202";
        public const string OAuthFlowWeakened = "SSDLC1203";
        public const string WebSocketOriginNotChecked = "SSDLC1204";
        public const string MissingAntiforgeryValidation = "SSDLC0705";
        public const string MissingAuthorization = "SSDLC0801";
        public const string UnvalidatedJwtRead = "SSDLC1205";
        public const string UncheckedModelState = "SSDLC0207";
        public const string CodeEvaluation = "SSDLC0406";
        public const string FilterExpressionInjection = "SSDLC0407";
        public const string ServerSideRequestForgery = "SSDLC0208";
        public const string SbomNotSigned = "SSDLC2508";
    }
}

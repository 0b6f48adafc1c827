using System;

namespace Ssdlc.Detection.Rules
{
    /// <summary>The application's risk class; it decides which criticalities fail the build.</summary>
    internal enum RiskClass
    {
        Standard = 0,
        High = 1,
        VeryHigh = 2,
    }

    internal static class RiskClasses
    {
        public static bool TryParse(string? text, out RiskClass riskClass)
        {
            riskClass = RiskClass.Standard;
            if (string.IsNullOrWhiteSpace(text))
            {
                return true;
            }

            switch (text!.Trim().ToUpperInvariant())
            {
                case "STANDARD":
                    riskClass = RiskClass.Standard;
                    return true;
                case "HIGH":
                    riskClass = RiskClass.High;
                    return true;
                case "VERYHIGH":
                case "VERY-HIGH":
                case "VERY_HIGH":
                    riskClass = RiskClass.VeryHigh;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Derives the class from the application's criticality (Low/Medium/High) and exposure (Internal/Internet):
        /// High+Internet is VeryHigh; High+Internal or Medium+Internet is High; everything else Standard.
        /// </summary>
        public static bool TryDerive(string? criticality, string? exposure, out RiskClass riskClass)
        {
            riskClass = RiskClass.Standard;
            string c = (criticality ?? string.Empty).Trim().ToUpperInvariant();
            string e = (exposure ?? "Internal").Trim().ToUpperInvariant();
            if (e.Length == 0)
            {
                e = "INTERNAL";
            }

            bool internet;
            if (e == "INTERNET")
            {
                internet = true;
            }
            else if (e == "INTERNAL")
            {
                internet = false;
            }
            else
            {
                return false;
            }

            switch (c)
            {
                case "HIGH":
                    riskClass = internet ? RiskClass.VeryHigh : RiskClass.High;
                    return true;
                case "MEDIUM":
                    riskClass = internet ? RiskClass.High : RiskClass.Standard;
                    return true;
                case "LOW":
                    riskClass = RiskClass.Standard;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The lowest criticality that fails a build of this class.</summary>
        public static Criticality FailureThreshold(RiskClass riskClass)
            => riskClass == RiskClass.Standard ? Criticality.High : Criticality.Medium;

        public static bool Fails(Criticality criticality, RiskClass riskClass)
            => criticality >= FailureThreshold(riskClass);

        public static string Name(RiskClass riskClass) => riskClass switch
        {
            RiskClass.High => "High",
            RiskClass.VeryHigh => "VeryHigh",
            _ => "Standard",
        };

        public static string[] Names => new[] { "Standard", "High", "VeryHigh" };

        public static RiskClass[] All => (RiskClass[])Enum.GetValues(typeof(RiskClass));
    }
}

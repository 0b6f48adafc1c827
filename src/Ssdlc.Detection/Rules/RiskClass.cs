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

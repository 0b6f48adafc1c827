namespace Ssdlc.Detection.Rules
{
    /// <summary>Default criticality of a finding, as the standard grades it.</summary>
    internal enum Criticality
    {
        Low = 0,
        Medium = 1,
        High = 2,
        Critical = 3,
    }
}

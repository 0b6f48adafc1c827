using System;
using System.Globalization;

namespace Ssdlc.Build.Tasks.Findings
{
    /// <summary>The one date format of Ssdlc settings (SsdlcBuildDate, Expires, EndOfSupport): yyyy-MM-dd.</summary>
    internal static class IsoDate
    {
        public static bool TryParse(string? text, out DateTime date)
        {
            date = default;
            return !string.IsNullOrWhiteSpace(text)
                && DateTime.TryParseExact(text!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }
    }
}

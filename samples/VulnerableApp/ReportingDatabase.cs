namespace VulnerableApp;

/// <summary>B.11.1 violation on purpose: a database password written into the source (SSDLC1101).</summary>
public static class ReportingDatabase
{
    // SSDLC1101: a password in the source.
    public const string ConnectionString = "Server=db;Database=shop;User Id=app;Password=Winter2024!";
}

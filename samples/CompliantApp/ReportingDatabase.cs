namespace CompliantApp;

/// <summary>B.11.1: the connection string (and its password) comes from configuration: user secrets, environment or a key vault.</summary>
public sealed class ReportingDatabase(IConfiguration configuration)
{
    public string? ConnectionString => configuration.GetConnectionString("Reporting");
}

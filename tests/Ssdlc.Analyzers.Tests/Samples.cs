namespace Ssdlc.Analyzers.Tests;

/// <summary>Shared declarations that test samples append to themselves.</summary>
internal static class Samples
{
    /// <summary>An EF Core model: <c>AppDb</c> with <c>Users</c>, and the <c>User</c> entity.</summary>
    public const string EfModel = """

        namespace Sample.Data
        {
            public class User
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
            }

            public class AppDb : Microsoft.EntityFrameworkCore.DbContext
            {
                public AppDb(Microsoft.EntityFrameworkCore.DbContextOptions<AppDb> options) : base(options) { }
                public Microsoft.EntityFrameworkCore.DbSet<User> Users => Set<User>();
            }
        }
        """;
}

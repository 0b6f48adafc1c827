using Ssdlc.CodeFixes.Injection;
using VerifyFix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<
    Ssdlc.Analyzers.Injection.SqlInjectionAnalyzer,
    Ssdlc.CodeFixes.Injection.FromSqlRawCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Injection;

public class FromSqlRawCodeFixTests
{
    private const string Header = """
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;
        using Sample.Data;

        """;

    [Fact]
    public async Task FromSqlRaw_with_interpolation_becomes_FromSql()
    {
        await VerifyFix.VerifyFixAsync(
            Header + """
            public class Q
            {
                public IQueryable<User> ByName(AppDb db, string name)
                    => db.Users.FromSqlRaw({|SSDLC0401:$"SELECT * FROM Users WHERE Name = {name}"|}).Where(u => u.Id > 0);
            }
            """ + Samples.EfModel,
            Header + """
            public class Q
            {
                public IQueryable<User> ByName(AppDb db, string name)
                    => db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}").Where(u => u.Id > 0);
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task ExecuteSqlRaw_becomes_ExecuteSql_and_async_keeps_the_cancellation_token()
    {
        await VerifyFix.VerifyFixAsync(
            Header + """
            public class Q
            {
                public int Rename(AppDb db, int id, string name)
                    => db.Database.ExecuteSqlRaw({|SSDLC0401:$"UPDATE Users SET Name = {name} WHERE Id = {id}"|});
            }
            """ + Samples.EfModel,
            Header + """
            public class Q
            {
                public int Rename(AppDb db, int id, string name)
                    => db.Database.ExecuteSql($"UPDATE Users SET Name = {name} WHERE Id = {id}");
            }
            """ + Samples.EfModel);

        await VerifyFix.VerifyFixAsync(
            Header + """
            public class Q
            {
                public async Task<int> DeleteAsync(AppDb db, string name, CancellationToken ct)
                    => await db.Database.ExecuteSqlRawAsync({|SSDLC0401:$"DELETE FROM Users WHERE Name = {name}"|}, ct);
            }
            """ + Samples.EfModel,
            Header + """
            public class Q
            {
                public async Task<int> DeleteAsync(AppDb db, string name, CancellationToken ct)
                    => await db.Database.ExecuteSqlAsync($"DELETE FROM Users WHERE Name = {name}", ct);
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Fix_all_rewrites_every_interpolated_raw_call_and_leaves_the_others()
    {
        await VerifyFix.VerifyFixAllAsync(
            Header + """
            public class Q
            {
                public async Task Run(AppDb db, string name, int id, CancellationToken ct)
                {
                    _ = db.Users.FromSqlRaw({|SSDLC0401:$"SELECT * FROM Users WHERE Name = {name}"|}).ToList();
                    db.Database.ExecuteSqlRaw({|SSDLC0401:$"DELETE FROM Users WHERE Id = {id}"|});
                    await db.Database.ExecuteSqlRawAsync({|SSDLC0401:$"DELETE FROM Users WHERE Name = {name}"|}, ct);
                    _ = db.Database.SqlQueryRaw<int>({|SSDLC0401:$"SELECT Id AS Value FROM Users WHERE Name = {name}"|}).ToList();
                    db.Database.ExecuteSqlRaw({|SSDLC0401:"DELETE FROM Users WHERE Name = '" + name + "'"|});
                }
            }
            """ + Samples.EfModel,
            Header + """
            public class Q
            {
                public async Task Run(AppDb db, string name, int id, CancellationToken ct)
                {
                    _ = db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}").ToList();
                    db.Database.ExecuteSql($"DELETE FROM Users WHERE Id = {id}");
                    await db.Database.ExecuteSqlAsync($"DELETE FROM Users WHERE Name = {name}", ct);
                    _ = db.Database.SqlQuery<int>($"SELECT Id AS Value FROM Users WHERE Name = {name}").ToList();
                    db.Database.ExecuteSqlRaw({|SSDLC0401:"DELETE FROM Users WHERE Name = '" + name + "'"|});
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task No_fix_when_parameter_objects_are_passed_or_the_sql_is_not_interpolated()
    {
        await VerifyFix.VerifyNoFixAsync(
            Header + """
            public class Q
            {
                public void Run(AppDb db, string table, string name, int id)
                {
                    _ = db.Users.FromSqlRaw({|SSDLC0401:$"SELECT * FROM {table} WHERE Name = {{0}}"|}, name).ToList();
                    db.Database.ExecuteSqlRaw({|SSDLC0401:$"DELETE FROM {table} WHERE Id = {{0}}"|}, id);
                    db.Database.ExecuteSqlRaw({|SSDLC0401:"DELETE FROM " + table|});
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public void Provider_is_exported_for_the_sql_rule_with_batch_fix_all()
    {
        var provider = new FromSqlRawCodeFixProvider();
        Assert.Equal(new[] { "SSDLC0401" }, provider.FixableDiagnosticIds);
        Assert.Same(Microsoft.CodeAnalysis.CodeFixes.WellKnownFixAllProviders.BatchFixer, provider.GetFixAllProvider());
        Assert.NotNull(typeof(FromSqlRawCodeFixProvider).GetCustomAttributes(typeof(Microsoft.CodeAnalysis.CodeFixes.ExportCodeFixProviderAttribute), false).SingleOrDefault());
    }
}

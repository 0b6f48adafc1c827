using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Injection;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Injection.SqlInjectionAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Injection;

public class SqlInjectionAnalyzerTests
{
    [Fact]
    public async Task SqlCommand_constructor_with_concatenated_input_in_a_controller()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Data.SqlClient;

            [ApiController, Route("users")]
            public class UsersController : ControllerBase
            {
                private readonly string _connectionString = "Server=.;Database=App;Integrated Security=true";

                [HttpGet("{name}")]
                public IActionResult Get(string name)
                {
                    using var connection = new SqlConnection(_connectionString);
                    using var command = new SqlCommand({|SSDLC0401:"SELECT * FROM Users WHERE Name = '" + name + "'"|}, connection);
                    connection.Open();
                    return Ok(command.ExecuteScalar());
                }
            }
            """);
        Assert.Equal(
            "SQL text passed to new SqlCommand is built from non-constant values; use a constant command with parameters",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task CommandText_assignments_in_async_services()
    {
        await VerifyCS.VerifyAsync("""
            using System.Data;
            using System.Data.Common;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;

            public class OrderService
            {
                private readonly DbConnection _connection;
                private string _orderBy = "Id";

                public OrderService(DbConnection connection) => _connection = connection;

                public async Task<object?> FindAsync(string customer, int top)
                {
                    await using DbCommand command = _connection.CreateCommand();
                    command.CommandText = {|SSDLC0401:$"SELECT TOP {top} * FROM Orders WHERE Customer = '{customer}'"|};
                    return await command.ExecuteScalarAsync();
                }

                public object? Sorted(IDbConnection connection)
                {
                    IDbCommand command = connection.CreateCommand();
                    command.CommandText = {|SSDLC0401:"SELECT * FROM Orders ORDER BY " + _orderBy|};
                    return command.ExecuteScalar();
                }

                public void Filtered(SqlCommand command, string status)
                {
                    command.CommandText = "SELECT * FROM Orders WHERE 1 = 1";
                    command.CommandText += {|SSDLC0401:" AND Status = '" + status + "'"|};
                }
            }
            """);
    }

    [Fact]
    public async Task Object_initialisers_adapters_and_other_providers()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Data;
            using Microsoft.Data.SqlClient;
            using Microsoft.Data.Sqlite;

            public class ReportRepository
            {
                public DataTable Load(SqlConnection connection, string table)
                {
                    var command = new SqlCommand
                    {
                        Connection = connection,
                        CommandText = {|SSDLC0401:string.Format("SELECT * FROM {0}", table)|},
                    };
                    var adapter = new SqlDataAdapter({|SSDLC0401:"SELECT * FROM " + table|}, connection);
                    var result = new DataTable();
                    adapter.Fill(result);
                    return result;
                }

                public object? Local(SqliteConnection connection, string term)
                {
                    var sql = "SELECT * FROM Notes";
                    if (term.Length > 0)
                    {
                        sql += " WHERE Body LIKE '%" + term + "%'";
                    }

                    using var command = new SqliteCommand({|SSDLC0401:sql|}, connection);
                    return command.ExecuteScalar();
                }
            }
            """);
        Assert.Equal(new[] { "SqlCommand.CommandText", "new SqlDataAdapter", "new SqliteCommand" }, diagnostics.Select(ApiOf));
    }

    [Fact]
    public async Task Ef_core_raw_sql_apis_with_non_constant_text()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Sample.Data;

            public class UserQueries
            {
                private readonly AppDb _db;
                public UserQueries(AppDb db) => _db = db;

                public IQueryable<User> ByName(string name)
                    => _db.Users.FromSqlRaw({|SSDLC0401:$"SELECT * FROM Users WHERE Name = '{name}'"|});

                public int Rename(int id, string name)
                    => _db.Database.ExecuteSqlRaw({|SSDLC0401:"UPDATE Users SET Name = '" + name + "' WHERE Id = " + id|});

                public Task<int> DeleteAsync(string name, CancellationToken ct)
                    => _db.Database.ExecuteSqlRawAsync({|SSDLC0401:$"DELETE FROM Users WHERE Name = '{name}'"|}, ct);

                public IQueryable<int> Ids(string table)
                    => _db.Database.SqlQueryRaw<int>({|SSDLC0401:$"SELECT Id AS Value FROM {table}"|});
            }
            """ + Samples.EfModel);

        Assert.Equal(new[] { "FromSqlRaw", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "SqlQueryRaw" }, diagnostics.Select(ApiOf));
        Assert.EndsWith("; with EF Core use FromSql($\"…\") which parameterises interpolation holes", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.EndsWith("use a constant command with parameters", diagnostics[1].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("use ExecuteSqlAsync($\"…\")", diagnostics[2].GetMessage(), StringComparison.Ordinal);
        Assert.Equal("ExecuteSqlAsync", diagnostics[2].Properties[SqlInjectionAnalyzer.ReplacementProperty]);
        Assert.False(diagnostics[1].Properties.ContainsKey(SqlInjectionAnalyzer.ReplacementProperty));
    }

    [Fact]
    public async Task Dapper_on_IDbConnection_in_a_minimal_api()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Data;
            using System.Threading.Tasks;
            using Dapper;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public record Product(int Id, string Name);

            public static class ProductEndpoints
            {
                public static void Map(WebApplication app, IDbConnection db)
                {
                    app.MapGet("/products", async (string category) =>
                        await db.QueryAsync<Product>({|SSDLC0401:"SELECT * FROM Products WHERE Category = '" + category + "'"|}));

                    app.MapDelete("/products/{id}", (string id) =>
                        db.Execute(sql: {|SSDLC0401:$"DELETE FROM Products WHERE Id = {id}"|}));
                }

                public static Product First(IDbConnection db, string where)
                    => db.QueryFirst<Product>({|SSDLC0401:"SELECT * FROM Products WHERE " + where|});

                public static Task<int> Count(IDbConnection db, string table)
                    => db.ExecuteScalarAsync<int>(new CommandDefinition({|SSDLC0401:"SELECT COUNT(*) FROM " + table|}));

                public static IEnumerable<Product> Run(IDbConnection db, string sql) => db.Query<Product>({|SSDLC0401:sql|});
            }
            """);
        Assert.Equal(
            new[] { "SqlMapper.QueryAsync", "SqlMapper.Execute", "SqlMapper.QueryFirst", "new CommandDefinition", "SqlMapper.Query" },
            diagnostics.Select(ApiOf));
    }

    [Fact]
    public async Task Sql_from_properties_fields_and_method_results()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.Data.SqlClient;

            public class Options { public string Query { get; set; } = "SELECT 1"; }

            public class Job
            {
                private static string s_sql = "SELECT 1";

                public void Run(SqlConnection connection, Options options)
                {
                    new SqlCommand({|SSDLC0401:options.Query|}, connection).ExecuteNonQuery();
                    new SqlCommand({|SSDLC0401:s_sql|}, connection).ExecuteNonQuery();
                    new SqlCommand(BuildSql(), connection).ExecuteNonQuery();
                    new SqlCommand(Where("Name"), connection).ExecuteNonQuery();
                    new SqlCommand({|SSDLC0401:Where(options.Query)|}, connection).ExecuteNonQuery();
                    new SqlCommand(cmdText: {|SSDLC0401:System.IO.File.ReadAllText("job.sql")|}, connection: connection).ExecuteNonQuery();
                }

                private static string BuildSql() => "SELECT 1";

                private static string Where(string column) => "SELECT * FROM Users WHERE " + column + " = @value";
            }
            """);
    }

    [Fact]
    public async Task Constant_sql_with_parameters_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Data;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Data.SqlClient;

            public class UsersController : Controller
            {
                private const string Table = "Users";
                private const string SelectByName = "SELECT * FROM " + Table + " WHERE Name = @name";
                private static readonly string SelectById = "SELECT * FROM " + Table + " WHERE Id = @id";

                public IActionResult Get(string name, int id, SqlConnection connection)
                {
                    using var byName = new SqlCommand(SelectByName, connection);
                    byName.Parameters.AddWithValue("@name", name);

                    using var byId = new SqlCommand(SelectById, connection);
                    byId.Parameters.Add("@id", SqlDbType.Int).Value = id;

                    using var count = new SqlCommand { Connection = connection, CommandText = $"SELECT COUNT(*) FROM {Table}" };
                    using var adapter = new SqlDataAdapter("SELECT * FROM " + nameof(Table), connection);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public async Task Local_assigned_only_constants_in_branches_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Data.Common;

            public class Listing
            {
                public DbDataReader Read(DbConnection connection, bool descending, string filter)
                {
                    string order;
                    if (descending)
                    {
                        order = "DESC";
                    }
                    else
                    {
                        order = "ASC";
                    }

                    var sql = "SELECT * FROM Items WHERE Name LIKE @filter ORDER BY Name " + order;
                    var column = descending ? "CreatedAt" : "Name";
                    sql += ", " + column;
                    DbCommand command = connection.CreateCommand();
                    command.CommandText = sql;
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@filter";
                    parameter.Value = filter + "%";
                    command.Parameters.Add(parameter);
                    return command.ExecuteReader();
                }
            }
            """);
    }

    [Fact]
    public async Task Ef_core_interpolated_apis_are_parameterised_and_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Sample.Data;

            public class UserQueries
            {
                private readonly AppDb _db;
                public UserQueries(AppDb db) => _db = db;

                public IQueryable<User> A(string name) => _db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}");
                public IQueryable<User> B(string name) => _db.Users.FromSqlInterpolated($"SELECT * FROM Users WHERE Name = {name}");
                public int C(string name) => _db.Database.ExecuteSql($"DELETE FROM Users WHERE Name = {name}");
                public Task<int> D(string name) => _db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM Users WHERE Name = {name}");
                public IQueryable<int> E(int id) => _db.Database.SqlQuery<int>($"SELECT Id AS Value FROM Users WHERE Id = {id}");
                public IQueryable<User> F(string name) => _db.Users.FromSqlRaw("SELECT * FROM Users WHERE Name = {0}", name);
                public Task<int> G(int id) => _db.Database.ExecuteSqlRawAsync("DELETE FROM Users WHERE Id = {0}", id);
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Dapper_with_constant_sql_and_parameter_objects_is_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Data;
            using System.Threading.Tasks;
            using Dapper;

            public record Product(int Id, string Name);

            public class ProductRepository
            {
                private const string Columns = "Id, Name";
                private readonly IDbConnection _db;
                public ProductRepository(IDbConnection db) => _db = db;

                public Task<IEnumerable<Product>> ByCategory(string category)
                    => _db.QueryAsync<Product>($"SELECT {Columns} FROM Products WHERE Category = @category", new { category });

                public int Delete(int id) => _db.Execute("DELETE FROM Products WHERE Id = @id", new { id });

                public Product? Single(int id)
                {
                    const string sql = "SELECT " + Columns + " FROM Products WHERE Id = @id";
                    return _db.QuerySingleOrDefault<Product>(sql, new { id });
                }

                public Task<int> Count() => _db.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM Products"));
            }
            """);
    }

    [Fact]
    public async Task Look_alikes_that_are_not_sql_sinks_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using System.Linq;

            public class ConsoleCommand
            {
                public string CommandText { get; set; } = "";
                public ConsoleCommand(string commandText) => CommandText = commandText;
            }

            public class SearchIndex
            {
                public IEnumerable<string> Query(string sql) => Enumerable.Empty<string>();
            }

            public class Shell
            {
                public void Run(string input, SearchIndex index)
                {
                    var command = new ConsoleCommand(input) { CommandText = "echo " + input };
                    _ = index.Query(input);
                    var sql = input;
                }
            }
            """);
    }

    [Fact]
    public async Task Without_any_data_access_library_nothing_is_reported_and_nothing_fails()
    {
        // Only the core library is referenced: the analyzer must bail out quietly.
        Compilation compilation = AnalyzerRunner.CreateCompilation(
            "public class C { public string CommandText { get; set; } = \"\"; public void M(string s) { CommandText = s; } }",
            TestReferences.CoreOnly);
        Verify.AssertCompiles(compilation);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new SqlInjectionAnalyzer()));
        Verify.AssertNoAnalyzerFailures(result);
        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("/src/Queries.g.cs", "")]
    [InlineData("/src/Queries.cs", "// <auto-generated/>\n")]
    public async Task Generated_code_is_not_analysed(string path, string header)
    {
        // Deliberate: source generators (e.g. Dapper.AOT) pass SQL through parameters; the user's call site is reported instead.
        string source = header + "public static class Generated { public static void Run(Microsoft.Data.SqlClient.SqlCommand c, string sql) => c.CommandText = sql; }";
        var analyzers = ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new SqlInjectionAnalyzer());

        Compilation generated = AnalyzerRunner.CreateCompilation(source, path: path);
        Verify.AssertCompiles(generated);
        Assert.Empty((await AnalyzerRunner.RunAsync(generated, analyzers)).Diagnostics);

        // The same code in a hand-written file is reported, so the test above cannot pass vacuously.
        Compilation handWritten = AnalyzerRunner.CreateCompilation(source.Replace("<auto-generated/>", "hand-written", StringComparison.Ordinal));
        Assert.Single((await AnalyzerRunner.RunAsync(handWritten, analyzers)).Diagnostics);
    }

    private static string ApiOf(Diagnostic diagnostic)
    {
        string message = diagnostic.GetMessage();
        const string prefix = "SQL text passed to ";
        int end = message.IndexOf(" is built", StringComparison.Ordinal);
        return message.Substring(prefix.Length, end - prefix.Length);
    }
}

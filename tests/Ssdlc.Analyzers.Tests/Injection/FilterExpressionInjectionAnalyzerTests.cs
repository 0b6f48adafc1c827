using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Injection.FilterExpressionInjectionAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Injection;

public class FilterExpressionInjectionAnalyzerTests
{
    [Fact]
    public async Task DataTable_filters_and_column_expressions_built_from_values()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Data;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("orders")]
            public class OrdersController : ControllerBase
            {
                private readonly DataTable _orders = new DataTable("Orders");

                [HttpGet]
                public IActionResult Find(string customer, string status)
                {
                    DataRow[] rows = _orders.Select({|SSDLC0407:"Customer = '" + customer + "'"|});
                    DataRow[] sorted = _orders.Select({|SSDLC0407:$"Status = '{status}'"|}, "Created DESC");
                    return Ok(rows.Length + sorted.Length);
                }

                [HttpGet("total")]
                public IActionResult Total(string region)
                    => Ok(_orders.Compute("SUM(Amount)", {|SSDLC0407:"Region = '" + region + "'"|}));

                [HttpGet("stat")]
                public IActionResult Stat(string aggregate)
                    => Ok(_orders.Compute({|SSDLC0407:aggregate + "(Amount)"|}, "Amount > 0"));
            }

            public class GridFilter
            {
                public DataView Apply(DataTable table, string text, string formula)
                {
                    var view = new DataView(table);
                    view.RowFilter = {|SSDLC0407:"Name LIKE '%" + text + "%'"|};
                    table.Columns.Add("Computed", typeof(decimal), {|SSDLC0407:formula|});
                    var column = new DataColumn("Total", typeof(decimal), {|SSDLC0407:"Price * " + formula|});
                    table.Columns["Discount"]!.Expression = {|SSDLC0407:formula|};
                    return new DataView(table, {|SSDLC0407:"Owner = '" + text + "'"|}, "Name", DataViewRowState.CurrentRows);
                }
            }
            """);
        Assert.Equal(
            "The filter expression passed to DataTable.Select is built from non-constant values; keep the expression constant and pass values "
            + "as parameters (@0 in dynamic LINQ), compare values in code (LINQ lambdas), or map the choice to a constant",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Dynamic_linq_strings_built_from_values()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Linq;
            using System.Linq.Dynamic.Core;
            using Microsoft.AspNetCore.Builder;

            public class Product { public string Name { get; set; } = ""; public decimal Price { get; set; } public int Stock { get; set; } }

            public static class ProductEndpoints
            {
                public static void Map(WebApplication app, IQueryable<Product> products)
                {
                    app.MapGet("/products", (string filter, string sort, string fields) =>
                    {
                        var found = products.Where({|SSDLC0407:filter|});
                        var ordered = found.OrderBy({|SSDLC0407:sort + " desc"|});
                        return ordered.Select({|SSDLC0407:$"new ({fields})"|}).ToDynamicList();
                    });
                }
            }

            public class ProductSearch
            {
                public IQueryable<Product> ByName(IQueryable<Product> products, string name)
                    => products.Where({|SSDLC0407:"Name == \"" + name + "\""|});

                public bool Any(IQueryable<Product> products, string condition, ParsingConfig config)
                    => products.Any(config, {|SSDLC0407:condition|});

                public System.Linq.Expressions.LambdaExpression Parse(string rule)
                    => DynamicExpressionParser.ParseLambda(typeof(Product), typeof(bool), {|SSDLC0407:rule|});

                public IQueryable Group(IQueryable<Product> products, string key)
                    => products.GroupBy({|SSDLC0407:key|});
            }
            """);
        Assert.StartsWith("The dynamic LINQ predicate passed to Where is built from non-constant values;", diagnostics[0].GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("The dynamic LINQ ordering passed to OrderBy", diagnostics[1].GetMessage(), StringComparison.Ordinal);
        Assert.StartsWith("The dynamic LINQ expression passed to DynamicExpressionParser.ParseLambda", diagnostics[5].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constant_parameterised_escaped_and_mapped_expressions_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Data;
            using System.Linq;
            using System.Linq.Dynamic.Core;

            public class Product { public string Name { get; set; } = ""; public decimal Price { get; set; } public int Stock { get; set; } }

            public enum Status { Open, Closed }

            public class SafeQueries
            {
                private const string InStock = "Stock > 0";

                public object Run(IQueryable<Product> products, DataTable table, string name, int minimum, Status status, string sortKey, bool descending)
                {
                    var a = products.Where("Name == @0 && Price > @1", name, minimum);
                    var b = products.Where(InStock).OrderBy("Price desc, Name");
                    var c = products.Where($"Stock >= {minimum}");
                    string ordering = sortKey switch
                    {
                        "price" => "Price",
                        "stock" => "Stock",
                        _ => "Name",
                    };
                    var d = products.OrderBy(descending ? ordering + " desc" : ordering);
                    var e = products.Where(p => p.Name == name);
                    var f = products.Select("new (Name, Price)");

                    DataRow[] rows = table.Select("Status = '" + status + "' AND Stock >= " + minimum);
                    DataRow[] quoted = table.Select("Name = '" + name.Replace("'", "''") + "'");
                    DataRow[] escaped = table.Select("Name LIKE '" + EscapeLikeValue(name) + "*'", sortKey);
                    var view = new DataView(table) { Sort = sortKey + (descending ? " DESC" : " ASC") };
                    view.RowFilter = "Stock > 0";
                    object total = table.Compute("SUM(Price)", "Stock > " + minimum);
                    var linq = table.AsEnumerable().Where(r => r.Field<string>("Name") == name).ToList();
                    return (a, b, c, d, e, f, rows, quoted, escaped, view, total, linq);
                }

                private static string EscapeLikeValue(string value)
                    => value.Replace("'", "''").Replace("[", "[[]").Replace("*", "[*]").Replace("%", "[%]");
            }
            """);
    }

    [Fact]
    public async Task Escaping_that_does_not_double_quotes_is_no_protection()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Data;

            public class Lookups
            {
                public DataRow[] Find(DataTable table, string name)
                {
                    DataRow[] a = table.Select({|SSDLC0407:"Name = '" + name.Replace("\"", "\"\"") + "'"|});
                    DataRow[] b = table.Select({|SSDLC0407:"Name = '" + Uri.EscapeDataString(name) + "'"|});
                    return a.Length > 0 ? a : b;
                }
            }
            """);
    }
}

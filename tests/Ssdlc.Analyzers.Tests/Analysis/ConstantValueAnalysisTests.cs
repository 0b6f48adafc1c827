using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

/// <summary>
/// Each sample calls <c>Constant(x)</c> where x must count as constant and <c>NonConstant(x)</c> where it must not;
/// one compilation per test, every call checked, all mismatches listed.
/// </summary>
public class ConstantValueAnalysisTests
{
    private const string Probes = """
        static partial class Probe
        {
            public static void Constant(object? value) { }
            public static void NonConstant(object? value) { }
        }
        """;

    [Fact]
    public void Literals_consts_nameof_and_their_concatenation_are_constant()
    {
        Check(""""
            using static Probe;
            class Sample
            {
                const string Table = "Users";
                const int Limit = 10;
                public void M(string input, int n)
                {
                    const string local = "Id";
                    Constant("SELECT 1");
                    Constant(Table);
                    Constant(local);
                    Constant(nameof(Sample));
                    Constant("SELECT * FROM " + Table + " WHERE " + local + " = @id");
                    Constant($"SELECT TOP {Limit} * FROM {Table}");
                    Constant($"SELECT {nameof(input)} FROM {Table}");
                    Constant("""
                        SELECT *
                        FROM Users
                        """);
                    Constant(string.Empty + "x");
                    Constant(null);
                    Constant(n > 0 ? "ASC" : "DESC");
                    Constant(n switch { 0 => "a", 1 => "b", _ => "c" });
                    NonConstant(input);
                    NonConstant("SELECT * FROM Users WHERE Name = '" + input + "'");
                    NonConstant($"SELECT * FROM Users WHERE Name = '{input}'");
                    NonConstant($"SELECT TOP {n} * FROM Users");
                    NonConstant(n > 0 ? "ASC" : input);
                    NonConstant(input ?? "x");
                    NonConstant(n switch { 0 => "a", _ => input });
                }
            }
            """");
    }

    [Fact]
    public void String_factories_and_pure_string_methods_over_constants_are_constant()
    {
        Check("""
            using System.Globalization;
            using System.Linq;
            using static Probe;
            class Sample
            {
                const string Table = "Users";
                public void M(string input, string[] columns)
                {
                    Constant(string.Concat("SELECT * FROM ", Table));
                    Constant(string.Format("SELECT * FROM {0} WHERE Id = {1}", Table, 5));
                    Constant(string.Format(CultureInfo.InvariantCulture, "SELECT * FROM {0}", Table));
                    Constant(string.Join(", ", "Id", "Name"));
                    Constant(string.Join(", ", new[] { "Id", "Name" }));
                    Constant(Table.ToUpperInvariant());
                    Constant(" x ".Trim().Replace("x", "y"));
                    NonConstant(string.Concat("SELECT * FROM ", input));
                    NonConstant(string.Format("SELECT * FROM {0}", input));
                    NonConstant(string.Join(", ", columns));
                    NonConstant(string.Join(", ", columns.Select(c => c)));
                    NonConstant(input.Trim());
                    NonConstant(Table.Replace("Users", input));
                    NonConstant(columns[0]);
                    NonConstant(input.ToString());
                    NonConstant(new string('x', 3));
                }
            }
            """);
    }

    [Fact]
    public void Locals_are_constant_only_when_every_write_is()
    {
        Check("""
            using System;
            using System.Collections.Generic;
            using static Probe;
            class Sample
            {
                public void M(string input, bool flag, List<string> names)
                {
                    var a = "SELECT * FROM Users";
                    Constant(a);

                    string b;
                    if (flag) { b = "SELECT 1"; } else { b = "SELECT 2"; }
                    Constant(b);

                    var c = "SELECT * FROM Users";
                    c += " WHERE Id = @id";
                    c = c + " ORDER BY Id";
                    Constant(c);

                    string? d = null;
                    d ??= "x";
                    Constant(d);

                    var e = "SELECT";
                    Constant(e + a + b);

                    var f = "SELECT * FROM Users";
                    if (flag) { f = f + " WHERE Name = '" + input + "'"; }
                    NonConstant(f);

                    var g = "x";
                    g += input;
                    NonConstant(g);

                    var h = "x";
                    Action later = () => h = input;
                    NonConstant(h);

                    var i = "x";
                    Overwrite(ref i);
                    NonConstant(i);

                    var j = "x";
                    Out(out j);
                    NonConstant(j);

                    var k = "x";
                    (k, var other) = (input, 1);
                    NonConstant(k);

                    foreach (var name in new[] { "a", "b" }) { NonConstant(name); }

                    if (input is string l) { NonConstant(l); }

                    var m = input;
                    var n = m;
                    NonConstant(n);

                    var o = "x";
                    LocalFunction();
                    NonConstant(o);
                    void LocalFunction() => o = input;
                }

                static void Overwrite(ref string s) => s = Console.ReadLine() ?? "";
                static void Out(out string s) => s = Console.ReadLine() ?? "";
            }
            """);
    }

    [Fact]
    public void Fields_parameters_properties_and_method_results()
    {
        Check("""
            using static Probe;
            class Sample
            {
                private static readonly string ReadonlySql = "SELECT * FROM Users";
                private static readonly string ReadonlyComposed = ReadonlySql + " WHERE Id = @id";
                private static readonly string FromEnvironment = System.Environment.GetEnvironmentVariable("SQL") ?? "";
                private static readonly string ReassignedInCctor = "SELECT 1";
                private static string s_mutable = "SELECT 1";
                private readonly string _instanceReadonly = "SELECT 1";
                private static readonly string SelfReferencing = SelfReferencing + "x";

                static Sample()
                {
                    ReassignedInCctor = System.Environment.GetEnvironmentVariable("SQL") ?? "";
                }

                public string Property { get; set; } = "SELECT 1";

                public void M(string parameter)
                {
                    Constant(ReadonlySql);
                    Constant(ReadonlyComposed);
                    NonConstant(FromEnvironment);
                    NonConstant(ReassignedInCctor);
                    NonConstant(s_mutable);
                    NonConstant(_instanceReadonly);
                    NonConstant(parameter);
                    NonConstant(Property);
                    Constant(GetSql());
                    NonConstant(new System.Text.StringBuilder("SELECT").ToString());
                    Constant(SelfReferencing);
                }

                private static string GetSql() => "SELECT 1";
            }
            """);
    }

    [Fact]
    public void Helper_methods_are_followed_with_their_arguments_and_parameters_through_their_callers()
    {
        Check("""
            using static Probe;
            public class Sample
            {
                private const string Table = "Users";

                public void M(string input, bool flag)
                {
                    Constant(Select("Id"));
                    Constant(Select(Table));
                    NonConstant(Select(input));
                    Constant(Either(flag));
                    NonConstant(Configured());
                    NonConstant(Recursive(3));
                    Run("SELECT 1");
                    Run("SELECT " + Table);
                    Mixed("SELECT 1");
                    Mixed(input);
                    Public("SELECT 1");
                }

                private static string Select(string column) => "SELECT " + column + " FROM " + Table;

                private static string Either(bool flag)
                {
                    if (flag)
                    {
                        return "ASC";
                    }

                    return "DESC";
                }

                private static string Configured() => System.Environment.GetEnvironmentVariable("SQL") ?? "SELECT 1";

                private static string Recursive(int n) => n == 0 ? "x" : Recursive(n - 1);

                private static void Run(string sql) => Constant(sql);

                private static void Mixed(string sql) => NonConstant(sql);

                public void Public(string sql) => NonConstant(sql);

                internal void Internal(string sql) => Constant(sql);

                private void CallInternal() => Internal("SELECT 2");

                private static void NeverCalled(string sql) => NonConstant(sql);
            }
            """);
    }

    [Fact]
    public void Static_readonly_field_in_another_file_is_judged_by_its_initializer()
    {
        const string other = """
            static class Queries
            {
                private const string Table = "Users";
                public static readonly string All = "SELECT * FROM Users" + " ORDER BY Id";
                public static readonly string Composed = $"SELECT * FROM {Table}" + Order;
                public static readonly string Order = Helpers.OrderBy("Id");
                public static readonly string Computed = System.Environment.MachineName;
            }

            static class Helpers
            {
                public static string OrderBy(string column) => " ORDER BY " + column;
            }
            """;
        Check("""
            using static Probe;
            class Sample
            {
                public void M()
                {
                    Constant(Queries.All);
                    Constant(Queries.Composed);
                    NonConstant(Queries.Computed);
                }
            }
            """, other);
    }

    [Fact]
    public void Self_referencing_and_mutually_referencing_locals_terminate()
    {
        Check("""
            using static Probe;
            class Sample
            {
                public void M(string input, int count)
                {
                    var s = "a";
                    for (int i = 0; i < count; i++) { s = s + "a"; }
                    Constant(s);

                    var x = "a";
                    var y = "b";
                    x = y + x;
                    y = x + y;
                    Constant(x);
                    Constant(y);

                    var p = "a";
                    var q = "b";
                    p = q;
                    q = p + input;
                    NonConstant(p);
                    NonConstant(q);
                }
            }
            """);
    }

    [Fact]
    public void A_long_chain_of_locals_is_evaluated_in_bounded_time()
    {
        var body = new System.Text.StringBuilder();
        body.AppendLine("var l0 = \"a\";");
        for (int i = 1; i <= 300; i++)
        {
            body.AppendLine($"var l{i} = l{i - 1} + l{i - 1};");
        }

        string source = $$"""
            using static Probe;
            class Sample
            {
                public void M()
                {
                    {{body}}
                    Constant(l10);
                    NonConstant(l300);
                }
            }
            """;

        // Doubling chains are exponential without memoisation; l300 is past the depth bound, so the answer is "non-constant".
        var stopwatch = Stopwatch.StartNew();
        Check(source);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Null_and_unrelated_operations_are_not_constant()
    {
        Assert.False(ConstantValueAnalysis.IsConstant(null));
    }

    [Fact]
    public void Trusted_parts_count_as_constant_in_concatenations_interpolations_and_locals()
    {
        // Trusted here: calls to Encode(...) and numbers.
        static bool Trusted(IOperation operation)
            => operation is IInvocationOperation { TargetMethod.Name: "Encode" }
               || operation.Type?.SpecialType == SpecialType.System_Int32;

        Check("""
            using static Probe;
            class Sample
            {
                static string Encode(string s) => s;
                public void M(string input, int count)
                {
                    Constant(Encode(input));
                    Constant("<b>" + Encode(input) + "</b>");
                    Constant($"<td>{Encode(input)}</td><td>{count}</td>");
                    var cell = "<td>" + Encode(input) + "</td>";
                    cell += $"<td>{count}</td>";
                    Constant(cell);
                    Constant(count > 0 ? Encode(input) : "none");
                    NonConstant(input);
                    NonConstant("<b>" + input + "</b>");
                    NonConstant($"<td>{Encode(input)}</td><td>{input}</td>");
                    var raw = Encode(input);
                    raw = input;
                    NonConstant(raw);
                    NonConstant(Encode(input).Length > 0 ? input : "x");
                }
            }
            """, Trusted);
    }

    private static void Check(string source, params string[] otherSources) => Check(source, null, otherSources);

    private static void Check(string source, Func<IOperation, bool>? trusted, params string[] otherSources)
    {
        var trees = new[] { source }.Concat(otherSources).Append(Probes)
            .Select((text, i) => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text, AnalyzerRunner.ParseOptions, $"/src/File{i}.cs"))
            .ToArray();
        Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "ConstantValueTests", trees, TestReferences.All, AnalyzerRunner.CompilationOptions);
        Verify.AssertCompiles(compilation);

        SyntaxTree tree = trees[0];
        SemanticModel model = compilation.GetSemanticModel(tree);
        var failures = new List<string>();
        int probes = 0;
        foreach (InvocationExpressionSyntax call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not IdentifierNameSyntax { Identifier.ValueText: "Constant" or "NonConstant" } name)
            {
                continue;
            }

            probes++;
            var invocation = (IInvocationOperation)model.GetOperation(call)!;
            bool expected = name.Identifier.ValueText == "Constant";
            bool actual = trusted is null
                ? ConstantValueAnalysis.IsConstant(invocation.Arguments[0].Value)
                : ConstantValueAnalysis.IsConstantOrTrusted(invocation.Arguments[0].Value, trusted);
            if (expected != actual)
            {
                int line = call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                failures.Add($"line {line}: {call} was judged {(actual ? "constant" : "non-constant")}");
            }
        }

        Assert.True(probes > 0, "the sample has no probes");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

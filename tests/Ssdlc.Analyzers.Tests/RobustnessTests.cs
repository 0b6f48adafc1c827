using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ssdlc.Analyzers.Injection;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests;

/// <summary>Every analyzer in the assembly must survive broken, half-typed code: an exception (AD0001) is a defect.</summary>
public class RobustnessTests
{
    public static TheoryData<string, string> BrokenSources => new()
    {
        {
            "syntax errors",
            """
            using Microsoft.Data.SqlClient;
            using System.Security.Cryptography;
            public class Broken {
                public void M(SqlConnection c, string x {
                    var cmd = new SqlCommand("SELECT " + x, c;
                    cmd.CommandText = ;
                    cmd.CommandText = "a" +
                    using var md5 = MD5.Create(
                    var h = IncrementalHash.CreateHash(HashAlgorithmName.);
            """
        },
        {
            "unresolved types and members",
            """
            using System.Security.Cryptography;
            public class Unresolved {
                public void M(string x) {
                    var a = new SqlComand("SELECT " + x);
                    a.CommandText = x + y;
                    var b = MD5x.Create();
                    var c = HashAlgorithmName.MD7;
                    var d = SHA1.HashData(undefined);
                    var e = IncrementalHash.CreateHash(undefined);
                    var f = HashAlgorithm.Create(undefined);
                    var g = new Rfc2898DeriveBytes(x, salt, 1, HashAlgorithmName.SHA1);
                    Undefined.FromSqlRaw($"{x}");
                    var h = MD5.Create();
                }
            }
            """
        },
        {
            "missing using directives and libraries",
            """
            using Dapper;
            using Microsoft.EntityFrameworkCore;
            using Not.A.Real.Namespace;
            public class Missing {
                public void M(System.Data.IDbConnection db, DbContext ctx, string x) {
                    db.Query<int>("SELECT " + x);
                    ctx.Database.ExecuteSqlRaw("DELETE " + x);
                    new FakeCommand { CommandText = x };
                }
            }
            """
        },
        {
            "incomplete statements, attributes and directives",
            """
            using System.Diagnostics.CodeAnalysis;
            using Microsoft.EntityFrameworkCore;
            [assembly: SuppressMessage(
            [SuppressMessage("Security", Justification = )]
            [SuppressMessage("Security", "SSDLC0401", Justification = 42)]
            [SuppressMessage(category: null, checkId: null)]
            public class Incomplete {
                public void M(DbContext db, string x) {
                    db.Database.ExecuteSqlRaw($"{
            #pragma warning disable
            #pragma warning disable SSDLC
            #pragma warning disable CA2100,
            #pragma warning restore
            """
        },
        {
            "self references, cycles and unassigned locals",
            """
            using Microsoft.Data.SqlClient;
            public class Cycles {
                private static readonly string A = B + "x";
                private static readonly string B = A + "y";
                public void M(SqlCommand cmd, string input) {
                    var s = s + "x";
                    string t;
                    cmd.CommandText = t;
                    cmd.CommandText = A;
                    string u = u;
                    (u, var v) = (u, v);
                    cmd.CommandText = u;
                    cmd.CommandText = Recurse(cmd.CommandText = cmd.CommandText);
                }
                private static string Recurse(string x) => Recurse(x);
            }
            """
        },
        {
            "top-level statements and lambdas",
            """
            using System;
            using Microsoft.Data.SqlClient;
            using System.Security.Cryptography;
            var x = args[0];
            Func<SqlCommand, string> f = c => c.CommandText = x;
            new SqlCommand { CommandText = x + };
            Action a = () => { using var md5 = MD5.Create(); };
            """
        },
        {
            "half-typed secrets and credentials",
            """
            using System.Net;
            using System.Collections.Generic;
            public class Secrets {
                private const string Password = "Pass" + ;
                private string ApiKey = $"{Undefined}key" + ;
                public object M() {
                    var c = new NetworkCredential("user", );
                    var d = new Dictionary<string, string> { ["Password"] = , { "Token", } };
                    var e = new { ClientSecret = "-----BEGIN RSA PRIVATE KEY-----\n" };
                    Undefined.Password = "Winter" + 2024 + ;
                    new UnknownType("user", password: "Winter2024!x");
                    return $"Server={x};Password=
            """
        },
        {
            "garbage",
            "}}}} {{ class ; #pragma warning disable SSDLC0401 \n [SuppressMessage( \n $\"{ \"\"\" @ "
        },
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task All_analyzers_survive_broken_code(string description, string source)
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = AllAnalyzers();
        foreach (IEnumerable<MetadataReference> references in new[] { TestReferences.All, TestReferences.CoreOnly })
        {
            Compilation compilation = AnalyzerRunner.CreateCompilation(source, references);
            Assert.NotEmpty(AnalyzerRunner.CompilerErrors(compilation));
            AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, analyzers);
            Assert.True(result.AnalyzerFailures.IsEmpty, $"{description}:\n{string.Join("\n", result.AnalyzerFailures)}");
        }
    }

    [Fact]
    public async Task Analyzers_still_report_in_broken_code_where_they_can()
    {
        // Guards the robustness test itself: the analyzers do run over these sources, they are not skipped wholesale.
        Compilation compilation = AnalyzerRunner.CreateCompilation((string)BrokenSources.Skip(1).First()[1]);
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(compilation, AllAnalyzers());
        Assert.Contains(result.Diagnostics, d => d.Id == "SSDLC1001");
    }

    [Fact]
    public void All_analyzers_are_discovered()
    {
        Assert.Equal(
            new[] { "SqlInjectionAnalyzer", "UnjustifiedSuppressionAnalyzer", "WeakHashAlgorithmAnalyzer" },
            AllAnalyzers().Select(a => a.GetType().Name).Intersect(new[] { "SqlInjectionAnalyzer", "UnjustifiedSuppressionAnalyzer", "WeakHashAlgorithmAnalyzer" }).OrderBy(n => n));
    }

    private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers()
        => typeof(SqlInjectionAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

/// <summary>Probes: <c>Guarded()</c> must run only in Development, <c>Unguarded()</c> must not be seen as guarded.</summary>
public class EnvironmentGuardAnalysisTests
{
    private const string Probes = """
        static partial class Probe
        {
            public static bool Guarded() => true;
            public static bool Unguarded() => true;
        }
        """;

    [Fact]
    public void If_else_ternary_and_conditions()
    {
        Check("""
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            using static Probe;

            public class Startup
            {
                public void Configure(IWebHostEnvironment env, bool flag)
                {
                    if (env.IsDevelopment()) { Guarded(); } else { Unguarded(); }
                    if (!env.IsDevelopment()) { Unguarded(); } else { Guarded(); }
                    if (env.IsDevelopment() && flag) Guarded();
                    if (flag && env.IsEnvironment("development")) Guarded();
                    if (env.IsDevelopment() || flag) Unguarded();
                    if (env.IsEnvironment("Staging")) Unguarded();
                    if (env.IsProduction()) Unguarded(); else Unguarded();
                    if (env.EnvironmentName == "Development") Guarded();
                    if (env.EnvironmentName != Environments.Development) Unguarded(); else Guarded();
                    if (env.IsDevelopment() is true) Guarded();
                    if (!(flag || !env.IsDevelopment())) Guarded();
                    var a = env.IsDevelopment() ? Guarded() : Unguarded();
                    var b = !env.IsDevelopment() ? Unguarded() : Guarded();
                    if (env.IsDevelopment()) { }
                    Unguarded();
                    if (env.IsDevelopment()) { System.Action act = () => Guarded(); }
                    bool dev = env.IsDevelopment();
                    if (dev) Guarded();
                    bool changed = env.IsDevelopment();
                    changed = flag;
                    if (changed) Unguarded();
                    if (Unguarded()) { }
                }
            }
            """);
    }

    [Fact]
    public void Early_exits()
    {
        Check("""
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            using static Probe;

            public class Setup
            {
                public void Before(IHostEnvironment env)
                {
                    Unguarded();
                    if (!env.IsDevelopment()) return;
                    Guarded();
                    { Guarded(); }
                }

                public void Throws(IHostEnvironment env)
                {
                    if (!env.IsDevelopment())
                    {
                        throw new System.InvalidOperationException();
                    }

                    Guarded();
                }

                public void NoExit(IHostEnvironment env)
                {
                    if (!env.IsDevelopment())
                    {
                        System.Console.WriteLine("production");
                    }

                    Unguarded();
                }

                public void WrongDirection(IHostEnvironment env)
                {
                    if (env.IsDevelopment()) return;
                    Unguarded();
                }

                public void Nested(IHostEnvironment env, bool flag)
                {
                    if (flag)
                    {
                        if (!env.IsDevelopment()) return;
                    }

                    Unguarded();
                }
            }
            """);
    }

    private static void Check(string source)
    {
        var trees = new[] { source, Probes }
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, AnalyzerRunner.ParseOptions, $"/src/File{i}.cs"))
            .ToArray();
        Compilation compilation = CSharpCompilation.Create("GuardTests", trees, TestReferences.All, AnalyzerRunner.CompilationOptions);
        Verify.AssertCompiles(compilation);
        SyntaxTree tree = trees[0];
        SemanticModel model = compilation.GetSemanticModel(tree);
        var failures = new List<string>();
        int probes = 0;
        foreach (InvocationExpressionSyntax call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not IdentifierNameSyntax { Identifier.ValueText: "Guarded" or "Unguarded" } name)
            {
                continue;
            }

            probes++;
            bool guarded = EnvironmentGuardAnalysis.IsGuardedByDevelopmentCheck(model.GetOperation(call)!);
            if (guarded != (name.Identifier.ValueText == "Guarded"))
            {
                failures.Add($"line {call.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {call}: guarded = {guarded}");
            }
        }

        Assert.True(probes > 5);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

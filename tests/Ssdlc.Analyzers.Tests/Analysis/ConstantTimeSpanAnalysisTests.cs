using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

/// <summary>
/// Each sample calls <c>Is("value", x)</c> where x must evaluate to the TimeSpan that <c>TimeSpan.Parse("value")</c>
/// gives (invariant culture), and <c>Unknown(x)</c> where x must not count as fixed at compile time.
/// </summary>
public class ConstantTimeSpanAnalysisTests
{
    private const string Probes = """
        static partial class Probe
        {
            public static void Is(string expected, System.TimeSpan value) { }
            public static void Unknown(System.TimeSpan value) { }
        }
        """;

    [Fact]
    public void Factories_constructors_and_well_known_values()
    {
        Check("""
            using System;
            using static Probe;
            class Sample
            {
                const int Minutes = 45;
                const double HalfHour = 0.5;
                public void M()
                {
                    Is("00:30:00", TimeSpan.FromMinutes(30));
                    Is("00:45:00", TimeSpan.FromMinutes(Minutes));
                    Is("00:30:00", TimeSpan.FromHours(HalfHour));
                    Is("02:00:00", TimeSpan.FromHours(2));
                    Is("14.00:00:00", TimeSpan.FromDays(14));
                    Is("00:00:20", TimeSpan.FromSeconds(20));
                    Is("00:00:00.5000000", TimeSpan.FromMilliseconds(500));
                    Is("00:00:00.0000010", TimeSpan.FromTicks(10));
                    Is("1.02:00:00", TimeSpan.FromDays(1, 2));
                    Is("01:30:00", TimeSpan.FromHours(1, 30));
                    Is("08:00:00", new TimeSpan(8, 0, 0));
                    Is("2.08:00:00", new TimeSpan(2, 8, 0, 0));
                    Is("00:00:01", new TimeSpan(10_000_000));
                    Is("00:00:00", TimeSpan.Zero);
                    Is("00:00:00", default(TimeSpan));
                    Is("00:00:00", new TimeSpan());
                }
            }
            """);
    }

    [Fact]
    public void Locals_and_static_readonly_fields_with_one_constant_value()
    {
        Check("""
            using System;
            using static Probe;
            class Sample
            {
                private static readonly TimeSpan Idle = TimeSpan.FromHours(4);
                private static readonly TimeSpan Computed = TimeSpan.FromHours(DateTime.Now.Hour);
                private readonly TimeSpan instance = TimeSpan.FromHours(1);
                private static TimeSpan mutable = TimeSpan.FromHours(1);

                public void M(bool flag)
                {
                    var timeout = TimeSpan.FromMinutes(90);
                    Is("01:30:00", timeout);
                    Is("04:00:00", Idle);
                    var reassigned = TimeSpan.FromMinutes(10);
                    if (flag) { reassigned = TimeSpan.FromDays(3); }
                    Unknown(reassigned);
                    Unknown(Computed);
                    Unknown(instance);
                    Unknown(mutable);
                    Unknown(WithConstructor.Timeout);
                }
            }

            class WithConstructor
            {
                public static readonly TimeSpan Timeout = TimeSpan.FromHours(1);

                static WithConstructor() => Timeout = TimeSpan.FromDays(2);
            }
            """);
    }

    [Fact]
    public void Run_time_values_and_arithmetic_are_unknown()
    {
        Check("""
            using System;
            using static Probe;
            class Sample
            {
                public void M(int minutes, TimeSpan given, string text)
                {
                    Unknown(TimeSpan.FromMinutes(minutes));
                    Unknown(given);
                    Unknown(TimeSpan.Parse(text));
                    Unknown(TimeSpan.FromMinutes(10) * 2);
                    Unknown(TimeSpan.FromMinutes(10).Add(given));
                    Unknown(new TimeSpan(minutes, 0, 0));
                    Unknown(TimeSpan.FromDays(double.NaN));
                    Unknown(TimeSpan.FromDays(1e300));
                }
            }
            """);
    }

    [Fact]
    public void Describe_is_short_and_readable()
    {
        Assert.Equal("45 minutes", ConstantTimeSpanAnalysis.Describe(TimeSpan.FromMinutes(45)));
        Assert.Equal("1 hour", ConstantTimeSpanAnalysis.Describe(TimeSpan.FromHours(1)));
        Assert.Equal("14 days", ConstantTimeSpanAnalysis.Describe(TimeSpan.FromDays(14)));
        Assert.Equal("2 days 12 hours", ConstantTimeSpanAnalysis.Describe(TimeSpan.FromHours(60)));
        Assert.Equal("36 hours", ConstantTimeSpanAnalysis.Describe(TimeSpan.FromHours(36)));
        Assert.Equal("90 seconds", ConstantTimeSpanAnalysis.Describe(TimeSpan.FromSeconds(90)));
        Assert.Equal("zero", ConstantTimeSpanAnalysis.Describe(TimeSpan.Zero));
        Assert.Equal("negative", ConstantTimeSpanAnalysis.Describe(TimeSpan.FromMinutes(-1)));
    }

    private static void Check(string source)
    {
        var trees = new[] { source, Probes }
            .Select((text, i) => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text, AnalyzerRunner.ParseOptions, $"/src/File{i}.cs"))
            .ToArray();
        Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "ConstantTimeSpanTests", trees, TestReferences.All, AnalyzerRunner.CompilationOptions);
        Verify.AssertCompiles(compilation);

        SemanticModel model = compilation.GetSemanticModel(trees[0]);
        var failures = new List<string>();
        int probes = 0;
        foreach (InvocationExpressionSyntax call in trees[0].GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not IdentifierNameSyntax { Identifier.ValueText: "Is" or "Unknown" } name)
            {
                continue;
            }

            probes++;
            var invocation = (IInvocationOperation)model.GetOperation(call)!;
            IOperation value = invocation.Arguments[^1].Value;
            bool known = ConstantTimeSpanAnalysis.TryGetConstant(value, out TimeSpan actual);
            if (name.Identifier.ValueText == "Unknown")
            {
                if (known)
                {
                    failures.Add($"{call}: evaluated to {actual}, expected unknown");
                }

                continue;
            }

            var expected = TimeSpan.Parse((string)invocation.Arguments[0].Value.ConstantValue.Value!, System.Globalization.CultureInfo.InvariantCulture);
            if (!known || actual != expected)
            {
                failures.Add($"{call}: {(known ? actual.ToString() : "unknown")}, expected {expected}");
            }
        }

        Assert.True(probes > 0, "the sample has no probes");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

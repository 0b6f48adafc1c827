using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ssdlc.Analyzers.Analysis;
using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Analysis;

/// <summary>
/// <c>SymbolNames</c> answers what comparing a namespace's or a type's display string with a constant answered, without
/// building the string: name by name from the innermost symbol outwards, so a namespace nested in the name, a namespace
/// whose name merely starts with it and a namespace of the same name under another root do not match.
/// </summary>
public class SymbolNamesTests
{
    private const string Source = """
        #nullable enable
        namespace Microsoft.AspNetCore.Http.Features { public class Feature { } }
        namespace Microsoft.AspNetCoreX { public class Near { } }
        namespace Foo.System.IO { public class File { } }
        namespace Outer
        {
            public class Sockets { public class TcpClient { } }
            public class Box<T> { public class Item { } }
            public class Holder { public System.Uri? Maybe { get; set; } public System.Uri Surely { get; set; } = null!; }
        }
        public class Global { }
        """;

    private static readonly Compilation Compilation = CSharpCompilation.Create(
        "SymbolNames",
        new[] { CSharpSyntaxTree.ParseText(Source, AnalyzerRunner.ParseOptions) },
        TestReferences.All,
        AnalyzerRunner.CompilationOptions);

    [Fact]
    public void The_sample_compiles() => Verify.AssertCompiles(Compilation);

    [Theory]
    [InlineData("System.IO", "System.IO", true)]
    [InlineData("System", "System", true)]
    [InlineData("System.IO", "System", false)]
    [InlineData("System", "System.IO", false)]
    [InlineData("System.IO", "IO", false)]
    [InlineData("System.IO", "System.I", false)]
    [InlineData("System.IO", "ystem.IO", false)]
    [InlineData("System.IO", "System.IOX", false)]
    [InlineData("System.IO", "System.IO.", false)]
    [InlineData("System.IO", ".System.IO", false)]
    [InlineData("System.IO", "System_IO", false)]
    [InlineData("System.IO", "system.io", false)]
    [InlineData("System.IO", "", false)]
    [InlineData("Foo.System.IO", "System.IO", false)]
    [InlineData("Foo.System.IO", "Foo.System.IO", true)]
    [InlineData("Microsoft.AspNetCore.Http.Features", "Microsoft.AspNetCore.Http.Features", true)]
    [InlineData("Microsoft.AspNetCore.Http.Features", "Microsoft.AspNetCore", false)]
    [InlineData("Microsoft.AspNetCoreX", "Microsoft.AspNetCore", false)]
    public void A_namespace_is_only_its_own_full_name(string actual, string asked, bool expected)
        => Assert.Equal(expected, SymbolNames.IsNamespace(Namespace(actual), asked));

    [Fact]
    public void A_namespace_is_one_of_several_only_when_one_is_its_full_name()
    {
        Assert.True(SymbolNames.IsNamespace(Namespace("System.IO"), new[] { "System", "System.IO" }));
        Assert.False(SymbolNames.IsNamespace(Namespace("Foo.System.IO"), new[] { "System", "System.IO" }));
        Assert.False(SymbolNames.IsNamespace(Namespace("System.IO"), System.Array.Empty<string>()));
    }

    [Theory]
    [InlineData("System.IO", "System.IO", true)]
    [InlineData("System.IO", "System", true)]
    [InlineData("System", "System.IO", false)]
    [InlineData("System.IO", "IO", false)]
    [InlineData("System.IO", "Sys", false)]
    [InlineData("Microsoft.AspNetCore.Http.Features", "Microsoft.AspNetCore", true)]
    [InlineData("Microsoft.AspNetCore.Http.Features", "Microsoft.AspNetCore.Http", true)]
    [InlineData("Microsoft.AspNetCore.Http.Features", "Microsoft", true)]
    [InlineData("Microsoft.AspNetCore.Http.Features", "AspNetCore.Http", false)]
    [InlineData("Microsoft.AspNetCore.Http.Features", "Microsoft.AspNetCore.Http.Features.Extra", false)]
    [InlineData("Microsoft.AspNetCoreX", "Microsoft.AspNetCore", false)]
    [InlineData("Microsoft.AspNetCoreX", "Microsoft", true)]
    [InlineData("Foo.System.IO", "System.IO", false)]
    [InlineData("Foo.System.IO", "System", false)]
    [InlineData("Foo.System.IO", "Foo.System", true)]
    [InlineData("System.IO", "", false)]
    public void A_namespace_is_in_itself_and_in_the_namespaces_that_contain_it(string actual, string asked, bool expected)
        => Assert.Equal(expected, SymbolNames.IsInNamespace(Namespace(actual), asked));

    [Theory]
    [InlineData("")]
    [InlineData("System")]
    [InlineData("<global namespace>")]
    [InlineData("Global")]
    public void The_global_namespace_and_null_match_no_name(string asked)
    {
        Assert.False(SymbolNames.IsNamespace(Compilation.GlobalNamespace, asked));
        Assert.False(SymbolNames.IsInNamespace(Compilation.GlobalNamespace, asked));
        Assert.False(SymbolNames.IsNamespace(null, asked));
        Assert.False(SymbolNames.IsInNamespace(null, asked));
        Assert.False(SymbolNames.DisplaysAs(null, asked));
        Assert.False(SymbolNames.IsType(null, asked, "Uri"));
        Assert.False(SymbolNames.IsType(Type("Global"), asked, "Global"));
    }

    [Theory]
    [InlineData("System.Uri", "System.Uri", true)]
    [InlineData("System.Uri", "Uri", false)]
    [InlineData("System.Uri", "System.Ur", false)]
    [InlineData("System.Uri", "ystem.Uri", false)]
    [InlineData("System.Uri", "System.Uri.", false)]
    [InlineData("System.Uri", "Foo.System.Uri", false)]
    [InlineData("System.Net.Sockets.TcpClient", "System.Net.Sockets.TcpClient", true)]
    [InlineData("System.Net.Sockets.TcpClient", "System.Net.TcpClient", false)]
    [InlineData("System.Net.Sockets.TcpClient", "Net.Sockets.TcpClient", false)]
    [InlineData("Foo.System.IO.File", "System.IO.File", false)]
    [InlineData("Foo.System.IO.File", "Foo.System.IO.File", true)]
    [InlineData("System.IO.File", "System.IO.File", true)]
    [InlineData("Outer.Sockets+TcpClient", "Outer.Sockets.TcpClient", true)]
    [InlineData("Outer.Sockets+TcpClient", "Outer.TcpClient", false)]
    [InlineData("Outer.Sockets+TcpClient", "Sockets.TcpClient", false)]
    [InlineData("Outer.Sockets+TcpClient", "Outer.Sockets+TcpClient", false)]
    [InlineData("Outer.Box`1+Item", "Outer.Box.Item", false)]
    [InlineData("Outer.Box`1", "Outer.Box", false)]
    [InlineData("System.Collections.Generic.List`1", "System.Collections.Generic.List", false)]
    [InlineData("System.String", "System.String", false)]
    [InlineData("System.Int32", "System.Int32", false)]
    [InlineData("System.DateTime", "System.DateTime", true)]
    [InlineData("Global", "Global", true)]
    [InlineData("Global", ".Global", false)]
    public void A_type_displays_as_its_full_name_without_type_arguments_or_keywords(string metadataName, string asked, bool expected)
    {
        INamedTypeSymbol type = Type(metadataName);
        Assert.Equal(expected, SymbolNames.DisplaysAs(type, asked));
        Assert.Equal(type.ToDisplayString() == asked, SymbolNames.DisplaysAs(type, asked));
    }

    [Fact]
    public void A_type_annotated_nullable_does_not_display_as_its_name()
    {
        INamedTypeSymbol holder = Type("Outer.Holder");
        ITypeSymbol maybe = holder.GetMembers("Maybe").OfType<IPropertySymbol>().Single().Type;
        ITypeSymbol surely = holder.GetMembers("Surely").OfType<IPropertySymbol>().Single().Type;

        Assert.Equal("System.Uri?", maybe.ToDisplayString());
        Assert.False(SymbolNames.DisplaysAs(maybe, "System.Uri"));
        Assert.True(SymbolNames.DisplaysAs(surely, "System.Uri"));
        Assert.True(SymbolNames.IsType(maybe, "System", "Uri"));
        Assert.True(SymbolNames.IsNamespace(maybe.ContainingNamespace, "System"));
    }

    [Fact]
    public void Types_that_are_not_named_types_display_as_no_type_name()
    {
        Assert.False(SymbolNames.DisplaysAs(Compilation.CreateArrayTypeSymbol(Type("System.Uri")), "System.Uri"));
        Assert.False(SymbolNames.DisplaysAs(Type("System.Collections.Generic.List`1").TypeParameters[0], "T"));
    }

    [Theory]
    [InlineData("System.Uri", "System", "Uri", true)]
    [InlineData("System.Uri", "System", "Ur", false)]
    [InlineData("System.Uri", "System", "uri", false)]
    [InlineData("System.Uri", "Sys", "Uri", false)]
    [InlineData("System.Uri", "System.Net", "Uri", false)]
    [InlineData("System.IO.File", "System.IO", "File", true)]
    [InlineData("System.IO.File", "System", "File", false)]
    [InlineData("Foo.System.IO.File", "System.IO", "File", false)]
    [InlineData("System.Collections.Generic.List`1", "System.Collections.Generic", "List", true)]
    [InlineData("System.String", "System", "String", true)]
    [InlineData("Outer.Sockets+TcpClient", "Outer", "TcpClient", true)]
    [InlineData("Outer.Sockets+TcpClient", "Outer.Sockets", "TcpClient", false)]
    [InlineData("Microsoft.AspNetCoreX.Near", "Microsoft.AspNetCore", "Near", false)]
    public void A_type_in_a_namespace_is_its_name_and_exactly_that_namespace(string metadataName, string ns, string name, bool expected)
        => Assert.Equal(expected, SymbolNames.IsType(Type(metadataName), ns, name));

    [Fact]
    public void Every_referenced_namespace_and_type_agrees_with_its_display_string()
    {
        int namespaces = 0;
        int types = 0;
        Walk(Compilation.GlobalNamespace);
        Assert.True(namespaces > 100, namespaces.ToString());
        Assert.True(types > 10000, types.ToString());

        void Walk(INamespaceSymbol ns)
        {
            foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
            {
                string name = child.ToDisplayString();
                Assert.True(SymbolNames.IsNamespace(child, name), name);
                Assert.True(SymbolNames.IsInNamespace(child, name), name);
                Assert.False(SymbolNames.IsNamespace(child, name + "X"), name);
                Assert.False(SymbolNames.IsInNamespace(child, name + "X"), name);
                Assert.False(SymbolNames.IsInNamespace(child, "X" + name), name);
                Assert.False(SymbolNames.IsNamespace(child, name + ".X"), name);
                if (!ns.IsGlobalNamespace)
                {
                    string parent = ns.ToDisplayString();
                    Assert.False(SymbolNames.IsNamespace(child, parent), name);
                    Assert.True(SymbolNames.IsInNamespace(child, parent), name);
                    Assert.False(SymbolNames.IsNamespace(ns, name), name);
                    Assert.False(SymbolNames.IsInNamespace(ns, name), name);
                }

                namespaces++;
                Walk(child);
            }

            foreach (INamedTypeSymbol type in ns.GetTypeMembers())
            {
                WalkType(type, ns.IsGlobalNamespace ? type.Name : ns.ToDisplayString() + "." + type.Name);
            }
        }

        void WalkType(INamedTypeSymbol type, string dottedName)
        {
            string display = type.ToDisplayString();
            Assert.True(display == dottedName == SymbolNames.DisplaysAs(type, dottedName), display + " / " + dottedName);
            Assert.False(SymbolNames.DisplaysAs(type, dottedName + "X"), dottedName);
            Assert.False(SymbolNames.DisplaysAs(type, "X" + dottedName), dottedName);
            INamespaceSymbol ns = type.ContainingNamespace;
            Assert.Equal(!ns.IsGlobalNamespace, SymbolNames.IsType(type, ns.ToDisplayString(), type.Name));
            types++;
            foreach (INamedTypeSymbol nested in type.GetTypeMembers())
            {
                WalkType(nested, dottedName + "." + nested.Name);
            }
        }
    }

    private static INamespaceSymbol Namespace(string dottedName)
    {
        INamespaceSymbol ns = Compilation.GlobalNamespace;
        foreach (string part in dottedName.Split('.'))
        {
            ns = ns.GetNamespaceMembers().Single(n => n.Name == part);
        }

        return ns;
    }

    private static INamedTypeSymbol Type(string metadataName)
        => Compilation.GetTypeByMetadataName(metadataName) ?? throw new InvalidOperationException(metadataName);
}

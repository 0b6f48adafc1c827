using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.CodeFixes.Input;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Input.InsecureDeserializerAnalyzer>;
using VerifyFix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<Ssdlc.Analyzers.Input.InsecureDeserializerAnalyzer, Ssdlc.CodeFixes.Input.TypeNameHandlingNoneCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Input;

public class InsecureDeserializerAnalyzerTests
{
    /// <summary>.NET Framework serializers absent from .NET 10, declared under their real names.</summary>
    private const string LegacyStubs = """

        namespace System.Runtime.Serialization.Formatters.Soap { public sealed class SoapFormatter { public object Deserialize(System.IO.Stream s) => null!; } }
        namespace System.Runtime.Serialization { public sealed class NetDataContractSerializer { public object ReadObject(System.IO.Stream s) => null!; } }
        namespace System.Web.UI
        {
            public sealed class LosFormatter { public object Deserialize(string s) => null!; }
            public sealed class ObjectStateFormatter { public object Deserialize(string s) => null!; }
        }
        namespace System.Web.Script.Serialization
        {
            public abstract class JavaScriptTypeResolver { }
            public class SimpleTypeResolver : JavaScriptTypeResolver { }
            public class JavaScriptSerializer
            {
                public JavaScriptSerializer() { }
                public JavaScriptSerializer(JavaScriptTypeResolver? resolver) { }
                public T Deserialize<T>(string input) => default!;
            }
        }
        """;

    [Fact]
    public async Task Formatter_family_in_controllers_and_services()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            #pragma warning disable SYSLIB0011
            using System.IO;
            using System.Runtime.Serialization;
            using System.Runtime.Serialization.Formatters.Binary;
            using System.Runtime.Serialization.Formatters.Soap;
            using System.Web.UI;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [ApiController, Route("import")]
            public class ImportController : ControllerBase
            {
                [HttpPost]
                public IActionResult Import(IFormFile file)
                {
                    using Stream stream = file.OpenReadStream();
                    var formatter = {|SSDLC0202:new BinaryFormatter()|};
                    return Ok(formatter.Deserialize(stream));
                }
            }

            public class LegacyStateService
            {
                private readonly SoapFormatter _soap = {|SSDLC0202:new SoapFormatter()|};

                public object Read(Stream s) => {|SSDLC0202:new NetDataContractSerializer()|}.ReadObject(s);
                public object ReadView(string state) => {|SSDLC0202:new LosFormatter()|}.Deserialize(state);
                public object ReadControl(string state)
                {
                    ObjectStateFormatter formatter = {|SSDLC0202:new()|};
                    return formatter.Deserialize(state);
                }
                public object Soap(Stream s) => _soap.Deserialize(s);
            }
            """ + LegacyStubs);
        Assert.Equal(
            "BinaryFormatter lets the serialized data choose the types to create; use System.Text.Json or a serializer restricted to known types",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task JavaScriptSerializer_with_SimpleTypeResolver()
    {
        await VerifyCS.VerifyAsync("""
            using System.Web.Script.Serialization;

            public class LegacyJson
            {
                public T Read<T>(string json) => {|SSDLC0202:new JavaScriptSerializer(new SimpleTypeResolver())|}.Deserialize<T>(json);
                public T Safe<T>(string json) => new JavaScriptSerializer().Deserialize<T>(json);
                public T AlsoSafe<T>(string json) => new JavaScriptSerializer(null).Deserialize<T>(json);
            }
            """ + LegacyStubs);
    }

    [Fact]
    public async Task TypeNameHandling_in_settings_initialisers_assignments_and_serializers()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using Newtonsoft.Json;

            public class MessageQueue
            {
                private static readonly JsonSerializerSettings Settings = new()
                {
                    TypeNameHandling = {|SSDLC0202:TypeNameHandling.All|},
                    NullValueHandling = NullValueHandling.Ignore,
                };

                public object? Read(string json) => JsonConvert.DeserializeObject(json, Settings);

                public object? ReadAuto(string json)
                {
                    var settings = new JsonSerializerSettings();
                    settings.TypeNameHandling = {|SSDLC0202:TypeNameHandling.Auto|};
                    return JsonConvert.DeserializeObject(json, settings);
                }

                public JsonSerializer Create()
                {
                    var serializer = JsonSerializer.CreateDefault();
                    serializer.TypeNameHandling = {|SSDLC0202:TypeNameHandling.Objects|};
                    return serializer;
                }

                public object? Items(string json) => JsonConvert.DeserializeObject(json, new JsonSerializerSettings
                {
                    TypeNameHandling = {|SSDLC0202:TypeNameHandling.Objects | TypeNameHandling.Arrays|},
                });
            }
            """);
        Assert.Equal(
            "Json.NET TypeNameHandling TypeNameHandling.All lets the serialized data choose the types to create; use System.Text.Json or a serializer restricted to known types",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task TypeNameHandling_in_attributes_and_AddNewtonsoftJson_options()
    {
        await VerifyCS.VerifyAsync("""
            using System.Collections.Generic;
            using Microsoft.Extensions.DependencyInjection;
            using Newtonsoft.Json;

            public class Envelope
            {
                [JsonProperty(TypeNameHandling = {|SSDLC0202:TypeNameHandling.Auto|})]
                public object? Payload { get; set; }

                [JsonProperty(ItemTypeNameHandling = {|SSDLC0202:TypeNameHandling.All|})]
                public List<object> Items { get; set; } = new();

                [JsonProperty(TypeNameHandling = TypeNameHandling.None)]
                public object? Plain { get; set; }
            }

            [JsonObject(ItemTypeNameHandling = {|SSDLC0202:TypeNameHandling.Arrays|})]
            public class Batch { }

            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddControllers().AddNewtonsoftJson(o => o.SerializerSettings.TypeNameHandling = {|SSDLC0202:TypeNameHandling.Auto|});
                    services.AddControllers().AddNewtonsoftJson(o => o.SerializerSettings.TypeNameHandling = TypeNameHandling.None);
                }
            }

            // Microsoft.AspNetCore.Mvc.NewtonsoftJson's shape (the package is not referenced by the tests).
            namespace Microsoft.AspNetCore.Mvc
            {
                public class MvcNewtonsoftJsonOptions { public JsonSerializerSettings SerializerSettings { get; } = new(); }
            }

            namespace Microsoft.Extensions.DependencyInjection
            {
                public static class NewtonsoftJsonMvcBuilderExtensions
                {
                    public static IMvcBuilder AddNewtonsoftJson(this IMvcBuilder builder, System.Action<Microsoft.AspNetCore.Mvc.MvcNewtonsoftJsonOptions> setup) => builder;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_serializers_and_restrictive_binders_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Text.Json;
            using Newtonsoft.Json;
            using Newtonsoft.Json.Serialization;

            public class KnownTypesBinder : ISerializationBinder
            {
                private static readonly HashSet<Type> Allowed = new() { typeof(OrderPlaced), typeof(OrderShipped) };
                public Type BindToType(string? assemblyName, string typeName)
                {
                    foreach (Type t in Allowed) { if (t.FullName == typeName) return t; }
                    throw new JsonSerializationException("Type not allowed: " + typeName);
                }
                public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
                {
                    assemblyName = null;
                    typeName = serializedType.FullName;
                }
            }

            public record OrderPlaced(int Id);
            public record OrderShipped(int Id);

            public class Events
            {
                private static readonly JsonSerializerSettings Bound = new()
                {
                    TypeNameHandling = TypeNameHandling.Auto,
                    SerializationBinder = new KnownTypesBinder(),
                };

                private static readonly JsonSerializerSettings Plain = new() { TypeNameHandling = TypeNameHandling.None };

                public object? Read(string json) => JsonConvert.DeserializeObject(json, Bound);

                public object? ReadDefault(string json) => JsonConvert.DeserializeObject<OrderPlaced>(json);

                public OrderPlaced? ReadStj(string json) => System.Text.Json.JsonSerializer.Deserialize<OrderPlaced>(json);

                public object? ReadAssigned(string json)
                {
                    var settings = new JsonSerializerSettings();
                    settings.SerializationBinder = new KnownTypesBinder();
                    settings.TypeNameHandling = TypeNameHandling.Objects;
                    return JsonConvert.DeserializeObject(json, settings);
                }

                public object? Plainly(string json)
                {
                    var settings = new JsonSerializerSettings { TypeNameHandling = Plain.TypeNameHandling };
                    settings.TypeNameHandling = TypeNameHandling.None;
                    return JsonConvert.DeserializeObject(json, settings);
                }

                public object ReadXml(Stream s) => new System.Runtime.Serialization.DataContractSerializer(typeof(OrderPlaced)).ReadObject(s)!;
            }
            """);
    }

    [Fact]
    public async Task The_permissive_default_binder_does_not_make_TypeNameHandling_safe()
    {
        await VerifyCS.VerifyAsync("""
            using Newtonsoft.Json;
            using Newtonsoft.Json.Serialization;

            public class Queue
            {
                public object? Read(string json) => JsonConvert.DeserializeObject(json, new JsonSerializerSettings
                {
                    TypeNameHandling = {|SSDLC0202:TypeNameHandling.All|},
                    SerializationBinder = new DefaultSerializationBinder(),
                });
            }
            """);
    }

    [Fact]
    public async Task Fix_replaces_TypeNameHandling_with_None()
    {
        await VerifyFix.VerifyFixAsync(
            """
            using Newtonsoft.Json;

            public class Queue
            {
                private static readonly JsonSerializerSettings Settings = new() { TypeNameHandling = {|SSDLC0202:TypeNameHandling.All|} };
            }
            """,
            """
            using Newtonsoft.Json;

            public class Queue
            {
                private static readonly JsonSerializerSettings Settings = new() { TypeNameHandling = TypeNameHandling.None };
            }
            """);
    }

    [Fact]
    public async Task Fix_all_handles_attributes_and_assignments_and_skips_combinations()
    {
        await VerifyFix.VerifyFixAllAsync(
            """
            using Newtonsoft.Json;

            public class Envelope
            {
                [JsonProperty(TypeNameHandling = {|SSDLC0202:TypeNameHandling.Auto|})]
                public object? Payload { get; set; }

                public void Configure(JsonSerializer serializer)
                {
                    serializer.TypeNameHandling = {|SSDLC0202:TypeNameHandling.Objects|};
                    serializer.TypeNameHandling = {|SSDLC0202:TypeNameHandling.Objects | TypeNameHandling.Arrays|};
                }
            }
            """,
            """
            using Newtonsoft.Json;

            public class Envelope
            {
                [JsonProperty(TypeNameHandling = TypeNameHandling.None)]
                public object? Payload { get; set; }

                public void Configure(JsonSerializer serializer)
                {
                    serializer.TypeNameHandling = TypeNameHandling.None;
                    serializer.TypeNameHandling = {|SSDLC0202:TypeNameHandling.Objects | TypeNameHandling.Arrays|};
                }
            }
            """);
    }

    [Fact]
    public async Task No_fix_for_formatters()
    {
        await VerifyFix.VerifyNoFixAsync("""
            #pragma warning disable SYSLIB0011
            public class Legacy
            {
                public object Create() => {|SSDLC0202:new System.Runtime.Serialization.Formatters.Binary.BinaryFormatter()|};
            }
            """);
    }
}

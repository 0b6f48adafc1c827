namespace Ssdlc.EndToEnd.Tests.Infrastructure;

/// <summary>Small projects written by the tests; the samples cover realistic applications.</summary>
internal static class Projects
{
    public const string Version = PackedPackages.Version;

    public static string Console(string properties = "", string items = "", bool sdkForm = false, bool packageReference = true) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          {(sdkForm ? $"<Sdk Name=\"Ssdlc.Sdk\" Version=\"{Version}\" />" : string.Empty)}
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            {(packageReference ? $"<PackageReference Include=\"Ssdlc.Sdk\" Version=\"{Version}\" PrivateAssets=\"all\" />" : string.Empty)}
            {items}
          </ItemGroup>
        </Project>
        """;

    /// <summary>Only a Medium finding (SSDLC0001): it fails at High and above, not at Standard.</summary>
    public const string MediumOnlyCode = """
        internal static class Program
        {
        #pragma warning disable SSDLC1001
            private static void Main() => System.Console.WriteLine("hello");
        #pragma warning restore SSDLC1001
        }
        """;

    /// <summary>A High finding (SSDLC1001).</summary>
    public const string WeakHashCode = """
        using System.Security.Cryptography;

        internal static class Program
        {
            private static void Main(string[] args)
            {
                byte[] digest = MD5.HashData(System.Text.Encoding.UTF8.GetBytes(args.Length > 0 ? args[0] : "x"));
                System.Console.WriteLine(System.Convert.ToHexString(digest));
            }
        }
        """;

    public const string CleanCode = """
        internal static class Program
        {
            private static void Main() => System.Console.WriteLine("hello");
        }
        """;
}

using System.Security.Cryptography;
using System.Text;

// SSDLC1001: the same finding as in the PackageReference form, from the same analyzers.
byte[] digest = SHA1.HashData(Encoding.UTF8.GetBytes(args.Length > 0 ? args[0] : "hello"));
Console.WriteLine(Convert.ToHexString(digest));

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
            "half-typed ciphers, keys, TLS settings and paddings",
            """
            using System.Net;
            using System.Net.Http;
            using System.Security.Authentication;
            using System.Security.Cryptography;
            public class CryptoBroken {
                public void M(SymmetricAlgorithm alg, RSACryptoServiceProvider csp, string name, int bits) {
                    var a = DES.Create(;
                    var b = SymmetricAlgorithm.Create(name, );
                    var c = new TripleDESCryptoServiceProvider { Mode = CipherMode., BlockSize = };
                    alg.Mode = (CipherMode)undefined;
                    alg.EncryptEcb(;
                    new RijndaelManaged { BlockSize = "256" };
                    using var rsa = RSA.Create(bits +);
                    rsa.KeySize = ;
                    var r2 = RSA.Create();
                    r2.SignData(undefined, HashAlgorithmName.SHA256, );
                    r2.ImportFromPem(;
                    var e = ECDsa.Create(ECCurve.CreateFromFriendlyName());
                    var f = ECCurve.NamedCurves.brainpoolP999r9;
                    var g = ECCurve.CreateFromOid(new Oid());
                    var h = DSA.Create(undefined);
                    new HttpClientHandler { SslProtocols = SslProtocols.Tls11 | };
                    ServicePointManager.SecurityProtocol |= (SecurityProtocolType)"x";
                    SslProtocols p = SslProtocols.;
                    csp.Encrypt(undefined, );
                    csp.Decrypt(new byte[0], fOAEP: );
                    var pad = RSAEncryptionPadding.Pkcs1.;
                    rsa.Encrypt(new byte[0], RSAEncryptionPadding.Pkcs1, extra);
                    var k = RSA.Create(1024);
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;
                    csp.Decrypt(new byte[0], RSAEncryptionPadding.Pkcs1);
                    alg.Mode = CipherMode.ECB;
            """
        },
        {
            "half-typed cryptography, random, TLS and transport code",
            """
            using System;
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Cryptography;
            using System.Security.Cryptography.X509Certificates;
            using System.Text;
            public class HalfTyped {
                private static readonly byte[] Key = { 1, 2, undefined };
                private static readonly byte[] Self = Self;
                public void M(Random r, SslClientAuthenticationOptions o, X509Chain chain) {
                    var h = new HttpClientHandler { ServerCertificateCustomValidationCallback = (a, b, c) => true };
                    h.ServerCertificateCustomValidationCallback = Missing;
                    o.RemoteCertificateValidationCallback = delegate { return };
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.;
                    var token = r.Next(;
                    r.NextBytes(undefinedKey);
                    var apiKey = RandomNumberGenerator.GetBytes(x);
                    var secret = new byte[n]; RandomNumberGenerator.Fill(secret);
                    using var aes = Aes.Create(); aes.Key = Encoding.UTF8.GetBytes(; aes.IV = Self;
                    aes.CreateEncryptor(Key, [1, 2, ..Key]);
                    new HMACSHA256(Convert.FromBase64String("not base64!"));
                    new Uri("http://" + );
                    new HttpClient().GetAsync("http://[::1");
                    new Uri("http://");
                    var sc = new Microsoft.IdentityModel.Tokens.SigningCredentials(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes("k")), );
                    var sk = new Microsoft.IdentityModel.Tokens.SigningCredentials(Key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.);
                    var tv = new Microsoft.IdentityModel.Tokens.TokenValidationParameters { IssuerSigningKey = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey() };
                }
                string GenerateToken() => Alphabet[Random.Shared.Next(];
            }
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
        {
            "process, LDAP, XPath, HTML and upload-limit APIs half typed",
            """
            using System.Diagnostics;
            using System.DirectoryServices;
            using System.DirectoryServices.Protocols;
            using System.Xml;
            using System.Xml.XPath;
            using Microsoft.AspNetCore.Html;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Components;
            [DisableRequestSizeLimit(
            [RequestSizeLimit(long.MaxValue, )]
            [RequestFormLimits(MultipartBodyLengthLimit = )]
            public class Half : Controller {
                public IActionResult M(string x, XmlDocument d, XPathNavigator n, DirectorySearcher s) {
                    Process.Start(x, );
                    Process.Start("cmd.exe", "/c " + );
                    Process.Start("sh", new[] { "-c", x, );
                    var psi = new ProcessStartInfo { FileName = , Arguments = "/c" + x };
                    psi.ArgumentList.Add();
                    psi.ArgumentList.Add(x, x);
                    new ProcessStartInfo("bash") { ArgumentList = { "-c", } };
                    s.Filter = "(cn=" + ;
                    new SearchRequest(x, , SearchScope.Base);
                    new DirectoryEntry(undefined);
                    d.SelectNodes(x +);
                    n.Evaluate(;
                    new HtmlString(x +);
                    (MarkupString)x + ;
                    Response.ContentType = "text/html";
                    Response.WriteAsync(x, );
                    return Content(x, "text/html", );
                    return new ContentResult { ContentType = "text/html", Content = };
            """
        },
        {
            "unresolved injection and limit APIs",
            """
            public class Unresolved {
                public void M(string x, dynamic d) {
                    Process.Start(x);
                    new ProcessStartInfo(x) { Arguments = x };
                    Html.Raw(x);
                    Html.Raw(d.Bio);
                    d.Html.Raw(x);
                    Results.Content(x, "text/html");
                    new DirectorySearcher(x);
                    x.SelectSingleNode(x);
                    options.Limits.MaxRequestBodySize = null;
                    o.MultipartBodyLengthLimit = long.MaxValue;
                    Encoder.LdapFilterEncode(x);
                }
            }
            """
        },
        {
            "request-derived values, files, redirects, XML, regex and serializers half-typed",
            """
            using System.IO;
            using System.Xml;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Newtonsoft.Json;
            public class BrokenController : ControllerBase {
                public IActionResult Get(string name, IFormFile file, Undefined u) {
                    var p = Path.Combine("/srv", name, u.Path, file.FileName;
                    var s = s + name;
                    File.ReadAllText(p + undefined);
                    new FileStream(Path.Combine(file.FileName), );
                    Response.Headers["Content-Disposition"] = "a" + ;
                    Response.Headers.Append(HeaderNames.ContentDisposition, $"{name");
                    Regex.IsMatch(name, );
                    new Regex(name, RegexOptions.);
                    Unknown().IsMatch(name);
                    new XmlReaderSettings { DtdProcessing = DtdProcessing., XmlResolver = new XmlUrlResolver( };
                    new JsonSerializerSettings { TypeNameHandling = (TypeNameHandling)99, SerializationBinder = };
                    if (!Url.IsLocalUrl(name)) return Redirect(name
                    return Redirect(Request.Query[);
                }
            }
            public static class E { public static void M(WebApplication app) {
                app.MapGet("/x", (string a, b) => Results.Redirect(a + b));
                app.MapPost("/y", async (HttpRequest r) => File.Delete(await r.ReadFormAsync()[));
                services.Configure<ApiBehaviorOptions>(o => o.SuppressModelStateInvalidFilter = );
            } }
            """
        },
        {
            "error pages, environment checks, cookies and logging half-typed",
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Http;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Hosting;
            using Microsoft.Extensions.Logging;
            public class BrokenStartup {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env, ILogger log, HttpResponse r) {
                    if (env.IsDevelopment( app.UseDeveloperExceptionPage();
                    if (!env.IsEnvironment()) return
                    if (env.EnvironmentName == ) app.UseDeveloperExceptionPage(;
                    bool dev = env.IsDevelopment();
                    dev = ;
                    if (dev is ) app.UseDatabaseErrorPage();
                    var x = env.IsDevelopment() ? app.UseDeveloperExceptionPage() : ;
                    new DbContextOptionsBuilder().EnableSensitiveDataLogging(undefined).EnableDetailedErrors(;
                    services.AddServerSideBlazor(o => o.DetailedErrors = );
                    r.Cookies.Append("session", );
                    r.Cookies.Append(undefined, x, new CookieOptions { Secure = , HttpOnly = undefined };
                    log.LogInformation("{Password}", password;
                    System.Console.WriteLine(token +);
                }
                public object Fail(Microsoft.AspNetCore.Mvc.ControllerBase c) {
                    try { } catch (Exception ex) { return c.Ok(ex.Message +); }
                    catch (Undefined e) { return Results.Problem(detail: e.StackTrace, ; }
                    catch { return new Microsoft.AspNetCore.Mvc.ObjectResult(ex.ToString()) { StatusCode = }; }
                }
            }
            """
        },
        {
            "half-typed password policy, hashing and URLs",
            """
            using System.Net.Http;
            using System.Security.Cryptography;
            using System.Text;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;
            using Microsoft.Extensions.DependencyInjection;
            public class P : Controller {
                public void M(IServiceCollection services, string password, HttpClient http) {
                    services.Configure<IdentityOptions>(o => { o.Password.RequiredLength = ; o.Password.RequiredUniqueChars = 1; o.Password.RequireDigit = });
                    new PasswordOptions { RequiredLength = "6", RequireDigit = };
                    services.Configure<PasswordHasherOptions>(o => o.IterationCount = );
                    SHA256.HashData(Encoding.UTF8.GetBytes(password + ));
                    using var sha = SHA256.Create(;
                    sha.ComputeHash(Encoding.UTF8.GetBytes(pass));
                    new Rfc2898DeriveBytes(password, , 1000, HashAlgorithmName.);
                    Rfc2898DeriveBytes.Pbkdf2(password, new byte[], , HashAlgorithmName.SHA256, 32);
                    KeyDerivation.Pbkdf2(password, salt, KeyDerivationPrf., 10, 32);
                    http.GetAsync($"https://api.example.com/login?password={password");
                    http.GetAsync("https://x/?api_key=" + );
                    new System.Uri(;
                }
                [HttpGet] public IActionResult Login(string user, [FromHeader] string password, string pwd = ) => Ok(;
            }
            """
        },
        {
            "half-typed lockout, session lifetimes and GET handlers",
            """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Authentication.Cookies;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.DependencyInjection;
            public class A : Controller {
                public async void M(IServiceCollection services, SignInManager<IdentityUser> s, WebApplication app, DbContext db) {
                    await s.PasswordSignInAsync("u", "p", false, lockoutOnFailure: );
                    await s.CheckPasswordSignInAsync(null, , false);
                    await s.PasswordSignInAsync(lockoutOnFailure: false);
                    services.Configure<IdentityOptions>(o => { o.Lockout.MaxFailedAccessAttempts = "x"; o.Lockout.AllowedForNewUsers = ; o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(; });
                    services.AddSession(o => { o.IdleTimeout = TimeSpan.FromHours(1e400); o.Cookie.MaxAge = ; o.IdleTimeout = new TimeSpan(1, 2, 3, 4, 5, 6, 7, 8); });
                    services.AddAuthentication().AddCookie(o => { o.ExpireTimeSpan = TimeSpan.FromDays(int.MaxValue); o.SlidingExpiration = ; o.Cookie = { MaxAge = } });
                    var t = TimeSpan.FromMinutes(undefined); services.AddSession(o => o.IdleTimeout = t);
                    app.MapGet("/x", (DbContext d) => d.SaveChanges(;
                    app.MapGet("/y", Missing);
                    app.MapGet(, () => db.Database.ExecuteSqlRaw());
                    app.MapMethods("/z", new[] { null, "GET" }, () => db.SaveChanges());
                    app.MapMethods("/w", , () => db.SaveChanges());
                }
                [HttpGet] public IActionResult G() { db.Remove(; void L() => x.SaveChanges(); return Ok(; }
                [AcceptVerbs(null)] public IActionResult H(DbContext db) { db.SaveChanges(); return Ok(); }
                [AcceptVerbs()] public IActionResult I(DbContext db) => db.SaveChanges(
                public IActionResult OnGet( => db.SaveChanges();
            }
            """
        },
        {
            "half-typed JS interop, browser storage, response headers and login messages",
            """
            using Microsoft.JSInterop;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;
            using Blazored.LocalStorage;
            public class HalfTyped : Controller {
                public async System.Threading.Tasks.Task M(IJSRuntime js, IJSInProcessRuntime wasm, ILocalStorageService store, HttpContext ctx, string code) {
                    await js.InvokeVoidAsync("eval", ;
                    await js.InvokeVoidAsync(, code);
                    await js.InvokeAsync<>("setTimeout", code, );
                    wasm.Invoke<string>("eval" + , code);
                    await js.InvokeVoidAsync("localStorage.setItem", "access_token");
                    await js.InvokeVoidAsync("localStorage.setItem", , token);
                    await store.SetItemAsync("authToken", );
                    ctx.Response.Headers["Content-Security-Policy"] = ;
                    ctx.Response.Headers[] = "script-src *";
                    ctx.Response.Headers.Append(HeaderNames., "unsafe-url");
                    ctx.Response.Headers.ContentSecurityPolicy = "script-src 'unsafe-eval'" +;
                    ctx.Response.Headers.Append("X-Frame-Options", new Microsoft.Extensions.Primitives.StringValues());
                    ModelState.AddModelError(, "Wrong password");
                }
                public IActionResult Login(string user) {
                    if (user == ) return BadRequest(new { error = "User not found" ;
                    return Unauthorized(new ProblemDetails { Detail = "Unknown user", });
                }
                public IActionResult SignIn() => Undefined("No such user");
            }
            """
        },
        {
            "half-typed pipeline, HSTS options, response headers and Kestrel settings",
            """
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.HttpsPolicy;
            using Microsoft.AspNetCore.Server.Kestrel.Core;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Net.Http.Headers;
            public class Startup {
                public void ConfigureServices(IServiceCollection services) {
                    services.AddRazorPages(;
                    services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(; o.IncludeSubDomains = ; o.MaxAge = new TimeSpan(1, 2); });
                    services.Configure<HstsOptions>(o => o.MaxAge = TimeSpan.FromDays("x"));
                    services.Configure<HstsOptions>();
                    services.Configure<KestrelServerOptions>(o => o.AddServerHeader = );
                    new KestrelServerOptions { AddServerHeader = true, };
                }
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env) {
                    if (env.IsDevelopment( { app.UseHsts(); }
                    app.UseHttpsRedirection(undefined);
                    app.Use(async (ctx, next) => { ctx.Response.Headers[HeaderNames.] = ; ctx.Response.Headers.XFrameOptions = ; await next(; });
                    app.UseMiddleware<>();
                    app.UseSecurityHeaders(
                }
                public void Configure(IApplicationBuilder) { }
                public void Configure(this IApplicationBuilder app) { }
            }
            public class Program { static void Main(string[] args) { var app = WebApplication.CreateBuilder(args).Build(; app.Run( } }
            """
        },
        {
            "half-typed JWT, CORS, OpenID Connect and WebSocket configuration",
            """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Authentication.OpenIdConnect;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.IdentityModel.Tokens;
            public class Api {
                public void M(IServiceCollection services, IApplicationBuilder app, HttpContext context) {
                    services.AddAuthentication().AddJwtBearer(o => { o.TokenValidationParameters.ValidateLifetime = ; o.TokenValidationParameters.SignatureValidator = (t, p) => ; });
                    new TokenValidationParameters { RequireSignedTokens = , ValidateAudience = false, SignatureValidator = (token) => new Undefined(token) };
                    services.AddCors(o => o.AddPolicy("x", p => p.SetIsOriginAllowed(_ => ).WithOrigins(undefined, "*".AllowCredentials(;
                    app.UseCors(p => p.AllowAnyOrigin(;
                    context.Response.Headers[] = "*";
                    context.Response.Headers.Append(, "*");
                    context.Response.Headers.AccessControlAllowOrigin = ;
                    services.Configure<OpenIdConnectOptions>(o => { o.UsePkce = ; o.ResponseType = undefined + "token"; o.RequireHttpsMetadata = env.IsDevelopment(; });
                    app.UseWebSockets(new WebSocketOptions { AllowedOrigins = { , "*" } });
                    context.WebSockets.AcceptWebSocketAsync(;
                    undefined.WebSockets.AcceptWebSocketAsync();
                }
            }
            """
        },
        {
            "half-typed authentication, authorization and antiforgery setup",
            """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.DependencyInjection;
            public static class Setup {
                public static void M(IServiceCollection services, WebApplication app, IEndpointRouteBuilder routes) {
                    services.AddAuthentication(Undefined.Scheme).AddCookie(;
                    services.AddAuthentication().AddJwtBearer(null, );
                    services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute(;
                    services.AddControllers(o => o.Filters.Add(typeof()));
                    services.AddMvc(o => o.Filters.Add<>());
                    services.AddAuthorization(o => o.FallbackPolicy = );
                    services.AddAuthorizationBuilder().SetFallbackPolicy(;
                    var g = app.MapGroup("/x").RequireAuthorization(;
                    g.MapGet("/y", [Authorize( () => );
                    var h = h.MapGroup("/z");
                    h.MapPost("/w", (IFormFile f) => 1).DisableAntiforgery(;
                    app.MapControllers().RequireAuthorization().;
                    routes.MapPut("/loop", Missing.Handler);
                    routes.Recurse().MapDelete(, () => 1);
                    app.UseEndpoints(e => e.MapGet("/u", );
                }
                public static IEndpointRouteBuilder Recurse(this IEndpointRouteBuilder r) { r.Recurse().MapGet("/r", () => 1); return Recurse(r); }
            }
            [IgnoreAntiforgeryToken(
            public class BrokenController : Controller {
                [HttpPost, AcceptVerbs(null, 1), Authorize(AuthenticationSchemes = )]
                public IActionResult Save(int id, [FromBody] ) => ;
                [HttpDelete] public override void OnActionExecuting(;
                [ValidateAntiForgeryToken] public IActionResult
            }
            public class Generic<T> : ControllerBase { [HttpPost] public void P() { } }
            """
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
    public async Task Crypto_analyzers_still_report_in_broken_code_where_they_can()
    {
        string source = (string)BrokenSources.First(row => ((string)row[0]).StartsWith("half-typed ciphers", StringComparison.Ordinal))[1];
        AnalyzerRunResult result = await AnalyzerRunner.RunAsync(AnalyzerRunner.CreateCompilation(source), AllAnalyzers());
        foreach (string id in new[] { "SSDLC1002", "SSDLC1003", "SSDLC1005", "SSDLC1006", "SSDLC1012" })
        {
            Assert.Contains(result.Diagnostics, d => d.Id == id);
        }
    }

    private static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() => ProductAnalyzers.All;
}

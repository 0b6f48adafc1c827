using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Sessions;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Sessions.StateChangeOnGetAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Sessions.StateChangeOnGetAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Sessions;

public class StateChangeOnGetAnalyzerTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.EntityFrameworkCore;
        using Sample.Data;

        """;

    // ---- positives ----

    [Fact]
    public async Task Http_get_action_that_deletes_an_entity()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public class UsersController(AppDb db) : Controller
            {
                [HttpGet("users/{id}/delete")]
                public async Task<IActionResult> Delete(int id)
                {
                    User? user = await db.Users.FindAsync(id);
                    if (user is null)
                    {
                        return NotFound();
                    }

                    {|SSDLC0706:db.Users.Remove(user)|};
                    await db.SaveChangesAsync();
                    return RedirectToAction("Index");
                }
            }
            """ + Samples.EfModel);
        Assert.Equal(
            "The GET action 'Delete' calls Remove, which changes state on a GET request; accept the request with POST, PUT, PATCH or DELETE (and antiforgery validation) instead",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Api_get_action_with_bulk_delete_and_accept_verbs_with_raw_sql()
    {
        await VerifyCS.VerifyAsync(Usings + """
            [ApiController]
            [Route("api/maintenance")]
            public class MaintenanceController(AppDb db) : ControllerBase
            {
                [HttpGet("purge")]
                public async Task<IActionResult> Purge()
                {
                    int removed = await {|SSDLC0706:db.Users.Where(u => u.Name == "").ExecuteDeleteAsync()|};
                    return Ok(removed);
                }

                [AcceptVerbs("GET", "POST")]
                [Route("reset")]
                public IActionResult Reset()
                {
                    {|SSDLC0706:db.Database.ExecuteSqlRaw("UPDATE Users SET Name = ''")|};
                    return NoContent();
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Conventional_action_without_a_verb_attribute_accepts_get()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public class ArchiveController(AppDb db) : Controller
            {
                public IActionResult Index() => View(db.Users.AsNoTracking().ToList());

                public IActionResult Archive(int id)
                {
                    var user = db.Users.Single(u => u.Id == id);
                    user.Name = "(archived)";
                    {|SSDLC0706:db.SaveChanges()|};
                    return RedirectToAction(nameof(Index));
                }
            }
            """ + Samples.EfModel);
        Assert.StartsWith(
            "The action 'Archive' has no HTTP method attribute, so it accepts GET, and calls SaveChanges, which changes state on a GET request;",
            diagnostics.Single().GetMessage(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Razor_page_get_handler_that_saves()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public class ConfirmModel(AppDb db) : PageModel
            {
                public async Task<IActionResult> OnGetAsync(int id)
                {
                    var user = await db.Users.FindAsync(id);
                    if (user is not null)
                    {
                        user.Name = user.Name.Trim();
                        await {|SSDLC0706:db.SaveChangesAsync()|};
                    }

                    return Page();
                }
            }
            """ + Samples.EfModel);
        Assert.StartsWith("The page handler 'OnGetAsync' calls SaveChangesAsync", diagnostics.Single().GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_api_map_get_lambdas_groups_and_map_methods()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyProgram.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;
            using Sample.Data;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/users/{id}/rename", async (int id, string name, AppDb db) =>
            {
                await {|SSDLC0706:db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Name, name))|};
                return Results.NoContent();
            });
            var admin = app.MapGroup("/admin");
            admin.MapGet("/clear", (AppDb db) => {|SSDLC0706:db.Database.ExecuteSql($"DELETE FROM Users")|});
            app.MapMethods("/touch", new[] { HttpMethods.Get, HttpMethods.Head }, (AppDb db) => {|SSDLC0706:db.SaveChanges()|});
            app.Run();
            """ + Samples.EfModel);
        Assert.StartsWith("The MapGet handler for \"/users/{id}/rename\" calls ExecuteUpdateAsync", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_api_method_groups_in_the_same_file()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;
            using Sample.Data;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/logout-all", EndSessions);
            UserEndpoints.Map(app);
            app.Run();

            static async Task<IResult> EndSessions(AppDb db)
            {
                {|SSDLC0706:db.Users.RemoveRange(db.Users.Where(u => u.Name == "session"))|};
                await db.SaveChangesAsync();
                return Results.Ok();
            }

            static class UserEndpoints
            {
                public static void Map(IEndpointRouteBuilder routes)
                {
                    routes.MapGet("/users/{id}/forget", Forget);
                }

                private static IResult Forget(int id, AppDb db)
                {
                    var user = db.Users.Find(id);
                    if (user is not null)
                    {
                        {|SSDLC0706:db.Remove(user)|};
                        db.SaveChanges();
                    }

                    return Results.NoContent();
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Ado_net_dapper_and_a_local_function_in_get_actions()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using System.Data.Common;
            using Dapper;
            using Microsoft.Data.SqlClient;

            [ApiController]
            [Route("api/visits")]
            public class VisitsController(SqlConnection connection, AppDb db) : ControllerBase
            {
                [HttpGet("count")]
                public async Task<IActionResult> Count(string page)
                {
                    await using DbCommand command = connection.CreateCommand();
                    command.CommandText = "UPDATE Visits SET Hits = Hits + 1 WHERE Page = @page";
                    command.Parameters.Add(new SqlParameter("@page", page));
                    await {|SSDLC0706:command.ExecuteNonQueryAsync()|};
                    return Ok();
                }

                [HttpGet("reset")]
                public IActionResult Reset()
                {
                    {|SSDLC0706:connection.Execute("DELETE FROM Visits")|};
                    return Ok();
                }

                [HttpGet("touch/{id}")]
                public IActionResult Touch(int id)
                {
                    void Save() => {|SSDLC0706:db.SaveChanges()|};
                    db.Users.Single(u => u.Id == id).Name += "!";
                    Save();
                    return Ok();
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Get_action_that_calls_a_service_method_that_saves()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public class AuditService(AppDb db)
            {
                public Task RecordAsync(string what)
                {
                    db.Users.Add(new User { Name = what });
                    return db.SaveChangesAsync();
                }
            }

            public class UsersRepository(AppDb db)
            {
                public User? Get(int id)
                {
                    var user = db.Users.Find(id);
                    db.SaveChanges();
                    return user;
                }
            }

            public class HomeController(AuditService audit) : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Index()
                {
                    await {|SSDLC0706:audit.RecordAsync("home viewed")|};
                    return View();
                }

                public IActionResult Privacy() => View();
            }
            """ + Samples.EfModel);
        Assert.Equal(
            "The GET action 'Index' calls AuditService.RecordAsync (which calls SaveChangesAsync), which changes state on a GET request; accept the request with POST, PUT, PATCH or DELETE (and antiforgery validation) instead",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Service_interface_and_repository_two_calls_deep_in_other_files()
    {
        ImmutableArray<Diagnostic> diagnostics = await WebProjectVerifier<StateChangeOnGetAnalyzer>.VerifyAsync(
            ("Controllers/OrdersController.cs", """
                using Microsoft.AspNetCore.Mvc;
                using Shop.Services;

                namespace Shop.Controllers;

                public class OrdersController(IOrderService orders) : Controller
                {
                    [HttpGet("orders/{id}")]
                    public IActionResult Details(int id) => View(orders.Find(id));

                    [HttpGet("orders/{id}/cancel")]
                    public IActionResult Cancel(int id)
                    {
                        var order = orders.Find(id);
                        {|SSDLC0706:orders.Cancel(id)|};
                        return RedirectToAction(nameof(Details), new { id });
                    }
                }
                """),
            ("Services/OrderService.cs", """
                using Sample.Data;

                namespace Shop.Services;

                public interface IOrderService
                {
                    User? Find(int id);

                    void Cancel(int id);
                }

                public interface IOrderRepository
                {
                    User? Get(int id);

                    void Delete(User user);
                }

                public sealed class OrderService(IOrderRepository repository) : IOrderService
                {
                    public User? Find(int id) => repository.Get(id);

                    void IOrderService.Cancel(int id)
                    {
                        if (repository.Get(id) is { } user)
                        {
                            repository.Delete(user);
                        }
                    }
                }

                public sealed class OrderRepository(AppDb db) : IOrderRepository
                {
                    public User? Get(int id) => db.Users.Find(id);

                    public void Delete(User user)
                    {
                        db.Users.Remove(user);
                        db.SaveChanges();
                    }
                }
                """),
            ("Program.cs", "WebApplication.CreateBuilder(args).Build().Run();"),
            ("Data.cs", Samples.EfModel));
        Assert.StartsWith(
            "The GET action 'Cancel' calls OrderService.Cancel (which calls OrderRepository.Delete, which calls Remove), which changes state",
            diagnostics.Single().GetMessage(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_api_and_page_handlers_through_helpers_and_a_generic_repository()
    {
        await WebProjectVerifier<StateChangeOnGetAnalyzer>.VerifyAsync(
            ("Program.cs", """
                using Microsoft.EntityFrameworkCore;
                using Sample.Data;

                var builder = WebApplication.CreateBuilder(args);
                var app = builder.Build();
                app.MapGet("/maintenance/reset", (AppDb db) =>
                {
                    {|SSDLC0706:Maintenance.Reset(db)|};
                    return Results.Ok();
                });
                app.MapGet("/users/{id}/forget", (int id, IRepository<User> users) =>
                {
                    var user = users.Get(id);
                    if (user is not null)
                    {
                        {|SSDLC0706:users.Delete(user)|};
                    }

                    return Results.NoContent();
                });
                app.Run();
                """),
            ("Data.cs", """
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.AspNetCore.Mvc.RazorPages;
                using Microsoft.EntityFrameworkCore;
                using Sample.Data;

                public static class Maintenance
                {
                    public static void Reset(AppDb db) => db.Database.ExecuteSqlRaw("DELETE FROM Users");
                }

                public interface IRepository<T> where T : class
                {
                    T? Get(int id);

                    void Delete(T entity);
                }

                public class Repository<T>(AppDb db) : IRepository<T> where T : class
                {
                    public T? Get(int id) => db.Set<T>().Find(id);

                    public virtual void Delete(T entity)
                    {
                        db.Set<T>().Remove(entity);
                        db.SaveChanges();
                    }
                }

                public class ConfirmModel(AppDb db) : PageModel
                {
                    public IActionResult OnGet(int id)
                    {
                        {|SSDLC0706:MarkConfirmed(id)|};
                        return Page();
                    }

                    private void MarkConfirmed(int id)
                    {
                        var user = db.Users.Find(id);
                        if (user is not null)
                        {
                            user.Name += " (confirmed)";
                            Save();
                        }
                    }

                    private void Save() => db.SaveChanges();
                }
                """ + Samples.EfModel));
    }

    // ---- negatives ----

    [Fact]
    public async Task Post_put_and_delete_actions_that_change_state_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            [ApiController]
            [Route("api/users")]
            public class UsersApiController(AppDb db) : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Create(User user)
                {
                    db.Users.Add(user);
                    await db.SaveChangesAsync();
                    return CreatedAtAction(nameof(Get), new { id = user.Id }, user);
                }

                [HttpGet("{id}")]
                public async Task<ActionResult<User>> Get(int id) => await db.Users.FindAsync(id) is { } u ? u : NotFound();

                [HttpDelete("{id}")]
                public async Task<IActionResult> Delete(int id)
                {
                    await db.Users.Where(u => u.Id == id).ExecuteDeleteAsync();
                    return NoContent();
                }

                [HttpPut("{id}")]
                public IActionResult Rename(int id, string name)
                {
                    db.Database.ExecuteSql($"UPDATE Users SET Name = {name} WHERE Id = {id}");
                    return NoContent();
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Read_only_get_actions_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using System.Data.Common;

            public class ReportsController(AppDb db, DbConnection connection) : Controller
            {
                [HttpGet]
                public async Task<IActionResult> Index(string? name)
                {
                    List<User> users = await db.Users.AsNoTracking().Where(u => name == null || u.Name == name).ToListAsync();
                    User? first = await db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}").FirstOrDefaultAsync();
                    using DbCommand command = connection.CreateCommand();
                    command.CommandText = "SELECT COUNT(*) FROM Users";
                    object? count = await command.ExecuteScalarAsync();
                    using DbDataReader reader = await command.ExecuteReaderAsync();
                    return View((users, first, count));
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Remove_on_lists_session_and_cache_is_not_a_data_set()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Caching.Memory;

            public class CartController(IMemoryCache cache) : Controller
            {
                private static readonly Dictionary<string, int> Counters = new();

                [HttpGet]
                public IActionResult Show(string item)
                {
                    var items = new List<string> { "a", "b" };
                    items.Remove(item);
                    HttpContext.Session.Remove("flash");
                    cache.Remove("cart:" + item);
                    Counters.Remove(item);
                    Response.Cookies.Delete("flash");
                    return View(items);
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Non_actions_antiforgery_protected_actions_and_post_page_handlers_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            [ValidateAntiForgeryToken]
            public class ProfileController(AppDb db) : Controller
            {
                public IActionResult Save(int id, string name)
                {
                    db.Users.Single(u => u.Id == id).Name = name;
                    db.SaveChanges();
                    return RedirectToAction("Index");
                }

                [NonAction]
                public void Commit() => db.SaveChanges();
            }

            public class EditModel(AppDb db) : PageModel
            {
                public void OnGet()
                {
                }

                public async Task<IActionResult> OnPostAsync()
                {
                    await db.SaveChangesAsync();
                    return RedirectToPage("Index");
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Minimal_api_post_delete_and_read_only_get_handlers_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;
            using Sample.Data;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/users", async (AppDb db) => await db.Users.AsNoTracking().ToListAsync());
            app.MapGet("/users/{id}", (int id, AppDb db) => db.Users.Find(id) is { } u ? Results.Ok(u) : Results.NotFound());
            app.MapPost("/users", async (User user, AppDb db) =>
            {
                db.Users.Add(user);
                await db.SaveChangesAsync();
                return Results.Created($"/users/{user.Id}", user);
            });
            app.MapDelete("/users/{id}", (int id, AppDb db) => db.Users.Where(u => u.Id == id).ExecuteDelete());
            app.MapMethods("/users/{id}/touch", new[] { "POST", "PATCH" }, (AppDb db) => db.SaveChanges());
            app.Run();
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Read_only_services_and_calls_deeper_than_two_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public interface IUserQueries
            {
                List<User> All();
            }

            public sealed class UserQueries(AppDb db) : IUserQueries
            {
                public List<User> All() => db.Users.AsNoTracking().ToList();
            }

            public sealed class Level3(AppDb db)
            {
                public void Save() => db.SaveChanges();
            }

            public sealed class Level2(Level3 next)
            {
                public void Touch() => next.Save();
            }

            public sealed class Level1(Level2 next)
            {
                public void Visit() => next.Touch();
            }

            public class UsersController(IUserQueries queries, Level1 visits) : Controller
            {
                [HttpGet]
                public IActionResult Index()
                {
                    visits.Visit();
                    return View(queries.All());
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Interfaces_with_several_implementations_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public interface IVisitCounter
            {
                void Count(string page);
            }

            public sealed class DatabaseVisitCounter(AppDb db) : IVisitCounter
            {
                public void Count(string page)
                {
                    db.Users.Add(new User { Name = page });
                    db.SaveChanges();
                }
            }

            public sealed class NullVisitCounter : IVisitCounter
            {
                public void Count(string page)
                {
                }
            }

            public class PagesController(IVisitCounter counter) : Controller
            {
                [HttpGet]
                public IActionResult Show(string page)
                {
                    counter.Count(page);
                    return View();
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Calls_behind_a_method_check_antiforgery_or_development_guard_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using Microsoft.AspNetCore.Antiforgery;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Hosting;

            public sealed class ProfileService(AppDb db, IWebHostEnvironment env)
            {
                public void Save() => db.SaveChanges();

                public void Seed()
                {
                    if (env.IsDevelopment())
                    {
                        db.Users.Add(new User { Name = "demo" });
                        db.SaveChanges();
                    }
                }
            }

            public class ProfileController(ProfileService profiles, IAntiforgery antiforgery, AppDb db) : Controller
            {
                [AcceptVerbs("GET", "POST")]
                public IActionResult Edit()
                {
                    if (HttpMethods.IsPost(Request.Method))
                    {
                        profiles.Save();
                        db.SaveChanges();
                    }

                    return View();
                }

                [AcceptVerbs("GET", "POST")]
                public IActionResult Rename(string name)
                {
                    if (HttpMethods.IsGet(Request.Method))
                    {
                        return View();
                    }

                    profiles.Save();
                    return RedirectToAction(nameof(Edit));
                }

                [HttpGet]
                public async Task<IActionResult> Confirm()
                {
                    await antiforgery.ValidateRequestAsync(HttpContext);
                    profiles.Save();
                    return View();
                }

                [HttpGet]
                public IActionResult Demo()
                {
                    profiles.Seed();
                    if (Request.Method != "GET")
                    {
                        db.SaveChanges();
                    }

                    return View();
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Post_handlers_that_call_saving_services_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.EntityFrameworkCore;
            using Sample.Data;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapPost("/users/{id}/forget", (int id, AppDb db) => Forget.Run(db, id));
            app.MapGet("/users/{id}", (int id, AppDb db) => Forget.Find(db, id));
            app.Run();

            static class Forget
            {
                public static int Run(AppDb db, int id) => db.Users.Where(u => u.Id == id).ExecuteDelete();

                public static User? Find(AppDb db, int id) => db.Users.Find(id);
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Templates_are_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApi);
        await VerifyProgram.VerifyAsync(Templates.Mvc);
        await VerifyProgram.VerifyAsync(Templates.WebApp);
        await VerifyProgram.VerifyAsync(Templates.Blazor);
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Input;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Input.UncheckedModelStateAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Input.UncheckedModelStateAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Input;

public class UncheckedModelStateAnalyzerTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Filters;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.EntityFrameworkCore;
        using Sample.Data;

        """;

    private const string ProductInput = """

        public class ProductInput
        {
            [Required]
            [StringLength(80)]
            public string Name { get; set; } = "";

            [Range(0, 10000)]
            public decimal Price { get; set; }
        }
        """;

    // ---- positives ----

    [Fact]
    public async Task Mvc_post_action_that_saves_an_unchecked_model()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public class ProductsController(AppDb db) : Controller
            {
                public IActionResult Create() => View();

                [HttpPost]
                [ValidateAntiForgeryToken]
                public async Task<IActionResult> Create(ProductInput {|SSDLC0207:input|})
                {
                    db.Users.Add(new User { Name = input.Name });
                    await db.SaveChangesAsync();
                    return RedirectToAction(nameof(Create));
                }
            }
            """ + ProductInput + Samples.EfModel);
        Assert.Equal(
            "The action 'Create' uses the bound model 'input' (ProductInput has validation rules) without checking ModelState.IsValid; check it first (if (!ModelState.IsValid) return View(model);), or let [ApiController] or a validation filter reject invalid input",
            diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Model_passed_to_a_service_copied_into_an_entity_or_bound_from_the_body()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class Registration : IValidatableObject
            {
                public string Email { get; set; } = "";

                public IEnumerable<ValidationResult> Validate(ValidationContext context)
                {
                    if (!Email.Contains('@'))
                    {
                        yield return new ValidationResult("Email is invalid", new[] { nameof(Email) });
                    }
                }
            }

            public record AddressInput([property: Required] string Street, [property: Required] string City)
            {
                public string? Note { get; set; }
            }

            public class CustomerInput
            {
                public string Name { get; set; } = "";

                public AddressInput Address { get; set; } = new("", "");
            }

            public interface IRegistrations
            {
                Task RegisterAsync(Registration registration);
            }

            public class AccountController(IRegistrations registrations, AppDb db) : Controller
            {
                public async Task<IActionResult> Register([FromForm] Registration {|SSDLC0207:registration|})
                {
                    await registrations.RegisterAsync(registration);
                    return RedirectToAction("Index", "Home");
                }

                [HttpPut("customers/{id}")]
                public IActionResult Update(int id, [FromBody] CustomerInput {|SSDLC0207:customer|})
                {
                    var user = db.Users.Find(id)!;
                    user.Name = customer.Name + ", " + customer.Address.City;
                    db.SaveChanges();
                    return Ok();
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Record_with_validated_parameters_in_a_controller_derived_from_a_plain_base()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public record PasswordChange([Required, MinLength(12)] string NewPassword, string Repeat);

            public interface IPasswords
            {
                void Change(string password);
            }

            public abstract class PortalController : Controller
            {
            }

            public class SettingsController(IPasswords passwords) : PortalController
            {
                [HttpPost]
                public IActionResult Password(PasswordChange {|SSDLC0207:change|})
                {
                    passwords.Change(change.NewPassword.Trim());
                    return View();
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Razor_page_handlers_with_a_bound_input_or_a_handler_parameter()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync(Usings + """
            public class CreateModel(AppDb db) : PageModel
            {
                [BindProperty]
                public ProductInput Input { get; set; } = new();

                public void OnGet()
                {
                }

                public async Task<IActionResult> {|SSDLC0207:OnPostAsync|}()
                {
                    var user = new User { Name = Input.Name };
                    db.Users.Add(user);
                    await db.SaveChangesAsync();
                    return RedirectToPage("Index");
                }
            }

            public class RenameModel(AppDb db) : PageModel
            {
                public IActionResult OnPost(int id, ProductInput {|SSDLC0207:rename|})
                {
                    db.Users.Find(id)!.Name = rename.Name;
                    db.SaveChanges();
                    return RedirectToPage("Index");
                }
            }
            """ + ProductInput + Samples.EfModel);
        Assert.StartsWith("The page handler 'OnPostAsync' uses the bound model 'Input' (ProductInput", diagnostics[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_that_do_not_check_model_state_do_not_count()
    {
        await VerifyProgram.VerifyAsync("""
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews(o => o.Filters.Add<AuditFilter>());
            var app = builder.Build();
            app.MapDefaultControllerRoute();
            app.Run();

            public sealed class AuditFilter : IActionFilter
            {
                public void OnActionExecuting(ActionExecutingContext context) => context.HttpContext.Items["audit"] = context.ActionDescriptor.DisplayName;

                public void OnActionExecuted(ActionExecutedContext context)
                {
                }
            }

            public sealed class TimingAttribute : ActionFilterAttribute
            {
            }

            public class Feedback
            {
                [Required, EmailAddress]
                public string Email { get; set; } = "";

                [MaxLength(2000)]
                public string Text { get; set; } = "";
            }

            public interface IInbox
            {
                void Post(string from, string text);
            }

            [Timing]
            public class FeedbackController(IInbox inbox) : Controller
            {
                [HttpPost]
                public IActionResult Send(Feedback {|SSDLC0207:feedback|})
                {
                    inbox.Post(feedback.Email, feedback.Text);
                    return View("Thanks");
                }
            }
            """);
    }

    [Fact]
    public async Task Get_action_that_writes_with_the_model()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class Subscription
            {
                [Required, EmailAddress]
                public string Email { get; set; } = "";
            }

            public class NewsletterController(AppDb db) : Controller
            {
                [HttpGet("newsletter/subscribe")]
                public IActionResult Subscribe([FromQuery] Subscription {|SSDLC0207:subscription|})
                {
                    db.Users.Add(new User { Name = subscription.Email });
                    db.SaveChanges();
                    return View();
                }
            }
            """ + Samples.EfModel);
    }

    // ---- safe look-alikes ----

    [Fact]
    public async Task Actions_that_check_model_state_or_validate_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class ProductsController(AppDb db) : Controller
            {
                [HttpPost]
                public async Task<IActionResult> Create(ProductInput input)
                {
                    if (!ModelState.IsValid)
                    {
                        return View(input);
                    }

                    db.Users.Add(new User { Name = input.Name });
                    await db.SaveChangesAsync();
                    return RedirectToAction(nameof(Create));
                }

                [HttpPost]
                public IActionResult Edit(ProductInput input)
                {
                    if (ModelState.ErrorCount > 0)
                    {
                        return View(input);
                    }

                    db.Users.Add(new User { Name = input.Name });
                    return RedirectToAction(nameof(Create));
                }

                [HttpPost]
                public IActionResult Import(ProductInput input)
                {
                    input.Name = input.Name.Trim();
                    ModelState.Clear();
                    if (!TryValidateModel(input))
                    {
                        return View(input);
                    }

                    db.Users.Add(new User { Name = input.Name });
                    return RedirectToAction(nameof(Create));
                }
            }
            """ + ProductInput + Samples.EfModel);
    }

    [Fact]
    public async Task Api_controllers_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            [ApiController]
            [Route("api/products")]
            public class ProductsApiController(AppDb db) : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(ProductInput input)
                {
                    db.Users.Add(new User { Name = input.Name });
                    db.SaveChanges();
                    return Ok();
                }
            }

            [ApiController]
            public abstract class ApiBase : ControllerBase
            {
            }

            [Route("api/items")]
            public class ItemsController(AppDb db) : ApiBase
            {
                [HttpPost]
                public IActionResult Create(ProductInput input)
                {
                    db.Users.Add(new User { Name = input.Name });
                    return Ok();
                }
            }
            """ + ProductInput + Samples.EfModel);
    }

    [Fact]
    public async Task Models_without_validation_and_services_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public class SearchInput
            {
                public string? Term { get; set; }

                public int Page { get; set; }
            }

            public class CatalogController(AppDb db) : Controller
            {
                [HttpPost]
                public IActionResult Search(SearchInput search, [FromServices] ILookup<string, string> lookup)
                {
                    db.Users.Add(new User { Name = search.Term ?? "" });
                    return View(db.Users.Where(u => u.Name == search.Term).ToList());
                }
            }
            """ + Samples.EfModel);
    }

    [Fact]
    public async Task Redisplay_only_and_read_only_get_actions_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            using Microsoft.Extensions.Logging;

            public class Filter
            {
                [StringLength(40)]
                public string? Name { get; set; }
            }

            public class PreviewController(AppDb db, ILogger<PreviewController> logger) : Controller
            {
                [HttpPost]
                public IActionResult Preview(ProductInput input)
                {
                    logger.LogInformation("Preview of {Name}", input.Name);
                    ViewData["Title"] = $"Preview: {input.Name}";
                    return View("Preview", input);
                }

                [HttpPost]
                public IActionResult Back(ProductInput input) => RedirectToAction(nameof(Preview), new { input.Name });

                [HttpGet]
                public IActionResult Index([FromQuery] Filter filter)
                {
                    var users = db.Users.Where(u => filter.Name == null || u.Name.StartsWith(filter.Name)).ToList();
                    return View(users);
                }
            }
            """ + ProductInput + Samples.EfModel);
    }

    [Fact]
    public async Task Validation_filters_on_the_controller_or_registered_globally_are_silent()
    {
        await VerifyProgram.VerifyAsync("""
            using System.ComponentModel.DataAnnotations;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.Filters;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllersWithViews(o => o.Filters.Add(typeof(ModelStateCheck)));
            builder.Services.AddRazorPages().AddMvcOptions(o => o.Filters.Add(new PageModelStateCheck()));
            var app = builder.Build();
            app.MapDefaultControllerRoute();
            app.MapRazorPages();
            app.Run();

            public sealed class ModelStateCheck : IActionFilter
            {
                public void OnActionExecuting(ActionExecutingContext context)
                {
                    if (!context.ModelState.IsValid)
                    {
                        context.Result = new BadRequestObjectResult(context.ModelState);
                    }
                }

                public void OnActionExecuted(ActionExecutedContext context)
                {
                }
            }

            public sealed class PageModelStateCheck : IPageFilter
            {
                public void OnPageHandlerSelected(PageHandlerSelectedContext context)
                {
                }

                public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
                {
                    if (!context.ModelState.IsValid)
                    {
                        context.Result = new PageResult();
                    }
                }

                public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
                {
                }
            }

            public class Message
            {
                [Required]
                public string Text { get; set; } = "";
            }

            public interface IMessages
            {
                void Send(Message message);
            }

            public class MessagesController(IMessages messages) : Controller
            {
                [HttpPost]
                public IActionResult Send(Message message)
                {
                    messages.Send(message);
                    return View();
                }
            }

            public class ContactModel(IMessages messages) : PageModel
            {
                [BindProperty]
                public Message Input { get; set; } = new();

                public IActionResult OnPost()
                {
                    messages.Send(Input);
                    return RedirectToPage("Thanks");
                }
            }
            """);
    }

    [Fact]
    public async Task Validation_filter_attribute_on_a_base_controller_and_checked_pages_are_silent()
    {
        await VerifyCS.VerifyAsync(Usings + """
            public sealed class ValidateModelAttribute : ActionFilterAttribute
            {
                public override void OnActionExecuting(ActionExecutingContext context)
                {
                    if (!context.ModelState.IsValid)
                    {
                        context.Result = new ViewResult();
                    }
                }
            }

            [ValidateModel]
            public abstract class CheckedController : Controller
            {
            }

            public class OrdersController(AppDb db) : CheckedController
            {
                [HttpPost]
                public IActionResult Create(ProductInput input)
                {
                    db.Users.Add(new User { Name = input.Name });
                    return RedirectToAction("Index");
                }
            }

            public class EditModel(AppDb db) : PageModel
            {
                [BindProperty]
                public ProductInput Input { get; set; } = new();

                public async Task<IActionResult> OnPostAsync()
                {
                    if (!ModelState.IsValid)
                    {
                        return Page();
                    }

                    db.Users.Add(new User { Name = Input.Name });
                    await db.SaveChangesAsync();
                    return RedirectToPage("Index");
                }

                public IActionResult OnGet() => Page();
            }
            """ + ProductInput + Samples.EfModel);
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

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Errors.ExceptionDetailsInResponseAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Errors.ExceptionDetailsInResponseAnalyzer>;

using Ssdlc.Analyzers.Tests.Verification;

namespace Ssdlc.Analyzers.Tests.Errors;

public class ExceptionDetailsInResponseAnalyzerTests
{
    [Fact]
    public async Task Controller_returns_exception_details()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;

            [ApiController, Route("api/orders")]
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Create(string item)
                {
                    try
                    {
                        await Task.Delay(1);
                        return Ok();
                    }
                    catch (DbUpdateException ex)
                    {
                        return BadRequest({|SSDLC0902:ex.Message|});
                    }
                    catch (Exception ex)
                    {
                        return StatusCode(500, {|SSDLC0902:ex.ToString()|});
                    }
                }

                [HttpGet("{id}")]
                public IActionResult Get(int id)
                {
                    try { return Ok(id); }
                    catch (Exception ex) { return Problem(detail: {|SSDLC0902:ex.StackTrace|}); }
                }

                [HttpDelete("{id}")]
                public IActionResult Delete(int id)
                {
                    try { return NoContent(); }
                    catch (InvalidOperationException ex) { return Content({|SSDLC0902:$"Delete failed: {ex.Message}"|}); }
                }
            }
            """);
        Assert.Equal(
            "Exception.Message is returned to the client through BadRequest; log the exception and return a generic message (ProblemDetails with a trace id)",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Details_flow_through_locals_objects_and_concatenation()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Mvc;

            public class ReportsController : Controller
            {
                public IActionResult Run()
                {
                    try { return View(); }
                    catch (Exception ex)
                    {
                        var error = "Report failed: " + ex.Message;
                        var body = new { error, at = DateTime.UtcNow };
                        return Ok({|SSDLC0902:body|});
                    }
                }

                public IActionResult Export()
                {
                    try { return View(); }
                    catch (Exception ex)
                    {
                        string details = string.Format("{0}\n{1}", ex.Message, ex.StackTrace);
                        return new ObjectResult({|SSDLC0902:details|}) { StatusCode = 500 };
                    }
                }

                public IActionResult Preview()
                {
                    try { return View(); }
                    catch (Exception ex)
                    {
                        return new ContentResult { Content = {|SSDLC0902:ex.ToString()|}, StatusCode = 500 };
                    }
                }

                public IActionResult Inner()
                {
                    try { return View(); }
                    catch (Exception ex)
                    {
                        return BadRequest({|SSDLC0902:new ProblemDetails { Title = "Failed", Detail = ex.InnerException?.Message ?? ex.Message }|});
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Minimal_api_results_and_response_body()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.MapGet("/stock/{id}", (int id) =>
            {
                try { return Results.Ok(id); }
                catch (Exception ex) { return Results.Problem({|SSDLC0902:ex.Message|}); }
            });

            app.MapPost("/import", async (HttpContext context) =>
            {
                try { await Task.Delay(1); }
                catch (Exception ex)
                {
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsync({|SSDLC0902:ex.ToString()|});
                }
            });

            app.MapGet("/text", () =>
            {
                try { return Results.Text("ok"); }
                catch (Exception e) { return Results.Text({|SSDLC0902:e.StackTrace ?? ""|}); }
            });

            app.Use(async (context, next) =>
            {
                try { await next(context); }
                catch (Exception ex) { await context.Response.WriteAsJsonAsync({|SSDLC0902:new { error = ex.Message, trace = ex.StackTrace }|}); }
            });

            app.Run();
            """);
    }

    [Fact]
    public async Task Logging_and_generic_messages_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Diagnostics;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Logging;

            public class PaymentsController(ILogger<PaymentsController> logger) : ControllerBase
            {
                [HttpPost]
                public IActionResult Pay()
                {
                    try { return Ok(); }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Payment failed: {Message}", ex.Message);
                        Debug.WriteLine(ex.ToString());
                        return Problem(title: "Payment failed", detail: "The payment could not be processed.", statusCode: 500);
                    }
                }

                [HttpGet]
                public IActionResult Status()
                {
                    try { return Ok(); }
                    catch (Exception ex)
                    {
                        string traceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
                        logger.LogError(ex, "Status failed");
                        return StatusCode(500, new { error = "Internal error", traceId, type = ex.GetType().Name.Length });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Own_domain_exception_messages_and_development_only_details_are_not_reported()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Hosting;

            public sealed class OrderRejectedException(string message) : Exception(message);

            public class CartController(IWebHostEnvironment env) : ControllerBase
            {
                [HttpPost]
                public IActionResult Checkout()
                {
                    try { return Ok(); }
                    catch (OrderRejectedException ex)
                    {
                        return BadRequest(new { error = ex.Message });
                    }
                    catch (Exception ex)
                    {
                        if (env.IsDevelopment())
                        {
                            return Problem(detail: ex.ToString());
                        }

                        return Problem("Checkout failed");
                    }
                }

                [HttpGet]
                public IActionResult Count()
                {
                    var failure = new InvalidOperationException("x");
                    string message = "Count failed";
                    try { return Ok(); }
                    catch (Exception) { return StatusCode(500, message); }
                }
            }
            """);
    }

    [Fact]
    public async Task Exception_handler_with_generic_problem_details_is_not_reported()
    {
        await VerifyProgram.VerifyAsync("""
            using Microsoft.AspNetCore.Diagnostics;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddProblemDetails();
            var app = builder.Build();
            app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
            {
                var feature = context.Features.Get<IExceptionHandlerFeature>();
                var logger = context.RequestServices.GetRequiredService<ILogger<Program>>();
                logger.LogError(feature?.Error, "Unhandled: {Message}", feature?.Error.Message);
                context.Response.StatusCode = 500;
                await context.Response.WriteAsJsonAsync(new { error = "An unexpected error occurred.", traceId = context.TraceIdentifier });
            }));
            app.MapGet("/", () => Results.Ok("hello"));
            app.Run();
            """);
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

using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.Api.WebSocketOriginAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.Api.WebSocketOriginAnalyzer>;

namespace Ssdlc.Analyzers.Tests.Api;

public class WebSocketOriginAnalyzerTests
{
    [Fact]
    public async Task Minimal_api_accepts_any_origin()
    {
        var diagnostics = await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseWebSockets();
            app.Map("/ws", async (HttpContext context) =>
            {
                if (!context.WebSockets.IsWebSocketRequest)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }

                using var socket = await {|SSDLC1204:context.WebSockets.AcceptWebSocketAsync()|};
                await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            });
            app.Run();
            """);
        Assert.Equal(
            "The WebSocket is accepted from any origin: WebSocketOptions.AllowedOrigins is not set and the handler does not check the Origin header; restrict WebSocketOptions.AllowedOrigins or check Request.Headers.Origin before accepting",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Controller_action_accepts_any_origin()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class ChatController : ControllerBase
            {
                [Route("/chat")]
                public async Task Connect()
                {
                    if (HttpContext.WebSockets.IsWebSocketRequest)
                    {
                        using var socket = await {|SSDLC1204:HttpContext.WebSockets.AcceptWebSocketAsync("chat.v1")|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Middleware_class_in_a_Startup_app()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public sealed class NotificationSocketMiddleware
            {
                private readonly RequestDelegate _next;

                public NotificationSocketMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    if (context.Request.Path == "/notifications" && context.WebSockets.IsWebSocketRequest)
                    {
                        var socket = await {|SSDLC1204:context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = false })|};
                        socket.Dispose();
                        return;
                    }

                    await _next(context);
                }
            }

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = System.TimeSpan.FromSeconds(30) });
                    app.UseMiddleware<NotificationSocketMiddleware>();
                }
            }
            """);
    }

    [Fact]
    public async Task Wildcard_allowed_origin_is_no_restriction()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            var options = new WebSocketOptions();
            options.AllowedOrigins.Add("*");
            app.UseWebSockets(options);
            app.Use(async (context, next) =>
            {
                if (context.WebSockets.IsWebSocketRequest)
                {
                    using var ws = await {|SSDLC1204:context.WebSockets.AcceptWebSocketAsync()|};
                    return;
                }

                await next(context);
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task Wildcard_in_an_initialiser_and_origin_check_elsewhere()
    {
        // The Origin header is read in another endpoint: it does not protect this one.
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseWebSockets(new WebSocketOptions { AllowedOrigins = { "*" } });
            app.MapGet("/whoami", (HttpRequest request) => request.Headers.Origin.ToString());
            app.Map("/live", async context =>
            {
                using var ws = await {|SSDLC1204:context.WebSockets.AcceptWebSocketAsync()|};
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task Local_function_handler()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseWebSockets();
            app.Map("/prices", Prices);
            app.Run();

            static async Task Prices(HttpContext context)
            {
                using var ws = await {|SSDLC1204:context.WebSockets.AcceptWebSocketAsync()|};
                await Task.Delay(10);
            }
            """);
    }

    [Fact]
    public async Task Allowed_origins_configured_is_silent()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            var webSocketOptions = new WebSocketOptions { KeepAliveInterval = TimeSpan.FromMinutes(2) };
            webSocketOptions.AllowedOrigins.Add("https://app.example.com");
            app.UseWebSockets(webSocketOptions);
            app.Map("/ws", async (HttpContext context) =>
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task Allowed_origins_from_configuration_in_Startup_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Configuration;

            public class Startup
            {
                private readonly IConfiguration _configuration;

                public Startup(IConfiguration configuration) => _configuration = configuration;

                public void Configure(IApplicationBuilder app)
                {
                    var options = new WebSocketOptions();
                    foreach (string origin in _configuration.GetSection("WebSockets:Origins").Get<string[]>() ?? System.Array.Empty<string>())
                    {
                        options.AllowedOrigins.Add(origin);
                    }

                    app.UseWebSockets(options);
                    app.Run(async context =>
                    {
                        using var ws = await context.WebSockets.AcceptWebSocketAsync();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Origin_header_checked_in_the_handler_is_silent()
    {
        await VerifyProgram.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseWebSockets();
            app.Map("/ws", async (HttpContext context) =>
            {
                if (context.Request.Headers.Origin != "https://app.example.com")
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                using var socket = await context.WebSockets.AcceptWebSocketAsync();
            });
            app.Map("/ws2", async (HttpContext context) =>
            {
                string origin = context.Request.Headers["Origin"].ToString();
                if (origin != "https://admin.example.com")
                {
                    return;
                }

                using var socket = await context.WebSockets.AcceptWebSocketAsync();
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task Origin_checked_through_a_helper_or_header_names_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public interface IOriginPolicy
            {
                bool IsAllowedOrigin(HttpContext context);
            }

            public class FeedController : ControllerBase
            {
                private readonly IOriginPolicy _policy;

                public FeedController(IOriginPolicy policy) => _policy = policy;

                [Route("/feed")]
                public async Task Feed()
                {
                    if (!_policy.IsAllowedOrigin(HttpContext))
                    {
                        HttpContext.Response.StatusCode = 403;
                        return;
                    }

                    using var socket = await HttpContext.WebSockets.AcceptWebSocketAsync();
                }

                [Route("/feed2")]
                public async Task Feed2()
                {
                    if (!Request.Headers.TryGetValue(HeaderNames.Origin, out var origin) || origin != "https://app.example.com")
                    {
                        return;
                    }

                    using var socket = await HttpContext.WebSockets.AcceptWebSocketAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Client_websockets_and_look_alikes_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System;
            using System.Net.WebSockets;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class FakeManager
            {
                public Task<WebSocket?> AcceptWebSocketAsync() => Task.FromResult<WebSocket?>(null);
            }

            public static class PriceFeedClient
            {
                public static async Task ConnectAsync(FakeManager manager, CancellationToken ct)
                {
                    using var client = new ClientWebSocket();
                    await client.ConnectAsync(new Uri("wss://prices.example.com/ws"), ct);
                    await manager.AcceptWebSocketAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Allowed_origins_in_Startup_cover_a_controller_elsewhere()
    {
        // The middleware rejects other origins before any handler runs, wherever the handler is.
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;

            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    app.UseWebSockets(new WebSocketOptions { AllowedOrigins = { "https://app.example.com", "https://admin.example.com" } });
                    app.UseRouting();
                }
            }

            public class TickerController : ControllerBase
            {
                [Route("/ticker")]
                public async Task Ticker()
                {
                    using var socket = await HttpContext.WebSockets.AcceptWebSocketAsync();
                }
            }
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

    [Fact]
    public async Task Allowed_origins_of_one_host_do_not_cover_the_sockets_another_host_accepts()
    {
        await VerifyProgram.VerifyAsync("""
            var chat = WebApplication.CreateBuilder(args).Build();
            chat.UseWebSockets(new WebSocketOptions { AllowedOrigins = { "https://chat.example.com" } });
            chat.Map("/ws", async context =>
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
            });

            var prices = WebApplication.CreateBuilder(args).Build();
            prices.UseWebSockets();
            prices.Map("/prices", async context =>
            {
                using var socket = await {|SSDLC1204:context.WebSockets.AcceptWebSocketAsync()|};
            });

            await Task.WhenAll(chat.RunAsync(), prices.RunAsync());
            """);
    }
}

using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;

namespace CompliantApp.Controllers;

// Live price updates for the partner portal: only the portal's own origin may connect or read.
[ApiController]
[EnableCors(LiveCors.PolicyName)]
public sealed class LiveController : ControllerBase
{
    [Route("live/prices")]
    public async Task Prices(CancellationToken cancellationToken)
    {
        if (!HttpContext.WebSockets.IsWebSocketRequest)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // Browsers send cookies with WebSocket handshakes from any site: accept only the portal's origin.
        if (!LiveCors.IsAllowedOrigin(Request.Headers.Origin.ToString()))
        {
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using WebSocket socket = await HttpContext.WebSockets.AcceptWebSocketAsync();
        byte[] message = Encoding.UTF8.GetBytes("{\"sku\":\"A-100\",\"price\":9.99}");
        await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
    }

    [HttpGet("live/snapshot")]
    public IActionResult Snapshot() => Ok(new { sku = "A-100", price = 9.99m });
}

public static class LiveCors
{
    public const string PolicyName = "live";
    private const string PortalOrigin = "https://portal.example.com";

    public static bool IsAllowedOrigin(string origin) => string.Equals(origin, PortalOrigin, StringComparison.Ordinal);

    public static IServiceCollection AddLiveCors(this IServiceCollection services)
        => services.AddCors(options => options.AddPolicy(PolicyName, policy =>
            policy.WithOrigins(PortalOrigin)
                .AllowAnyHeader()
                .AllowCredentials()));
}

using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;

namespace VulnerableApp.Controllers;

// Deliberately wrong: API security (B.12). Live price updates for the partner portal.
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

        // SSDLC1204: any web site can open this socket with the visitor's cookies (no AllowedOrigins, no Origin check).
        using WebSocket socket = await HttpContext.WebSockets.AcceptWebSocketAsync();
        byte[] message = Encoding.UTF8.GetBytes("{\"sku\":\"A-100\",\"price\":9.99}");
        await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
    }

    [HttpGet("live/snapshot")]
    public IActionResult Snapshot()
    {
        // SSDLC1202: every web site may read the response.
        Response.Headers.AccessControlAllowOrigin = "*";
        return Ok(new { sku = "A-100", price = 9.99m });
    }
}

public static class LiveCors
{
    public const string PolicyName = "live";

    public static IServiceCollection AddLiveCors(this IServiceCollection services)
        => services.AddCors(options => options.AddPolicy(PolicyName, policy =>
            // SSDLC1202: reflects every origin and sends cookies along: any site can call the API as the visitor.
            policy.SetIsOriginAllowed(_ => true)
                .AllowAnyHeader()
                .AllowCredentials()));
}

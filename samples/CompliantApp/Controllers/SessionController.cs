using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompliantApp.Controllers;

[ApiController]
[Route("session")]
public sealed class SessionController(ILogger<SessionController> logger) : ControllerBase
{
    private static readonly CookieOptions SessionCookie = new()
    {
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
    };

    [HttpPost("login")]
    [AllowAnonymous]
    public IActionResult Login()
    {
        string id = Guid.NewGuid().ToString("N");
        logger.LogInformation("Login for session {SessionHash}", id.GetHashCode());
        Response.Cookies.Append("session", id, SessionCookie);
        return Ok();
    }

    [HttpGet("profile/{id}")]
    public IActionResult Profile(int id)
    {
        try
        {
            return Ok(LoadProfile(id));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Loading profile {ProfileId} failed", id);
            return Problem("The profile could not be loaded.");
        }
    }

    private static string LoadProfile(int id) => id > 0 ? "profile" : throw new InvalidOperationException("no profile");
}

using Microsoft.AspNetCore.Mvc;

namespace CompliantApp.Controllers;

[ApiController]
[Route("account")]
public sealed class AccountController : ControllerBase
{
    private static readonly CookieOptions SessionCookie = new()
    {
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
    };

    [HttpPost("login")]
    public IActionResult Login()
    {
        string id = Guid.NewGuid().ToString("N");
        Response.Cookies.Append("session", id, SessionCookie);
        return Ok();
    }
}

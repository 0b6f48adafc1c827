using Microsoft.AspNetCore.Mvc;

namespace VulnerableApp.Controllers;

[ApiController]
[Route("session")]
public sealed class SessionController(ILogger<SessionController> logger) : ControllerBase
{
    [HttpPost("login")]
    // SSDLC0705: login CSRF: another site can sign the browser in to an account of its choosing.
    public IActionResult Login(string user, string password)
    {
        // SSDLC0903: the password ends up in every log sink.
        logger.LogInformation("Login for {User} with {Password}", user, password);
        string id = Guid.NewGuid().ToString("N");
        // SSDLC0701: no Secure attribute, so the session id also travels over plain HTTP.
        Response.Cookies.Append("session", id, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
        Response.Cookies.Append("auth", user, new CookieOptions
        {
            Secure = true,
            // SSDLC0702: scripts (and so any XSS) can read the authentication cookie.
            HttpOnly = false,
            // SSDLC0703: sent with cross-site requests too.
            SameSite = SameSiteMode.None,
        });
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
            // SSDLC0902: the stack trace goes to the client.
            return StatusCode(500, ex.ToString());
        }
    }

    private static string LoadProfile(int id) => id > 0 ? "profile" : throw new InvalidOperationException("no profile");
}

using Microsoft.AspNetCore.Mvc;

namespace VulnerableApp.Controllers;

[ApiController]
[Route("account")]
public sealed class AccountController(IHttpClientFactory httpClientFactory) : ControllerBase
{
    [HttpGet("login")]
    // SSDLC0603: the password travels in the query string and lands in access logs and browser history.
    public IActionResult Login(string userName, string password) => Ok(userName.Length + password.Length > 0);

    [HttpPost("legacy-check")]
    // SSDLC0705: a form on another site can post to this action with the signed-in user's cookie.
    public async Task<IActionResult> LegacyCheck([FromForm] string userName, [FromForm] string password)
    {
        HttpClient http = httpClientFactory.CreateClient();
        // SSDLC0603: the legacy directory gets the password in its URL.
        string result = await http.GetStringAsync($"https://directory.example.com/check?user={Uri.EscapeDataString(userName)}&password={Uri.EscapeDataString(password)}");
        return Ok(result);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CompliantApp.Controllers;

public sealed record LoginRequest(string UserName, string Password);

[ApiController]
[Route("account")]
public sealed class AccountController(IHttpClientFactory httpClientFactory) : ControllerBase
{
    // Credentials in the request body of a POST.
    [HttpPost("login")]
    [AllowAnonymous]
    public IActionResult Login([FromBody] LoginRequest request) => Ok(request.UserName.Length + request.Password.Length > 0);

    [HttpPost("legacy-check")]
    public async Task<IActionResult> LegacyCheck([FromForm] string userName, [FromForm] string password)
    {
        HttpClient http = httpClientFactory.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = userName, ["password"] = password });
        using HttpResponseMessage response = await http.PostAsync("https://directory.example.com/check", form);
        return Ok(await response.Content.ReadAsStringAsync());
    }
}

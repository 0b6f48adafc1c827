using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace VulnerableApp.Controllers;

public sealed record PasswordLogin(string UserName, string Password);

[ApiController]
[AllowAnonymous]
[Route("login")]
public sealed class LoginController(SignInManager<IdentityUser> signInManager) : ControllerBase
{
    [HttpPost]
    public async Task<IActionResult> SignIn([FromBody] PasswordLogin login)
    {
        var result = await signInManager.PasswordSignInAsync(
            login.UserName,
            login.Password,
            isPersistent: false,
            // SSDLC0501: failed passwords are not counted, so guessing never locks the account.
            lockoutOnFailure: false);
        return result.Succeeded ? NoContent() : Unauthorized();
    }
}

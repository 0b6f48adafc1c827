using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CompliantApp.Controllers;

public sealed record PasswordLogin(string UserName, string Password);

[ApiController]
[Route("login")]
public sealed class LoginController(SignInManager<IdentityUser> signInManager) : ControllerBase
{
    // Failed passwords count towards Identity's account lockout.
    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> SignIn([FromBody] PasswordLogin login)
    {
        var result = await signInManager.PasswordSignInAsync(login.UserName, login.Password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded ? NoContent() : Unauthorized();
    }
}

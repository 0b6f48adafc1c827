using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace VulnerableApp.Controllers;

public sealed record SignInRequest(string Email, string Password);

[ApiController]
[AllowAnonymous]
[Route("api/signin")]
public sealed class SignInController(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) : ControllerBase
{
    [HttpPost]
    public async Task<IActionResult> SignIn([FromBody] SignInRequest request)
    {
        IdentityUser? user = await users.FindByEmailAsync(request.Email);
        if (user is null)
        {
            // SSDLC0502: tells an attacker which e-mail addresses have an account.
            return NotFound(new { error = "Email not registered" });
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            // SSDLC0502: confirms that the account exists.
            return Unauthorized(new ProblemDetails { Detail = "Wrong password" });
        }

        return Ok();
    }
}

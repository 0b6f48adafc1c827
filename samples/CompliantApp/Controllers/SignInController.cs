using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CompliantApp.Controllers;

public sealed record SignInRequest(string Email, string Password);

[ApiController]
[Route("api/signin")]
public sealed class SignInController(SignInManager<IdentityUser> signIn) : ControllerBase
{
    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> SignIn([FromBody] SignInRequest request)
    {
        // The same neutral answer whether the account is unknown or the password wrong.
        var result = await signIn.PasswordSignInAsync(request.Email, request.Password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded ? Ok() : Unauthorized(new ProblemDetails { Detail = "Invalid user name or password." });
    }
}

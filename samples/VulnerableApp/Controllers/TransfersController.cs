using Microsoft.AspNetCore.Mvc;

namespace VulnerableApp.Controllers;

[Route("transfers")]
public sealed class TransfersController : Controller
{
    [HttpGet]
    public IActionResult Index() => View();

    [HttpPost]
    // SSDLC0705: a form on any other site can post a transfer in the signed-in user's name.
    public IActionResult Create(string toAccount, decimal amount) => RedirectToAction(nameof(Index));

    [HttpPost("{id:int}/cancel")]
    // SSDLC0705: the token check is switched off for a state-changing action.
    [IgnoreAntiforgeryToken]
    public IActionResult Cancel(int id) => RedirectToAction(nameof(Index));
}

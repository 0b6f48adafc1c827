using Microsoft.AspNetCore.Mvc;
using VulnerableApp.Services;

namespace VulnerableApp.Controllers;

[Route("transfers")]
public sealed class TransfersController(ITransferQueue transfers) : Controller
{
    [HttpGet]
    public IActionResult Index() => View();

    [HttpPost]
    // SSDLC0705: a form on any other site can post a transfer in the signed-in user's name.
    // SSDLC0207: the [Range] on the amount is never checked: negative and huge transfers are queued as they came.
    public IActionResult Create(TransferInput transfer)
    {
        transfers.Enqueue(transfer);
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:int}/cancel")]
    // SSDLC0705: the token check is switched off for a state-changing action.
    [IgnoreAntiforgeryToken]
    public IActionResult Cancel(int id) => RedirectToAction(nameof(Index));
}

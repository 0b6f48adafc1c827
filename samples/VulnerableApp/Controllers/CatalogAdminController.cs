using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace VulnerableApp.Controllers;

[ApiController]
[Route("catalog")]
public sealed class CatalogAdminController(ShopContext db) : ControllerBase
{
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Get(int id) => await db.Products.FindAsync(id) is { } product ? Ok(product) : NotFound();

    // A link or an <img src> on any site deletes products in the name of a signed-in administrator.
    [HttpGet("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        Product? product = await db.Products.FindAsync(id);
        if (product is null)
        {
            return NotFound();
        }

        // SSDLC0706: a GET request removes the product.
        db.Products.Remove(product);
        await db.SaveChangesAsync();
        return NoContent();
    }
}

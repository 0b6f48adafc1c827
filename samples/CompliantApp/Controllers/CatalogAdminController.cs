using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompliantApp.Controllers;

[ApiController]
[Route("catalog")]
public sealed class CatalogAdminController(ShopContext db) : ControllerBase
{
    // GET only reads.
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Get(int id) => await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) is { } product ? Ok(product) : NotFound();

    // The state change is a DELETE.
    [HttpDelete("{id:int}")]
    public async Task<IActionResult> Delete(int id)
    {
        Product? product = await db.Products.FindAsync(id);
        if (product is null)
        {
            return NotFound();
        }

        db.Products.Remove(product);
        await db.SaveChangesAsync();
        return NoContent();
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CompliantApp.Controllers;

[ApiController]
[Route("products")]
public sealed class ProductsController(ShopContext db) : ControllerBase
{
    [HttpGet("search")]
    public async Task<IActionResult> Search(string name)
    {
        // FromSql turns the interpolation hole into a parameter.
        var products = await db.Products.FromSql($"SELECT * FROM Products WHERE Name = {name}").ToListAsync();
        return Ok(products);
    }

    [HttpGet("count")]
    public async Task<long> Count(string category)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Products WHERE Category = @category";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@category";
        parameter.Value = category;
        command.Parameters.Add(parameter);
        await db.Database.OpenConnectionAsync();
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    [HttpGet("{id:int}/etag")]
    public string ETag(int id)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(id.ToString()));
        return Convert.ToHexString(hash);
    }
}

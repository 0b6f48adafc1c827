using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace VulnerableApp.Controllers;

[ApiController]
[Route("products")]
public sealed class ProductsController(ShopContext db) : ControllerBase
{
    [HttpGet("search")]
    public async Task<IActionResult> Search(string name)
    {
        // SSDLC0401: the user's text becomes part of the SQL statement.
        var products = await db.Products.FromSqlRaw($"SELECT * FROM Products WHERE Name = '{name}'").ToListAsync();
        return Ok(products);
    }

    [HttpGet("count")]
    public async Task<long> Count(string category)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        // SSDLC0401: concatenated SQL.
        command.CommandText = "SELECT COUNT(*) FROM Products WHERE Category = '" + category + "'";
        await db.Database.OpenConnectionAsync();
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    [HttpGet("{id:int}/etag")]
    public string ETag(int id)
    {
        // SSDLC1001: MD5 is broken.
        byte[] hash = MD5.HashData(Encoding.UTF8.GetBytes(id.ToString()));
        return Convert.ToHexString(hash);
    }

#pragma warning disable SSDLC1001
    [HttpGet("{id:int}/legacy-etag")]
    public string LegacyETag(int id)
    {
        // SSDLC0001: the pragma above silences a security rule without saying why.
        using var sha1 = SHA1.Create();
        return Convert.ToHexString(sha1.ComputeHash(Encoding.UTF8.GetBytes(id.ToString())));
    }
#pragma warning restore SSDLC1001
}

namespace VulnerableApp.Services;

public interface ICatalogService
{
    Task RenameAsync(int id, string name);
}

public sealed class CatalogService(ShopContext db) : ICatalogService
{
    public async Task RenameAsync(int id, string name)
    {
        Product? product = await db.Products.FindAsync(id);
        if (product is not null)
        {
            product.Name = name;
            await db.SaveChangesAsync();
        }
    }
}

using Microsoft.EntityFrameworkCore;

namespace CompliantApp.Endpoints;

public static class MaintenanceEndpoints
{
    public static IEndpointRouteBuilder MapMaintenance(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/maintenance/category/{category}", async (string category, ShopContext db) =>
            Results.Ok(await db.Products.AsNoTracking().CountAsync(p => p.Category == category)));
        routes.MapPost("/maintenance/clear-category/{category}", async (string category, ShopContext db) =>
            Results.Ok(await db.Products.Where(p => p.Category == category).ExecuteDeleteAsync()));
        return routes;
    }
}

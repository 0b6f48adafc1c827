using Microsoft.EntityFrameworkCore;

namespace VulnerableApp.Endpoints;

public static class MaintenanceEndpoints
{
    public static IEndpointRouteBuilder MapMaintenance(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/maintenance/clear-category/{category}", async (string category, ShopContext db) =>
            // SSDLC0706: a GET request deletes every product of the category.
            Results.Ok(await db.Products.Where(p => p.Category == category).ExecuteDeleteAsync()));
        return routes;
    }
}

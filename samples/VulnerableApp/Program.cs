using Microsoft.EntityFrameworkCore;
using VulnerableApp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddDbContext<ShopContext>();

var app = builder.Build();
app.MapControllers();
app.Run();

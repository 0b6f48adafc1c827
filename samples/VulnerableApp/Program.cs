using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VulnerableApp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddShopAuthentication();
// SSDLC0206: actions run on models that failed validation.
builder.Services.Configure<ApiBehaviorOptions>(o => o.SuppressModelStateInvalidFilter = true);
builder.Services.AddDbContext<ShopContext>();
builder.Services.AddScoped<VulnerableApp.Services.ICatalogService, VulnerableApp.Services.CatalogService>();
builder.Services.AddSingleton<VulnerableApp.Services.ITransferQueue, VulnerableApp.Services.TransferQueue>();
builder.Services.Configure<IdentityOptions>(o =>
{
    // SSDLC0601: six-character passwords are below the standard's minimum of eight.
    o.Password.RequiredLength = 6;
});
builder.AddTransportSettings();

// SSDLC1401: no HTTPS redirection and no HSTS anywhere in the pipeline.
var app = builder.Build();
// SSDLC0901: the developer exception page shows stack traces to every client.
app.UseDeveloperExceptionPage();
app.MapControllers();
app.Run();

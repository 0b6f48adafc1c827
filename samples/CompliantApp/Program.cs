using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using CompliantApp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddShopSecurity();
builder.Services.AddDbContext<ShopContext>();
builder.Services.Configure<IdentityOptions>(o =>
{
    o.Password.RequiredLength = 12;
    o.Password.RequiredUniqueChars = 4;
});

var app = builder.Build();
if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    app.UseExceptionHandler("/error");
}

app.UseHttpsAndSecurityHeaders();

app.MapControllers();
app.Run();

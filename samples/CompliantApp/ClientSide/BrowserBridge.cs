using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.JSInterop;

namespace CompliantApp.ClientSide;

/// <summary>JS interop helpers of the shop's Blazor front end: named module functions, protected storage.</summary>
public sealed class BrowserBridge(IJSRuntime js, ProtectedSessionStorage sessionStorage) : IAsyncDisposable
{
    private IJSObjectReference? _widgets;

    public async Task RenderWidgetAsync(string elementId, IReadOnlyList<decimal> prices)
    {
        _widgets ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/widgets.js");
        await _widgets.InvokeVoidAsync("renderPriceChart", elementId, prices);
    }

    public async Task RememberPreferencesAsync(string theme, string cartId)
    {
        await js.InvokeVoidAsync("localStorage.setItem", "theme", theme);
        // Server-side state, encrypted with Data Protection: page scripts cannot read it.
        await sessionStorage.SetAsync("cart", cartId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_widgets is not null)
        {
            await _widgets.DisposeAsync();
        }
    }
}

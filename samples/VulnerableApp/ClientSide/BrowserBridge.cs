using Microsoft.JSInterop;

namespace VulnerableApp.ClientSide;

/// <summary>JS interop helpers of the shop's Blazor front end.</summary>
public sealed class BrowserBridge(IJSRuntime js)
{
    public async Task RunWidgetScriptAsync(string widgetScript)
    {
        // SSDLC1301: any text that reaches the script runs in the user's browser.
        await js.InvokeVoidAsync("eval", widgetScript);
    }

    public async Task RememberLoginAsync(string accessToken)
    {
        // SSDLC1302: every script on the page can read the token.
        await js.InvokeVoidAsync("localStorage.setItem", "access_token", accessToken);
    }
}

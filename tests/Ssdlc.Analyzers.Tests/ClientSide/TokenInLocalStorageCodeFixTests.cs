using Fix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<
    Ssdlc.Analyzers.ClientSide.TokenInLocalStorageAnalyzer,
    Ssdlc.CodeFixes.ClientSide.TokenInLocalStorageCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.ClientSide;

public class TokenInLocalStorageCodeFixTests
{
    [Fact]
    public async Task Login_component_stores_the_token_in_sessionStorage()
    {
        await Fix.VerifyFixAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.JSInterop;

            public class LoginForm : ComponentBase
            {
                [Inject] private IJSRuntime JS { get; set; } = default!;

                private async Task OnLoggedInAsync(string accessToken)
                {
                    await JS.InvokeVoidAsync("localStorage.setItem", "access_token", {|SSDLC1302:accessToken|});
                    await JS.InvokeVoidAsync("localStorage.setItem", "theme", "dark");
                }
            }
            """,
            """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.JSInterop;

            public class LoginForm : ComponentBase
            {
                [Inject] private IJSRuntime JS { get; set; } = default!;

                private async Task OnLoggedInAsync(string accessToken)
                {
                    await JS.InvokeVoidAsync("sessionStorage.setItem", "access_token", accessToken);
                    await JS.InvokeVoidAsync("localStorage.setItem", "theme", "dark");
                }
            }
            """);
    }

    [Fact]
    public async Task Window_prefix_is_kept_in_process_runtime()
    {
        await Fix.VerifyFixAsync(
            """
            using Microsoft.JSInterop;

            public sealed class WasmTokenCache(IJSInProcessRuntime js)
            {
                public void Store(string idToken) => js.InvokeVoid("window.localStorage.setItem", "id", {|SSDLC1302:idToken|});
            }
            """,
            """
            using Microsoft.JSInterop;

            public sealed class WasmTokenCache(IJSInProcessRuntime js)
            {
                public void Store(string idToken) => js.InvokeVoid("window.sessionStorage.setItem", "id", idToken);
            }
            """);
    }

    [Fact]
    public async Task Title_says_the_reads_must_move_too()
    {
        string[] titles = await Fix.GetTitlesAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class TokenStore(IJSRuntime js)
            {
                public ValueTask SaveAsync(string jwt) => js.InvokeVoidAsync("localStorage.setItem", "jwt", {|SSDLC1302:jwt|});
            }
            """);
        Assert.Equal(new[] { "Store it in sessionStorage instead (move the matching getItem/removeItem too)" }, titles);
    }

    [Fact]
    public async Task Fix_all_changes_every_literal_identifier()
    {
        await Fix.VerifyFixAllAsync(
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class TokenStore(IJSRuntime js)
            {
                private string _refreshToken = "";

                public async Task SaveAsync(string accessToken, CancellationToken cancellationToken)
                {
                    await js.InvokeVoidAsync("localStorage.setItem", cancellationToken, "access", {|SSDLC1302:accessToken|});
                    await js.InvokeVoidAsync("window.localStorage.setItem", "refresh", {|SSDLC1302:_refreshToken|});
                    await js.InvokeVoidAsync("localStorage.setItem", "apiKey", {|SSDLC1302:accessToken|});
                }
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class TokenStore(IJSRuntime js)
            {
                private string _refreshToken = "";

                public async Task SaveAsync(string accessToken, CancellationToken cancellationToken)
                {
                    await js.InvokeVoidAsync("sessionStorage.setItem", cancellationToken, "access", accessToken);
                    await js.InvokeVoidAsync("window.sessionStorage.setItem", "refresh", _refreshToken);
                    await js.InvokeVoidAsync("sessionStorage.setItem", "apiKey", accessToken);
                }
            }
            """);
    }

    [Fact]
    public async Task Identifier_in_a_constant_has_no_fix()
    {
        await Fix.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class TokenStore(IJSRuntime js)
            {
                private const string SetItem = "localStorage.setItem";

                public ValueTask SaveAsync(string token) => js.InvokeVoidAsync(SetItem, "auth", {|SSDLC1302:token|});
            }
            """);
    }

    [Fact]
    public async Task Blazored_local_storage_has_no_fix()
    {
        await Fix.VerifyNoFixAsync("""
            using System.Threading.Tasks;
            using Blazored.LocalStorage;

            public sealed class AuthStateStore(ILocalStorageService storage)
            {
                public ValueTask SaveAsync(string accessToken) => storage.SetItemAsync("accessToken", {|SSDLC1302:accessToken|});
            }

            namespace Blazored.LocalStorage
            {
                public interface ILocalStorageService
                {
                    ValueTask SetItemAsync<T>(string key, T data, System.Threading.CancellationToken cancellationToken = default);
                }
            }
            """);
    }
}

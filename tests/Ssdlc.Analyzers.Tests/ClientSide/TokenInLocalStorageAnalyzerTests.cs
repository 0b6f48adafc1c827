using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.ClientSide.TokenInLocalStorageAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.ClientSide.TokenInLocalStorageAnalyzer>;

namespace Ssdlc.Analyzers.Tests.ClientSide;

public class TokenInLocalStorageAnalyzerTests
{
    // Blazored.LocalStorage is a package the tests do not reference: the rule matches it by type name, so a stand-in will do.
    private const string BlazoredStandIn = """

        namespace Blazored.LocalStorage
        {
            public interface ILocalStorageService
            {
                System.Threading.Tasks.ValueTask SetItemAsync<T>(string key, T data, System.Threading.CancellationToken cancellationToken = default);
                System.Threading.Tasks.ValueTask SetItemAsStringAsync(string key, string data, System.Threading.CancellationToken cancellationToken = default);
                System.Threading.Tasks.ValueTask<T?> GetItemAsync<T>(string key, System.Threading.CancellationToken cancellationToken = default);
                System.Threading.Tasks.ValueTask RemoveItemAsync(string key, System.Threading.CancellationToken cancellationToken = default);
            }

            public interface ISyncLocalStorageService
            {
                void SetItem<T>(string key, T data);
            }
        }
        """;

    [Fact]
    public async Task Login_component_stores_the_access_token_through_JS_interop()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.JSInterop;

            public record LoginResponse(string AccessToken, string RefreshToken, int ExpiresIn);

            public class LoginForm : ComponentBase
            {
                [Inject] private IJSRuntime JS { get; set; } = default!;
                [Inject] private HttpClient Http { get; set; } = default!;

                private async Task SubmitAsync(string user, string password)
                {
                    var response = await Http.PostAsJsonAsync("api/auth/login", new { user, password });
                    LoginResponse? login = await response.Content.ReadFromJsonAsync<LoginResponse>();
                    await JS.InvokeVoidAsync("localStorage.setItem", "access_token", {|SSDLC1302:login!.AccessToken|});
                    await JS.InvokeVoidAsync("window.localStorage.setItem", "refresh", {|SSDLC1302:login.RefreshToken|});
                }
            }
            """);
        Assert.Equal(
            "localStorage.setItem stores 'access_token' in the browser's localStorage, where every script on the page can read it and it outlives the session; keep tokens in an HttpOnly cookie or on the server (ProtectedSessionStorage in Blazor Server)",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Key_names_the_secret_even_when_the_value_does_not()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class SessionStore(IJSRuntime js)
            {
                private const string JwtKey = "jwt";

                public ValueTask SaveAsync(string value) => js.InvokeVoidAsync("localStorage.setItem", JwtKey, {|SSDLC1302:value|});
                public ValueTask SaveSessionAsync(string data) => js.InvokeVoidAsync("localStorage.setItem", "userSession", {|SSDLC1302:data|});
                public ValueTask SaveApiKeyAsync(string data) => js.InvokeVoidAsync("localStorage.setItem", "apiKey", {|SSDLC1302:data|});
            }
            """);
    }

    [Fact]
    public async Task Value_name_says_token_or_password()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class RememberMe(IJSRuntime js)
            {
                private string _bearerToken = "";

                public async Task RememberAsync(string userName, string password)
                {
                    await js.InvokeVoidAsync("localStorage.setItem", "user", userName);
                    await js.InvokeVoidAsync("localStorage.setItem", "pw", {|SSDLC1302:password|});
                    await js.InvokeVoidAsync("localStorage.setItem", "auth", {|SSDLC1302:_bearerToken|});
                }
            }
            """);
    }

    [Fact]
    public async Task In_process_runtime_in_WebAssembly()
    {
        await VerifyCS.VerifyAsync("""
            using Microsoft.JSInterop;

            public sealed class WasmTokenCache(IJSInProcessRuntime js)
            {
                public void Store(string idToken) => js.InvokeVoid("localStorage.setItem", "id", {|SSDLC1302:idToken|});
            }
            """);
    }

    [Fact]
    public async Task Blazored_local_storage_service()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Blazored.LocalStorage;

            public sealed class AuthStateStore(ILocalStorageService localStorage, ISyncLocalStorageService syncStorage)
            {
                public async Task SaveAsync(string token, string refreshToken)
                {
                    await localStorage.SetItemAsync("authToken", {|SSDLC1302:token|});
                    await localStorage.SetItemAsStringAsync("refresh_token", {|SSDLC1302:refreshToken|});
                    syncStorage.SetItem("sessionId", {|SSDLC1302:System.Guid.NewGuid().ToString()|});
                }
            }
            """ + BlazoredStandIn);
    }

    [Fact]
    public async Task Serialized_tokens_and_awaited_token_calls()
    {
        await VerifyCS.VerifyAsync("""
            using System.Text.Json;
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public record TokenSet(string Access, string Refresh);

            public interface ITokenClient { Task<string> GetAccessTokenAsync(); }

            public sealed class TokenPersistence(IJSRuntime js, ITokenClient client)
            {
                public async Task PersistAsync(TokenSet tokens)
                {
                    await js.InvokeVoidAsync("localStorage.setItem", "state", {|SSDLC1302:JsonSerializer.Serialize(tokens)|});
                    await js.InvokeVoidAsync("localStorage.setItem", "a", {|SSDLC1302:await client.GetAccessTokenAsync()|});
                }
            }
            """);
    }

    [Fact]
    public async Task Razor_component_code_block_is_analysed()
    {
        await VerifyCS.VerifyAsync("""
            // <auto-generated/>
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.JSInterop;

            public partial class Login : ComponentBase
            {
                [Inject] private IJSRuntime JS { get; set; } = default!;
            #line 30 "/src/Pages/Login.razor"
                private async Task OnLoggedInAsync(string jwt) => await JS.InvokeVoidAsync("localStorage.setItem", "auth", {|SSDLC1302:jwt|});
            #line default
            }
            """);
    }

    [Fact]
    public async Task Preferences_and_non_secret_values_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class Preferences(IJSRuntime js)
            {
                public async Task SaveAsync(string theme, int pageSize, string cartId, System.DateTimeOffset tokenExpiry)
                {
                    await js.InvokeVoidAsync("localStorage.setItem", "theme", theme);
                    await js.InvokeVoidAsync("localStorage.setItem", "pageSize", pageSize);
                    await js.InvokeVoidAsync("localStorage.setItem", "cart", cartId);
                    await js.InvokeVoidAsync("localStorage.setItem", "tokenExpiry", tokenExpiry.ToString("O"));
                    await js.InvokeVoidAsync("localStorage.setItem", "passwordStrengthHint", "shown");
                    await js.InvokeVoidAsync("localStorage.setItem", "cacheKey", "v2");
                }
            }
            """);
    }

    [Fact]
    public async Task Session_storage_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class TabTokenStore(IJSRuntime js)
            {
                public ValueTask SaveAsync(string accessToken) => js.InvokeVoidAsync("sessionStorage.setItem", "access_token", accessToken);
            }
            """);
    }

    [Fact]
    public async Task Protected_browser_storage_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

            public sealed class ServerTokenStore(ProtectedSessionStorage sessionStorage, ProtectedLocalStorage localStorage)
            {
                public async Task SaveAsync(string accessToken, string refreshToken)
                {
                    await sessionStorage.SetAsync("access_token", accessToken);
                    await localStorage.SetAsync("refresh_token", refreshToken);
                }
            }
            """);
    }

    [Fact]
    public async Task Reading_and_removing_tokens_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Blazored.LocalStorage;
            using Microsoft.JSInterop;

            public sealed class Logout(IJSRuntime js, ILocalStorageService storage)
            {
                public async Task<string?> ReadAsync() => await js.InvokeAsync<string?>("localStorage.getItem", "access_token");

                public async Task SignOutAsync()
                {
                    await js.InvokeVoidAsync("localStorage.removeItem", "access_token");
                    await storage.RemoveItemAsync("authToken");
                    string? token = await storage.GetItemAsync<string>("authToken");
                }
            }
            """ + BlazoredStandIn);
    }

    [Fact]
    public async Task Other_storage_services_with_the_same_method_names_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;

            public interface IDistributedTokenCache { Task SetItemAsync<T>(string key, T data); }

            public sealed class ServerCache(IDistributedTokenCache cache)
            {
                public Task SaveAsync(string accessToken) => cache.SetItemAsync("access_token", accessToken);
            }
            """);
    }

    [Fact]
    public async Task Named_module_functions_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class Storage(IJSRuntime js)
            {
                public async Task SaveAsync(string accessToken)
                {
                    IJSObjectReference module = await js.InvokeAsync<IJSObjectReference>("import", "./js/auth.js");
                    await module.InvokeVoidAsync("storeTokenInMemory", accessToken);
                }
            }
            """);
    }

    [Theory]
    [InlineData("access_token", true)]
    [InlineData("jwt", true)]
    [InlineData("bearerToken", true)]
    [InlineData("userSession", true)]
    [InlineData("password", true)]
    [InlineData("jwtExpiry", false)]
    [InlineData("sessionCount", false)]
    [InlineData("theme", false)]
    [InlineData("tokenizerSettings", false)]
    public void Names_that_hold_credentials(string name, bool expected)
        => Assert.Equal(expected, Ssdlc.Analyzers.ClientSide.TokenInLocalStorageAnalyzer.NamesSecret(name));

    [Fact]
    public async Task Templates_are_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApi);
        await VerifyProgram.VerifyAsync(Templates.Mvc);
        await VerifyProgram.VerifyAsync(Templates.WebApp);
        await VerifyProgram.VerifyAsync(Templates.Blazor);
    }
}

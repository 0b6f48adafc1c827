using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Ssdlc.Analyzers.Tests.Verification;
using VerifyCS = Ssdlc.Analyzers.Tests.Verification.AnalyzerVerifier<Ssdlc.Analyzers.ClientSide.JavaScriptEvalAnalyzer>;
using VerifyProgram = Ssdlc.Analyzers.Tests.Verification.ProgramVerifier<Ssdlc.Analyzers.ClientSide.JavaScriptEvalAnalyzer>;

namespace Ssdlc.Analyzers.Tests.ClientSide;

public class JavaScriptEvalAnalyzerTests
{
    [Fact]
    public async Task Component_code_behind_evaluates_script_through_IJSRuntime()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.JSInterop;

            public partial class ReportViewer : ComponentBase
            {
                [Inject] public IJSRuntime JS { get; set; } = default!;
                [Parameter] public string ChartScript { get; set; } = "";

                protected override async Task OnAfterRenderAsync(bool firstRender)
                {
                    if (firstRender)
                    {
                        await JS.InvokeVoidAsync({|SSDLC1301:"eval"|}, ChartScript);
                    }
                }

                public async Task<int> CountRowsAsync(string filter)
                    => await JS.InvokeAsync<int>({|SSDLC1301:"window.eval"|}, $"document.querySelectorAll('{filter}').length");
            }
            """);
        Assert.Equal(
            "InvokeVoidAsync(\"eval\", …) evaluates a string as JavaScript; put the code in a named function of a JavaScript module and call that function instead",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Service_with_injected_runtime_and_constant_identifier_field()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class ScriptRunner(IJSRuntime js)
            {
                private const string Evaluate = "eval";

                public ValueTask RunAsync(string code, CancellationToken cancellationToken)
                    => js.InvokeVoidAsync({|SSDLC1301:Evaluate|}, cancellationToken, code);

                public ValueTask<string> RunWithTimeoutAsync(string code)
                    => js.InvokeAsync<string>({|SSDLC1301:"globalThis.eval"|}, System.TimeSpan.FromSeconds(5), code);
            }
            """);
    }

    [Fact]
    public async Task Function_constructor_and_string_timers_evaluate_code()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class Widgets(IJSRuntime js)
            {
                public async Task CompileAsync(string body)
                {
                    IJSObjectReference fn = await js.InvokeConstructorAsync({|SSDLC1301:"Function"|}, "x", body);
                    await fn.DisposeAsync();
                }

                public ValueTask<int> ScheduleAsync(string callback)
                    => js.InvokeAsync<int>({|SSDLC1301:"setTimeout"|}, callback, 500);

                public ValueTask<int> PollAsync()
                    => js.InvokeAsync<int>({|SSDLC1301:"window.setInterval"|}, "refreshDashboard()", 10000);
            }
            """);
    }

    [Fact]
    public async Task In_process_runtime_and_object_references()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class WasmInterop(IJSInProcessRuntime js)
            {
                public string Evaluate(string expression) => js.Invoke<string>({|SSDLC1301:"eval"|}, expression);

                public void Run(string code) => js.InvokeVoid({|SSDLC1301:"eval"|}, code);

                public async Task RunInFrameAsync(IJSObjectReference frameWindow, string code)
                {
                    await frameWindow.InvokeVoidAsync({|SSDLC1301:"eval"|}, code);
                }
            }
            """);
    }

    [Fact]
    public async Task Local_holding_the_identifier_and_explicit_argument_array()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class ThemeSwitcher(IJSRuntime js)
            {
                public async Task ApplyAsync(string theme)
                {
                    var function = "eval";
                    await js.InvokeVoidAsync({|SSDLC1301:function|}, new object[] { $"document.body.className = '{theme}'" });
                }
            }
            """);
    }

    [Fact]
    public async Task Minimal_render_callback_in_a_razor_component_class()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.JSInterop;

            public class Analytics : ComponentBase
            {
                [Inject] private IJSRuntime Js { get; set; } = default!;

                public async Task TrackAsync(string snippet)
                {
                    await Js.InvokeAsync<object>({|SSDLC1301:"eval"|}, snippet);
                }
            }
            """);
    }

    [Fact]
    public async Task Razor_component_code_block_is_analysed()
    {
        // The shape of a Razor SDK generated component (*.razor.g.cs): marked generated, #line-mapped to the .razor file.
        await VerifyCS.VerifyAsync("""
            // <auto-generated/>
            #pragma warning disable 1591
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.JSInterop;

            public partial class Console : ComponentBase
            {
                [Inject] private IJSRuntime JS { get; set; } = default!;
            #line 12 "/src/Components/Pages/Console.razor"
                private string input = "";

                private async Task RunAsync() => await JS.InvokeVoidAsync({|SSDLC1301:"eval"|}, input);
            #line default
            }
            """);
    }

    [Fact]
    public async Task Named_functions_and_modules_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.JSInterop;

            public class Map : ComponentBase, System.IAsyncDisposable
            {
                [Inject] private IJSRuntime JS { get; set; } = default!;
                private IJSObjectReference? _module;

                protected override async Task OnAfterRenderAsync(bool firstRender)
                {
                    if (firstRender)
                    {
                        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/map.js");
                        await _module.InvokeVoidAsync("initMap", "map-container", 51.5, -0.12);
                        await JS.InvokeVoidAsync("console.log", "map ready");
                        await JS.InvokeVoidAsync("blazorInterop.evaluateLayout", "eval");
                    }
                }

                public async ValueTask DisposeAsync()
                {
                    if (_module is not null)
                    {
                        await _module.DisposeAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Timers_with_a_function_reference_and_look_alike_names_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class Timers(IJSRuntime js)
            {
                public ValueTask<int> ScheduleAsync(DotNetObjectReference<Timers> self) => js.InvokeAsync<int>("setTimeout", self, 100);
                public ValueTask<int> ScheduleNamedAsync() => js.InvokeAsync<int>("scheduleRefresh", 100);
                public ValueTask EvaluateFormulaAsync(string formula) => js.InvokeVoidAsync("evaluate", formula);
                public ValueTask RunModuleEvalAsync(IJSObjectReference module, string formula) => module.InvokeVoidAsync("evalFormula", formula);
                public ValueTask EvalCaseAsync(string x) => js.InvokeVoidAsync("Eval", x);
            }
            """);
    }

    [Fact]
    public async Task Constructors_json_parsing_and_modules_named_like_eval_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class Charts(IJSRuntime js)
            {
                public async Task<IJSObjectReference> CreateAsync(string canvasId, string configJson)
                {
                    var config = await js.InvokeAsync<object>("JSON.parse", configJson);
                    await js.InvokeAsync<IJSObjectReference>("import", "./js/eval-helpers.js");
                    return await js.InvokeConstructorAsync("Chart", canvasId, config);
                }
            }
            """);
    }

    [Fact]
    public async Task Non_constant_identifiers_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class Dispatcher(IJSRuntime js)
            {
                public ValueTask CallAsync(string functionName, object payload) => js.InvokeVoidAsync(functionName, payload);
            }
            """);
    }

    [Fact]
    public async Task Other_InvokeAsync_methods_are_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;

            public interface IScriptHost { ValueTask InvokeVoidAsync(string identifier, params object[] args); }

            public sealed class Caller(IScriptHost host)
            {
                public ValueTask RunAsync(string code) => host.InvokeVoidAsync("eval", code);
            }
            """);
    }

    [Fact]
    public async Task Eval_mentioned_in_strings_and_arguments_is_silent()
    {
        await VerifyCS.VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.JSInterop;

            public sealed class Clipboard(IJSRuntime js)
            {
                public ValueTask CopyAsync() => js.InvokeVoidAsync("navigator.clipboard.writeText", "eval");
                public ValueTask LogAsync() => js.InvokeVoidAsync("console.info", "eval is disabled by our CSP");
            }
            """);
    }

    [Fact]
    public async Task Templates_are_clean()
    {
        await VerifyProgram.VerifyAsync(Templates.WebApi);
        await VerifyProgram.VerifyAsync(Templates.Mvc);
        await VerifyProgram.VerifyAsync(Templates.WebApp);
        await VerifyProgram.VerifyAsync(Templates.Blazor);
    }
}

using Fix = Ssdlc.Analyzers.Tests.Verification.CodeFixVerifier<
    Ssdlc.Analyzers.Headers.WeakHeaderValueAnalyzer,
    Ssdlc.CodeFixes.Headers.WeakHeaderValueCodeFixProvider>;

namespace Ssdlc.Analyzers.Tests.Headers;

public class WeakHeaderValueCodeFixTests
{
    [Fact]
    public async Task Referrer_policy_unsafe_url_becomes_strict_origin_when_cross_origin()
    {
        await Fix.VerifyFixAsync(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class SecurityHeaders
            {
                public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
                    => app.Use(async (HttpContext context, RequestDelegate next) =>
                    {
                        context.Response.Headers["Referrer-Policy"] = {|SSDLC1404:"unsafe-url"|};
                        await next(context);
                    });
            }
            """,
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class SecurityHeaders
            {
                public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
                    => app.Use(async (HttpContext context, RequestDelegate next) =>
                    {
                        context.Response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                        await next(context);
                    });
            }
            """);
    }

    [Fact]
    public async Task Fix_all_changes_the_referrer_policies_and_leaves_csp_and_frame_options()
    {
        await Fix.VerifyFixAllAsync(
            """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class SecurityHeadersFilter : IResultFilter
            {
                public void OnResultExecuting(ResultExecutingContext context)
                {
                    IHeaderDictionary headers = context.HttpContext.Response.Headers;
                    headers.Append("Referrer-Policy", {|SSDLC1404:"unsafe-url"|});
                    headers["referrer-policy"] = {|SSDLC1404:"UNSAFE-URL"|};
                    headers.ContentSecurityPolicy = {|SSDLC1404:"default-src *"|};
                    headers.XFrameOptions = {|SSDLC1404:"ALLOW-FROM https://partner.example.com"|};
                }

                public void OnResultExecuted(ResultExecutedContext context)
                {
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc.Filters;

            public sealed class SecurityHeadersFilter : IResultFilter
            {
                public void OnResultExecuting(ResultExecutingContext context)
                {
                    IHeaderDictionary headers = context.HttpContext.Response.Headers;
                    headers.Append("Referrer-Policy", "strict-origin-when-cross-origin");
                    headers["referrer-policy"] = "strict-origin-when-cross-origin";
                    headers.ContentSecurityPolicy = {|SSDLC1404:"default-src *"|};
                    headers.XFrameOptions = {|SSDLC1404:"ALLOW-FROM https://partner.example.com"|};
                }

                public void OnResultExecuted(ResultExecutedContext context)
                {
                }
            }
            """);
    }

    [Fact]
    public async Task Only_the_referrer_policy_gets_a_fix()
    {
        string[] titles = await Fix.GetTitlesAsync("""
            using Microsoft.AspNetCore.Http;

            public static class Headers
            {
                public static void Write(HttpResponse response)
                {
                    response.Headers.ContentSecurityPolicy = {|SSDLC1404:"script-src 'self' 'unsafe-eval'"|};
                    response.Headers["Referrer-Policy"] = {|SSDLC1404:"unsafe-url"|};
                    response.Headers.XFrameOptions = {|SSDLC1404:"ALLOW-FROM https://partner.example.com"|};
                }
            }
            """);
        Assert.Equal(new[] { string.Empty, "Use Referrer-Policy: strict-origin-when-cross-origin", string.Empty }, titles);
    }

    [Fact]
    public async Task Constants_fallback_lists_string_values_csp_and_frame_options_have_no_fix()
    {
        await Fix.VerifyNoFixAsync("""
            using System.Collections.Generic;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.Primitives;

            public static class Headers
            {
                private const string ReferrerPolicy = "unsafe-url";

                public static void Write(HttpResponse response)
                {
                    response.Headers["Referrer-Policy"] = {|SSDLC1404:ReferrerPolicy|};
                    response.Headers.Append("Referrer-Policy", {|SSDLC1404:"no-referrer, unsafe-url"|});
                    response.Headers.TryAdd("Referrer-Policy", {|SSDLC1404:new StringValues("unsafe-url")|});
                    response.Headers.ContentSecurityPolicy = {|SSDLC1404:"default-src 'self'; script-src *"|};
                    response.Headers.XFrameOptions = {|SSDLC1404:"ALLOW-FROM https://partner.example.com"|};
                }
            }
            """);
    }
}

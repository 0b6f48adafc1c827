using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Headers
{
    /// <summary>
    /// SSDLC1404: weak security header values written as constants (B.14): a <c>Content-Security-Policy</c> whose
    /// <c>script-src</c> (or <c>default-src</c> when there is no <c>script-src</c>) allows <c>'unsafe-eval'</c> or any origin
    /// (<c>*</c>, unless <c>'strict-dynamic'</c> makes the browser ignore it), <c>Referrer-Policy: unsafe-url</c>, and
    /// <c>X-Frame-Options: ALLOW-FROM</c>. Header writes are recognised by <see cref="ResponseHeaderWrites"/>; values that are
    /// not constant are not reported, nor is <c>Content-Security-Policy-Report-Only</c> (it enforces nothing).
    /// </summary>
    public sealed class WeakHeaderValueAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the header the finding is about (Content-Security-Policy, Referrer-Policy, X-Frame-Options).</summary>
        public const string HeaderProperty = "Header";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.WeakHeaderValue);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                INamedTypeSymbol? headerDictionary = ResponseHeaderWrites.HeaderDictionaryType(start.Compilation);
                if (headerDictionary is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, headerDictionary), OperationKind.SimpleAssignment, OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol headerDictionary)
        {
            if (!ResponseHeaderWrites.TryGetWrite(context.Operation, headerDictionary, context.CancellationToken, out ResponseHeaderWrite write)
                || !ResponseHeaderWrites.TryGetConstantValues(write.Value, context.CancellationToken, out List<string> values))
            {
                return;
            }

            string? finding = null;
            string? fix = null;
            string? header = null;
            string name = write.Name.Trim();
            if (name.Equals("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
            {
                finding = WeakScriptSources(values);
                header = "Content-Security-Policy";
                fix = "allow scripts only from 'self', named origins, nonces or hashes, never 'unsafe-eval' or '*'";
            }
            else if (name.Equals("Referrer-Policy", StringComparison.OrdinalIgnoreCase))
            {
                if (EffectiveReferrerPolicy(values) is "unsafe-url")
                {
                    finding = "Referrer-Policy: unsafe-url sends the full URL, with path and query, to every site the page links to";
                    fix = "use strict-origin-when-cross-origin or no-referrer";
                    header = "Referrer-Policy";
                }
            }
            else if (name.Equals("X-Frame-Options", StringComparison.OrdinalIgnoreCase))
            {
                if (values.Exists(v => v.TrimStart().StartsWith("ALLOW-FROM", StringComparison.OrdinalIgnoreCase)))
                {
                    finding = "X-Frame-Options: ALLOW-FROM is ignored by current browsers, so the page can be framed by any site";
                    fix = "use DENY or SAMEORIGIN, or Content-Security-Policy: frame-ancestors with the allowed origins";
                    header = "X-Frame-Options";
                }
            }

            if (finding is not null && fix is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.WeakHeaderValue,
                    write.Written.Syntax.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(HeaderProperty, header),
                    finding,
                    fix));
            }
        }

        /// <summary>
        /// What makes the script sources of a CSP weak, or null. Several policies (comma-separated or several values) are all
        /// enforced, so the result is weak only when every policy that restricts scripts is weak.
        /// </summary>
        internal static string? WeakScriptSources(IEnumerable<string> values)
        {
            string? weakness = null;
            foreach (string value in values)
            {
                foreach (string policy in value.Split(','))
                {
                    string? directive = null;
                    List<string>? sources = null;
                    foreach (string part in policy.Split(';'))
                    {
                        string[] tokens = part.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
                        if (tokens.Length == 0)
                        {
                            continue;
                        }

                        string name = tokens[0].ToLowerInvariant();
                        if (name == "script-src" || (name == "default-src" && directive != "script-src"))
                        {
                            if (directive == name)
                            {
                                continue; // the first occurrence of a directive wins
                            }

                            directive = name;
                            sources = new List<string>(tokens);
                            sources.RemoveAt(0);
                        }
                    }

                    if (directive is null || sources is null)
                    {
                        continue; // this policy does not restrict scripts
                    }

                    string? weak = null;
                    if (sources.Exists(s => s.Equals("'unsafe-eval'", StringComparison.OrdinalIgnoreCase)))
                    {
                        weak = "Content-Security-Policy allows 'unsafe-eval' in " + directive;
                    }
                    else if (sources.Contains("*") && !sources.Exists(s => s.Equals("'strict-dynamic'", StringComparison.OrdinalIgnoreCase)))
                    {
                        weak = "Content-Security-Policy allows scripts from any origin ('*') in " + directive;
                    }

                    if (weak is null)
                    {
                        return null; // a strict policy holds whatever the others allow
                    }

                    weakness ??= weak;
                }
            }

            return weakness;
        }

        /// <summary>The policy a browser applies: the last token it knows (comma-separated fallbacks).</summary>
        private static string? EffectiveReferrerPolicy(IEnumerable<string> values)
        {
            string? effective = null;
            foreach (string value in values)
            {
                foreach (string token in value.Split(','))
                {
                    string trimmed = token.Trim().ToLowerInvariant();
                    if (trimmed.Length > 0)
                    {
                        effective = trimmed;
                    }
                }
            }

            return effective;
        }
    }
}

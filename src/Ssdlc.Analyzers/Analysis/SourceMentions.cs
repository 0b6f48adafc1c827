using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Whether the source of a compilation names an identifier (or a dotted name) anywhere, as a whole word (a text
    /// search, cached per compilation and name). A rule whose sinks can only be reached by writing certain names
    /// (<c>ProcessStartInfo</c>, <c>Process.Start</c>) asks at compilation start and registers nothing when no file
    /// names them: in a large code base without such code, the rule then costs a text search instead of a callback for
    /// every operation.
    /// </summary>
    internal sealed class SourceMentions
    {
        private static readonly ConditionalWeakTable<Compilation, SourceMentions> Cache = new ConditionalWeakTable<Compilation, SourceMentions>();

        private readonly Compilation compilation;
        private readonly ConcurrentDictionary<string, bool> answers = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private ImmutableArray<string> texts;

        private SourceMentions(Compilation compilation) => this.compilation = compilation;

        public static SourceMentions For(Compilation compilation) => Cache.GetValue(compilation, c => new SourceMentions(c));

        /// <summary>True when some source file contains <paramref name="word"/> not preceded or followed by an identifier character.</summary>
        public bool Names(string word, CancellationToken cancellationToken, bool ignoreCase = false)
            => answers.GetOrAdd((ignoreCase ? "i:" : "o:") + word, _ =>
            {
                foreach (string text in Texts(cancellationToken))
                {
                    if (ContainsWord(text, word, ignoreCase))
                    {
                        return true;
                    }
                }

                return false;
            });

        internal static bool ContainsWord(string text, string word, bool ignoreCase = false)
        {
            StringComparison comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            for (int at = text.IndexOf(word, comparison); at >= 0; at = text.IndexOf(word, at + 1, comparison))
            {
                int end = at + word.Length;
                if ((at == 0 || !IsIdentifierChar(text[at - 1])) && (end == text.Length || !IsIdentifierChar(text[end])))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        private ImmutableArray<string> Texts(CancellationToken cancellationToken)
        {
            if (texts.IsDefault)
            {
                var builder = ImmutableArray.CreateBuilder<string>();
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    builder.Add(tree.GetText(cancellationToken).ToString());
                }

                ImmutableInterlocked.InterlockedInitialize(ref texts, builder.ToImmutable());
            }

            return texts;
        }
    }
}

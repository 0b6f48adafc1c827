using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Ssdlc.Analyzers.Analysis
{
    /// <summary>
    /// Whether the source of a compilation names an identifier anywhere, as a whole word (a text search, cached per
    /// compilation and identifier). A rule whose sinks can only be reached by naming a type (<c>Process</c>,
    /// <c>ProcessStartInfo</c>) asks at compilation start and registers nothing when no file names it: in a large code
    /// base without such code, the rule then costs a text search instead of a callback for every operation.
    /// </summary>
    internal sealed class SourceMentions
    {
        private static readonly ConditionalWeakTable<Compilation, SourceMentions> Cache = new ConditionalWeakTable<Compilation, SourceMentions>();

        private readonly Compilation compilation;
        private readonly ConcurrentDictionary<string, bool> answers = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private ImmutableArray<string> texts;

        private SourceMentions(Compilation compilation) => this.compilation = compilation;

        public static SourceMentions For(Compilation compilation) => Cache.GetValue(compilation, c => new SourceMentions(c));

        /// <summary>True when some source file contains <paramref name="identifier"/> not preceded or followed by an identifier character.</summary>
        public bool Names(string identifier, CancellationToken cancellationToken)
            => answers.GetOrAdd(identifier, id =>
            {
                foreach (string text in Texts(cancellationToken))
                {
                    if (ContainsWord(text, id))
                    {
                        return true;
                    }
                }

                return false;
            });

        internal static bool ContainsWord(string text, string word)
        {
            for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
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

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Ssdlc.Build.Tasks.Containers
{
    /// <summary>One instruction: keyword (upper case), its arguments with continuations joined, and the line it starts on.</summary>
    internal sealed class DockerInstruction
    {
        public DockerInstruction(string keyword, string arguments, int line, IReadOnlyList<string> heredocs)
        {
            Keyword = keyword;
            Arguments = arguments;
            Line = line;
            Heredocs = heredocs;
        }

        public string Keyword { get; }

        public string Arguments { get; }

        public int Line { get; }

        /// <summary>The bodies of here-documents (<c>RUN &lt;&lt;EOF</c>), which are part of the command.</summary>
        public IReadOnlyList<string> Heredocs { get; }

        /// <summary>The text a shell runs: the arguments and any here-document bodies.</summary>
        public string Command => Heredocs.Count == 0 ? Arguments : Arguments + "\n" + string.Join("\n", Heredocs);
    }

    /// <summary>A build stage: from one FROM to the next.</summary>
    internal sealed class DockerStage
    {
        public DockerStage(int index, DockerInstruction from, string image, string? name, string? platform, string written)
        {
            Written = written;
            Index = index;
            From = from;
            Image = image;
            Name = name;
            Platform = platform;
        }

        public int Index { get; }

        public DockerInstruction From { get; }

        /// <summary>The image as written, with global ARGs substituted where they have defaults.</summary>
        public string Image { get; }

        /// <summary>The image reference as written in the FROM line (before ARG substitution).</summary>
        public string Written { get; }

        /// <summary>The name after AS, when there is one.</summary>
        public string? Name { get; }

        public string? Platform { get; }

        /// <summary>The ARG names in the image reference that have no default (the image is decided by --build-arg).</summary>
        public List<string> UnresolvedArguments { get; } = new List<string>();

        /// <summary>The earlier stage this one builds on (FROM &lt;stage name&gt;), or null for an external image.</summary>
        public DockerStage? Parent { get; set; }

        public List<DockerInstruction> Instructions { get; } = new List<DockerInstruction>();

        /// <summary>This stage and the stages it builds on, nearest first.</summary>
        public IEnumerable<DockerStage> Chain()
        {
            for (DockerStage? stage = this; stage != null; stage = stage.Parent)
            {
                yield return stage;
            }
        }
    }

    /// <summary>A Dockerfile that cannot be parsed; the line is 1-based.</summary>
    internal sealed class DockerfileFormatException : Exception
    {
        public DockerfileFormatException(int line, string message)
            : base(message)
        {
            Line = line;
        }

        public int Line { get; }
    }

    /// <summary>
    /// A Dockerfile as BuildKit reads it: parser directives (<c># escape=</c>), comments, line continuations with the
    /// escape character (comment and empty lines inside a continuation are dropped), here-documents, global ARGs before
    /// the first FROM substituted into FROM, and build stages with their parents (FROM &lt;earlier stage&gt;).
    /// </summary>
    internal sealed class Dockerfile
    {
        private Dockerfile()
        {
        }

        public List<DockerStage> Stages { get; } = new List<DockerStage>();

        /// <summary>ARGs declared before the first FROM, with their defaults (null: none).</summary>
        public Dictionary<string, string?> GlobalArguments { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

        public DockerStage? FinalStage => Stages.Count == 0 ? null : Stages[Stages.Count - 1];

        public static Dockerfile Parse(string text)
        {
            var file = new Dockerfile();
            List<DockerInstruction> instructions = ReadInstructions(text);
            DockerStage? current = null;
            foreach (DockerInstruction instruction in instructions)
            {
                if (instruction.Keyword == "FROM")
                {
                    current = file.AddStage(instruction);
                }
                else if (current == null)
                {
                    if (instruction.Keyword == "ARG")
                    {
                        foreach ((string name, string? value) in Arguments(instruction.Arguments))
                        {
                            file.GlobalArguments[name] = value;
                        }
                    }
                    else
                    {
                        throw new DockerfileFormatException(instruction.Line, $"{instruction.Keyword} comes before the first FROM; only ARG may");
                    }
                }
                else
                {
                    current.Instructions.Add(instruction);
                }
            }

            return file;
        }

        /// <summary>Splits on whitespace, keeping quoted parts ("a b" or 'a b') together and dropping the quotes.</summary>
        public static List<string> Words(string text)
        {
            var words = new List<string>();
            var sb = new StringBuilder();
            char quote = '\0';
            bool inWord = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                    else if (c == '\\' && quote == '"' && i + 1 < text.Length)
                    {
                        sb.Append(text[++i]);
                    }
                    else
                    {
                        sb.Append(c);
                    }
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                    inWord = true;
                }
                else if (char.IsWhiteSpace(c))
                {
                    if (inWord)
                    {
                        words.Add(sb.ToString());
                        sb.Clear();
                        inWord = false;
                    }
                }
                else
                {
                    sb.Append(c);
                    inWord = true;
                }
            }

            if (inWord)
            {
                words.Add(sb.ToString());
            }

            return words;
        }

        /// <summary>LABEL/ARG/ENV pairs: <c>k=v k2="v 2"</c>, or the legacy <c>key value</c> form.</summary>
        public static List<(string Key, string? Value)> Arguments(string text)
        {
            var result = new List<(string, string?)>();
            List<string> words = Words(text);
            if (words.Count >= 2 && words[0].IndexOf('=') < 0 && !text.TrimStart().StartsWith("\"", StringComparison.Ordinal))
            {
                // Legacy form (LABEL key value..., ENV key value...): one pair, the rest is the value. A lone ARG name
                // with others after it is not valid Dockerfile syntax, so this does not misread ARG a b.
                result.Add((words[0], string.Join(" ", words.Skip(1))));
                return result;
            }

            foreach (string word in words)
            {
                int eq = word.IndexOf('=');
                result.Add(eq < 0 ? (word, null) : (word.Substring(0, eq), word.Substring(eq + 1)));
            }

            return result;
        }

        private DockerStage AddStage(DockerInstruction from)
        {
            var words = Words(from.Arguments);
            string? platform = null;
            while (words.Count > 0 && words[0].StartsWith("--", StringComparison.Ordinal))
            {
                if (words[0].StartsWith("--platform=", StringComparison.OrdinalIgnoreCase))
                {
                    platform = words[0].Substring("--platform=".Length);
                }

                words.RemoveAt(0);
            }

            if (words.Count == 0)
            {
                throw new DockerfileFormatException(from.Line, "FROM names no image");
            }

            string? name = null;
            if (words.Count >= 3 && string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase))
            {
                name = words[2];
            }
            else if (words.Count != 1)
            {
                throw new DockerfileFormatException(from.Line, $"FROM {from.Arguments.Trim()} is not 'FROM image [AS name]'");
            }

            var unresolved = new List<string>();
            string image = Substitute(words[0], GlobalArguments, unresolved);
            var stage = new DockerStage(Stages.Count, from, image, name, platform, words[0]);
            stage.UnresolvedArguments.AddRange(unresolved);
            stage.Parent = Stages.LastOrDefault(s => s.Name != null && string.Equals(s.Name, image, StringComparison.OrdinalIgnoreCase));
            Stages.Add(stage);
            return stage;
        }

        /// <summary>$NAME, ${NAME}, ${NAME:-default}, ${NAME:+alt} from the given ARG defaults; unknown names are collected.</summary>
        internal static string Substitute(string text, IReadOnlyDictionary<string, string?> values, List<string> unresolved)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] != '$' || i + 1 >= text.Length)
                {
                    sb.Append(text[i]);
                    continue;
                }

                string name;
                string? modifier = null;
                string? word = null;
                if (text[i + 1] == '{')
                {
                    int close = text.IndexOf('}', i + 2);
                    if (close < 0)
                    {
                        sb.Append(text, i, text.Length - i);
                        break;
                    }

                    string inner = text.Substring(i + 2, close - i - 2);
                    int colon = inner.IndexOf(':');
                    name = colon < 0 ? inner : inner.Substring(0, colon);
                    if (colon >= 0 && colon + 1 < inner.Length)
                    {
                        modifier = inner.Substring(colon + 1, 1);
                        word = inner.Substring(colon + 2);
                    }

                    i = close;
                }
                else
                {
                    int start = i + 1;
                    int end = start;
                    while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                    {
                        end++;
                    }

                    if (end == start)
                    {
                        sb.Append('$');
                        continue;
                    }

                    name = text.Substring(start, end - start);
                    i = end - 1;
                }

                values.TryGetValue(name, out string? value);
                bool set = !string.IsNullOrEmpty(value);
                if (modifier == "-")
                {
                    sb.Append(set ? value : word);
                }
                else if (modifier == "+")
                {
                    sb.Append(set ? word : string.Empty);
                }
                else if (set)
                {
                    sb.Append(value);
                }
                else
                {
                    unresolved.Add(name);
                }
            }

            return sb.ToString();
        }

        private static List<DockerInstruction> ReadInstructions(string text)
        {
            string[] lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            char escape = '\\';
            int index = 0;

            // Parser directives: '# key=value' lines at the very top, before any other line.
            while (index < lines.Length)
            {
                string line = lines[index].Trim();
                if (!line.StartsWith("#", StringComparison.Ordinal) || line.IndexOf('=') < 0)
                {
                    break;
                }

                string directive = line.Substring(1).Trim();
                int eq = directive.IndexOf('=');
                string key = directive.Substring(0, eq).Trim().ToLowerInvariant();
                string value = directive.Substring(eq + 1).Trim();
                if (key.IndexOf(' ') >= 0)
                {
                    break;
                }

                if (key == "escape")
                {
                    if (value != "\\" && value != "`")
                    {
                        throw new DockerfileFormatException(index + 1, $"the escape directive '{value}' is neither \\ nor `");
                    }

                    escape = value[0];
                }

                index++;
            }

            var instructions = new List<DockerInstruction>();
            while (index < lines.Length)
            {
                string raw = lines[index];
                string trimmed = raw.Trim();
                if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal))
                {
                    index++;
                    continue;
                }

                int startLine = index + 1;
                var sb = new StringBuilder();
                string current = raw.TrimStart();
                while (true)
                {
                    string withoutEnd = current.TrimEnd();
                    if (withoutEnd.Length > 0 && withoutEnd[withoutEnd.Length - 1] == escape)
                    {
                        sb.Append(withoutEnd, 0, withoutEnd.Length - 1).Append(' ');
                        index++;

                        // Comment and empty lines inside a continuation are dropped.
                        while (index < lines.Length && (lines[index].Trim().Length == 0 || lines[index].TrimStart().StartsWith("#", StringComparison.Ordinal)))
                        {
                            index++;
                        }

                        if (index >= lines.Length)
                        {
                            break;
                        }

                        current = lines[index];
                        continue;
                    }

                    sb.Append(current);
                    index++;
                    break;
                }

                string instruction = sb.ToString().Trim();
                int space = 0;
                while (space < instruction.Length && !char.IsWhiteSpace(instruction[space]))
                {
                    space++;
                }

                string keyword = instruction.Substring(0, space).ToUpperInvariant();
                string arguments = instruction.Substring(space).Trim();
                var heredocs = new List<string>();
                foreach (string marker in HeredocMarkers(arguments))
                {
                    var body = new StringBuilder();
                    bool closed = false;
                    while (index < lines.Length)
                    {
                        string line = lines[index++];
                        if (line.Trim() == marker)
                        {
                            closed = true;
                            break;
                        }

                        body.Append(line).Append('\n');
                    }

                    if (!closed)
                    {
                        throw new DockerfileFormatException(startLine, $"the here-document <<{marker} of {keyword} is never closed");
                    }

                    heredocs.Add(body.ToString());
                }

                instructions.Add(new DockerInstruction(keyword, arguments, startLine, heredocs));
            }

            return instructions;
        }

        /// <summary>The terminators of <c>&lt;&lt;EOF</c>, <c>&lt;&lt;-EOF</c>, <c>&lt;&lt;"EOF"</c> in an instruction's arguments.</summary>
        private static IEnumerable<string> HeredocMarkers(string arguments)
        {
            int at = 0;
            while ((at = arguments.IndexOf("<<", at, StringComparison.Ordinal)) >= 0)
            {
                int i = at + 2;
                if (i < arguments.Length && arguments[i] == '-')
                {
                    i++;
                }

                char quote = i < arguments.Length && (arguments[i] == '"' || arguments[i] == '\'') ? arguments[i] : '\0';
                if (quote != '\0')
                {
                    i++;
                }

                int start = i;
                if (i >= arguments.Length || !(char.IsLetter(arguments[i]) || arguments[i] == '_'))
                {
                    at = i;
                    continue;
                }

                while (i < arguments.Length && (char.IsLetterOrDigit(arguments[i]) || arguments[i] == '_'))
                {
                    i++;
                }

                if (i > start && (quote == '\0' || (i < arguments.Length && arguments[i] == quote)))
                {
                    yield return arguments.Substring(start, i - start);
                }

                at = i;
            }
        }
    }
}

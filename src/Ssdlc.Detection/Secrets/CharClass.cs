namespace Ssdlc.Detection.Secrets
{
    /// <summary>ASCII character classes as bit flags, for bounded runs without delegates or regexes.</summary>
    internal static class CharClass
    {
        public const int Upper = 1;
        public const int Lower = 2;
        public const int Digit = 4;
        public const int Underscore = 8;
        public const int Dash = 16;
        public const int Plus = 32;
        public const int Slash = 64;
        public const int Hex = 128;
        public const int LowerHex = 256;
        public const int Percent = 512;
        public const int EqualsSign = 1024;
        public const int Dot = 2048;

        public const int Alnum = Upper | Lower | Digit;
        public const int Base64 = Alnum | Plus | Slash;
        public const int Base64Url = Alnum | Underscore | Dash;
        public const int Word = Alnum | Underscore;

        private static readonly int[] Table = Build();

        public static int Of(char c) => c < 128 ? Table[c] : 0;

        public static bool Is(char c, int mask) => c < 128 && (Table[c] & mask) != 0;

        /// <summary>Length of the run of <paramref name="mask"/> characters at <paramref name="start"/>, at most <paramref name="max"/> + 1.</summary>
        public static int Run(string text, int start, int max, int mask)
        {
            int i = start;
            int limit = System.Math.Min(text.Length, start + max + 1);
            while (i < limit && Is(text[i], mask))
            {
                i++;
            }

            return i - start;
        }

        /// <summary>True when the character before <paramref name="index"/> does not continue a token of class <paramref name="mask"/>.</summary>
        public static bool BoundaryBefore(string text, int index, int mask) => index == 0 || !Is(text[index - 1], mask);

        public static bool BoundaryAfter(string text, int index, int mask) => index >= text.Length || !Is(text[index], mask);

        private static int[] Build()
        {
            var table = new int[128];
            for (char c = 'A'; c <= 'Z'; c++)
            {
                table[c] |= Upper;
            }

            for (char c = 'a'; c <= 'z'; c++)
            {
                table[c] |= Lower;
            }

            for (char c = '0'; c <= '9'; c++)
            {
                table[c] |= Digit | Hex | LowerHex;
            }

            for (char c = 'a'; c <= 'f'; c++)
            {
                table[c] |= Hex | LowerHex;
            }

            for (char c = 'A'; c <= 'F'; c++)
            {
                table[c] |= Hex;
            }

            table['_'] |= Underscore;
            table['-'] |= Dash;
            table['+'] |= Plus;
            table['/'] |= Slash;
            table['%'] |= Percent;
            table['='] |= EqualsSign;
            table['.'] |= Dot;
            return table;
        }
    }
}

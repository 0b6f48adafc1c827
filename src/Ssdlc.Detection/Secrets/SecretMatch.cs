namespace Ssdlc.Detection.Secrets
{
    /// <summary>
    /// One secret found by <see cref="SecretScanner"/>. Carries no clear-text secret: only the kind, where it is,
    /// a masked form (<see cref="SecretMasking.Mask"/>) and a stable fingerprint (<see cref="SecretMasking.Fingerprint"/>)
    /// that accepted-risk entries can reference.
    /// </summary>
    internal sealed class SecretMatch
    {
        public SecretMatch(string kind, int offset, int length, int line, int column, string masked, string fingerprint)
        {
            Kind = kind;
            Offset = offset;
            Length = length;
            Line = line;
            Column = column;
            Masked = masked;
            Fingerprint = fingerprint;
        }

        /// <summary>What was found, e.g. "GitHub personal access token".</summary>
        public string Kind { get; }

        /// <summary>0-based offset of the secret value in the scanned text (or in the checked value).</summary>
        public int Offset { get; }

        /// <summary>Length of the secret value in characters.</summary>
        public int Length { get; }

        /// <summary>1-based line of <see cref="Offset"/>.</summary>
        public int Line { get; }

        /// <summary>1-based column of <see cref="Offset"/>.</summary>
        public int Column { get; }

        /// <summary>A short prefix, an ellipsis and the length, e.g. <c>ghp_… (40 chars)</c>.</summary>
        public string Masked { get; }

        /// <summary><c>sha256:</c> and the first 16 hex digits of the SHA-256 of the value (UTF-8).</summary>
        public string Fingerprint { get; }

        public override string ToString() => Kind + " " + Masked + " " + Fingerprint + " at " + Line + ":" + Column;
    }
}

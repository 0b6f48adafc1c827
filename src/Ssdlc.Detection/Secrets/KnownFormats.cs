using System;
using System.Collections.Generic;
using System.Text;

namespace Ssdlc.Detection.Secrets
{
    /// <summary>Credential formats recognisable without a name: one pass, a switch on the current character as prefilter.</summary>
    internal static class KnownFormats
    {
        private const int MaxPemLength = 64 * 1024;
        private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        private static readonly uint[] Crc32Table = BuildCrc32Table();

        public static void Scan(string t, List<Candidate> found)
        {
            var state = new ScanState();
            int n = t.Length;
            for (int i = 0; i < n - 1; i++)
            {
                // Cheap prefilter: the character pair that starts some format (most positions fail here).
                char c1 = t[i + 1];
                int next;
                switch (t[i])
                {
                    case '-' when c1 != '-':
                    case 'A' when c1 != 'K' && c1 != 'S' && c1 != 'I' && c1 != 'c' && c1 != 'C':
                    case 'g' when c1 != 'h' && c1 != 'i' && c1 != 'l':
                    case 'x' when c1 != 'o':
                    case 'h' when c1 != 'o':
                    case 's' when c1 != 'k' && c1 != 'i':
                    case 'r' when c1 != 'k':
                    case 'S' when c1 != 'G' && c1 != 'K' && c1 != 'h':
                    case 'n' when c1 != 'p':
                    case 'o' when c1 != 'y':
                    case 'e' when c1 != 'y':
                    case ':' when c1 != '/':
                    case 'P' when c1 != 'a' && c1 != 'A' && c1 != 'w' && c1 != 'W':
                    case 'p' when c1 != 'a' && c1 != 'A' && c1 != 'w' && c1 != 'W' && c1 != 'y':
                    case '<' when c1 != 'm' && c1 != 'M' && c1 != 'R':
                    case 'M' when c1 != 'I' && c1 != 'H':
                    case 'd' when c1 != 'i':
                    case 'I' when c1 != 'n':
                    case '"' when c1 != 'k':
                        next = -1;
                        break;
                    case '{':
                        state.LastOpenBrace = i;
                        next = -1;
                        break;
                    case '}':
                        state.LastCloseBrace = i;
                        next = -1;
                        break;
                    case '-':
                        next = Pem(t, i, found, state);
                        break;
                    case 'A':
                        next = Aws(t, i, found);
                        if (next < 0)
                        {
                            next = Fixed(t, i, "AIza", 35, CharClass.Base64Url, "Google API key", found);
                        }

                        if (next < 0)
                        {
                            next = AzureKey(t, i, "AccountKey=", 40, "Azure storage account key", found);
                        }

                        if (next < 0)
                        {
                            next = AzureKey(t, i, "AccessKey=", 32, "Azure SignalR or Web PubSub access key", found);
                        }

                        if (next < 0)
                        {
                            next = TwilioAccount(t, i, found);
                        }

                        break;
                    case 'g':
                        next = GitHub(t, i, found);
                        if (next < 0)
                        {
                            next = Variable(t, i, "github_pat_", 70, 100, CharClass.Word, "GitHub fine-grained personal access token", found);
                        }

                        if (next < 0)
                        {
                            next = Variable(t, i, "glpat-", 20, 64, CharClass.Base64Url, "GitLab personal access token", found);
                        }

                        break;
                    case 'x':
                        next = Slack(t, i, found);
                        break;
                    case 'h':
                        next = SlackWebhook(t, i, found);
                        break;
                    case 'd':
                        next = DiscordWebhook(t, i, found);
                        break;
                    case 'I':
                        next = TeamsWebhook(t, i, found);
                        break;
                    case 'M':
                        next = Base64Der(t, i, found);
                        break;
                    case '"':
                        next = Jwk(t, i, found, state);
                        break;
                    case 's':
                        next = Variable(t, i, "sk_live_", 24, 247, CharClass.Alnum, "Stripe secret key", found);
                        if (next < 0)
                        {
                            next = SasSignature(t, i, found);
                        }

                        break;
                    case 'r':
                        next = Variable(t, i, "rk_live_", 24, 247, CharClass.Alnum, "Stripe restricted key", found);
                        break;
                    case 'S':
                        next = SendGrid(t, i, found);
                        if (next < 0)
                        {
                            next = Fixed(t, i, "SK", 32, CharClass.LowerHex, "Twilio API key", found);
                        }

                        if (next < 0)
                        {
                            next = AzureKey(t, i, "SharedAccessKey=", 32, "Azure shared access key", found);
                        }

                        break;
                    case 'n':
                        next = Fixed(t, i, "npm_", 36, CharClass.Alnum, "npm access token", found);
                        break;
                    case 'o':
                        next = Fixed(t, i, "oy2", 43, CharClass.Lower | CharClass.Digit, "NuGet API key", found);
                        break;
                    case 'e':
                        next = Jwt(t, i, found);
                        break;
                    case ':':
                        next = UriPassword(t, i, found);
                        break;
                    case 'P':
                    case 'p':
                        next = c1 == 'y' ? Variable(t, i, "pypi-AgE", 80, 400, CharClass.Base64Url, "PyPI API token", found) : ConnectionStringPassword(t, i, found);
                        break;
                    case '<':
                        next = MachineKey(t, i, found);
                        if (next < 0)
                        {
                            next = MasterKey(t, i, found);
                        }

                        if (next < 0)
                        {
                            next = RsaKeyValue(t, i, found);
                        }

                        break;
                    default:
                        next = -1;
                        break;
                }

                if (next > i)
                {
                    i = next - 1;
                }
            }
        }

        /// <summary>CRC32 (IEEE) of <paramref name="s"/>'s ASCII bytes, base62-encoded and left-padded to 6 characters.</summary>
        public static string GitHubChecksum(string s)
        {
            uint crc = 0xFFFFFFFF;
            foreach (char c in s)
            {
                crc = Crc32Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
            }

            crc ^= 0xFFFFFFFF;
            var chars = new char[6];
            for (int k = 5; k >= 0; k--)
            {
                chars[k] = Base62[(int)(crc % 62)];
                crc /= 62;
            }

            return new string(chars);
        }

        private static bool At(string t, int i, string s)
            => i + s.Length <= t.Length && string.CompareOrdinal(t, i, s, 0, s.Length) == 0;

        private static bool AtIgnoreCase(string t, int i, string s)
            => i + s.Length <= t.Length && string.Compare(t, i, s, 0, s.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private static int IndexOfIgnoreCase(string t, string s, int from, int to)
        {
            from = Math.Max(0, from);
            to = Math.Min(t.Length, to);
            return to - from < s.Length ? -1 : t.IndexOf(s, from, to - from, StringComparison.OrdinalIgnoreCase);
        }

        private static int Add(List<Candidate> found, string kind, int start, int length)
        {
            found.Add(new Candidate(kind, start, length));
            return start + length;
        }

        /// <summary>Prefix plus exactly <paramref name="length"/> characters of <paramref name="mask"/>, bounded on both sides.</summary>
        private static int Fixed(string t, int i, string prefix, int length, int mask, string kind, List<Candidate> found)
        {
            if (!At(t, i, prefix) || !CharClass.BoundaryBefore(t, i, CharClass.Alnum))
            {
                return -1;
            }

            int run = CharClass.Run(t, i + prefix.Length, length, mask);
            int end = i + prefix.Length + length;
            if (run != length || !CharClass.BoundaryAfter(t, end, CharClass.Alnum | mask))
            {
                return -1;
            }

            string value = t.Substring(i, end - i);
            return SecretHeuristics.IsObviouslyFake(value.Substring(prefix.Length)) ? -1 : Add(found, kind, i, end - i);
        }

        private static int Variable(string t, int i, string prefix, int min, int max, int mask, string kind, List<Candidate> found)
        {
            if (!At(t, i, prefix) || !CharClass.BoundaryBefore(t, i, CharClass.Alnum))
            {
                return -1;
            }

            int run = CharClass.Run(t, i + prefix.Length, max, mask);
            if (run < min || run > max)
            {
                return -1;
            }

            int length = prefix.Length + run;
            return SecretHeuristics.IsObviouslyFake(t.Substring(i + prefix.Length, run)) ? -1 : Add(found, kind, i, length);
        }

        private static int Aws(string t, int i, List<Candidate> found)
        {
            if (!(At(t, i, "AKIA") || At(t, i, "ASIA")))
            {
                return -1;
            }

            return Fixed(t, i, t.Substring(i, 4), 16, CharClass.Upper | CharClass.Digit, "AWS access key ID", found);
        }

        /// <summary>
        /// An Azure key in a connection string (<c>AccountKey=</c> of Storage and Cosmos DB, <c>SharedAccessKey=</c> of
        /// Service Bus and Event Hubs, <c>AccessKey=</c> of SignalR and Web PubSub): base64 with padding, up to the next
        /// separator. The emulators' published keys are not secrets.
        /// </summary>
        private static int AzureKey(string t, int i, string prefix, int minLength, string kind, List<Candidate> found)
        {
            if (!At(t, i, prefix) || (prefix == "AccessKey=" && !CharClass.BoundaryBefore(t, i, CharClass.Alnum)))
            {
                return -1;
            }

            int start = i + prefix.Length;
            int run = CharClass.Run(t, start, 128, CharClass.Base64);
            int end = start + run;
            while (end < t.Length && end - start - run < 2 && t[end] == '=')
            {
                end++;
            }

            if (run < minLength || run > 128 || !CharClass.BoundaryAfter(t, end, CharClass.Base64 | CharClass.EqualsSign))
            {
                return -1;
            }

            string value = t.Substring(start, end - start);
            if (SecretHeuristics.IsObviouslyFake(value) || SecretHeuristics.IsWellKnownPublicKey(value) || SecretHeuristics.CharacterClasses(value.TrimEnd('=')) < 3)
            {
                return end;
            }

            return Add(found, kind, start, end - start);
        }

        private static int TwilioAccount(string t, int i, List<Candidate> found)
        {
            // An account SID (AC + 32 hex) is an identifier; the auth token next to it (32 lowercase hex) is the secret.
            if (!At(t, i, "AC") || !CharClass.BoundaryBefore(t, i, CharClass.Alnum)
                || CharClass.Run(t, i + 2, 32, CharClass.LowerHex) != 32 || !CharClass.BoundaryAfter(t, i + 34, CharClass.Alnum))
            {
                return -1;
            }

            int limit = Math.Min(t.Length, i + 34 + 200);
            for (int j = i + 34; j < limit; j++)
            {
                if (CharClass.Is(t[j], CharClass.LowerHex) && CharClass.BoundaryBefore(t, j, CharClass.Alnum)
                    && CharClass.Run(t, j, 32, CharClass.LowerHex) == 32 && CharClass.BoundaryAfter(t, j + 32, CharClass.Alnum))
                {
                    return SecretHeuristics.IsObviouslyFake(t.Substring(j, 32)) ? i + 34 : Add(found, "Twilio auth token", j, 32);
                }
            }

            return i + 34;
        }

        private static int GitHub(string t, int i, List<Candidate> found)
        {
            if (i + 4 > t.Length || t[i + 1] != 'h' || t[i + 3] != '_' || !CharClass.BoundaryBefore(t, i, CharClass.Alnum))
            {
                return -1;
            }

            string kind;
            switch (t[i + 2])
            {
                case 'p': kind = "GitHub personal access token"; break;
                case 'o': kind = "GitHub OAuth access token"; break;
                case 'u': kind = "GitHub user-to-server token"; break;
                case 's': kind = "GitHub server-to-server token"; break;
                case 'r': kind = "GitHub refresh token"; break;
                default: return -1;
            }

            if (CharClass.Run(t, i + 4, 36, CharClass.Alnum) != 36 || !CharClass.BoundaryAfter(t, i + 40, CharClass.Word))
            {
                return -1;
            }

            // Classic personal access tokens carry a checksum: the last 6 characters are base62(CRC32(first 30)).
            if (t[i + 2] == 'p' && string.CompareOrdinal(GitHubChecksum(t.Substring(i + 4, 30)), 0, t, i + 34, 6) != 0)
            {
                return -1;
            }

            return SecretHeuristics.IsObviouslyFake(t.Substring(i + 4, 36)) ? -1 : Add(found, kind, i, 40);
        }

        private static int Slack(string t, int i, List<Candidate> found)
        {
            if (!At(t, i, "xox") || i + 5 > t.Length || t[i + 4] != '-' || "abprse".IndexOf(t[i + 3]) < 0
                || !CharClass.BoundaryBefore(t, i, CharClass.Alnum))
            {
                return -1;
            }

            int run = CharClass.Run(t, i + 5, 250, CharClass.Alnum | CharClass.Dash);
            if (run < 10 || run > 250 || CharacterDigits(t, i + 5, run) < 4)
            {
                return -1;
            }

            return SecretHeuristics.IsObviouslyFake(t.Substring(i + 5, run)) ? -1 : Add(found, "Slack token", i, 5 + run);
        }

        private static int CharacterDigits(string t, int start, int length)
        {
            int digits = 0;
            for (int k = start; k < start + length; k++)
            {
                if (t[k] >= '0' && t[k] <= '9')
                {
                    digits++;
                }
            }

            return digits;
        }

        private static int SlackWebhook(string t, int i, List<Candidate> found)
        {
            const string Prefix = "hooks.slack.com/services/";
            if (At(t, i, "hooks.slack.com/workflows/") || At(t, i, "hooks.slack.com/triggers/"))
            {
                return SlackWorkflowWebhook(t, i, found);
            }

            if (!At(t, i, Prefix))
            {
                return -1;
            }

            int j = i + Prefix.Length;
            int team = j < t.Length && t[j] == 'T' ? CharClass.Run(t, j + 1, 12, CharClass.Upper | CharClass.Digit) : 0;
            if (team < 8 || team > 12 || j + 1 + team >= t.Length || t[j + 1 + team] != '/')
            {
                return -1;
            }

            j += 2 + team;
            int bot = j < t.Length && t[j] == 'B' ? CharClass.Run(t, j + 1, 12, CharClass.Upper | CharClass.Digit) : 0;
            if (bot < 8 || bot > 12 || j + 1 + bot >= t.Length || t[j + 1 + bot] != '/')
            {
                return -1;
            }

            j += 2 + bot;
            int secret = CharClass.Run(t, j, 32, CharClass.Alnum);
            if (secret < 20 || secret > 32 || SecretHeuristics.IsObviouslyFake(t.Substring(j, secret)))
            {
                return -1;
            }

            return Add(found, "Slack webhook URL", i, j + secret - i);
        }

        /// <summary><c>hooks.slack.com/workflows/T…/A…/…/secret</c> and <c>/triggers/…</c>: a team ID, then IDs, the last segment the secret.</summary>
        private static int SlackWorkflowWebhook(string t, int i, List<Candidate> found)
        {
            int j = t.IndexOf('/', i + 16) + 1;
            if (j <= 0 || j >= t.Length || t[j] != 'T')
            {
                return -1;
            }

            int segments = 0;
            int lastStart = j;
            int limit = Math.Min(t.Length, j + 200);
            int k = j;
            while (k < limit && (CharClass.Is(t[k], CharClass.Alnum) || t[k] == '/'))
            {
                if (t[k] == '/')
                {
                    segments++;
                    lastStart = k + 1;
                }

                k++;
            }

            int secret = k - lastStart;
            if (segments < 2 || secret < 20 || secret > 64 || !CharClass.BoundaryAfter(t, k, CharClass.Word)
                || SecretHeuristics.CharacterClasses(t.Substring(lastStart, secret)) < 2 || SecretHeuristics.IsObviouslyFake(t.Substring(lastStart, secret)))
            {
                return -1;
            }

            return Add(found, "Slack webhook URL", i, k - i);
        }

        /// <summary><c>discord.com/api/webhooks/&lt;id&gt;/&lt;token&gt;</c> (also discordapp.com, ptb./canary. hosts and <c>/api/v10/</c>).</summary>
        private static int DiscordWebhook(string t, int i, List<Candidate> found)
        {
            if (!At(t, i, "discord"))
            {
                return -1;
            }

            int j = i + 7;
            if (At(t, j, "app"))
            {
                j += 3;
            }

            if (!At(t, j, ".com/api/"))
            {
                return -1;
            }

            j += 9;
            if (At(t, j, "v"))
            {
                int version = CharClass.Run(t, j + 1, 3, CharClass.Digit);
                if (version > 0 && version <= 3 && At(t, j + 1 + version, "/"))
                {
                    j += 2 + version;
                }
            }

            if (!At(t, j, "webhooks/"))
            {
                return -1;
            }

            j += 9;
            int id = CharClass.Run(t, j, 20, CharClass.Digit);
            if (id < 17 || id > 20 || !At(t, j + id, "/"))
            {
                return -1;
            }

            j += id + 1;
            int token = CharClass.Run(t, j, 100, CharClass.Base64Url);
            if (token < 60 || token > 100 || !CharClass.BoundaryAfter(t, j + token, CharClass.Base64Url)
                || SecretHeuristics.IsObviouslyFake(t.Substring(j, token)))
            {
                return -1;
            }

            return Add(found, "Discord webhook URL", i, j + token - i);
        }

        /// <summary>
        /// A Microsoft Teams incoming webhook: <c>https://&lt;tenant&gt;.webhook.office.com/webhookb2/&lt;guid&gt;@&lt;guid&gt;/IncomingWebhook/&lt;32 hex&gt;/&lt;guid&gt;</c>
        /// (and the older outlook.office.com/webhook/ form), with an optional <c>/V2…</c> suffix; reported from the host on.
        /// </summary>
        private static int TeamsWebhook(string t, int i, List<Candidate> found)
        {
            const string Marker = "IncomingWebhook/";
            if (!At(t, i, Marker))
            {
                return -1;
            }

            int j = i + Marker.Length;
            if (CharClass.Run(t, j, 32, CharClass.Hex) != 32 || !At(t, j + 32, "/") || j + 33 + 36 > t.Length || !SecretHeuristics.IsGuid(t.Substring(j + 33, 36)))
            {
                return -1;
            }

            int end = j + 33 + 36;
            if (At(t, end, "/V2"))
            {
                end += 3 + CharClass.Run(t, end + 3, 200, CharClass.Base64Url);
            }

            if (!CharClass.BoundaryAfter(t, end, CharClass.Base64Url))
            {
                return -1;
            }

            int scheme = t.LastIndexOf("://", i, Math.Min(i + 1, 300), StringComparison.Ordinal);
            if (scheme < 0)
            {
                return -1;
            }

            int host = scheme + 3;
            for (int k = host; k < i; k++)
            {
                if (char.IsWhiteSpace(t[k]) || t[k] == '"' || t[k] == '\'' || t[k] == '<')
                {
                    return -1;
                }
            }

            if (IndexOfIgnoreCase(t, ".office.com/webhook", host, i) < 0 && IndexOfIgnoreCase(t, ".office365.com/webhook", host, i) < 0)
            {
                return -1;
            }

            string secret = t.Substring(j, 32);
            return SecretHeuristics.IsObviouslyFake(secret) ? -1 : Add(found, "Microsoft Teams webhook URL", host, end - host);
        }

        private static int SendGrid(string t, int i, List<Candidate> found)
        {
            if (!At(t, i, "SG.") || !CharClass.BoundaryBefore(t, i, CharClass.Alnum)
                || CharClass.Run(t, i + 3, 22, CharClass.Base64Url) != 22 || i + 25 >= t.Length || t[i + 25] != '.'
                || CharClass.Run(t, i + 26, 43, CharClass.Base64Url) != 43 || !CharClass.BoundaryAfter(t, i + 69, CharClass.Base64Url))
            {
                return -1;
            }

            return SecretHeuristics.IsObviouslyFake(t.Substring(i + 3, 66)) ? -1 : Add(found, "SendGrid API key", i, 69);
        }

        private static int SasSignature(string t, int i, List<Candidate> found)
        {
            if (!At(t, i, "sig=") || i == 0 || (t[i - 1] != '?' && t[i - 1] != '&' && t[i - 1] != ';'))
            {
                return -1;
            }

            int start = i + 4;
            int run = CharClass.Run(t, start, 200, CharClass.Base64 | CharClass.Base64Url | CharClass.Percent | CharClass.EqualsSign);
            if (run < 40 || run > 200 || (IndexOfIgnoreCase(t, "sv=", i - 400, i) < 0 && IndexOfIgnoreCase(t, "sv=", start + run, start + run + 400) < 0))
            {
                return -1;
            }

            string value = t.Substring(start, run);
            return SecretHeuristics.IsObviouslyFake(value) || SecretHeuristics.IsPlaceholder(value) ? -1 : Add(found, "Azure SAS signature", start, run);
        }

        private static int Jwt(string t, int i, List<Candidate> found)
        {
            if (!At(t, i, "eyJ") || !CharClass.BoundaryBefore(t, i, CharClass.Base64Url | CharClass.Dot))
            {
                return -1;
            }

            int header = CharClass.Run(t, i, 2048, CharClass.Base64Url);
            int p = i + header;
            if (header < 10 || header > 2048 || p >= t.Length || t[p] != '.')
            {
                return -1;
            }

            int payload = CharClass.Run(t, p + 1, 16384, CharClass.Base64Url);
            int q = p + 1 + payload;
            if (payload < 2 || payload > 16384 || q >= t.Length || t[q] != '.')
            {
                return -1;
            }

            int signature = CharClass.Run(t, q + 1, 1024, CharClass.Base64Url);
            int end = q + 1 + signature;
            if (signature < 16 || signature > 1024 || !CharClass.BoundaryAfter(t, end, CharClass.Base64Url | CharClass.Dot))
            {
                return -1;
            }

            string? json = DecodeBase64Url(t.Substring(i, header));
            if (json is null || json.IndexOf("\"alg\"", StringComparison.Ordinal) < 0)
            {
                return -1;
            }

            string compact = json.Replace(" ", string.Empty);
            if (compact.IndexOf("\"alg\":\"none\"", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return -1;
            }

            return Add(found, "signed JSON Web Token", i, end - i);
        }

        private static string? DecodeBase64Url(string s)
        {
            string b = s.Replace('-', '+').Replace('_', '/');
            switch (b.Length % 4)
            {
                case 2: b += "=="; break;
                case 3: b += "="; break;
                case 1: return null;
            }

            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(b));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static int UriPassword(string t, int i, List<Candidate> found)
        {
            if (!At(t, i, "://"))
            {
                return -1;
            }

            int s = i;
            while (s > 0 && i - s < 20 && (CharClass.Is(t[s - 1], CharClass.Alnum) || t[s - 1] == '+'))
            {
                s--;
            }

            string scheme = t.Substring(s, i - s).ToLowerInvariant();
            string? kind = scheme switch
            {
                "mongodb" or "mongodb+srv" => "MongoDB connection string password",
                "redis" or "rediss" => "Redis connection string password",
                "amqp" or "amqps" => "AMQP URI password",
                "postgres" or "postgresql" => "PostgreSQL URI password",
                "mysql" or "mariadb" => "MySQL URI password",
                "smtp" or "smtps" => "SMTP URI password",
                "http" or "https" or "ftp" or "ftps" or "sftp" or "ssh" or "ldap" or "ldaps" or "sqlserver" or "mssql" => "password in URL",
                _ => null,
            };
            if (kind is null)
            {
                return -1;
            }

            int start = i + 3;
            int limit = Math.Min(t.Length, start + 256);
            int colon = -1;
            for (int j = start; j < limit; j++)
            {
                char c = t[j];
                if (c == '@')
                {
                    if (colon < 0 || j == colon + 1)
                    {
                        return start;
                    }

                    string password = t.Substring(colon + 1, j - colon - 1);
                    string user = t.Substring(start, colon - start).ToLowerInvariant();
                    bool syntaxExample = (user == "user" || user == "username" || user == "login")
                                         && (password == "pass" || password == "password" || password == "pwd" || password == "secret");
                    if (syntaxExample || !SecretHeuristics.IsRealPassword(password) || (kind == "password in URL" && password.Length < 4))
                    {
                        return start;
                    }

                    return Add(found, kind, colon + 1, j - colon - 1);
                }

                if (c == ':' && colon < 0)
                {
                    colon = j;
                }
                else if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || char.IsWhiteSpace(c))
                {
                    return start;
                }
            }

            return start;
        }

        private static readonly string[] ConnectionStringKeys =
        {
            "server=", "data source=", "datasource=", "host=", "user id=", "userid=", "uid=", "user=", "username=", "database=",
            "initial catalog=", "address=", "addr=", "port=", "dsn=",
        };

        private static int ConnectionStringPassword(string t, int i, List<Candidate> found)
        {
            int keyLength;
            if (AtIgnoreCase(t, i, "password="))
            {
                keyLength = 9;
            }
            else if (AtIgnoreCase(t, i, "pwd="))
            {
                keyLength = 4;
            }
            else
            {
                return -1;
            }

            char before = i == 0 ? ';' : t[i - 1];
            if (!(before == ';' || before == ',' || before == '"' || before == '\'' || before == ' ' || before == '\t' || before == '\n' || before == '>'))
            {
                return -1;
            }

            int start = i + keyLength;
            int end;
            if (start < t.Length && t[start] == '\'')
            {
                char close = t[start];
                int closing = t.IndexOf(close, start + 1, Math.Min(256, t.Length - start - 1));
                if (closing < 0)
                {
                    return -1;
                }

                start++;
                end = closing;
            }
            else
            {
                end = start;
                int limit = Math.Min(t.Length, start + 256);
                while (end < limit && t[end] != ';' && t[end] != '"' && t[end] != '\'' && t[end] != '<' && t[end] != '\n' && t[end] != '\r'
                       && !(before == ',' && t[end] == ','))
                {
                    end++;
                }
            }

            string password = t.Substring(start, end - start);

            // SQL parameters (UPDATE Users SET Password=@p, ...) and prose are not connection-string passwords.
            if (!SecretHeuristics.IsRealPassword(password) || password.IndexOf(' ') >= 0 || password.IndexOf('\t') >= 0
                || password[0] == '@' || password[0] == ':' || password[0] == '?')
            {
                return end;
            }

            // Sibling keys of a connection string within the same line, or a Redis "host:port,password=" configuration.
            int lineStart = Math.Max(0, Math.Max(t.LastIndexOf('\n', i - 1 < 0 ? 0 : i - 1, Math.Min(i, 256)), i - 256));
            int lineEnd = t.IndexOf('\n', i, Math.Min(256, t.Length - i));
            lineEnd = lineEnd < 0 ? Math.Min(t.Length, i + 256) : lineEnd;
            bool context = false;
            foreach (string key in ConnectionStringKeys)
            {
                int at = IndexOfIgnoreCase(t, key, lineStart, lineEnd);
                if (at >= 0 && (at == 0 || !CharClass.Is(t[at - 1], CharClass.Alnum | CharClass.Underscore)))
                {
                    context = true;
                    break;
                }
            }

            if (!context && before == ',')
            {
                int colon = t.LastIndexOf(':', i - 1, i - lineStart);
                context = colon >= 0 && colon + 1 < t.Length && char.IsDigit(t[colon + 1]);
            }

            if (!context)
            {
                return end;
            }

            return Add(found, "password in connection string", start, end - start);
        }

        private static int MachineKey(string t, int i, List<Candidate> found)
        {
            if (!AtIgnoreCase(t, i, "<machineKey"))
            {
                return -1;
            }

            int close = t.IndexOf('>', i, Math.Min(4096, t.Length - i));
            if (close < 0)
            {
                return -1;
            }

            int end = close;
            foreach (string attribute in new[] { "validationKey=", "decryptionKey=" })
            {
                int at = IndexOfIgnoreCase(t, attribute, i, close);
                if (at < 0 || at + attribute.Length >= close)
                {
                    continue;
                }

                // validationKey="…", or validationKey=\"…\" when the element sits in a JSON string.
                int start = at + attribute.Length;
                if (start < close && t[start] == '\\')
                {
                    start++;
                }

                start++;
                int hex = CharClass.Run(t, start, 256, CharClass.Hex);
                if (hex >= 32 && start + hex < t.Length && (t[start + hex] == '"' || t[start + hex] == '\'' || t[start + hex] == '\\')
                    && !SecretHeuristics.IsObviouslyFake(t.Substring(start, hex)))
                {
                    found.Add(new Candidate("ASP.NET machine key", start, hex));
                }
            }

            return end + 1;
        }

        /// <summary>
        /// The unencrypted master key of an ASP.NET Core Data Protection key ring (<c>key-*.xml</c>):
        /// <c>&lt;masterKey …&gt;&lt;value&gt;base64&lt;/value&gt;&lt;/masterKey&gt;</c>. An encrypted key has
        /// <c>&lt;encryptedSecret&gt;</c> instead and is not reported.
        /// </summary>
        private static int MasterKey(string t, int i, List<Candidate> found)
        {
            if (!At(t, i, "<masterKey") || !(i + 10 < t.Length && (t[i + 10] == ' ' || t[i + 10] == '>' || t[i + 10] == '\n' || t[i + 10] == '\r' || t[i + 10] == '\t')))
            {
                return -1;
            }

            int close = t.IndexOf("</masterKey>", i, Math.Min(4096, t.Length - i), StringComparison.Ordinal);
            if (close < 0)
            {
                return i + 10;
            }

            int value = t.IndexOf("<value>", i, close - i, StringComparison.Ordinal);
            if (value >= 0)
            {
                int start = value + 7;
                int run = CharClass.Run(t, start, 2048, CharClass.Base64 | CharClass.EqualsSign);
                if (run >= 32 && start + run < t.Length && t[start + run] == '<' && !SecretHeuristics.IsObviouslyFake(t.Substring(start, run)))
                {
                    found.Add(new Candidate("ASP.NET Core Data Protection master key", start, run));
                }
            }

            return close + 12;
        }

        /// <summary>
        /// An RSA key in .NET's XML form (<c>RSA.ToXmlString(true)</c>): <c>&lt;RSAKeyValue&gt;</c> with the private
        /// exponent <c>&lt;D&gt;</c> or a prime <c>&lt;P&gt;</c>. Modulus and exponent alone are a public key.
        /// </summary>
        private static int RsaKeyValue(string t, int i, List<Candidate> found)
        {
            const string Open = "<RSAKeyValue>";
            if (!At(t, i, Open))
            {
                return -1;
            }

            int close = t.IndexOf("</RSAKeyValue>", i, Math.Min(16384, t.Length - i), StringComparison.Ordinal);
            if (close < 0)
            {
                return i + Open.Length;
            }

            foreach (string element in new[] { "<D>", "<P>" })
            {
                int at = t.IndexOf(element, i, close - i, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                int start = at + element.Length;
                int run = CharClass.Run(t, start, 4096, CharClass.Base64 | CharClass.EqualsSign);
                if (run >= 32 && t[start + run] == '<' && !SecretHeuristics.IsObviouslyFake(t.Substring(start, run)))
                {
                    found.Add(new Candidate("RSA private key (XML)", start, run));
                    break;
                }
            }

            return close + 14;
        }

        /// <summary>
        /// A private JSON Web Key (<c>*.jwk</c>, JWKS, IdentityServer's tempkey.jwk, a key in appsettings): an object
        /// with <c>"kty"</c> and the private member <c>"d"</c> (RSA, EC, OKP) or <c>"k"</c> (symmetric). Public keys
        /// have neither. Each innermost object is examined once (the scan resumes after it), so this stays linear.
        /// </summary>
        private static int Jwk(string t, int i, List<Candidate> found, ScanState state)
        {
            if (!At(t, i, "\"kty\""))
            {
                return -1;
            }

            int open = state.LastOpenBrace;
            if (open < 0 || state.LastCloseBrace > open || i - open > 16384)
            {
                return i + 5;
            }

            if (state.NextCloseBrace < i && state.NextCloseBrace != -2)
            {
                int next = t.IndexOf('}', i);
                state.NextCloseBrace = next < 0 ? -2 : next;
            }

            int close = state.NextCloseBrace;
            if (close < i || close - i > 16384)
            {
                return i + 5;
            }

            foreach (string member in new[] { "\"d\"", "\"k\"" })
            {
                int at = t.IndexOf(member, open, close - open, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                int start = at + 3;
                while (start < close && (t[start] == ' ' || t[start] == ':' || t[start] == '\t' || t[start] == '\n' || t[start] == '\r'))
                {
                    start++;
                }

                if (start >= close || t[start] != '"')
                {
                    continue;
                }

                start++;
                int run = CharClass.Run(t, start, 4096, CharClass.Base64Url);
                if (run >= 16 && t[start + run] == '"' && !SecretHeuristics.IsObviouslyFake(t.Substring(start, run)))
                {
                    found.Add(new Candidate("private JSON Web Key", start, run));
                    break;
                }
            }

            return close + 1;
        }

        /// <summary>
        /// A private key in base64 DER without PEM armour (a PKCS#12 container in a JSON or XML setting, a PKCS#8,
        /// PKCS#1 or SEC1 key): recognised by its ASN.1 structure, and only when the base64 is as long as the
        /// structure says (a truncated documentation example is not a key). Lines wrapped at 64 or 76 characters are followed.
        /// </summary>
        private static int Base64Der(string t, int i, List<Candidate> found)
        {
            if (!CharClass.BoundaryBefore(t, i, CharClass.Base64))
            {
                return -1;
            }

            int firstRun = CharClass.Run(t, i, 65536, CharClass.Base64);
            if (firstRun < 64)
            {
                return -1;
            }

            byte[] head;
            try
            {
                head = Convert.FromBase64String(t.Substring(i, 48));
            }
            catch (FormatException)
            {
                return -1;
            }

            string? kind = DerPrivateKeyKind(head, out long expectedBytes);
            if (kind is null)
            {
                return -1;
            }

            // Follow wrapped lines: base64 lines separated by a line break and indentation.
            long chars = firstRun;
            int end = i + firstRun;
            long expectedChars = expectedBytes < 0 ? 0 : (expectedBytes + 2) / 3 * 4;
            while (chars < expectedChars && end < t.Length && end - i < 262144)
            {
                int k = end;
                while (k < t.Length && k - end < 64 && (t[k] == '\r' || t[k] == '\n' || t[k] == ' ' || t[k] == '\t'))
                {
                    k++;
                }

                int more = k > end ? CharClass.Run(t, k, 65536, CharClass.Base64) : 0;
                if (more == 0)
                {
                    break;
                }

                chars += more;
                end = k + more;
            }

            int padded = end;
            while (padded < t.Length && padded - end < 2 && t[padded] == '=')
            {
                padded++;
            }

            chars += padded - end;
            if (chars < expectedChars || !CharClass.BoundaryAfter(t, padded, CharClass.Base64 | CharClass.EqualsSign))
            {
                return i + firstRun;
            }

            return Add(found, kind, i, padded - i);
        }

        // OIDs (DER contents) of the private key algorithms a PKCS#8 PrivateKeyInfo names.
        private static readonly byte[][] PrivateKeyAlgorithms =
        {
            new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 }, // rsaEncryption
            new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A }, // RSASSA-PSS
            new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 }, // ecPublicKey
            new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x01 }, // DSA
            new byte[] { 0x2B, 0x65, 0x70 }, // Ed25519
            new byte[] { 0x2B, 0x65, 0x71 }, // Ed448
        };

        /// <summary>The kind of private key whose DER starts with <paramref name="b"/>, and the total DER length (-1 when indefinite).</summary>
        private static string? DerPrivateKeyKind(byte[] b, out long totalBytes)
        {
            totalBytes = -1;
            int p = 0;
            if (b[p++] != 0x30 || !ReadDerLength(b, ref p, out long length))
            {
                return null;
            }

            totalBytes = length < 0 ? -1 : p + length;
            if (p + 3 > b.Length || b[p] != 0x02 || b[p + 1] != 0x01)
            {
                return null;
            }

            int version = b[p + 2];
            p += 3;
            switch (version)
            {
                case 3:
                    // PFX: version 3, then authSafe ContentInfo with content type data or signedData.
                    if (b[p++] != 0x30 || !ReadDerLength(b, ref p, out _) || p + 11 > b.Length)
                    {
                        return null;
                    }

                    byte[] contentInfo = { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07 };
                    for (int k = 0; k < contentInfo.Length; k++)
                    {
                        if (b[p + k] != contentInfo[k])
                        {
                            return null;
                        }
                    }

                    return b[p + 10] == 0x01 || b[p + 10] == 0x02 ? "private key container (PKCS#12, base64)" : null;
                case 0 when b[p] == 0x30:
                    // PrivateKeyInfo: version 0, AlgorithmIdentifier { OID, … }, privateKey OCTET STRING.
                    p++;
                    if (!ReadDerLength(b, ref p, out _) || p + 2 > b.Length || b[p] != 0x06)
                    {
                        return null;
                    }

                    int oidLength = b[p + 1];
                    p += 2;
                    foreach (byte[] oid in PrivateKeyAlgorithms)
                    {
                        if (oid.Length == oidLength && p + oid.Length <= b.Length && SameBytes(b, p, oid))
                        {
                            return "private key (PKCS#8, base64 DER)";
                        }
                    }

                    return null;
                case 0 when b[p] == 0x02 && (b[p + 1] == 0x81 || b[p + 1] == 0x82):
                    // RSAPrivateKey: version 0, then the modulus (a large INTEGER).
                    return "RSA private key (base64 DER)";
                case 1 when b[p] == 0x04 && (b[p + 1] == 0x20 || b[p + 1] == 0x30 || b[p + 1] == 0x41 || b[p + 1] == 0x42):
                    // ECPrivateKey: version 1, then the private key as an OCTET STRING of the curve's size.
                    return "EC private key (base64 DER)";
                default:
                    return null;
            }
        }

        private static bool SameBytes(byte[] b, int at, byte[] expected)
        {
            for (int k = 0; k < expected.Length; k++)
            {
                if (b[at + k] != expected[k])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A DER length at <paramref name="p"/>: short form, 0x81–0x83 long form, or 0x80 (indefinite, BER) as -1.</summary>
        private static bool ReadDerLength(byte[] b, ref int p, out long length)
        {
            length = 0;
            if (p >= b.Length)
            {
                return false;
            }

            byte first = b[p++];
            if (first < 0x80)
            {
                length = first;
                return true;
            }

            if (first == 0x80)
            {
                length = -1;
                return true;
            }

            int octets = first & 0x7F;
            if (octets > 3 || p + octets > b.Length)
            {
                return false;
            }

            for (int k = 0; k < octets; k++)
            {
                length = (length << 8) | b[p++];
            }

            return length >= 0x80;
        }

        private static int Pem(string t, int i, List<Candidate> found, ScanState state)
        {
            const string Begin = "-----BEGIN ";
            if (!At(t, i, Begin))
            {
                return -1;
            }

            int labelStart = i + Begin.Length;
            int label = CharClass.Run(t, labelStart, 40, CharClass.Upper | CharClass.Digit);
            int j = labelStart;
            int limit = Math.Min(t.Length, labelStart + 48);
            while (j < limit && (CharClass.Is(t[j], CharClass.Upper | CharClass.Digit) || t[j] == ' '))
            {
                j++;
            }

            if (label == 0 || !At(t, j, "-----"))
            {
                return -1;
            }

            string name = t.Substring(labelStart, j - labelStart);
            if (!name.EndsWith("PRIVATE KEY", StringComparison.Ordinal) && !name.EndsWith("PRIVATE KEY BLOCK", StringComparison.Ordinal))
            {
                return j + 5;
            }

            int bodyStart = j + 5;
            if (state.NextEnd < bodyStart && state.NextEnd != -2)
            {
                int e = t.IndexOf("-----END ", bodyStart, StringComparison.Ordinal);
                state.NextEnd = e < 0 ? -2 : e;
            }

            if (state.NextEnd < bodyStart || state.NextEnd - i > MaxPemLength)
            {
                return bodyStart; // no end marker: a truncated or quoted header, not a usable key
            }

            int bodyEnd = state.NextEnd;
            int markerEnd = t.IndexOf("-----", bodyEnd + 9, Math.Min(60, t.Length - bodyEnd - 9), StringComparison.Ordinal);
            int blockEnd = markerEnd < 0 ? bodyEnd + 9 : markerEnd + 5;

            // Documentation blocks ("...", "<key>") are not keys: require real key material. Either way the body
            // is consumed, so that many headers before one end marker cannot make the scan quadratic.
            int base64 = 0;
            for (int k = bodyStart; k < bodyEnd; k++)
            {
                if (CharClass.Is(t[k], CharClass.Base64))
                {
                    base64++;
                }
            }

            if (base64 < 64 || SecretHeuristics.IsObviouslyFake(t.Substring(bodyStart, bodyEnd - bodyStart)))
            {
                return bodyEnd;
            }

            string kind = name switch
            {
                "RSA PRIVATE KEY" => "RSA private key",
                "EC PRIVATE KEY" => "EC private key",
                "DSA PRIVATE KEY" => "DSA private key",
                "OPENSSH PRIVATE KEY" => "OpenSSH private key",
                "PGP PRIVATE KEY BLOCK" => "PGP private key block",
                "ENCRYPTED PRIVATE KEY" => "encrypted private key (PKCS#8)",
                "PRIVATE KEY" => "private key (PKCS#8)",
                _ => "private key",
            };
            if (state.IsServiceAccount(t))
            {
                kind = "Google service account private key";
            }

            return Add(found, kind, i, blockEnd - i);
        }

        private static uint[] BuildCrc32Table()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }

        private sealed class ScanState
        {
            private bool? _serviceAccount;

            /// <summary>Position of the next "-----END " marker; -1 not searched yet, -2 none.</summary>
            public int NextEnd { get; set; } = -1;

            /// <summary>The last '{' and '}' the scan passed (-1 none): the innermost open JSON object, for JWKs.</summary>
            public int LastOpenBrace { get; set; } = -1;

            public int LastCloseBrace { get; set; } = -1;

            /// <summary>Position of the next '}'; -1 not searched yet, -2 none.</summary>
            public int NextCloseBrace { get; set; } = -1;

            public bool IsServiceAccount(string t)
            {
                if (_serviceAccount is null)
                {
                    int at = t.IndexOf("\"service_account\"", StringComparison.Ordinal);
                    _serviceAccount = at >= 0 && t.IndexOf("\"type\"", Math.Max(0, at - 64), Math.Min(64, at), StringComparison.Ordinal) >= 0;
                }

                return _serviceAccount.Value;
            }
        }
    }
}

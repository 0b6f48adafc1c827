namespace Ssdlc.Detection.Tests;

/// <summary>One labelled document: <see cref="Secret"/> is the secret it contains (null for a clean document).</summary>
internal sealed record CorpusSample(string Label, string Text, string? FileName, string? Secret);

/// <summary>The labelled corpus: realistic configuration and source snippets with generated fake secrets, and safe look-alikes.</summary>
internal static class Corpus
{
    public static IReadOnlyList<CorpusSample> Build(int seed)
    {
        var f = new FakeSecrets(seed);
        var samples = new List<CorpusSample>();

        void Positive(string label, string secret, Func<string, string> document, string? fileName = null)
            => samples.Add(new CorpusSample(label, document(secret), fileName, secret));

        void Negative(string label, string text, string? fileName = null)
            => samples.Add(new CorpusSample(label, text, fileName, null));

        // Known formats.
        Positive("github classic in json", f.GitHubClassic(), s => "{\n  \"GitHub\": { \"Pat\": \"" + s + "\" }\n}", "appsettings.json");
        Positive("github classic in env", f.GitHubClassic(), s => "GH_TOKEN=" + s + "\n", ".env");
        Positive("github oauth", f.GitHub('o'), s => "token: " + s, "ci.yml");
        Positive("github user-to-server", f.GitHub('u'), s => "auth = \"" + s + "\"");
        Positive("github server-to-server", f.GitHub('s'), s => "<Value>" + s + "</Value>");
        Positive("github refresh", f.GitHub('r'), s => "x " + s + " y");
        Positive("github fine-grained", f.GitHubFineGrained(), s => "export GITHUB=" + s, ".env");
        Positive("gitlab", f.GitLab(), s => "\"gitlab\": \"" + s + "\"");
        Positive("aws access key id", f.AwsAccessKeyId(), s => "[default]\naws_access_key_id = " + s + "\n", "credentials.ini");
        Positive("aws secret with context", f.AwsSecretKey(), s => "[default]\naws_secret_access_key = " + s + "\n", "credentials.ini");
        Positive("google api key", f.GoogleApiKey(), s => "<script src=\"/maps/api/js?key=" + s + "\"></script>");
        Positive("azure storage key", f.AzureStorageKey(), s => "{ \"Storage\": \"DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=" + s + ";EndpointSuffix=core.windows.net\" }");
        Positive("azure sas", f.SasSignature(), s => "BlobUrl=https://shop.blob.core.windows.net/img?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01&sig=" + s + "\n");
        Positive("azure ad client secret", f.AzureAdClientSecret(), s => "{ \"AzureAd\": { \"ClientId\": \"3f1c5e1a-0000-4000-8000-000000000001\", \"ClientSecret\": \"" + s + "\" } }");
        Positive("slack bot", f.SlackBot(), s => "SLACK=" + s, ".env");
        Positive("slack webhook", f.SlackWebhookPath(), s => "{ \"Webhook\": \"https://" + s + "\" }");
        Positive("stripe live", f.StripeLive(), s => "Stripe:Key=" + s);
        Positive("stripe restricted", f.StripeRestricted(), s => "stripe_key: " + s, "config.yaml");
        Positive("sendgrid", f.SendGrid(), s => "{\"SendGrid\":{\"Key\":\"" + s + "\"}}");
        Positive("twilio api key", f.TwilioApiKey(), s => "TWILIO_API_KEY_SID=" + s, ".env");
        string sid = f.TwilioAccountSid();
        Positive("twilio auth token next to sid", f.HexToken(32), s => "{ \"Twilio\": { \"AccountSid\": \"" + sid + "\", \"Auth\": \"" + s + "\" } }");
        Positive("google api key bare", f.GoogleApiKey(), s => "const key = '" + s + "';");
        Positive("npm", f.Npm(), s => "//registry/:_authToken=" + s + "\n", ".npmrc");
        Positive("nuget", f.NuGet(), s => "dotnet nuget push pkg.nupkg --api-key " + s);
        Positive("jwt", f.Jwt(), s => "Authorization: Bearer " + s);
        Positive("jwt rs256", f.Jwt("RS256"), s => "{ \"token\": \"" + s + "\" }");
        Positive("rsa private key", f.Pem("RSA PRIVATE KEY"), s => s + "\n", "server.key");
        Positive("ec private key", f.Pem("EC PRIVATE KEY"), s => "key: |\n" + s, "k8s.yaml");
        Positive("dsa private key", f.Pem("DSA PRIVATE KEY"), s => s);
        Positive("openssh private key", f.Pem("OPENSSH PRIVATE KEY"), s => s + "\n", "id_ed25519");
        Positive("pgp private key", f.Pem("PGP PRIVATE KEY BLOCK"), s => s);
        Positive("pkcs8 private key", f.Pem("PRIVATE KEY"), s => "<Key>\n" + s + "\n</Key>");
        Positive("encrypted private key", f.Pem("ENCRYPTED PRIVATE KEY"), s => s);
        Positive("google service account", f.Pem("PRIVATE KEY", jsonEscaped: true), s => "{\n  \"type\": \"service_account\",\n  \"project_id\": \"shop\",\n  \"private_key\": \"" + s + "\\n\",\n  \"client_email\": \"svc@shop.iam\"\n}", "sa.json");

        // Connection strings and URIs with a password.
        Positive("sql server password", f.Password(), s => "{ \"ConnectionStrings\": { \"Shop\": \"Server=db;Database=shop;User Id=app;Password=" + s + ";TrustServerCertificate=true\" } }");
        Positive("sql server pwd", f.Password(), s => "<add name=\"Shop\" connectionString=\"Data Source=db;Initial Catalog=shop;Uid=app;Pwd=" + s + "\" />", "web.config");
        Positive("postgres", f.Password(), s => "ConnectionStrings__Db=Host=pg;Port=5432;Username=app;Password=" + s + ";Database=shop", ".env");
        Positive("mysql", f.Password(), s => "mysql: \"Server=my;Uid=root;Pwd=" + s + ";Database=shop\"", "compose.yaml");
        Positive("postgres uri", f.Password(), s => "DATABASE_URL=postgres://app:" + s + "@pg:5432/shop", ".env");
        Positive("mongodb", f.Password(), s => "{ \"Mongo\": \"mongodb://app:" + s + "@mongo:27017/shop\" }");
        Positive("mongodb srv", f.Password(), s => "{ \"Mongo\": \"mongodb+srv://app:" + s + "@cluster0.mongo.net/shop\" }");
        Positive("redis uri", f.Password(), s => "REDIS_URL=redis://:" + s + "@cache:6379/0", ".env");
        Positive("redis config", f.Password(), s => "{ \"Redis\": \"cache:6379,password=" + s + ",ssl=True\" }");
        Positive("amqp", f.Password(), s => "Rabbit=amqps://shop:" + s + "@rabbit/vhost");
        Positive("smtp", f.Password(), s => "{ \"Mail\": \"smtp://mailer:" + s + "@smtp.example.org:587\" }");
        Positive("https basic", f.Password(), s => "feed: https://ci:" + s + "@pkgs.internal/v3/index.json", "pipeline.yml");
        Positive("machine key", f.HexToken(64).ToUpperInvariant(), s => "<system.web>\n  <machineKey validationKey=\"" + s + "\" validation=\"HMACSHA256\" />\n</system.web>", "web.config");

        // Name plus value.
        Positive("json password", f.Password(), s => "{ \"Smtp\": { \"Host\": \"smtp\", \"Password\": \"" + s + "\" } }", "appsettings.json");
        Positive("json api key", f.HighEntropy(32), s => "{ \"Payments\": { \"ApiKey\": \"" + s + "\" } }");
        Positive("yaml secret", f.HighEntropy(24), s => "auth:\n  client_secret: " + s + "\n", "values.yaml");
        Positive("env password", f.Password(), s => "DB_PASSWORD=" + s + "\n", ".env");
        Positive("ini password", f.Password(), s => "[db]\npassword = " + s + "\n", "app.ini");
        Positive("xml appsetting", f.HighEntropy(40), s => "<appSettings>\n  <add key=\"PaymentApiKey\" value=\"" + s + "\" />\n</appSettings>", "App.config");
        Positive("nuget cleartext", f.Password(), s => "<packageSourceCredentials><feed><add key=\"Username\" value=\"ci\" /><add key=\"ClearTextPassword\" value=\"" + s + "\" /></feed></packageSourceCredentials>", "nuget.config");
        Positive("xml element", f.Password(), s => "<Credentials>\n  <Password>" + s + "</Password>\n</Credentials>");
        Positive("default password yaml", "chan" + "geme", s => "admin:\n  password: " + s + "\n", "values.yaml");
        Positive("default password json", "adm" + "in", s => "{ \"Admin\": { \"Password\": \"" + s + "\" } }");
        Positive("access token", f.HighEntropy(48), s => "{ \"AccessToken\": \"" + s + "\" }");
        Positive("private key name", f.HighEntropy(44) + "==", s => "{ \"SigningPrivateKey\": \"" + s + "\" }");

        // Safe look-alikes.
        Negative("empty password", "{ \"Smtp\": { \"Password\": \"\" } }");
        Negative("dollar placeholder", "{ \"Password\": \"${SMTP_PASSWORD}\" }");
        Negative("octopus placeholder", "{ \"ApiKey\": \"#{Payments.ApiKey}#\" }");
        Negative("percent placeholder", "<add key=\"ApiKey\" value=\"%PAYMENTS_API_KEY%\" />");
        Negative("underscore placeholder", "{ \"ClientSecret\": \"__ClientSecret__\" }");
        Negative("angle placeholder", "{ \"Password\": \"<your password>\" }");
        Negative("mustache placeholder", "password: {{ .Values.db.password }}", "values.yaml");
        Negative("key vault reference", "{ \"ApiKey\": \"@Microsoft.KeyVault(SecretUri=https://shop.vault.azure.net/secrets/api-key/)\" }");
        Negative("env reference", "DB_PASSWORD=$DB_PASSWORD_FROM_VAULT\n", ".env");
        Negative("integrated security", "{ \"ConnectionStrings\": { \"Shop\": \"Server=.;Database=shop;Integrated Security=true;TrustServerCertificate=true\" } }");
        Negative("trusted connection", "<add name=\"Shop\" connectionString=\"Data Source=.;Initial Catalog=shop;Trusted_Connection=yes\" />");
        Negative("public key", "-----" + "BEGIN PUBLIC KEY-----\n" + f.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 64) + "\n" + f.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 64) + "\n-----" + "END PUBLIC KEY-----\n");
        Negative("certificate", "-----" + "BEGIN CERTIFICATE-----\n" + f.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 128) + "\n-----" + "END CERTIFICATE-----\n");
        Negative("lock file content hash", "{\n  \"version\": 1,\n  \"dependencies\": { \"net8.0\": { \"Dapper\": { \"type\": \"Direct\", \"requested\": \"[2.1.35, )\", \"resolved\": \"2.1.35\", \"contentHash\": \"" + f.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 86) + "==\" } } }\n}", "packages.lock.json");
        Negative("sri hash", "<script src=\"/lib/app.js\" integrity=\"sha384-" + f.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 64) + "\" crossorigin=\"anonymous\"></script>");
        Negative("guid client id", "{ \"AzureAd\": { \"ClientId\": \"" + Guid.NewGuid() + "\", \"ClientSecret\": \"" + Guid.NewGuid() + "\" } }");
        Negative("aws docs example", "aws_access_key_id = AKIA" + "IOSFODNN7" + "EXAMPLE\n", "credentials.ini");
        Negative("xxx password", "{ \"Password\": \"xxxxxxxx\" }");
        Negative("your password here", "password: your-password-here", "values.yaml");
        Negative("password policy", "{ \"Identity\": { \"PasswordPolicy\": \"Strict-2024\", \"PasswordLength\": 12, \"TokenUrl\": \"https://login.example.org/oauth2/token\" } }");
        Negative("token endpoint", "tokenUrl: https://login.example.org/token\ntokenLifetime: 3600s\n", "config.yaml");
        Negative("bad github checksum", "{ \"Reference\": \"" + f.GitHubClassicBadChecksum() + "\" }");
        Negative("unsigned jwt", "{ \"Id\": \"" + f.UnsignedJwt() + "\" }");
        Negative("docs private key", "-----" + "BEGIN RSA PRIVATE KEY-----\n...\n-----" + "END RSA PRIVATE KEY-----\n");
        Negative("password prose", "To reset the Password=, open the settings page; the Server field stays.");
        Negative("config key names", "{ \"Secrets\": { \"PasswordKey\": \"Smtp:Password\", \"ApiKeyName\": \"Payments:ApiKey\" } }");
        Negative("password file path", "{ \"Kestrel\": { \"Certificates\": { \"Default\": { \"Path\": \"cert.pfx\", \"KeyPath\": \"/run/secrets/tls.key\", \"Password\": \"/run/secrets/tls-password.txt\" } } } }");
        Negative("url without password", "{ \"Api\": \"https://user@api.example.org/v1\", \"Docs\": \"https://learn.example.org/a:b\" }");
        Negative("connection string placeholder", "{ \"ConnectionStrings\": { \"Shop\": \"Server=db;Database=shop;User Id=app;Password={0}\" } }");
        Negative("route names", "{ \"Routes\": { \"ForgotPassword\": \"/account/forgot-password\", \"ResetToken\": \"reset-token\" } }");
        Negative("header name", "ApiKeyHeader: X-Api-Key\nApiKey: X-Api-Key-Header\n", "config.yaml");
        Negative("boolean and numbers", "RequirePassword=true\nPasswordMinLength=12\nTokenExpiry=3600\n", ".env");
        Negative("plain code", "public string Hash(string password) => _hasher.HashPassword(user, password); var token = await GetTokenAsync(ct);");
        Negative("stripe test key", "STRIPE_KEY=" + "sk" + "_test_" + f.Chars("abcdefghijklmnop0123456789", 24), ".env");
        Negative("identifier constants", "{ \"HardcodedSecret\": \"SSDLC1101\", \"Token\": \"v2-beta\" }");
        Negative("code expressions", "var password = configuration[\"Smtp:Password\"];\nstring secret = Vault.Read(name);\no.Password = password;\nvar token = await tokens.GetAsync(scope);\n", "Startup.cs");
        Negative("url syntax example", "Authenticate with https://user:pass@host/path or mongodb://username:password@host/db.\n", "README.md");
        Negative("yaml vault tag", "db:\n  password: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n    " + f.HexToken(64) + "\n", "vars.yml");
        Negative("documentation connection strings", "| SQL Server | `User ID=user;Password=pass;` |\n| Principal | `Authentication=Active Directory Service Principal;User ID=clientId;Password=clientSecret;` |\n\"Data Source=a_server;Initial Catalog=a_database;UID=user;PWD=old_password\"\n", "README.md");
        Negative("binding redirects", "<dependentAssembly><assemblyIdentity name=\"System.Memory\" publicKeyToken=\"cc7b13ffcd2ddd51\" culture=\"neutral\" /></dependentAssembly>", "app.config");
        Negative("deps.json versions", "{ \"dependencies\": { \"NuGet.Configuration\": \"7.9.0-rc.42413\", \"NuGet.Credentials\": \"7.9.0-rc.42413\" } }", "dotnet.deps.json");
        return samples;
    }
}

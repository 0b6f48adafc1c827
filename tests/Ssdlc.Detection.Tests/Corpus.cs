namespace Ssdlc.Detection.Tests;

/// <summary>One labelled document: <see cref="Secret"/> is the secret it contains (null for a clean document); a <see cref="Strict"/> one must always be found.</summary>
internal sealed record CorpusSample(string Label, string Text, string? FileName, string? Secret, bool Strict = false);

/// <summary>The labelled corpus: realistic configuration and source snippets with generated fake secrets, and safe look-alikes.</summary>
internal static class Corpus
{
    public static IReadOnlyList<CorpusSample> Build(int seed)
    {
        var f = new FakeSecrets(seed);
        var samples = new List<CorpusSample>();

        void Positive(string label, string secret, Func<string, string> document, string? fileName = null)
            => samples.Add(new CorpusSample(label, document(secret), fileName, secret));

        // Formats whose values are structured (no random shape can hide them): found in every seed, not only on average.
        void Must(string label, string secret, Func<string, string> document, string? fileName = null)
            => samples.Add(new CorpusSample(label, document(secret), fileName, secret, Strict: true));

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

        // Formats added for the configuration scan's file kinds (issue 13). Each has a look-alike below that stays silent.
        Must("storage account key of any length", f.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 86) + "==", s => "{ \"Cosmos\": \"AccountEndpoint=https://shop.documents.azure.com:443/;AccountKey=" + s + ";\" }");
        Must("service bus shared access key", f.AzureAccessKey(), s => "{ \"ServiceBus\": \"Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + s + "\" }", "local.settings.json");
        Must("event hubs shared access key", f.AzureAccessKey(), s => "EVENTHUB=Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + s + ";EntityPath=orders\n", ".env");
        Must("signalr access key", f.AzureAccessKey(), s => "<add name=\"SignalR\" connectionString=\"Endpoint=https://shop.service.signalr.net;AccessKey=" + s + ";Version=1.0;\" />", "web.config");
        Must("machine key decryption key", f.HexToken(48).ToUpperInvariant(), s => "<machineKey decryption=\"AES\" decryptionKey=\"" + s + "\" validationKey=\"AutoGenerate,IsolateApps\" />", "web.config");
        Must("discord webhook", f.DiscordWebhookPath(), s => "{ \"Alerts\": { \"Discord\": \"https://" + s + "\" } }");
        string teams = f.TeamsWebhookUrl();
        Must("teams webhook", teams["https://".Length..], s => "TEAMS_WEBHOOK=https://" + s + "\n", ".env");
        Must("slack workflow webhook", f.SlackWorkflowWebhookPath(), s => "slack:\n  webhook: https://" + s + "\n", "alerts.yaml");
        Must("data protection master key", f.MasterKey(), s => "<key id=\"" + new Guid(f.Bytes(16)) + "\" version=\"1\">\n  <descriptor>\n    <encryption algorithm=\"AES_256_CBC\" />\n    <masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\">\n      <!-- Warning: the key below is in an unencrypted form. -->\n      <value>" + s + "</value>\n    </masterKey>\n  </descriptor>\n</key>", "key-1.xml");
        string rsaXml = FakeSecrets.RsaXml(out string rsaPublicXml);
        Must("rsa xml private key", Between(rsaXml, "<D>", "</D>"), _ => "<Signing>" + rsaXml + "</Signing>", "signing.xml");
        string pfx = FakeSecrets.Pkcs12Base64(out string certificateBase64);
        Must("pkcs12 base64 in json", pfx, s => "{ \"Signing\": { \"Certificate\": \"" + s + "\", \"Password\": \"\" } }");
        Must("pkcs12 base64 in xml, wrapped", Wrap(pfx, 76, "\n    "), s => "<Certificate>\n    " + s + "\n</Certificate>", "certs.xml");
        string pkcs8 = FakeSecrets.EcPkcs8Base64(out string publicKeyBase64);
        Must("pkcs8 base64", pkcs8, s => "{ \"Tokens\": { \"Key\": \"" + s + "\" } }");
        Must("pkcs1 base64", FakeSecrets.RsaPkcs1Base64(), s => "signing:\n  der: " + s + "\n", "keys.yaml");
        Must("sec1 base64", FakeSecrets.EcSec1Base64(), s => "<Key>" + s + "</Key>");
        string jwk = FakeSecrets.EcJwk(out string publicJwk, out string jwkD);
        Must("private jwk", jwkD, _ => jwk, "tempkey.jwk");
        Must("jwks with a private key", f.HighEntropy(43), s => "{ \"keys\": [ " + publicJwk + ", { \"kty\": \"oct\", \"kid\": \"hmac\", \"k\": \"" + s + "\" } ] }", "jwks.json");
        Must("signing key name", f.HighEntropy(40), s => "{ \"Identity\": { \"SigningKey\": \"" + s + "\" } }");
        Must("security key name", f.Password() + f.HighEntropy(8), s => "{ \"Jwt\": { \"SymmetricSecurityKey\": \"" + s + "\" } }");
        Must("secret element", f.HighEntropy(32), s => "<Auth>\n  <GoogleClientSecret>" + s + "</GoogleClientSecret>\n</Auth>", "settings.xml");
        Must("default password ini", f.Password(), s => "[identity]\nDefaultPassword = " + s + "\n", "seed.ini");
        Must("jwt key nested", f.HighEntropy(48), s => "{\n  \"Jwt\": {\n    \"Issuer\": \"shop\",\n    \"Key\": \"" + s + "\"\n  }\n}", "appsettings.json");
        Must("jwt key flat", f.HighEntropy(48), s => "{ \"Jwt:Key\": \"" + s + "\" }", "secrets.json");
        Must("jwt key yaml", f.HighEntropy(48), s => "jwt:\n  issuer: shop\n  key: " + s + "\n", "values.yaml");
        Must("jwt key ini", f.HighEntropy(48), s => "[Jwt]\nIssuer = shop\nKey = " + s + "\n", "app.ini");
        Must("jwt key xml", f.HighEntropy(48), s => "<Jwt>\n  <Issuer>shop</Issuer>\n  <Key>" + s + "</Key>\n</Jwt>", "jwt.xml");
        Must("user-jwts signing key", Convert.ToBase64String(f.Bytes(32)), s => "{\n  \"Authentication:Schemes:Bearer:SigningKeys\": [\n    { \"Id\": \"" + f.HexToken(8) + "\", \"Issuer\": \"dotnet-user-jwts\", \"Value\": \"" + s + "\", \"Length\": 32 }\n  ]\n}", "secrets.json");
        Must("arm parameter value", f.Password(), s => "{ \"parameters\": { \"adminPassword\": { \"value\": \"" + s + "\" } } }", "azuredeploy.parameters.json");
        Must("settings.settings value", f.HighEntropy(32), s => "<Setting Name=\"PaymentApiKey\" Type=\"System.String\" Scope=\"Application\">\n  <Value Profile=\"(Default)\">" + s + "</Value>\n</Setting>", "Settings.settings");
        Must("applicationSettings value", f.HighEntropy(32), s => "<setting name=\"ApiSecret\" serializeAs=\"String\">\n  <value>" + s + "</value>\n</setting>", "app.config");
        Must("rest client environment pair", f.HighEntropy(40), s => "{ \"values\": [ { \"key\": \"accessToken\", \"value\": \"" + s + "\", \"enabled\": true } ] }", "shop.postman_environment.json");
        Must("container env name and value", f.Password(), s => "env:\n  - name: ASPNETCORE_ENVIRONMENT\n    value: Production\n  - name: DB_PASSWORD\n    value: \"" + s + "\"\n", "deployment.yaml");
        Must("http variable", f.HighEntropy(40), s => "@host = https://localhost:5001\n@apiKey = " + s + "\n\nGET {{host}}/orders\nX-Api-Key: {{apiKey}}\n", "orders.http");
        Must("http bearer header", f.HighEntropy(40), s => "GET https://api.corp.example/orders\nAuthorization: Bearer " + s + "\n", "orders.http");
        Must("http basic header", f.Base64Text("deploy:" + f.Password()), s => "GET https://api.corp.example/orders\nAuthorization: Basic " + s + "\n", "orders.rest");
        Must("http basic user password", f.Password(), s => "GET https://api.corp.example/orders\nAuthorization: Basic deploy:" + s + "\n", "orders.http");
        Must("http form body secret", f.HighEntropy(30), s => "POST https://login.corp.example/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id=shop&client_secret=" + s + "&scope=api\n", "token.http");
        Must("json authorization header", f.HighEntropy(40), s => "{ \"Headers\": { \"Authorization\": \"Bearer " + s + "\" } }");
        Must("npm legacy token", f.NpmLegacyToken(), s => "//npm.corp.example/:_authToken=" + s + "\n", ".npmrc");
        Must("npm _auth", f.Base64Text("ci:" + f.Password()), s => "//npm.corp.example/:_auth=" + s + "\nalways-auth=true\n", ".npmrc");
        Must("yarnrc token", f.HighEntropy(36), s => "registry \"https://npm.corp.example/\"\n_authToken " + s + "\n", ".yarnrc");
        Must("yarnrc.yml auth ident", "ci:" + f.Password(), s => "npmScopes:\n  corp:\n    npmAuthIdent: \"" + s + "\"\n", ".yarnrc.yml");
        Must("pypi token", f.PyPi(), s => "[corp]\nusername = __token__\npassword = " + s + "\n", ".pypirc");
        Must("seed data password", f.Password(), s => "[\n  { \"UserName\": \"admin\", \"Email\": \"admin@corp.example\", \"Password\": \"" + s + "\" }\n]", "seed-users.json");

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
        Negative("azurite key", "{ \"Storage\": \"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + FakeSecrets.AzuriteKey + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;\" }", "local.settings.json");
        Negative("azurite key by name", "AZURE_STORAGE_KEY=" + FakeSecrets.AzuriteKey + "\n", ".env");
        Negative("cosmos emulator key", "{ \"Cosmos\": \"AccountEndpoint=https://localhost:8081/;AccountKey=" + FakeSecrets.CosmosEmulatorKey + "\" }");
        Negative("cosmos emulator key in mongodb uri", "{ \"Mongo\": \"mongodb://localhost:" + Uri.EscapeDataString(FakeSecrets.CosmosEmulatorKey) + "@localhost:10255/admin?ssl=true\" }");
        Negative("development storage", "{ \"Values\": { \"AzureWebJobsStorage\": \"UseDevelopmentStorage=true\", \"FUNCTIONS_WORKER_RUNTIME\": \"dotnet-isolated\" } }", "local.settings.json");
        Negative("shared access key placeholders", "SB1=Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=<shared-access-key>\nSB2=Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${SB_KEY}\nSB3=Endpoint=sb://x/;SharedAccessKey=__ServiceBusKey__\n", ".env");
        Negative("access key placeholders", "{ \"SignalR\": \"Endpoint=https://shop.service.signalr.net;AccessKey=#{SignalR.AccessKey};Version=1.0;\", \"Storage\": \"DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=[storage key]\" }");
        Negative("machine key auto generate", "<machineKey validationKey=\"AutoGenerate,IsolateApps\" decryptionKey=\"AutoGenerate,IsolateApps\" validation=\"HMACSHA256\" />", "web.config");
        Negative("discord docs", "{ \"Discord\": \"https://" + "disc" + "ord.com/api/web" + "hooks/{webhook.id}/{webhook.token}\", \"Other\": \"https://" + "disc" + "ord.com/api/web" + "hooks/123/abc\" }");
        Negative("teams docs", "TEAMS=https://contoso.web" + "hook.office.com/webhookb2/<group-id>@<tenant-id>/Incoming" + "Webhook/<webhook-id>/<connector-id>\n", ".env");
        Negative("slack docs", "webhook: https://hooks.slack" + ".com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n", "alerts.yaml");
        Negative("encrypted data protection key", "<key id=\"" + new Guid(f.Bytes(16)) + "\" version=\"1\">\n  <descriptor>\n    <encryptedSecret decryptorType=\"Microsoft.AspNetCore.DataProtection.XmlEncryption.DpapiXmlDecryptor, Microsoft.AspNetCore.DataProtection\" xmlns=\"http://schemas.asp.net/2015/03/dataProtection\">\n      <encryptedKey xmlns=\"\">\n        <!-- This key is encrypted with Windows DPAPI. -->\n        <value>" + Convert.ToBase64String(f.Bytes(230)) + "</value>\n      </encryptedKey>\n    </encryptedSecret>\n  </descriptor>\n</key>", "key-2.xml");
        Negative("rsa xml public key", "<Verification>" + rsaPublicXml + "</Verification>", "verify.xml");
        Negative("certificate base64", "{ \"Signing\": { \"Certificate\": \"" + certificateBase64 + "\" } }");
        Negative("public key base64", "{ \"Tokens\": { \"PublicKey\": \"" + publicKeyBase64 + "\" } }");
        Negative("truncated pkcs12 example", "{ \"Signing\": { \"Certificate\": \"" + pfx[..120] + "...\" } }");
        Negative("public jwks", "{ \"keys\": [ " + publicJwk + " ] }", "jwks.json");
        Negative("signing key metadata", "{ \"Identity\": { \"SigningKeyId\": \"" + f.HexToken(32) + "\", \"SigningKeyName\": \"jwt-signing-key\", \"SigningKeyLength\": 32 } }");
        Negative("other generic keys", "{\n  \"Cache\": { \"Key\": \"orders-v2-" + f.HexToken(8) + "\" },\n  \"Feature\": { \"Value\": \"Xy7-" + f.HexToken(12) + "\" },\n  \"Jwt\": { \"Key\": \"${JWT_KEY}\" }\n}", "appsettings.json");
        Negative("default password settings", "[identity]\nDefaultPasswordLength = 12\nDefaultPassword = #{Identity.DefaultPassword}\n", "seed.ini");
        Negative("encrypted and hashed passwords", "<Setting name=\"Microsoft.WindowsAzure.Plugins.RemoteAccess.AccountEncryptedPassword\" value=\"" + Convert.ToBase64String(f.Bytes(300)) + "\" />\n<User Name=\"admin\" HashedPassword=\"" + f.HighEntropy(60) + "\" PasswordHash=\"AQAAAAIAAYagAAAAE" + f.HighEntropy(50) + "\" />", "ServiceConfiguration.Cloud.cscfg");
        Negative("http placeholders", "@host = https://localhost:5001\n@token = {{login.response.body.$.token}}\n@apiKey = {{$dotenv API_KEY}}\n\nGET {{host}}/orders\nAuthorization: Bearer {{token}}\nX-Api-Key: {{apiKey}}\n\n###\nGET {{host}}/admin\nAuthorization: Basic <credentials>\n###\nGET {{host}}/docs\nAuthorization: Basic user:password\n", "orders.http");
        Negative("basic syntax example", "GET https://api.corp.example/orders\nAuthorization: Basic " + f.Base64Text("username:password") + "\n", "orders.rest");
        Negative("key vault references", "{ \"ApiKey\": \"@Microsoft.KeyVault(VaultName=shop-kv;SecretName=api-key)\", \"prod\": { \"Password\": { \"provider\": \"AzureKeyVault\", \"secretName\": \"db-password\", \"resourceId\": \"/subscriptions/" + Guid.NewGuid() + "/resourceGroups/shop/providers/Microsoft.KeyVault/vaults/shop-kv\" } } }", "http-client.env.json");
        Negative("user secrets ids", "<PropertyGroup>\n  <UserSecretsId>aspnet-Shop-" + Guid.NewGuid() + "</UserSecretsId>\n</PropertyGroup>\n{ \"UserSecretsId\": \"" + Guid.NewGuid() + "\" }", "Directory.Build.xml");
        Negative("token placeholders", "{ \"ApiKey\": \"<api-key>\", \"ClientSecret\": \"#{ClientSecret}\", \"SigningKey\": \"__SigningKey__\", \"AuthToken\": \"${AUTH_TOKEN}\" }");
        Negative("npm and pypi by reference", "//npm.corp.example/:_authToken=${NPM_TOKEN}\n//npm2.corp.example/:_auth=${NPM_AUTH}\n", ".npmrc");
        Negative("pypirc by reference", "[corp]\nusername = __token__\npassword = ${PYPI_TOKEN}\n", ".pypirc");
        Negative("yarnrc without secrets", "registry \"https://npm.corp.example/\"\nalways-auth true\nemail ci@corp.example\n_authToken \"${NPM_TOKEN}\"\n", ".yarnrc");
        Negative("container env from secrets", "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: { name: db, key: password }\n  - name: LOG_LEVEL\n    value: Information-" + f.HexToken(6) + "\n", "deployment.yaml");
        Negative("seed data without passwords", "[\n  { \"UserName\": \"admin\", \"PasswordHash\": \"AQAAAAIAAYagAAAAE" + f.HighEntropy(50) + "\", \"SecurityStamp\": \"" + f.HighEntropy(32).ToUpperInvariant() + "\" }\n]", "seed-users.json");
        Negative("connection string placeholder in yaml", "env:\n  CONN: \"Host=localhost;Username=postgres;Password=SET_A_PASSWORD_HERE_123;Database=app\"\n", "ci.yml");
        Negative("deps.json versions", "{ \"dependencies\": { \"NuGet.Configuration\": \"7.9.0-rc.42413\", \"NuGet.Credentials\": \"7.9.0-rc.42413\" } }", "dotnet.deps.json");
        return samples;
    }

    private static string Wrap(string text, int width, string separator)
    {
        var lines = new List<string>();
        for (int i = 0; i < text.Length; i += width)
        {
            lines.Add(text.Substring(i, Math.Min(width, text.Length - i)));
        }

        return string.Join(separator, lines);
    }

    private static string Between(string text, string open, string close)
    {
        int start = text.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return text[start..text.IndexOf(close, start, StringComparison.Ordinal)];
    }
}

using Ssdlc.Detection.Tests;

namespace Ssdlc.Build.Tasks.Tests.Configuration;

/// <summary>One labelled configuration file: the secrets it holds (empty for a clean file).</summary>
internal sealed record ConfigSample(string Label, string Path, string Text, IReadOnlyList<string> Secrets);

/// <summary>
/// Realistic configuration files of the kinds a .NET project keeps, with fake but format-valid secrets generated at
/// run time (<see cref="FakeSecrets"/>: prefixes built by concatenation, nothing real-looking committed) and safe look-alikes.
/// </summary>
internal static class ConfigurationCorpus
{
    public static IReadOnlyList<ConfigSample> Build(int seed)
    {
        var f = new FakeSecrets(seed);
        var samples = new List<ConfigSample>();

        void Positive(string label, string path, Func<string[], string> document, params string[] secrets)
            => samples.Add(new ConfigSample(label, path, document(secrets), secrets));

        void Negative(string label, string path, string text)
            => samples.Add(new ConfigSample(label, path, text, []));

        Positive("appsettings connection string", "p1/appsettings.json", s => $$"""
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              "ConnectionStrings": {
                "Orders": "Server=sql01.corp.example;Database=orders;User Id=orders_app;Password={{s[0]}};Encrypt=true"
              },
              "AllowedHosts": "*"
            }
            """, f.Password());
        Positive("appsettings production api keys", "p2/appsettings.Production.json", s => $$"""
            {
              "Payments": { "Provider": "stripe", "SecretKey": "{{s[0]}}" },
              "GitHub": { "Token": "{{s[1]}}" },
              "Smtp": { "Host": "smtp.corp.example", "Port": 587, "Password": "{{s[2]}}" }
            }
            """, f.StripeLive(), f.GitHubClassic(), f.Password());
        Positive("web.config appSettings and connection string", "p3/web.config", s => $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <connectionStrings>
                <add name="Shop" connectionString="Data Source=db.corp.example;Initial Catalog=shop;User ID=shop;Password={{s[0]}}" providerName="System.Data.SqlClient" />
              </connectionStrings>
              <appSettings>
                <add key="SendGridApiKey" value="{{s[1]}}" />
              </appSettings>
            </configuration>
            """, f.Password(), f.SendGrid());
        Positive("docker-compose", "p4/docker-compose.yml", s => $$"""
            services:
              api:
                image: shop/api:1.4.2
                environment:
                  - ASPNETCORE_ENVIRONMENT=Production
                  - ConnectionStrings__Orders=Host=db;Database=orders;Username=app;Password={{s[0]}}
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: {{s[1]}}
            """, f.Password(), f.Password());
        Positive("github actions", "p5/.github/workflows/deploy.yml", s => $$"""
            name: deploy
            on: [push]
            jobs:
              deploy:
                runs-on: ubuntu-latest
                env:
                  NUGET_API_KEY: {{s[0]}}
                steps:
                  - uses: actions/checkout@v4
                  - run: dotnet nuget push out/*.nupkg --api-key $NUGET_API_KEY
            """, f.NuGet());
        Positive("azure pipelines", "p6/azure-pipelines.yml", s => $$"""
            trigger: [ main ]
            pool: { vmImage: ubuntu-latest }
            variables:
              AWS_ACCESS_KEY_ID: {{s[0]}}
              buildConfiguration: Release
            steps:
              - script: dotnet build -c $(buildConfiguration)
            """, f.AwsAccessKeyId());
        Positive(".env", "p7/.env", s => $$"""
            # local settings
            ASPNETCORE_URLS=http://+:8080
            SLACK_TOKEN={{s[0]}}
            JWT_SIGNING_SECRET={{s[1]}}
            """, f.SlackBot(), f.HighEntropy(40));
        Positive("publish profile", "p8/Properties/PublishProfiles/Prod.pubxml", s => $$"""
            <Project>
              <PropertyGroup>
                <WebPublishMethod>MSDeploy</WebPublishMethod>
                <MSDeployServiceURL>shop.scm.azurewebsites.net:443</MSDeployServiceURL>
                <UserName>$shop</UserName>
                <Password>{{s[0]}}</Password>
              </PropertyGroup>
            </Project>
            """, f.HighEntropy(60));
        Positive("launchSettings remote database", "p9/Properties/launchSettings.json", s => $$"""
            {
              "profiles": {
                "api": {
                  "commandName": "Project",
                  "environmentVariables": {
                    "ASPNETCORE_ENVIRONMENT": "Development",
                    "ConnectionStrings__Orders": "Server=sql01.corp.example;Database=orders;User Id=dev;Password={{s[0]}}"
                  }
                }
              }
            }
            """, f.Password());
        Positive("nuget.config credentials", "p10/nuget.config", s => $$"""
            <configuration>
              <packageSources><add key="corp" value="https://pkgs.corp.example/nuget/v3/index.json" /></packageSources>
              <packageSourceCredentials>
                <corp>
                  <add key="Username" value="build" />
                  <add key="ClearTextPassword" value="{{s[0]}}" />
                </corp>
              </packageSourceCredentials>
            </configuration>
            """, f.HighEntropy(52));
        Positive("pem private key", "p11/certs/server.key", s => s[0] + "\n", f.Pem("RSA PRIVATE KEY"));
        Positive("ini with azure storage", "p12/settings.ini", s => $$"""
            [storage]
            connection = DefaultEndpointsProtocol=https;AccountName=shop;AccountKey={{s[0]}};EndpointSuffix=core.windows.net
            """, f.AzureStorageKey());
        Positive("Dockerfile", "p13/Dockerfile", s => $$"""
            FROM mcr.microsoft.com/dotnet/aspnet:8.0
            ENV Redis__Connection=redis://default:{{s[0]}}@cache.corp.example:6379
            COPY out/ /app
            ENTRYPOINT ["dotnet", "/app/api.dll"]
            """, f.Password());
        Positive("settings xml", "p14/settings.xml", s => $$"""
            <settings>
              <servers>
                <server><id>corp</id><username>ci</username><password>{{s[0]}}</password></server>
              </servers>
            </settings>
            """, f.Password());
        Positive("appsettings azure ad", "p15/appsettings.Staging.json", s => $$"""
            { "AzureAd": { "Instance": "https://login.microsoftonline.com/", "ClientId": "{{Guid.NewGuid()}}", "ClientSecret": "{{s[0]}}" } }
            """, f.AzureAdClientSecret());

        // The file kinds of issue 13: each with a positive file and a look-alike file of the same kind.
        Positive("REST client .http", "k1/Api/orders.http", s => $$$"""
            @host = https://localhost:7001
            @apiKey = {{{s[0]}}}

            GET {{host}}/orders
            X-Api-Key: {{apiKey}}

            ###
            GET https://api.corp.example/reports
            Authorization: Basic {{{s[1]}}}

            ###
            POST {{host}}/login
            Content-Type: application/json

            { "userName": "admin", "password": "{{{s[2]}}}" }
            """, f.HighEntropy(40), f.Base64Text("reports:" + f.Password()), f.Password());
        Negative("REST client .http with variables", "k2/Api/orders.http", """
            @host = https://localhost:7001
            @token = {{login.response.body.$.token}}
            @apiKey = {{$dotenv API_KEY}}

            GET {{host}}/orders
            Authorization: Bearer {{token}}
            X-Api-Key: {{apiKey}}

            ###
            GET {{host}}/admin
            Authorization: Basic <credentials>
            """);
        Positive("REST client .rest", "k3/requests.rest", s => $$"""
            GET https://api.corp.example/orders
            Authorization: Bearer {{s[0]}}
            """, f.HighEntropy(48));
        Negative("REST client .rest placeholders", "k4/requests.rest", """
            GET https://api.corp.example/orders
            Authorization: Bearer <your-token>
            Ocp-Apim-Subscription-Key: ${APIM_KEY}
            """);
        Positive("http-client.private.env.json", "k5/http-client.private.env.json", s => $$"""
            {
              "dev": { "password": "{{s[0]}}", "apiKey": "{{s[1]}}" }
            }
            """, f.Password(), f.HighEntropy(32));
        Negative("http-client.env.json with Key Vault references", "k6/http-client.env.json", $$"""
            {
              "$shared": { "host": "https://localhost:7001" },
              "prod": {
                "host": "https://api.corp.example",
                "apiKey": { "provider": "AzureKeyVault", "secretName": "api-key", "resourceId": "/subscriptions/{{Guid.NewGuid()}}/resourceGroups/shop/providers/Microsoft.KeyVault/vaults/shop-kv" },
                "password": "@Microsoft.KeyVault(VaultName=shop-kv;SecretName=db-password)"
              }
            }
            """);
        Positive("Azure Functions local.settings.json", "k7/local.settings.json", s => $$"""
            {
              "IsEncrypted": false,
              "Values": {
                "AzureWebJobsStorage": "UseDevelopmentStorage=true",
                "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",
                "ServiceBusConnection": "Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={{s[0]}}",
                "EventHubConnection": "Endpoint=sb://shop-events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={{s[1]}};EntityPath=orders",
                "Storage": "DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey={{s[2]}};EndpointSuffix=core.windows.net"
              }
            }
            """, f.AzureAccessKey(), f.AzureAccessKey(), f.AzureStorageKey());
        Negative("local.settings.json with the emulator", "k8/local.settings.json", $$"""
            {
              "IsEncrypted": false,
              "Values": {
                "AzureWebJobsStorage": "UseDevelopmentStorage=true",
                "Blobs": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={{FakeSecrets.AzuriteKey}};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
                "Cosmos": "AccountEndpoint=https://localhost:8081/;AccountKey={{FakeSecrets.CosmosEmulatorKey}}",
                "ServiceBusConnection": "@Microsoft.KeyVault(SecretUri=https://shop-kv.vault.azure.net/secrets/servicebus/)"
              }
            }
            """);
        Positive("copied user-secrets secrets.json", "k9/secrets.json", s => $$"""
            {
              "Jwt:Key": "{{s[0]}}",
              "Azure:SignalR:ConnectionString": "Endpoint=https://shop.service.signalr.net;AccessKey={{s[1]}};Version=1.0;",
              "Authentication:Schemes:Bearer:SigningKeys": [
                { "Id": "{{f.HexToken(8)}}", "Issuer": "dotnet-user-jwts", "Value": "{{s[2]}}", "Length": 32 }
              ]
            }
            """, f.HighEntropy(48), f.AzureAccessKey(), Convert.ToBase64String(f.Bytes(32)));
        Negative("secrets.json with placeholders", "k10/secrets.json", """
            {
              "Jwt:Key": "<generated at deployment>",
              "Smtp:Password": "#{Smtp.Password}",
              "Payments:ApiKey": "__PaymentsApiKey__",
              "Jwt:Issuer": "https://login.corp.example"
            }
            """);
        Positive("Settings.settings", "k11/Properties/Settings.settings", s => $$"""
            <?xml version='1.0' encoding='utf-8'?>
            <SettingsFile xmlns="http://schemas.microsoft.com/VisualStudio/2004/01/settings" CurrentProfile="(Default)">
              <Settings>
                <Setting Name="PaymentApiKey" Type="System.String" Scope="Application">
                  <Value Profile="(Default)">{{s[0]}}</Value>
                </Setting>
              </Settings>
            </SettingsFile>
            """, f.HighEntropy(32));
        Negative("Settings.settings without secrets", "k12/Properties/Settings.settings", """
            <SettingsFile xmlns="http://schemas.microsoft.com/VisualStudio/2004/01/settings" CurrentProfile="(Default)">
              <Settings>
                <Setting Name="PageSize" Type="System.Int32" Scope="User"><Value Profile="(Default)">50</Value></Setting>
                <Setting Name="ApiKeyHeader" Type="System.String" Scope="Application"><Value Profile="(Default)">X-Api-Key</Value></Setting>
              </Settings>
            </SettingsFile>
            """);
        Positive("cloud service .cscfg", "k13/ServiceConfiguration.Cloud.cscfg", s => $$"""
            <ServiceConfiguration serviceName="Shop" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration">
              <Role name="Web">
                <ConfigurationSettings>
                  <Setting name="DataConnectionString" value="DefaultEndpointsProtocol=https;AccountName=shop;AccountKey={{s[0]}}" />
                  <Setting name="SmtpPassword" value="{{s[1]}}" />
                </ConfigurationSettings>
              </Role>
            </ServiceConfiguration>
            """, f.AzureStorageKey(), f.Password());
        Negative("cloud service .cscfg with encrypted password", "k14/ServiceConfiguration.Cloud.cscfg", $$"""
            <ServiceConfiguration serviceName="Shop" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration">
              <Role name="Web">
                <ConfigurationSettings>
                  <Setting name="DataConnectionString" value="UseDevelopmentStorage=true" />
                  <Setting name="Microsoft.WindowsAzure.Plugins.RemoteAccess.AccountUsername" value="ops" />
                  <Setting name="Microsoft.WindowsAzure.Plugins.RemoteAccess.AccountEncryptedPassword" value="{{Convert.ToBase64String(f.Bytes(320))}}" />
                </ConfigurationSettings>
                <Certificates>
                  <Certificate name="Microsoft.WindowsAzure.Plugins.RemoteAccess.PasswordEncryption" thumbprint="{{f.HexToken(40).ToUpperInvariant()}}" thumbprintAlgorithm="sha1" />
                </Certificates>
              </Role>
            </ServiceConfiguration>
            """);
        Positive("cloud service .csdef", "k15/ServiceDefinition.csdef", s => $$"""
            <ServiceDefinition name="Shop" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceDefinition">
              <WorkerRole name="Worker">
                <Runtime>
                  <Environment>
                    <Variable name="QUEUE_PASSWORD" value="{{s[0]}}" />
                  </Environment>
                </Runtime>
              </WorkerRole>
            </ServiceDefinition>
            """, f.Password());
        Negative("cloud service .csdef declarations", "k16/ServiceDefinition.csdef", """
            <ServiceDefinition name="Shop" xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceDefinition">
              <WebRole name="Web">
                <ConfigurationSettings>
                  <Setting name="DataConnectionString" />
                  <Setting name="SmtpPassword" />
                </ConfigurationSettings>
              </WebRole>
            </ServiceDefinition>
            """);
        Positive(".npmrc", "k17/ClientApp/.npmrc", s => $$"""
            @corp:registry=https://npm.corp.example/
            //npm.corp.example/:_authToken={{s[0]}}
            //npm-legacy.corp.example/:_auth={{s[1]}}
            always-auth=true
            """, f.NpmLegacyToken(), f.Base64Text("ci:" + f.Password()));
        Negative(".npmrc with environment references", "k18/ClientApp/.npmrc", """
            @corp:registry=https://npm.corp.example/
            //npm.corp.example/:_authToken=${NPM_TOKEN}
            always-auth=true
            engine-strict=true
            """);
        Positive(".yarnrc", "k19/ClientApp/.yarnrc", s => $$"""
            registry "https://npm.corp.example/"
            "//npm.corp.example/:_authToken" "{{s[0]}}"
            """, f.HighEntropy(36));
        Negative(".yarnrc without credentials", "k20/ClientApp/.yarnrc", """
            registry "https://npm.corp.example/"
            always-auth true
            "//npm.corp.example/:_authToken" "${NPM_TOKEN}"
            """);
        Positive(".yarnrc.yml", "k21/ClientApp/.yarnrc.yml", s => $$"""
            npmRegistryServer: "https://npm.corp.example"
            npmAuthToken: "{{s[0]}}"
            npmScopes:
              corp:
                npmAuthIdent: "ci:{{s[1]}}"
            """, f.HighEntropy(36), f.Password());
        Negative(".yarnrc.yml with environment references", "k22/ClientApp/.yarnrc.yml", """
            npmRegistryServer: "https://npm.corp.example"
            npmAuthToken: "${NPM_TOKEN}"
            nodeLinker: node-modules
            """);
        Positive(".pypirc", "k23/tools/.pypirc", s => $$"""
            [distutils]
            index-servers = corp

            [corp]
            repository = https://pkgs.corp.example/pypi/upload
            username = __token__
            password = {{s[0]}}
            """, f.PyPi());
        Negative(".pypirc without a password", "k24/tools/.pypirc", """
            [corp]
            repository = https://pkgs.corp.example/pypi/upload
            username = __token__
            password = ${PYPI_TOKEN}
            """);
        string jwk = FakeSecrets.EcJwk(out string publicJwk, out string jwkD);
        Positive("private .jwk", "k25/tempkey.jwk", _ => jwk, jwkD);
        Negative("public JWKS", "k26/wwwroot/.well-known/jwks.json", "{ \"keys\": [ " + publicJwk + " ] }");
        Positive(".p8 key", "k27/AuthKey_SHOP.p8", s => s[0] + "\n", f.Pem("PRIVATE KEY"));
        Negative(".p8 documentation stub", "k28/AuthKey_SAMPLE.p8", "-----" + "BEGIN PRIVATE KEY-----\n<paste the key downloaded from the developer portal>\n-----" + "END PRIVATE KEY-----\n");
        Positive("Data Protection key ring", "k29/keys/key-" + new Guid(f.Bytes(16)) + ".xml", s => $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <key id="{{new Guid(f.Bytes(16))}}" version="1">
              <creationDate>2025-01-01T00:00:00Z</creationDate>
              <descriptor deserializerType="Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection">
                <descriptor>
                  <encryption algorithm="AES_256_CBC" />
                  <validation algorithm="HMACSHA256" />
                  <masterKey p4:requiresEncryption="true" xmlns:p4="http://schemas.asp.net/2015/03/dataProtection">
                    <!-- Warning: the key below is in an unencrypted form. -->
                    <value>{{s[0]}}</value>
                  </masterKey>
                </descriptor>
              </descriptor>
            </key>
            """, f.MasterKey());
        Negative("encrypted Data Protection key ring", "k30/keys/key-" + new Guid(f.Bytes(16)) + ".xml", $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <key id="{{new Guid(f.Bytes(16))}}" version="1">
              <descriptor deserializerType="Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection">
                <descriptor>
                  <encryption algorithm="AES_256_CBC" />
                  <validation algorithm="HMACSHA256" />
                  <encryptedSecret decryptorType="Microsoft.AspNetCore.DataProtection.XmlEncryption.DpapiXmlDecryptor, Microsoft.AspNetCore.DataProtection" xmlns="http://schemas.asp.net/2015/03/dataProtection">
                    <encryptedKey xmlns="">
                      <!-- This key is encrypted with Windows DPAPI. -->
                      <value>{{Convert.ToBase64String(f.Bytes(230))}}</value>
                    </encryptedKey>
                  </encryptedSecret>
                </descriptor>
              </descriptor>
            </key>
            """);
        Positive("seed data JSON", "k31/Data/Seed/users.json", s => $$"""
            [
              { "UserName": "admin", "Email": "admin@corp.example", "Roles": [ "Admin" ], "Password": "{{s[0]}}" },
              { "UserName": "support", "Email": "support@corp.example", "Roles": [ "Support" ], "DefaultPassword": "{{s[1]}}" }
            ]
            """, f.Password(), f.Password());
        Negative("seed data JSON without passwords", "k32/Data/Seed/users.json", $$"""
            [
              { "UserName": "admin", "Email": "admin@corp.example", "PasswordHash": "AQAAAAIAAYagAAAAE{{f.HighEntropy(50)}}", "SecurityStamp": "{{f.HighEntropy(32).ToUpperInvariant()}}" },
              { "UserName": "support", "Email": "support@corp.example", "Password": "", "PasswordResetRequired": true }
            ]
            """);
        Positive("seed data XML", "k33/Data/Seed/users.xml", s => $$"""
            <Users>
              <User Name="admin" Password="{{s[0]}}" />
              <User><Name>support</Name><DefaultPassword>{{s[1]}}</DefaultPassword></User>
            </Users>
            """, f.Password(), f.Password());
        Negative("seed data XML without passwords", "k34/Data/Seed/users.xml", """
            <Users>
              <User Name="admin" PasswordHash="AQAAAAIAAYagAAAAEJ3kq" RequirePasswordChange="true" />
              <User Name="support" Password="{{SEED_SUPPORT_PASSWORD}}" />
            </Users>
            """);
        string pfx = FakeSecrets.Pkcs12Base64(out string certificate);
        string rsaXml = FakeSecrets.RsaXml(out string rsaPublicXml);
        Positive("formats in appsettings", "k35/appsettings.Production.json", s => $$"""
            {
              "Jwt": { "Issuer": "https://login.corp.example", "Key": "{{s[0]}}" },
              "Identity": { "SigningKey": "{{s[1]}}", "DefaultPassword": "{{s[2]}}" },
              "Signing": { "Pfx": "{{s[3]}}" },
              "Rsa": "{{rsaXml}}",
              "Alerts": { "Discord": "https://{{s[5]}}", "Teams": "{{s[6]}}", "Slack": "https://{{s[7]}}" },
              "Legacy": { "MachineKey": "<machineKey validationKey=\"{{s[8]}}\" validation=\"HMACSHA256\" />" }
            }
            """, f.HighEntropy(48), f.HighEntropy(40), f.Password(), pfx, Between(rsaXml, "<D>", "</D>"), f.DiscordWebhookPath(), f.TeamsWebhookUrl(), f.SlackWebhookPath(), f.HexToken(128).ToUpperInvariant());
        Negative("look-alikes in appsettings", "k36/appsettings.Production.json", $$"""
            {
              "Jwt": { "Issuer": "https://login.corp.example", "Key": "${JWT_SIGNING_KEY}", "SigningKeyId": "{{f.HexToken(32)}}" },
              "Signing": { "Certificate": "{{certificate}}", "Rsa": "{{rsaPublicXml}}" },
              "Cache": { "Key": "orders-{{f.HexToken(8)}}" },
              "Alerts": { "Teams": "https://contoso.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<id>/<connector>" },
              "Legacy": { "MachineKey": "<machineKey validationKey=\"AutoGenerate,IsolateApps\" />" },
              "UserSecretsId": "aspnet-Shop-{{Guid.NewGuid()}}"
            }
            """);
        Negative("appsettings placeholders", "n1/appsettings.json", """
            {
              "ConnectionStrings": { "Orders": "Server=sql01;Database=orders;User Id=app;Password=${ORDERS_DB_PASSWORD}" },
              "Payments": { "SecretKey": "#{Payments.SecretKey}#" },
              "Smtp": { "Password": "" }
            }
            """);
        Negative("key vault references", "n2/appsettings.Production.json", """
            {
              "Payments": { "ApiKey": "@Microsoft.KeyVault(SecretUri=https://shop.vault.azure.net/secrets/payments-api-key/)" },
              "KeyVault": { "Uri": "https://shop.vault.azure.net/" }
            }
            """);
        Negative("integrated security", "n3/web.config", """
            <configuration>
              <connectionStrings>
                <add name="Shop" connectionString="Data Source=.;Initial Catalog=shop;Integrated Security=SSPI" />
                <add name="Orders" connectionString="Server=sql01;Database=orders;Trusted_Connection=True;TrustServerCertificate=True" />
              </connectionStrings>
              <runtime>
                <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
                  <dependentAssembly><assemblyIdentity name="System.Memory" publicKeyToken="cc7b13ffcd2ddd51" culture="neutral" /></dependentAssembly>
                </assemblyBinding>
              </runtime>
            </configuration>
            """);
        Negative("lock file", "n4/packages.lock.yml", "dependencies:\n  Dapper:\n    resolved: 2.1.35\n    contentHash: " + f.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 86) + "==\n");
        Negative("certificate and public key", "n5/certs/ca.pem", "-----" + "BEGIN CERTIFICATE-----\n" + f.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 64) + "\n-----" + "END CERTIFICATE-----\n-----" + "BEGIN PUBLIC KEY-----\n" + f.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 64) + "\n-----" + "END PUBLIC KEY-----\n");
        Negative("guids", "n6/appsettings.json", $$"""
            { "AzureAd": { "TenantId": "{{Guid.NewGuid()}}", "ClientId": "{{Guid.NewGuid()}}", "ClientSecret": "{{Guid.NewGuid()}}" } }
            """);
        Negative("pipeline secrets by reference", "n7/azure-pipelines.yml", """
            variables:
              - group: shop-secrets
            steps:
              - script: dotnet nuget push out/*.nupkg --api-key $(NuGetApiKey)
                env:
                  NUGET_API_KEY: $(NuGetApiKey)
                  DB_PASSWORD: $(DbPassword)
            """);
        Negative("github actions secrets", "n8/.github/workflows/ci.yml", """
            jobs:
              build:
                runs-on: ubuntu-latest
                env:
                  NUGET_API_KEY: ${{ secrets.NUGET_API_KEY }}
                  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}
            """);
        Negative("compose with env references", "n9/docker-compose.yml", """
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}
                  POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                secrets: [ db_password ]
            """);
        Negative(".env example", "n10/.env.example", "SLACK_TOKEN=\nJWT_SIGNING_SECRET=<your signing secret>\nDB_PASSWORD=changeme-in-your-env\nREQUIRE_PASSWORD=true\n");
        Negative("publish profile without password", "n11/Properties/PublishProfiles/Folder.pubxml", """
            <Project>
              <PropertyGroup>
                <PublishProvider>FileSystem</PublishProvider>
                <PublishUrl>bin\Release\publish\</PublishUrl>
                <SelfContained>false</SelfContained>
              </PropertyGroup>
            </Project>
            """);
        Negative("launchSettings without secrets", "n12/Properties/launchSettings.json", """
            {
              "profiles": {
                "https": { "commandName": "Project", "applicationUrl": "https://localhost:7001", "environmentVariables": { "ASPNETCORE_ENVIRONMENT": "Development" } }
              }
            }
            """);
        Negative("settings names only", "n13/appsettings.json", """
            {
              "Identity": { "PasswordPolicy": "Strict-2024", "RequireDigit": true, "TokenLifetime": "01:00:00" },
              "Jwt": { "Issuer": "https://login.corp.example", "SigningKeyName": "jwt-signing-key", "TokenUrl": "https://login.corp.example/token" },
              "Kestrel": { "Certificates": { "Default": { "Path": "/run/secrets/tls.pfx", "Password": "/run/secrets/tls-password.txt" } } }
            }
            """);
        Negative("nuget.config with env credentials", "n14/nuget.config", """
            <configuration>
              <packageSourceCredentials>
                <corp>
                  <add key="Username" value="build" />
                  <add key="ClearTextPassword" value="%CORP_FEED_TOKEN%" />
                </corp>
              </packageSourceCredentials>
            </configuration>
            """);
        Negative("ini without secrets", "n15/tool.ini", "[core]\nname = shop\ntoken_url = https://login.corp.example/token\npassword_min_length = 12\n");

        return samples;
    }

    private static string Between(string text, string open, string close)
    {
        int start = text.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return text[start..text.IndexOf(close, start, StringComparison.Ordinal)];
    }
}

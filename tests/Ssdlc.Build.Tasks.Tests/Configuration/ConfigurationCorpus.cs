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
}

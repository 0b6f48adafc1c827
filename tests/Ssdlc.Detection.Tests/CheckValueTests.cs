using Ssdlc.Detection.Secrets;

namespace Ssdlc.Detection.Tests;

public class CheckValueTests
{
    private readonly FakeSecrets _f = new(5);

    [Theory]
    [InlineData("Password")]
    [InlineData("_password")]
    [InlineData("dbPassword")]
    [InlineData("DB_PASSWORD")]
    [InlineData("Smtp:Password")]
    [InlineData("pwd")]
    [InlineData("ClientSecret")]
    [InlineData("apiKey")]
    [InlineData("api_key")]
    [InlineData("AccessToken")]
    [InlineData("privateKey")]
    [InlineData("Credentials")]
    public void Secret_names_with_real_looking_values_are_reported(string name)
        => Assert.NotNull(SecretScanner.CheckValue(name, _f.Password()));

    [Theory]
    [InlineData("PasswordPolicy")]
    [InlineData("PasswordLength")]
    [InlineData("tokenUrl")]
    [InlineData("TokenEndpoint")]
    [InlineData("ApiKeyHeaderName")]
    [InlineData("cancellationToken")]
    [InlineData("ForgotPassword")]
    [InlineData("PasswordHash")]
    [InlineData("userName")]
    [InlineData(null)]
    public void Other_names_are_not_name_plus_value(string? name)
        => Assert.Null(SecretScanner.CheckValue(name, _f.Password()));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("${DB_PASSWORD}")]
    [InlineData("#{Db.Password}#")]
    [InlineData("%DB_PASSWORD%")]
    [InlineData("__DbPassword__")]
    [InlineData("<password>")]
    [InlineData("{{ db_password }}")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/db/)")]
    [InlineData("xxxxxxxx")]
    [InlineData("********")]
    [InlineData("your-password-here")]
    [InlineData("ExamplePassword1")]
    [InlineData("Smtp:Password")]
    [InlineData("DB_PASSWORD")]
    [InlineData("3f1c5e1a-9c1b-4b7e-8d2a-1f0e6c2b9a77")]
    [InlineData("short1!")]
    [InlineData("/run/secrets/db_password")]
    [InlineData("Enter your password")]
    public void Placeholders_and_references_are_not_secrets(string value)
        => Assert.Null(SecretScanner.CheckValue("Password", value));

    [Theory]
    [InlineData("Pkcs12IgnoreUselessPassword", "Org.BouncyCastle.Pkcs12.IgnoreUselessPassword")]
    [InlineData("ApiKey", "MyCompany.Resources.Labels.ApiKey")]
    [InlineData("DbPassword", "Sql2022:DbPassword")]
    [InlineData("ClientSecret", "Contoso.Identity.ClientSecret2")]
    [InlineData("AccessToken", "Auth/Tokens/AccessToken")]
    public void Dotted_names_of_settings_types_and_resources_are_not_secrets(string name, string value)
        => Assert.Null(SecretScanner.CheckValue(name, value));

    [Theory]
    [InlineData("Password", "Xk9q.L3wZ.p7Rt")]
    [InlineData("ApiKey", "aZ9Qx.bQ8vLm.kP2wRt")]
    [InlineData("ClientSecret", "Summer.2024!Spring")]
    [InlineData("Password", "Winter.Sky42")]
    public void Dotted_values_without_word_structure_or_unrelated_to_the_name_are_still_secrets(string name, string value)
        => Assert.NotNull(SecretScanner.CheckValue(name, value));

    [Theory]
    [InlineData("admin")]
    [InlineData("changeme")]
    [InlineData("changeit")]
    [InlineData("password")]
    [InlineData("123456")]
    [InlineData("root")]
    [InlineData("P@ssw0rd")]
    public void Vendor_default_passwords_are_reported_even_though_short(string value)
    {
        SecretMatch? match = SecretScanner.CheckValue("Password", value);
        Assert.NotNull(match);
        Assert.Equal("vendor default password", match!.Kind);
    }

    [Fact]
    public void Known_formats_need_no_name()
    {
        Assert.Equal("GitHub personal access token", SecretScanner.CheckValue(null, _f.GitHubClassic())?.Kind);
        string connection = "Server=db;Database=shop;User Id=app;Password=" + _f.Password() + ";";
        SecretMatch? match = SecretScanner.CheckValue("cs", connection);
        Assert.Equal("password in connection string", match?.Kind);
        Assert.Equal(connection.IndexOf("Password=", StringComparison.Ordinal) + 9, match!.Offset);
    }

    [Theory]
    [InlineData("Server=.;Database=shop;Integrated Security=true")]
    [InlineData("Server=.;Database=shop;Trusted_Connection=yes;TrustServerCertificate=true")]
    [InlineData("Server=db;Database=shop;User Id=app;Password=")]
    [InlineData("Server=db;Database=shop;User Id=app;Password=${DB_PASSWORD}")]
    [InlineData("Data Source=shop.db")]
    [InlineData("UPDATE Users SET Password=@password, UserName=@userName WHERE Id=@id")]
    [InlineData("Server=db;User Id=app;Password=$(DbPassword)")]
    public void Connection_strings_without_a_password_are_silent(string value)
        => Assert.Null(SecretScanner.CheckValue("ConnectionString", value));

    [Fact]
    public void Aws_secret_and_azure_ad_secret_need_context_and_get_their_kind()
    {
        string aws = _f.AwsSecretKey();
        Assert.Equal("AWS secret access key", SecretScanner.CheckValue("AwsSecretAccessKey", aws)?.Kind);
        Assert.Null(SecretScanner.CheckValue("Description", aws));
        string azure = _f.AzureAdClientSecret();
        Assert.Equal("Azure AD client secret", SecretScanner.CheckValue("ClientSecret", azure)?.Kind);
        Assert.Null(SecretScanner.CheckValue("DisplayName", azure));
    }

    [Fact]
    public void Github_classic_token_with_a_wrong_checksum_is_not_a_known_format()
        => Assert.Null(SecretScanner.CheckValue(null, _f.GitHubClassicBadChecksum()));

    [Fact]
    public void Github_checksum_matches_the_published_algorithm()
    {
        // CRC32("123456789") = 0xCBF43926 (the standard check value); base62 of 3421780262 over 0-9A-Za-z is "3jZRME".
        Assert.Equal("3jZRME", KnownFormats.GitHubChecksum("123456789"));
    }
}

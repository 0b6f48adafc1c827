using Ssdlc.Analyzers.Analysis;

namespace Ssdlc.Analyzers.Tests.Analysis;

public class SecurityValueNamesPersonalDataTests
{
    [Theory]
    [InlineData("ssn")]
    [InlineData("customerSsn")]
    [InlineData("SocialSecurityNumber")]
    [InlineData("creditCardNumber")]
    [InlineData("credit_card")]
    [InlineData("CardNumber")]
    [InlineData("cvv")]
    public void Personal_data_names(string name) => Assert.True(SecurityValueNames.IsPersonalData(name));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("creditCardType")]
    [InlineData("cardNumberLength")]
    [InlineData("ssnFormat")]
    [InlineData("creditLimit")]
    [InlineData("giftCard")]
    [InlineData("lessonNumber")]
    public void Other_names(string? name) => Assert.False(SecurityValueNames.IsPersonalData(name));
}

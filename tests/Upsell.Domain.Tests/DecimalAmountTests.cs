using Upsell.Domain.Money;
using Upsell.Tests;

namespace Upsell.Domain.Tests;

/// <summary>The shared case table (contracts/platform-amounts.json), also posted through the connectors.</summary>
public class DecimalAmountTests
{
    public static TheoryData<string, string, long?> Cases()
    {
        var data = new TheoryData<string, string, long?>();
        foreach (var c in PlatformAmounts.Load())
        {
            data.Add(c.Amount, c.Currency, c.Minor);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_platform_amount_converts_exactly_by_the_currency_exponent_or_is_refused(string amount, string currency, long? minor)
    {
        var (converted, error) = DecimalAmount.ToMinor(amount, currency);

        Assert.Equal(minor, converted);
        Assert.Equal(minor is null, error is not null);
    }

    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    [InlineData("CLF", 4)]
    [InlineData("USD", 2)]
    public void The_exponent_is_ISO_4217s(string currency, int exponent) => Assert.Equal(exponent, CurrencyExponent.Of(currency));

    [Fact]
    public void Yen_formats_without_decimals_and_dinar_with_three()
    {
        Assert.EndsWith("1,999", MoneyFormatter.Format(new Money.Money(1999, "JPY"), "en-US"), StringComparison.Ordinal);
        Assert.EndsWith("1.234", MoneyFormatter.Format(new Money.Money(1234, "KWD"), "en-US"), StringComparison.Ordinal);
    }
}

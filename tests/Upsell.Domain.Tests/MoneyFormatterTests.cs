using System.Text.Json;
using Upsell.Domain.Money;

namespace Upsell.Domain.Tests;

public class MoneyFormatterTests
{
    public static TheoryData<long, string, string, string> Cases()
    {
        using var cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "contracts", "money-cases.json")));
        var data = new TheoryData<long, string, string, string>();
        foreach (var row in cases.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(row.GetProperty("minor").GetInt64(), row.GetProperty("currency").GetString()!, row.GetProperty("locale").GetString()!, row.GetProperty("formatted").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formats_for_the_shoppers_locale(long minor, string currency, string locale, string formatted) =>
        Assert.Equal(formatted, MoneyFormatter.Format(new Money.Money(minor, currency), locale));

    [Theory]
    [InlineData("EUR", true)]
    [InlineData("JPY", true)]
    [InlineData("XYZ", false)]
    [InlineData("eur", false)]
    public void Knows_the_currencies_in_use(string code, bool known) => Assert.Equal(known, MoneyFormatter.IsKnownCurrency(code));

    [Theory]
    [InlineData("de-DE", true)]
    [InlineData("en", true)]
    [InlineData("klingon-XX", false)]
    [InlineData("", false)]
    public void Knows_real_locales(string locale, bool known) => Assert.Equal(known, MoneyFormatter.IsKnownLocale(locale));
}

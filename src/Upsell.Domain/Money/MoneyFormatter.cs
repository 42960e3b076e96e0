using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;

namespace Upsell.Domain.Money;

/// <summary>Formats money for a shopper's locale: the locale decides the pattern, the currency its symbol and digits.</summary>
public static class MoneyFormatter
{
    private static readonly FrozenDictionary<string, CurrencyInfo> Currencies = LoadCurrencies();
    private static readonly ConcurrentDictionary<(string Locale, string Currency), NumberFormatInfo> Formats = new();

    /// <summary>Whether the code names a currency this formatter knows (every ISO 4217 currency in use by a region).</summary>
    public static bool IsKnownCurrency(string? code) => code is not null && Currencies.ContainsKey(code);

    /// <summary>Whether the locale is a predefined culture name such as "de-DE" or "en".</summary>
    public static bool IsKnownLocale(string? locale) => TryGetCulture(locale, out _);

    /// <summary>Formats money for a locale: "€9.99" for en-US, "9,99 €" for de-DE. An unknown locale formats as en-US.</summary>
    public static string Format(Money money, string? locale)
    {
        var format = Formats.GetOrAdd((locale ?? string.Empty, money.Currency), static key => CreateFormat(key.Locale, key.Currency));
        var amount = money.Minor / (decimal)Pow10(format.CurrencyDecimalDigits);
        return amount.ToString("C", format);
    }

    private static NumberFormatInfo CreateFormat(string locale, string currency)
    {
        var culture = TryGetCulture(locale, out var found) ? found : CultureInfo.GetCultureInfo("en-US");
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        var info = Currencies.TryGetValue(currency, out var known) ? known : new CurrencyInfo(currency, CurrencyExponent.Of(currency));
        format.CurrencySymbol = info.Symbol;
        format.CurrencyDecimalDigits = info.Digits;
        return NumberFormatInfo.ReadOnly(format);
    }

    private static bool TryGetCulture(string? locale, out CultureInfo culture)
    {
        culture = CultureInfo.InvariantCulture;
        if (string.IsNullOrWhiteSpace(locale) || locale.Length > 35)
        {
            return false;
        }

        try
        {
            culture = CultureInfo.GetCultureInfo(locale, predefinedOnly: true);
            return !culture.Equals(CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static long Pow10(int digits)
    {
        long result = 1;
        for (var i = 0; i < digits; i++)
        {
            result *= 10;
        }

        return result;
    }

    // The most common symbol among the regions that use a currency, and its ISO 4217 digits: "€" for EUR, "$" for USD, "£" for GBP.
    private static FrozenDictionary<string, CurrencyInfo> LoadCurrencies() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => (Culture: c, Region: TryRegion(c)))
            .Where(x => x.Region is not null && x.Region.ISOCurrencySymbol.Length == 3)
            .GroupBy(x => x.Region!.ISOCurrencySymbol, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => new CurrencyInfo(
                    Symbol: g.GroupBy(x => x.Region!.CurrencySymbol).OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key,
                    Digits: CurrencyExponent.Of(g.Key)),
                StringComparer.Ordinal);

    private static RegionInfo? TryRegion(CultureInfo culture)
    {
        try
        {
            return new RegionInfo(culture.Name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private readonly record struct CurrencyInfo(string Symbol, int Digits);
}

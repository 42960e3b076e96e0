namespace Upsell.Domain.Money;

/// <summary>
/// A shop platform's decimal amount ("19.99") as integer minor units of its currency, converted exactly from the
/// digits, never through floating point. An amount with more decimals than the currency has ("19.999" EUR) is
/// refused rather than rounded, unless the extra digits are zeros. And back: minor units as a platform's decimal.
/// </summary>
public static class DecimalAmount
{
    /// <summary>The most digits before the point: ten trillion is more than any order.</summary>
    public const int MaxWholeDigits = 13;

    /// <summary>The minor units, or null and why the text is not a plain non-negative amount in the currency.</summary>
    public static (long? Minor, string? Error) ToMinor(string? text, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var exponent = CurrencyExponent.Of(currency);
        if (string.IsNullOrEmpty(text))
        {
            return (null, "is required");
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? string.Empty : text[(point + 1)..];
        if (whole.Length == 0 || whole.Length > MaxWholeDigits || !IsDigits(whole) || (point >= 0 && (fraction.Length == 0 || !IsDigits(fraction))))
        {
            return (null, $"must be a plain decimal amount such as \"19.99\", not \"{Shorten(text)}\"");
        }

        var significant = fraction.TrimEnd('0');
        if (significant.Length > exponent)
        {
            return (null, $"has more decimals than {currency}'s {exponent}: \"{Shorten(text)}\"");
        }

        long minor = 0;
        foreach (var digit in whole + significant.PadRight(exponent, '0'))
        {
            minor = (minor * 10) + (digit - '0');
        }

        return (minor, null);
    }

    /// <summary>The amount in major units, exactly: 2499 EUR is 24.99, 500 JPY is 500.</summary>
    public static decimal FromMinor(Money money) => money.Minor / Pow10(CurrencyExponent.Of(money.Currency));

    /// <summary>The amount as platforms write it, with the currency's decimals: "24.99" for 2499 EUR, "500" for 500 JPY.</summary>
    public static string Text(Money money) =>
        FromMinor(money).ToString("F" + CurrencyExponent.Of(money.Currency).ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static bool IsDigits(string value)
    {
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";
}

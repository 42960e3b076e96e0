namespace Upsell.Domain.Money;

/// <summary>An amount in the currency's minor units (cents) with its ISO 4217 code. Never a floating-point value.</summary>
/// <param name="Minor">The amount in minor units, for example 999 for €9.99.</param>
/// <param name="Currency">The ISO 4217 code, for example "EUR".</param>
public readonly record struct Money(long Minor, string Currency)
{
    /// <summary>The currency used when nothing else is said.</summary>
    public const string DefaultCurrency = "EUR";

    /// <summary>An amount in euros' minor units.</summary>
    public static Money Euros(long minor) => new(minor, DefaultCurrency);

    /// <inheritdoc />
    public override string ToString() => $"{Minor} {Currency}";
}

using Upsell.Domain.Money;

namespace Upsell.Application.Offers;

/// <summary>A price in minor units, with its currency and its text for the shopper's locale.</summary>
public sealed record PriceAnswer(long Amount, string Currency, string Formatted)
{
    /// <summary>The answer for an amount, formatted for the shopper's locale.</summary>
    public static PriceAnswer Of(Money money, string? locale) => new(money.Minor, money.Currency, MoneyFormatter.Format(money, locale));
}

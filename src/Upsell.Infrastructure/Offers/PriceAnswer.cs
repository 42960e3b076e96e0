namespace Upsell.Infrastructure.Offers;

/// <summary>A price in minor units, with its currency and its text for the shopper's locale.</summary>
public sealed record PriceAnswer(long Amount, string Currency, string Formatted);

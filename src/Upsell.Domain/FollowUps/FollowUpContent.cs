using Upsell.Domain.Offers;

namespace Upsell.Domain.FollowUps;

/// <summary>Everything one follow-up email says; text from customers and merchants arrives here unencoded.</summary>
public sealed record FollowUpContent(
    string ShopName,
    string ShopAddress,
    string? Locale,
    IReadOnlyList<BoughtItem> Bought,
    OfferCopy Offer,
    string PriceText,
    string OfferUrl,
    string UnsubscribeUrl);


namespace Upsell.Application.Offers;

/// <summary>
/// One offer as the storefront renders it, with the token that its events must carry. <see cref="Sku"/> and
/// <see cref="ExternalId"/> are what the shop's cart adds; the compare-at price and the saving are there only when
/// the offer is sold below its usual price. <see cref="PriceGrant"/> is there only for Shopify's checkout, when the
/// offer is sold below its own price there: the signed price its discount Function charges (<c>ShopifyPriceGrants</c>).
/// </summary>
public sealed record ShownOffer(
    string OfferId,
    string Kind,
    string? Sku,
    string? ExternalId,
    string Headline,
    string Body,
    string CallToAction,
    string DeclineText,
    string? ImageUrl,
    PriceAnswer Price,
    PriceAnswer? CompareAtPrice,
    PriceAnswer? Saving,
    string? Experiment,
    string? Variant,
    string Token,
    string? PriceGrant = null);

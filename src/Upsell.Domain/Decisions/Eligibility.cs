using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>The rules that make one offer fit or not fit one shopper, each able to rule it out on its own.</summary>
public static class Eligibility
{
    /// <summary>
    /// Whether an offer may be shown: allowed at the moment, active, in stock, targeted at this shopper and cart,
    /// not already in the cart, priced within its ceiling and in the cart's currency, and not declined lately.
    /// </summary>
    public static bool IsEligible(Offer offer, ShopperContext shopper, CartFacts cart, ShopperHistory history, DateTimeOffset now, DecisionOptions options) =>
        offer.Moments.Contains(shopper.Moment)
        && IsActive(offer, now)
        && offer.InStock
        && MatchesTargeting(offer.Targeting, shopper, cart)
        && (offer.Sku is null || !cart.HasSku(offer.Sku))
        && FitsCart(offer, cart)
        && !IsDeclined(offer, history, now, options);

    /// <summary>How relevant an eligible offer is to the cart.</summary>
    public static Relevance RelevanceOf(Offer offer, CartFacts cart) =>
        cart.HasAnySku(offer.Targeting.TriggerSkus) ? Relevance.Sku
        : cart.HasAnyCategory(offer.Targeting.TriggerCategories) ? Relevance.Category
        : Relevance.Generic;

    /// <summary>Whether the shopper declined something within the cool-down.</summary>
    public static bool DeclinedLately(ShopperHistory history, DateTimeOffset now, DecisionOptions options)
    {
        foreach (var decline in history.Declines)
        {
            if (now - decline.At < options.DeclineCooldown)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsActive(Offer offer, DateTimeOffset now) =>
        (offer.ActiveFrom is not { } from || now >= from) && (offer.ActiveUntil is not { } until || now < until);

    private static bool MatchesTargeting(OfferTargeting t, ShopperContext shopper, CartFacts cart) =>
        (!t.HasTrigger || cart.HasAnySku(t.TriggerSkus) || cart.HasAnyCategory(t.TriggerCategories))
        && !cart.HasAnySku(t.ExcludedSkus)
        && !cart.HasAnyCategory(t.ExcludedCategories)
        && (t.MinCartValue is not { } min || cart.Value >= min)
        && (t.MaxCartValue is not { } max || cart.Value <= max)
        && (t.Devices.Count == 0 || t.Devices.Contains(shopper.Device))
        && (t.Countries.Count == 0 || (shopper.Country is { } country && t.Countries.Contains(country)))
        && t.Audience switch
        {
            Audience.FirstTime => shopper.OrderCount == 0,
            Audience.Returning => shopper.OrderCount > 0,
            _ => true,
        }
        && (t.MinOrderCount is not { } orders || shopper.OrderCount >= orders);

    private static bool FitsCart(Offer offer, CartFacts cart) =>
        (cart.Currency is null || string.Equals(cart.Currency, offer.Price.Currency, StringComparison.Ordinal))
        && (offer.Targeting.MaxPricePercentOfCart is not { } percent || offer.Price.Minor * 100 <= cart.Value * percent);

    private static bool IsDeclined(Offer offer, ShopperHistory history, DateTimeOffset now, DecisionOptions options)
    {
        foreach (var decline in history.Declines)
        {
            if (now - decline.At >= options.DeclineCooldown)
            {
                continue;
            }

            if (string.Equals(decline.OfferId, offer.Id, StringComparison.Ordinal)
                || (options.SuppressDeclinedKind && decline.Kind == offer.Kind))
            {
                return true;
            }
        }

        return false;
    }
}

using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>The rules that make one offer fit or not fit one shopper, each able to rule it out on its own.</summary>
public static class Eligibility
{
    /// <summary>
    /// Whether an offer may be shown: allowed at the moment, active, in stock, targeted at this shopper and cart,
    /// not already in the cart, not a product the shopper sent back, priced within its ceiling and in the cart's
    /// currency, not its product at another price than the page already offers it at, not declined lately, and after
    /// the order not taken lately (<see cref="FallbackChain"/>).
    /// </summary>
    public static bool IsEligible(Offer offer, ShopperContext shopper, CartFacts cart, ShopperHistory history, DateTimeOffset now, DecisionOptions options) =>
        RuledOutBy(offer, shopper, cart, history, now, options) is null;

    /// <summary>
    /// The first of the rules above that rules the offer out, in that order; null when it may be shown.
    /// </summary>
    public static Ineligible? RuledOutBy(Offer offer, ShopperContext shopper, CartFacts cart, ShopperHistory history, DateTimeOffset now, DecisionOptions options) =>
        !offer.Moments.Contains(shopper.Moment) ? Ineligible.OtherMoment
        : !IsActive(offer, now) ? Ineligible.OutsideSchedule
        : !offer.InStock ? Ineligible.OutOfStock
        : !MatchesTargeting(offer.Targeting, shopper, cart) ? Ineligible.Targeting
        : offer.Sku is not null && cart.HasSku(offer.Sku) ? Ineligible.InCart
        : offer.Sku is not null && shopper.ReturnedSkus.Contains(offer.Sku) ? Ineligible.Returned
        : !FitsCart(offer, cart) ? Ineligible.Price
        : cart.ContradictsPage(offer) ? Ineligible.Contradicts
        : IsDeclined(offer, history, now, options) ? Ineligible.Declined
        : FallbackChain.RuledOutBy(offer, shopper, history, now, options);

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

/// <summary>Which eligibility rule keeps an offer away (<see cref="Eligibility.RuledOutBy"/>).</summary>
public enum Ineligible
{
    /// <summary>The offer is not offered at this moment.</summary>
    OtherMoment,
    /// <summary>Before the offer's start or after its end.</summary>
    OutsideSchedule,
    /// <summary>The offered product is out of stock.</summary>
    OutOfStock,
    /// <summary>
    /// The offer's targeting does not match this cart or shopper (trigger, exclusion, cart value, device, country,
    /// audience).
    /// </summary>
    Targeting,
    /// <summary>The offered product is already in the cart.</summary>
    InCart,
    /// <summary>The price is above the offer's share of the cart, or in another currency than the cart's.</summary>
    Price,
    /// <summary>The page already offers the same product at another price.</summary>
    Contradicts,
    /// <summary>The shopper declined this offer (or one of its kind) within the cool-down.</summary>
    Declined,
    /// <summary>The offered product is one the shopper sent back (a refunded line of the order followed up).</summary>
    Returned,
    /// <summary>
    /// After the order: the shopper took this offer within the cool-down (<see cref="FallbackChain"/>).
    /// </summary>
    Taken,
}

using Upsell.Domain.Decisions;
using Upsell.Domain.Offers;

namespace Upsell.Benchmarks;

/// <summary>The naive way to decide: check every offer in the catalog, then sort all that fit.</summary>
public sealed class NaiveOfferEngine(DecisionOptions options)
{
    public IReadOnlyList<Offer> Decide(IReadOnlyList<Offer> offers, ShopperContext shopper, ShopperHistory history, DateTimeOffset now)
    {
        var cart = CartFacts.Of(shopper.Cart);
        var limit = shopper.Moment == Moment.Cart ? options.CartMaxOffers : options.MaxOffers;
        return offers
            .Where(o => Eligibility.IsEligible(o, shopper, cart, history, now, options))
            .OrderByDescending(o => Eligibility.RelevanceOf(o, cart))
            .ThenByDescending(o => o.Priority)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }
}

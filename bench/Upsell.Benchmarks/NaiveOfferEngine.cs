using Upsell.Domain.Affinity;
using Upsell.Domain.Decisions;
using Upsell.Domain.Offers;

namespace Upsell.Benchmarks;

/// <summary>
/// The naive way to decide: check every offer in the catalog, then sort all that fit; with learned ranking, offers
/// scored by the cart's neighbours first (by score), then the rest by the rules.
/// </summary>
public sealed class NaiveOfferEngine(DecisionOptions options)
{
    public IReadOnlyList<Offer> Decide(IReadOnlyList<Offer> offers, ShopperContext shopper, ShopperHistory history, DateTimeOffset now, AffinitySnapshot? affinity = null)
    {
        var cart = CartFacts.Of(shopper.Cart);
        var limit = shopper.Moment == Moment.Cart ? options.CartMaxOffers : options.MaxOffers;
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        if (affinity is not null && options.RankingFor(shopper.Moment) == Ranking.Learned)
        {
            foreach (var neighbour in cart.Skus.SelectMany(affinity.NeighboursOf))
            {
                scores[neighbour.Sku] = Math.Max(scores.GetValueOrDefault(neighbour.Sku), neighbour.Score);
            }
        }

        return offers
            .Where(o => Eligibility.IsEligible(o, shopper, cart, history, now, options))
            .OrderByDescending(o => o.Sku is not null && scores.TryGetValue(o.Sku, out var score) ? score : double.NegativeInfinity)
            .ThenByDescending(o => Eligibility.RelevanceOf(o, cart))
            .ThenByDescending(o => o.Priority)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }
}

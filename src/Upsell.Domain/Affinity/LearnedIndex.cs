using System.Collections.Frozen;
using Upsell.Domain.Decisions;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Affinity;

/// <summary>
/// The neighbour lists joined to one catalog: per moment and cart SKU, the offers at that moment selling the SKU's
/// neighbours, each with the neighbour's score, best first. Built once per pair of snapshots, off the request path,
/// so a decision looks up each cart line once and stops at the first eligible offers.
/// </summary>
internal sealed class LearnedIndex
{
    private readonly FrozenDictionary<Moment, FrozenDictionary<string, Candidate[]>> _moments;

    public LearnedIndex(CatalogSnapshot catalog, AffinitySnapshot affinity)
    {
        _moments = Enum.GetValues<Moment>().ToFrozenDictionary(m => m, m =>
        {
            var offered = catalog.For(m).ByOfferedSku;
            return affinity.All
                .Select(p => (Sku: p.Key, Candidates: p.Value
                    .SelectMany(n => (offered.GetValueOrDefault(n.Sku) ?? []).Select(o => new Candidate(o, n.Score, TriggerMask(o.Targeting))))
                    .OrderByDescending(c => c.Score).ThenBy(c => c.Slot, RankOrder.Offers)
                    .ToArray()))
                .Where(p => p.Candidates.Length > 0)
                .ToFrozenDictionary(p => p.Sku, p => p.Candidates, StringComparer.Ordinal);
        });
    }

    /// <summary>The offers selling a cart SKU's neighbours at a moment, best first; empty when there are none.</summary>
    public Candidate[] For(Moment moment, string sku) => _moments[moment].GetValueOrDefault(sku) ?? [];

    /// <summary>
    /// One bit per trigger SKU and category, by hash. An offer with a trigger whose bits miss the cart's has no
    /// trigger in the cart and is ruled out without a lookup; a shared bit leaves the decision to the rules.
    /// </summary>
    public static ulong TriggerMask(OfferTargeting targeting) =>
        targeting.HasTrigger ? Mask(targeting.TriggerSkus) | Mask(targeting.TriggerCategories) : 0;

    /// <summary>The bits of a cart's SKUs and categories, to meet <see cref="TriggerMask"/>.</summary>
    public static ulong CartMask(CartFacts cart) => Mask(cart.Skus) | Mask(cart.Categories);

    private static ulong Mask(IEnumerable<string> values)
    {
        ulong mask = 0;
        foreach (var value in values)
        {
            mask |= 1UL << (StringComparer.Ordinal.GetHashCode(value) & 63);
        }

        return mask;
    }

    /// <summary>An offer slot, the score of the neighbour link that brought it, and its triggers' bits.</summary>
    internal readonly record struct Candidate(Offer Slot, double Score, ulong Triggers)
    {
        /// <summary>Whether the slot's triggers may be in a cart with these bits; false only when they cannot.</summary>
        public bool MayTrigger(ulong cart) => Triggers == 0 || (Triggers & cart) != 0;
    }
}

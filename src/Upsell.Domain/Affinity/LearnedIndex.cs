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
                    .SelectMany(n => (offered.GetValueOrDefault(n.Sku) ?? []).Select(o => new Candidate(o, n.Score)))
                    .OrderByDescending(c => c.Score).ThenByDescending(c => c.Slot.Priority).ThenBy(c => c.Slot.Id, StringComparer.Ordinal)
                    .ToArray()))
                .Where(p => p.Candidates.Length > 0)
                .ToFrozenDictionary(p => p.Sku, p => p.Candidates, StringComparer.Ordinal);
        });
    }

    /// <summary>The offers selling a cart SKU's neighbours at a moment, best first; empty when there are none.</summary>
    public Candidate[] For(Moment moment, string sku) => _moments[moment].GetValueOrDefault(sku) ?? [];

    /// <summary>An offer slot and the score of the neighbour link that brought it.</summary>
    internal readonly record struct Candidate(Offer Slot, double Score);
}

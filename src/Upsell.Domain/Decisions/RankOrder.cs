using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>
/// The rules' order of offers, written once: a closer fit to the cart first (<see cref="Relevance"/>: SKU trigger,
/// category trigger, generic), then higher priority, then offer id. The catalog's lists, the learned index (among
/// offers of equal score) and the engine all order by it.
/// </summary>
public static class RankOrder
{
    /// <summary>The order within one relevance, as the catalog's lists hold it: priority, then id.</summary>
    public static IComparer<Offer> Offers { get; } = Comparer<Offer>.Create(Compare);

    /// <summary>Priority (higher first), then id (ordinal): negative when <paramref name="a"/> ranks first.</summary>
    public static int Compare(Offer a, Offer b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byPriority = b.Priority.CompareTo(a.Priority);
        return byPriority != 0 ? byPriority : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>Relevance (closer first), then <see cref="Compare(Offer, Offer)"/>.</summary>
    public static int Compare(OfferChoice a, OfferChoice b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byRelevance = b.Relevance.CompareTo(a.Relevance);
        return byRelevance != 0 ? byRelevance : Compare(a.Offer, b.Offer);
    }
}

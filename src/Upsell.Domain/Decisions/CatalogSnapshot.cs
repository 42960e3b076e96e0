using System.Collections.Frozen;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>
/// An immutable, indexed view of the catalog that decisions read without touching storage: per moment, offers by
/// trigger SKU, by trigger category and without a trigger, each list in rank order (priority, then id).
/// </summary>
public sealed class CatalogSnapshot
{
    private readonly FrozenDictionary<Moment, MomentIndex> _moments;

    /// <summary>Indexes the offers and the running experiments.</summary>
    public CatalogSnapshot(IEnumerable<Offer> offers, IEnumerable<Experiment> experiments, DateTimeOffset loadedAt)
    {
        Offers = offers.ToFrozenDictionary(o => o.Id, StringComparer.Ordinal);
        Experiments = experiments.ToFrozenDictionary(e => e.Key, StringComparer.Ordinal);
        LoadedAt = loadedAt;
        _moments = Enum.GetValues<Moment>().ToFrozenDictionary(m => m, m => MomentIndex.Build(m, Offers.Values, Experiments.Values, Offers));
    }

    /// <summary>A catalog without offers.</summary>
    public static CatalogSnapshot Empty { get; } = new([], [], DateTimeOffset.MinValue);

    /// <summary>Every offer by id.</summary>
    public FrozenDictionary<string, Offer> Offers { get; }

    /// <summary>Every experiment by key, whatever its status.</summary>
    public FrozenDictionary<string, Experiment> Experiments { get; }

    /// <summary>When the snapshot was read from storage.</summary>
    public DateTimeOffset LoadedAt { get; }

    internal MomentIndex For(Moment moment) => _moments[moment];

    /// <summary>The running experiment at a moment, if any.</summary>
    public Experiment? RunningExperiment(Moment moment) => _moments[moment].Experiment;

    internal sealed class MomentIndex
    {
        public required FrozenDictionary<string, Offer[]> BySku { get; init; }

        public required FrozenDictionary<string, Offer[]> ByCategory { get; init; }

        public required Offer[] Generic { get; init; }

        // The offers that sell each product, by the product's SKU, for learned ranking.
        public required FrozenDictionary<string, Offer[]> ByOfferedSku { get; init; }

        public Experiment? Experiment { get; init; }

        // The subject offer as each variant shows it, in variant order.
        public Offer[] VariantOffers { get; init; } = [];

        public static MomentIndex Build(Moment moment, IEnumerable<Offer> all, IEnumerable<Experiment> experiments, FrozenDictionary<string, Offer> byId)
        {
            var offers = all.Where(o => o.Moments.Contains(moment)).ToArray();
            var experiment = experiments
                .Where(e => e.Moment == moment && e.Status == ExperimentStatus.Running && byId.ContainsKey(e.SubjectOfferId))
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .FirstOrDefault();
            return new MomentIndex
            {
                BySku = Group(offers.SelectMany(o => o.Targeting.TriggerSkus.Select(s => (Key: s, Offer: o)))),
                ByCategory = Group(offers.SelectMany(o => o.Targeting.TriggerCategories.Select(c => (Key: c, Offer: o)))),
                Generic = [.. offers.Where(o => !o.Targeting.HasTrigger).Order(RankOrder.Offers)],
                ByOfferedSku = Group(offers.Where(o => o.Sku is not null).Select(o => (Key: o.Sku!, Offer: o))),
                Experiment = experiment,
                VariantOffers = experiment is null ? [] : [.. experiment.Variants.Select(v => VariantChanges.Apply(byId[experiment.SubjectOfferId], v, v.OfferId is { } id && byId.TryGetValue(id, out var other) ? other : null))],
            };
        }

        private static FrozenDictionary<string, Offer[]> Group(IEnumerable<(string Key, Offer Offer)> pairs) =>
            pairs.GroupBy(p => p.Key, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Offer).Order(RankOrder.Offers).ToArray(), StringComparer.Ordinal);
    }
}

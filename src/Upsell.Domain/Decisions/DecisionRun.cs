using System.Collections.Frozen;
using Upsell.Domain.Affinity;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>
/// One decision in the making, past suppression: the visitor's arm in the moment's experiment, the answer's size,
/// and the offers taken so far. Each step is named for what it decides: <see cref="TakeLearned"/> (what the shop's
/// orders say goes with the cart), <see cref="TakeByRules"/> (SKU trigger, category trigger, generic, each in
/// <see cref="RankOrder"/>) and <see cref="Answer"/>. A struct on the stack, so the steps cost no allocation of
/// their own.
/// </summary>
internal ref struct DecisionRun
{
    private readonly CatalogSnapshot _catalog;
    private readonly CatalogSnapshot.MomentIndex _index;
    private readonly ShopperContext _shopper;
    private readonly ShopperHistory _history;
    private readonly DateTimeOffset _now;
    private readonly DecisionOptions _options;
    private readonly CartFacts _cart;
    private readonly Experiment? _experiment;
    private readonly int _variantIndex;
    private readonly bool _newAssignment;
    private readonly int _limit;
    private readonly List<OfferChoice> _chosen;
    private readonly List<OfferChoice> _tier = [];

    /// <summary>Starts a decision and places the visitor in the moment's experiment: their kept arm, or the hash's.</summary>
    public DecisionRun(CatalogSnapshot catalog, ShopperContext shopper, ShopperHistory history, DateTimeOffset now, DecisionOptions options, int limit)
    {
        (_catalog, _shopper, _history, _now, _options, _limit) = (catalog, shopper, history, now, options, limit);
        _cart = CartFacts.Of(shopper);
        _index = catalog.For(shopper.Moment);
        _chosen = new List<OfferChoice>(limit);
        _experiment = _index.Experiment;
        _variantIndex = _experiment is null ? -1 : StickyAssignment.IndexFor(_experiment, shopper.VisitorId, history.Assignments, out _newAssignment);
        if (_variantIndex < 0)
        {
            _experiment = null;
        }

        Variant = _experiment?.Variants[_variantIndex];
        Ranking = Variant?.Ranking ?? options.RankingFor(shopper.Moment);
    }

    /// <summary>The visitor's arm in the moment's experiment; null outside it.</summary>
    public Variant? Variant { get; }

    /// <summary>How this visitor's offers are ranked: the arm's ranking, or the moment's setting.</summary>
    public Ranking Ranking { get; }

    /// <summary>
    /// Takes the offers selling a cart SKU's neighbours, best first (an offer counts at its best link), while
    /// eligible; true when the answer is full.
    /// </summary>
    public bool TakeLearned(AffinitySnapshot affinity)
    {
        var found = FindLearned(affinity.For(_catalog));
        for (var i = 0; i < found.Count && _chosen.Count < _limit; i++)
        {
            _chosen.Add(found[i].Choice);
        }

        return _chosen.Count >= _limit;
    }

    /// <summary>Fills the answer by the rules: SKU-triggered offers, then category-triggered, then generic.</summary>
    public void TakeByRules()
    {
        // Each tier's lists are in rank order, so a merge across the cart's lines stops at the first eligible offers.
        Collect(_index.BySku, _cart.Skus, Relevance.Sku);
        if (TakeTier())
        {
            return;
        }

        Collect(_index.ByCategory, _cart.Categories, Relevance.Category);
        if (TakeTier())
        {
            return;
        }

        Merge([_index.Generic], Relevance.Generic);
        TakeTier();
    }

    /// <summary>The decision: the offers taken, and the arm to keep when the visitor was placed for the first time.</summary>
    public Decision Answer()
    {
        if (_chosen.Count == 0)
        {
            return Decision.Nothing(DecisionOutcome.NothingEligible);
        }

        StickyAssignment? assignment = null;
        if (_newAssignment)
        {
            foreach (var choice in _chosen)
            {
                if (choice.ExperimentKey is { } key)
                {
                    assignment = new StickyAssignment(key, choice.ExperimentPhase!.Value, choice.VariantKey!);
                }
            }
        }

        return new Decision(DecisionOutcome.Offers, _chosen, assignment);
    }

    // Walks each cart line's learned list until its scores fall below a full answer's.
    private List<(OfferChoice Choice, double Score)> FindLearned(LearnedIndex joined)
    {
        ulong? cartMask = null;
        var found = new List<(OfferChoice Choice, double Score)>(_limit + 2);
        for (var i = 0; i < _cart.Skus.Count; i++)
        {
            foreach (var candidate in joined.For(_shopper.Moment, _cart.Skus[i]))
            {
                if (found.Count >= _limit && candidate.Score < found[_limit - 1].Score)
                {
                    break;
                }

                cartMask ??= LearnedIndex.CartMask(_cart);
                if (candidate.MayTrigger(cartMask.Value))
                {
                    Consider(found, candidate);
                }
            }
        }

        return found;
    }

    // An offer found again through a better link moves up; a new one is kept when eligible.
    private void Consider(List<(OfferChoice Choice, double Score)> found, LearnedIndex.Candidate candidate)
    {
        var shown = Shown(candidate.Slot, out var inExperiment);
        var at = IndexOf(found, shown.Id);
        if (at >= 0 && found[at].Score >= candidate.Score)
        {
            return;
        }

        OfferChoice choice;
        if (at >= 0)
        {
            choice = found[at].Choice;
            found.RemoveAt(at);
        }
        else if (Eligibility.IsEligible(shown, _shopper, _cart, _history, _now, _options))
        {
            choice = Choice(shown, Eligibility.RelevanceOf(shown, _cart), inExperiment);
        }
        else
        {
            return;
        }

        // By score, and offers tied on score as the rules order them.
        var to = found.Count;
        while (to > 0 && (found[to - 1].Score < candidate.Score || (found[to - 1].Score == candidate.Score && RankOrder.Compare(found[to - 1].Choice, choice) > 0)))
        {
            to--;
        }

        found.Insert(to, (choice, candidate.Score));
    }

    private void Collect(FrozenDictionary<string, Offer[]> byKey, IReadOnlyList<string> keys, Relevance relevance)
    {
        var lists = new Offer[keys.Count][];
        var count = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            if (byKey.TryGetValue(keys[i], out var offers))
            {
                lists[count++] = offers;
            }
        }

        Merge(lists.AsSpan(0, count), relevance);
    }

    // Walks the lists in rank order, keeping eligible offers of this relevance until the answer would be full and the
    // next offer ranks lower; an arm keeps its slot's priority, so offers tied with the last one taken are kept too
    // and TakeTier settles them by the ids shown.
    private void Merge(scoped ReadOnlySpan<Offer[]> lists, Relevance relevance)
    {
        var wanted = _limit - _chosen.Count;
        Span<int> at = stackalloc int[lists.Length];
        var boundary = int.MinValue;
        while (true)
        {
            var best = -1;
            for (var i = 0; i < lists.Length; i++)
            {
                if (at[i] < lists[i].Length && (best < 0 || RankOrder.Compare(lists[i][at[i]], lists[best][at[best]]) < 0))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                return;
            }

            var slot = lists[best][at[best]++];
            if (_tier.Count >= wanted && slot.Priority < boundary)
            {
                return;
            }

            var shown = Shown(slot, out var inExperiment);
            if (IsTaken(shown) || !Eligibility.IsEligible(shown, _shopper, _cart, _history, _now, _options) || Eligibility.RelevanceOf(shown, _cart) != relevance)
            {
                continue;
            }

            _tier.Add(Choice(shown, relevance, inExperiment));
            boundary = _tier.Count == wanted ? slot.Priority : boundary;
        }
    }

    private bool TakeTier()
    {
        _tier.Sort(static (a, b) => RankOrder.Compare(a, b));
        for (var i = 0; i < _tier.Count && _chosen.Count < _limit; i++)
        {
            _chosen.Add(_tier[i]);
        }

        _tier.Clear();
        return _chosen.Count >= _limit;
    }

    private bool IsTaken(Offer offer) => Holds(_chosen, offer.Id) || Holds(_tier, offer.Id);

    // Plain loops: these run for every offer a decision looks at, so they allocate nothing.
    private static bool Holds(List<OfferChoice> choices, string offerId)
    {
        foreach (var choice in choices)
        {
            if (string.Equals(choice.Offer.Id, offerId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(List<(OfferChoice Choice, double Score)> found, string offerId)
    {
        for (var i = 0; i < found.Count; i++)
        {
            if (string.Equals(found[i].Choice.Offer.Id, offerId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The offer as this visitor would see it in that slot, and their arm when the experiment tests it.</summary>
    public Offer ShownFor(Offer slot, out string? variant)
    {
        var shown = Shown(slot, out var inExperiment);
        variant = inExperiment ? Variant!.Key : null;
        return shown;
    }

    // The experiment's subject offer is shown as the visitor's arm has it.
    private Offer Shown(Offer slot, out bool inExperiment)
    {
        inExperiment = _experiment is not null && string.Equals(slot.Id, _experiment.SubjectOfferId, StringComparison.Ordinal);
        return inExperiment ? _index.VariantOffers[_variantIndex] : slot;
    }

    // A ranking experiment tests the whole answer, so every offer shown counts in the visitor's arm.
    private OfferChoice Choice(Offer shown, Relevance relevance, bool inExperiment) =>
        inExperiment || _experiment?.TestsRanking == true
            ? new OfferChoice(shown, relevance, _experiment!.Key, _experiment.Phase, Variant!.Key)
            : new OfferChoice(shown, relevance, null, null, null);
}

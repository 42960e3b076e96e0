using System.Collections.Frozen;
using Upsell.Domain.Affinity;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>
/// Decides what, if anything, a shopper is offered right now: suppression first (opt-out, holdout, exit-intent
/// rules, session cap), then eligible offers ranked by relevance, priority and id, with the moment's experiment
/// variant applied to its subject offer: the visitor's kept arm, or the hash's when they have none yet
/// (<see cref="StickyAssignment"/>); outside the experiment's coverage the subject offer is shown unchanged. With
/// learned ranking (the moment's setting, or the visitor's arm), eligible offers the shop's orders say go with the
/// cart come first, by score (<see cref="AffinityScore"/>), and the rules fill the rest; eligibility is the same.
/// </summary>
public sealed class OfferEngine(DecisionOptions options)
{
    /// <summary>The options the engine decides with.</summary>
    public DecisionOptions Options { get; } = options;

    /// <summary>Decides for one shopper at one moment. The same input always gives the same answer.</summary>
    public Decision Decide(CatalogSnapshot catalog, ShopperContext shopper, ShopperHistory history, DateTimeOffset now, AffinitySnapshot? affinity = null)
    {
        if (Suppression(shopper, history, now) is { } reason)
        {
            return Decision.Nothing(reason);
        }

        var cart = CartFacts.Of(shopper.Cart);
        var index = catalog.For(shopper.Moment);
        var experiment = index.Experiment;
        var isNew = false;
        var variantIndex = experiment is null ? -1 : StickyAssignment.IndexFor(experiment, shopper.VisitorId, history.Assignments, out isNew);
        if (variantIndex < 0)
        {
            experiment = null;
        }

        var variant = experiment is null ? null : experiment.Variants[variantIndex];
        var ranking = variant?.Ranking ?? Options.RankingFor(shopper.Moment);
        var tagsAll = experiment?.TestsRanking == true;
        var limit = LimitFor(shopper.Moment);
        var chosen = new List<OfferChoice>(limit);
        var tier = new List<OfferChoice>();

        if (ranking == Ranking.Learned && affinity is { Count: > 0 } && TakeLearned())
        {
            return Answer(chosen, isNew);
        }

        // Each tier's lists are in rank order, so a merge across the cart's lines stops at the first eligible offers.
        Collect(index.BySku, cart.Skus, Relevance.Sku);
        if (Take(chosen, tier, limit))
        {
            return Answer(chosen, isNew);
        }

        Collect(index.ByCategory, cart.Categories, Relevance.Category);
        if (Take(chosen, tier, limit))
        {
            return Answer(chosen, isNew);
        }

        Merge([index.Generic], Relevance.Generic);
        Take(chosen, tier, limit);
        return Answer(chosen, isNew);

        void Collect(FrozenDictionary<string, Offer[]> byKey, IReadOnlyList<string> keys, Relevance relevance)
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

        // Walks the lists in rank order, keeping eligible offers of this relevance until the answer would be full
        // and the next offer ranks lower; an arm keeps its slot's priority, so offers tied with the last one taken
        // are kept too and Take settles them by the ids shown.
        void Merge(ReadOnlySpan<Offer[]> lists, Relevance relevance)
        {
            var wanted = limit - chosen.Count;
            Span<int> at = stackalloc int[lists.Length];
            var boundary = int.MinValue;
            while (true)
            {
                var best = -1;
                for (var i = 0; i < lists.Length; i++)
                {
                    if (at[i] < lists[i].Length && (best < 0 || RankOrder(lists[i][at[i]], lists[best][at[best]]) < 0))
                    {
                        best = i;
                    }
                }

                if (best < 0)
                {
                    return;
                }

                var slot = lists[best][at[best]++];
                if (tier.Count >= wanted && slot.Priority < boundary)
                {
                    return;
                }

                var shown = Shown(slot, out var inExperiment);
                if (AlreadyChosen(shown, chosen) || AlreadyChosen(shown, tier)
                    || !Eligibility.IsEligible(shown, shopper, cart, history, now, Options)
                    || Eligibility.RelevanceOf(shown, cart) != relevance)
                {
                    continue;
                }

                tier.Add(Choice(shown, relevance, inExperiment));
                boundary = tier.Count == wanted ? slot.Priority : boundary;
            }
        }

        Offer Shown(Offer slot, out bool inExperiment)
        {
            inExperiment = experiment is not null && string.Equals(slot.Id, experiment.SubjectOfferId, StringComparison.Ordinal);
            return inExperiment ? index.VariantOffers[variantIndex] : slot;
        }

        // A ranking experiment tests the whole answer, so every offer shown counts in the visitor's arm.
        OfferChoice Choice(Offer shown, Relevance relevance, bool inExperiment) => inExperiment || tagsAll
            ? new OfferChoice(shown, relevance, experiment!.Key, experiment.Phase, variant!.Key)
            : new OfferChoice(shown, relevance, null, null, null);

        // The offers selling a cart SKU's neighbours, best first (an offer counts at its best link), kept while
        // eligible; each line's list is walked until its scores fall below a full answer's; true when full.
        bool TakeLearned()
        {
            var joined = affinity!.For(catalog);
            var skus = cart.Skus;
            ulong? cartMask = null;
            var found = new List<(OfferChoice Choice, double Score)>(limit + 2);
            for (var i = 0; i < skus.Count; i++)
            {
                foreach (var candidate in joined.For(shopper.Moment, skus[i]))
                {
                    if (found.Count >= limit && candidate.Score < found[limit - 1].Score)
                    {
                        break;
                    }

                    cartMask ??= LearnedIndex.CartMask(cart);
                    if (!candidate.MayTrigger(cartMask.Value))
                    {
                        continue;
                    }

                    var shown = Shown(candidate.Slot, out var inExperiment);
                    var at = IndexOf(found, shown.Id);
                    if (at >= 0 && found[at].Score >= candidate.Score)
                    {
                        continue;
                    }

                    OfferChoice choice;
                    if (at >= 0)
                    {
                        choice = found[at].Choice;
                        found.RemoveAt(at);
                    }
                    else if (Eligibility.IsEligible(shown, shopper, cart, history, now, Options))
                    {
                        choice = Choice(shown, Eligibility.RelevanceOf(shown, cart), inExperiment);
                    }
                    else
                    {
                        continue;
                    }

                    Insert(found, (choice, candidate.Score));
                }
            }

            if (found.Count == 0)
            {
                return false;
            }

            for (var i = 0; i < found.Count && chosen.Count < limit; i++)
            {
                chosen.Add(found[i].Choice);
            }

            return chosen.Count >= limit;
        }
    }

    /// <summary>The most offers one answer holds at a moment.</summary>
    public int LimitFor(Moment moment) => moment == Moment.Cart ? Options.CartMaxOffers : Options.MaxOffers;

    /// <summary>Whether the visitor is in the global holdout.</summary>
    public bool IsHeldOut(string visitorId) => GrowthBookHash.InFirstPercent(Options.HoldoutSalt, visitorId, Options.HoldoutPercent);

    private DecisionOutcome? Suppression(ShopperContext shopper, ShopperHistory history, DateTimeOffset now)
    {
        if (history.OptedOut)
        {
            return DecisionOutcome.OptedOut;
        }

        if (IsHeldOut(shopper.VisitorId))
        {
            return DecisionOutcome.Holdout;
        }

        if (shopper.Moment == Moment.ExitIntent)
        {
            if (shopper.Cart.Count == 0)
            {
                return DecisionOutcome.ExitIntentEmptyCart;
            }

            if (history.PromptedMoments.Contains(Moment.ExitIntent))
            {
                return DecisionOutcome.ExitIntentUsed;
            }

            if (Eligibility.DeclinedLately(history, now, Options))
            {
                return DecisionOutcome.ExitIntentCooldown;
            }
        }

        // A repeated moment (a reload, a retried request) is the same prompt and takes no further place in the cap.
        if (!history.PromptedMoments.Contains(shopper.Moment) && history.SessionPrompts >= Options.SessionPromptCap)
        {
            return DecisionOutcome.SessionCap;
        }

        return null;
    }

    // Today's order between two choices: relevance, then priority, then id.
    private static int RuleOrder(OfferChoice a, OfferChoice b)
    {
        var byRelevance = b.Relevance.CompareTo(a.Relevance);
        return byRelevance != 0 ? byRelevance : RankOrder(a.Offer, b.Offer);
    }

    // The order within one relevance, as the catalog's lists hold it: priority, then id.
    private static int RankOrder(Offer a, Offer b)
    {
        var byPriority = b.Priority.CompareTo(a.Priority);
        return byPriority != 0 ? byPriority : string.CompareOrdinal(a.Id, b.Id);
    }

    private static bool Take(List<OfferChoice> chosen, List<OfferChoice> tier, int limit)
    {
        tier.Sort(static (a, b) => RuleOrder(a, b));
        for (var i = 0; i < tier.Count && chosen.Count < limit; i++)
        {
            chosen.Add(tier[i]);
        }

        tier.Clear();
        return chosen.Count >= limit;
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

    // Keeps the learned offers by score, and offers tied on score as the rules order them.
    private static void Insert(List<(OfferChoice Choice, double Score)> found, (OfferChoice Choice, double Score) entry)
    {
        var at = found.Count;
        while (at > 0 && (found[at - 1].Score < entry.Score || (found[at - 1].Score == entry.Score && RuleOrder(found[at - 1].Choice, entry.Choice) > 0)))
        {
            at--;
        }

        found.Insert(at, entry);
    }

    private static bool AlreadyChosen(Offer offer, List<OfferChoice> choices)
    {
        foreach (var choice in choices)
        {
            if (string.Equals(choice.Offer.Id, offer.Id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static Decision Answer(List<OfferChoice> chosen, bool newAssignment)
    {
        if (chosen.Count == 0)
        {
            return Decision.Nothing(DecisionOutcome.NothingEligible);
        }

        StickyAssignment? assignment = null;
        if (newAssignment)
        {
            foreach (var choice in chosen)
            {
                if (choice.ExperimentKey is { } key)
                {
                    assignment = new StickyAssignment(key, choice.ExperimentPhase!.Value, choice.VariantKey!);
                }
            }
        }

        return new Decision(DecisionOutcome.Offers, chosen, assignment);
    }
}

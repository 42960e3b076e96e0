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

        foreach (var sku in cart.Skus)
        {
            Collect(index.BySku.GetValueOrDefault(sku), Relevance.Sku, int.MaxValue);
        }

        if (Take(chosen, tier, limit))
        {
            return Answer(chosen, isNew);
        }

        foreach (var category in cart.Categories)
        {
            Collect(index.ByCategory.GetValueOrDefault(category), Relevance.Category, int.MaxValue);
        }

        if (Take(chosen, tier, limit))
        {
            return Answer(chosen, isNew);
        }

        // Generic offers are already in rank order, so the first eligible ones are the answer.
        Collect(index.Generic, Relevance.Generic, limit - chosen.Count);
        Take(chosen, tier, limit);
        return Answer(chosen, isNew);

        void Collect(Offer[]? offers, Relevance relevance, int wanted)
        {
            if (offers is null)
            {
                return;
            }

            foreach (var slot in offers)
            {
                if (tier.Count >= wanted)
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

        // The offers selling a cart SKU's neighbours, merged best first across the cart's lines (an offer counts at
        // its best link), taken while eligible until the answer is full and the next score is lower; true when full.
        bool TakeLearned()
        {
            var joined = affinity!.For(catalog);
            var skus = cart.Skus;
            var lists = new LearnedIndex.Candidate[skus.Count][];
            var at = new int[skus.Count];
            var any = false;
            for (var i = 0; i < skus.Count; i++)
            {
                lists[i] = joined.For(shopper.Moment, skus[i]);
                any |= lists[i].Length > 0;
            }

            if (!any)
            {
                return false;
            }

            var found = new List<(OfferChoice Choice, double Score)>(limit + 2);
            var boundary = double.NaN;
            while (true)
            {
                var best = -1;
                for (var i = 0; i < lists.Length; i++)
                {
                    if (at[i] < lists[i].Length && (best < 0 || lists[i][at[i]].Score > lists[best][at[best]].Score))
                    {
                        best = i;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                var (slot, score) = lists[best][at[best]++];
                if (found.Count >= limit && score < boundary)
                {
                    break;
                }

                // An offer first met through its best link is not taken again through a weaker one.
                var shown = Shown(slot, out var inExperiment);
                if (!Found(found, shown.Id) && Eligibility.IsEligible(shown, shopper, cart, history, now, Options))
                {
                    found.Add((Choice(shown, Eligibility.RelevanceOf(shown, cart), inExperiment), score));
                    boundary = found.Count == limit ? score : boundary;
                }
            }

            if (found.Count == 0)
            {
                return false;
            }

            // Offers tied at the boundary are ordered as the rules order them.
            found.Sort(static (a, b) =>
            {
                var byScore = b.Score.CompareTo(a.Score);
                return byScore != 0 ? byScore : RuleOrder(a.Choice, b.Choice);
            });
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
        if (byRelevance != 0)
        {
            return byRelevance;
        }

        var byPriority = b.Offer.Priority.CompareTo(a.Offer.Priority);
        return byPriority != 0 ? byPriority : string.CompareOrdinal(a.Offer.Id, b.Offer.Id);
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

    private static bool Found(List<(OfferChoice Choice, double Score)> found, string offerId)
    {
        foreach (var (choice, _) in found)
        {
            if (string.Equals(choice.Offer.Id, offerId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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

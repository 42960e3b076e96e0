using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>
/// Decides what, if anything, a shopper is offered right now: suppression first (opt-out, holdout, exit-intent
/// rules, session cap), then eligible offers ranked by relevance, priority and id, with the moment's experiment
/// variant applied to its subject offer: the visitor's kept arm, or the hash's when they have none yet
/// (<see cref="StickyAssignment"/>); outside the experiment's coverage the subject offer is shown unchanged.
/// </summary>
public sealed class OfferEngine(DecisionOptions options)
{
    /// <summary>The options the engine decides with.</summary>
    public DecisionOptions Options { get; } = options;

    /// <summary>Decides for one shopper at one moment. The same input always gives the same answer.</summary>
    public Decision Decide(CatalogSnapshot catalog, ShopperContext shopper, ShopperHistory history, DateTimeOffset now)
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

        var limit = LimitFor(shopper.Moment);
        var chosen = new List<OfferChoice>(limit);
        var tier = new List<OfferChoice>();

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

                var inExperiment = experiment is not null && string.Equals(slot.Id, experiment.SubjectOfferId, StringComparison.Ordinal);
                var shown = inExperiment ? index.VariantOffers[variantIndex] : slot;
                if (AlreadyChosen(shown, chosen) || AlreadyChosen(shown, tier)
                    || !Eligibility.IsEligible(shown, shopper, cart, history, now, Options)
                    || Eligibility.RelevanceOf(shown, cart) != relevance)
                {
                    continue;
                }

                tier.Add(inExperiment
                    ? new OfferChoice(shown, relevance, experiment!.Key, experiment.Phase, experiment.Variants[variantIndex].Key)
                    : new OfferChoice(shown, relevance, null, null, null));
            }
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

    private static bool Take(List<OfferChoice> chosen, List<OfferChoice> tier, int limit)
    {
        tier.Sort(static (a, b) =>
        {
            var byPriority = b.Offer.Priority.CompareTo(a.Offer.Priority);
            return byPriority != 0 ? byPriority : string.CompareOrdinal(a.Offer.Id, b.Offer.Id);
        });
        for (var i = 0; i < tier.Count && chosen.Count < limit; i++)
        {
            chosen.Add(tier[i]);
        }

        tier.Clear();
        return chosen.Count >= limit;
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

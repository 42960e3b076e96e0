using Upsell.Domain.Affinity;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>
/// "Why was this offer chosen?": for one shopper at one moment, the decision's outcome and every offer in the catalog
/// with the rule that kept or dropped it, in the words the console shows. It decides exactly as
/// <see cref="OfferEngine.Decide"/> does (the same suppression, eligibility and ranking) and writes nothing.
/// </summary>
public sealed record Explanation(DecisionOutcome Outcome, string Text, IReadOnlyList<OfferReason> Offers)
{
    /// <summary>Explains a decision for the shopper as they are now.</summary>
    public static Explanation Of(OfferEngine engine, CatalogSnapshot catalog, ShopperContext shopper, ShopperHistory history, DateTimeOffset now, AffinitySnapshot? affinity = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(shopper);
        var decision = engine.Decide(catalog, shopper, history, now, affinity);
        var suppressed = decision.Outcome is not (DecisionOutcome.Offers or DecisionOutcome.NothingEligible);
        var cart = CartFacts.Of(shopper);
        var limit = engine.LimitFor(shopper.Moment);
        var run = new DecisionRun(catalog, shopper, history, now, engine.Options, limit);
        var offers = new List<OfferReason>(catalog.Offers.Count);
        foreach (var slot in catalog.Offers.Values.Order(RankOrder.Offers))
        {
            var shown = run.ShownFor(slot, out var variant);
            var ruledOut = Eligibility.RuledOutBy(shown, shopper, cart, history, now, engine.Options);
            var verdict = suppressed ? OfferVerdict.NotConsidered
                : decision.Choices.Any(c => c.Offer.Id == shown.Id) ? OfferVerdict.Shown
                : ruledOut is null ? OfferVerdict.RankedLower
                : OfferVerdict.RuledOut;
            var text = verdict switch
            {
                OfferVerdict.Shown => "Shown.",
                OfferVerdict.NotConsidered => "Not looked at: " + TextOf(decision.Outcome),
                OfferVerdict.RankedLower => $"Eligible, but the answer was full with offers ranked above it (at most {limit} at this moment).",
                _ => TextOf(ruledOut!.Value),
            };
            offers.Add(new OfferReason(slot.Id, variant, shown.Id == slot.Id ? null : shown.Id, verdict, verdict == OfferVerdict.RuledOut ? ruledOut : null, text));
        }

        return new Explanation(decision.Outcome, TextOf(decision.Outcome), offers);
    }

    /// <summary>What a decision's outcome means, for a merchant.</summary>
    public static string TextOf(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Offers => "Offers are shown.",
        DecisionOutcome.OptedOut => "The shopper opted out of offers.",
        DecisionOutcome.Holdout => "The visitor is in the holdout, who never see offers so the programme's lift can be measured.",
        DecisionOutcome.ExitIntentEmptyCart => "Exit intent with an empty cart: there is nothing to keep.",
        DecisionOutcome.ExitIntentUsed => "Exit intent was already shown in this session.",
        DecisionOutcome.ExitIntentCooldown => "The shopper declined an offer lately, so exit intent stays quiet (the decline cool-down).",
        DecisionOutcome.SessionCap => "The session has already been shown its cap of offer prompts.",
        DecisionOutcome.NothingEligible => "No offer fits this shopper and cart now.",
        DecisionOutcome.Contended => "Requests of the same session kept changing it at once; nothing was shown rather than pass the cap.",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>What an eligibility rule means, for a merchant.</summary>
    public static string TextOf(Ineligible rule) => rule switch
    {
        Ineligible.OtherMoment => "Not offered at this moment.",
        Ineligible.OutsideSchedule => "Outside its schedule (before its start or after its end).",
        Ineligible.OutOfStock => "Out of stock.",
        Ineligible.Targeting => "Its targeting does not match this cart or shopper (trigger, exclusion, cart value, device, country or audience).",
        Ineligible.InCart => "The product is already in the cart.",
        Ineligible.Price => "Its price is above its share of the cart, or in another currency than the cart's.",
        Ineligible.Contradicts => "The page already offers the same product at another price.",
        Ineligible.Declined => "The shopper declined it (or an offer of its kind) within the cool-down.",
        Ineligible.Returned => "The shopper sent this product back (a refunded line of the order).",
        Ineligible.Taken => "The shopper took it within the cool-down, at checkout or after the order; it is not offered again after the order.",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}

/// <summary>
/// One catalog offer in an <see cref="Explanation"/>: the visitor's arm when the moment's experiment tests it, the
/// offer shown instead when the arm shows another, what happened to it, and the rule that ruled it out.
/// </summary>
public sealed record OfferReason(string OfferId, string? Variant, string? ShownInstead, OfferVerdict Verdict, Ineligible? Rule, string Text);

/// <summary>What happened to one offer in a decision.</summary>
public enum OfferVerdict
{
    /// <summary>In the answer.</summary>
    Shown,
    /// <summary>Eligible, but offers ranked above it filled the answer.</summary>
    RankedLower,
    /// <summary>An eligibility rule keeps it away.</summary>
    RuledOut,
    /// <summary>The whole decision was suppressed before any offer was looked at.</summary>
    NotConsidered,
}

using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;

namespace Upsell.Domain.Decisions;

/// <summary>
/// The rules that keep a shopper from seeing any offer at all, checked before any offer is looked at: opted out,
/// in the global holdout, exit intent without a cart or used up or within the decline cool-down, and the session's
/// prompt cap. What keeps one offer away (its own decline, its kind's) is <see cref="Eligibility"/>.
/// </summary>
public static class Suppression
{
    /// <summary>Why the shopper is shown nothing at this moment, or null when offers may be shown.</summary>
    public static DecisionOutcome? ReasonFor(ShopperContext shopper, ShopperHistory history, DateTimeOffset now, DecisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(shopper);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        if (history.OptedOut)
        {
            return DecisionOutcome.OptedOut;
        }

        if (IsHeldOut(shopper.VisitorId, options))
        {
            return DecisionOutcome.Holdout;
        }

        if (shopper.Moment == Moment.ExitIntent && ExitIntentReason(shopper, history, now, options) is { } exit)
        {
            return exit;
        }

        // A repeated moment (a reload, a retried request) is the same prompt and takes no further place in the cap.
        if (!history.PromptedMoments.Contains(shopper.Moment) && history.SessionPrompts >= options.SessionPromptCap)
        {
            return DecisionOutcome.SessionCap;
        }

        return null;
    }

    /// <summary>Whether the visitor is in the global holdout: the first <c>HoldoutPercent</c> of the salted hash.</summary>
    public static bool IsHeldOut(string visitorId, DecisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GrowthBookHash.InFirstPercent(options.HoldoutSalt, visitorId, options.HoldoutPercent);
    }

    // Exit intent needs a cart, comes once per session, and never within the decline cool-down.
    private static DecisionOutcome? ExitIntentReason(ShopperContext shopper, ShopperHistory history, DateTimeOffset now, DecisionOptions options) =>
        shopper.Cart.Count == 0 ? DecisionOutcome.ExitIntentEmptyCart
        : history.PromptedMoments.Contains(Moment.ExitIntent) ? DecisionOutcome.ExitIntentUsed
        : Eligibility.DeclinedLately(history, now, options) ? DecisionOutcome.ExitIntentCooldown
        : null;
}

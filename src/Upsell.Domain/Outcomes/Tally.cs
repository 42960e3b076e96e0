namespace Upsell.Domain.Outcomes;

/// <summary>The counting rules: what one outcome adds to its group's counters, given the visitor so far.</summary>
public static class Tally
{
    /// <summary>Whether the storefront may report this type (orders, refunds and exposures come from the server).</summary>
    public static bool IsStorefrontEvent(OutcomeType type) => type is not (OutcomeType.Order or OutcomeType.Refund or OutcomeType.Exposure);

    /// <summary>The counters one outcome adds, and the visitor after it.</summary>
    public static (Counters Delta, VisitorStats Visitor) Count(Outcome outcome, VisitorStats visitor)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(visitor);
        if (outcome.ExposedOnly && !visitor.Exposed)
        {
            return (Counters.Zero, visitor);
        }

        return outcome.Type switch
        {
            OutcomeType.Impression => (new Counters { Impressions = 1, Visitors = visitor.Exposed ? 0 : 1 }, visitor with { Exposed = true }),
            OutcomeType.Exposure => (new Counters { Visitors = visitor.Exposed ? 0 : 1 }, visitor with { Exposed = true }),
            OutcomeType.Click => (new Counters { Clicks = 1 }, visitor),
            OutcomeType.Accept => (new Counters { Accepts = 1, AcceptingVisitors = visitor.Accepted ? 0 : 1 }, visitor with { Accepted = true }),
            OutcomeType.Decline => (new Counters { Declines = 1 }, visitor),
            OutcomeType.Dismiss => (new Counters { Dismisses = 1 }, visitor),
            OutcomeType.Order => Revenue(new Counters { Orders = 1 }, visitor, outcome.RevenueMinor, outcome.RevenueCapMinor),
            OutcomeType.Refund => Refund(visitor, Math.Min(outcome.RevenueMinor, visitor.RevenueMinor), outcome.RevenueCapMinor),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Type, "Unknown outcome type."),
        };
    }

    private static (Counters, VisitorStats) Refund(VisitorStats visitor, long refunded, long cap) =>
        Revenue(new Counters { Refunds = 1, RefundedMinor = refunded }, visitor, -refunded, cap);

    // The visitor's revenue moves by change; the capped sums move by what the cap lets through, so one big spender
    // adds no more than the cap to the mean and its square to the variance.
    private static (Counters, VisitorStats) Revenue(Counters counts, VisitorStats visitor, long change, long cap)
    {
        var after = visitor.RevenueMinor + change;
        var (cappedBefore, cappedAfter) = ((double)Math.Min(visitor.RevenueMinor, cap), (double)Math.Min(after, cap));
        return (counts with
        {
            RevenueMinor = change,
            CappedRevenueMinor = (long)(cappedAfter - cappedBefore),
            CappedRevenueSquares = cappedAfter * cappedAfter - cappedBefore * cappedBefore,
        }, visitor with { RevenueMinor = after });
    }
}

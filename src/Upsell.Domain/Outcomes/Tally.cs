namespace Upsell.Domain.Outcomes;

/// <summary>The counting rules: what one outcome adds to its group's counters, given the visitor so far.</summary>
public static class Tally
{
    /// <summary>The counters one outcome adds, and the visitor after it.</summary>
    public static (Counters Delta, VisitorStats Visitor) Count(Outcome outcome, VisitorStats visitor)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(visitor);
        return outcome.Type switch
        {
            OutcomeType.Impression => (new Counters { Impressions = 1, Visitors = visitor.Exposed ? 0 : 1 }, visitor with { Exposed = true }),
            OutcomeType.Click => (new Counters { Clicks = 1 }, visitor),
            OutcomeType.Accept => (new Counters { Accepts = 1, AcceptingVisitors = visitor.Accepted ? 0 : 1 }, visitor with { Accepted = true }),
            OutcomeType.Decline => (new Counters { Declines = 1 }, visitor),
            OutcomeType.Dismiss => (new Counters { Dismisses = 1 }, visitor),
            OutcomeType.Order => (new Counters { Orders = 1, RevenueMinor = outcome.RevenueMinor }, visitor with { RevenueMinor = visitor.RevenueMinor + outcome.RevenueMinor }),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Type, "Unknown outcome type."),
        };
    }
}

namespace Upsell.Domain.Outcomes;

/// <summary>What counting one outcome changes: counters per UTC day (its own day, and the days a move or a release touches), and the visitor after it.</summary>
public sealed record Tallied(IReadOnlyDictionary<DateOnly, Counters> Days, VisitorStats Visitor)
{
    /// <summary>The sum of the day deltas, for callers that only need the total.</summary>
    public Counters Total => Days.Values.Aggregate(Counters.Zero, (sum, day) => sum.Plus(day));
}

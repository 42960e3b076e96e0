using Upsell.Domain.Outcomes;
using Upsell.Domain.Statistics;

namespace Upsell.Infrastructure.Bandits;

/// <summary>
/// What one arm had gathered in its phase at a moment: exposed visitors, accepting visitors and capped revenue with
/// its squares; at a moment before the order, also its checkout completion (visitors shown an offer, and how many of
/// them ordered). Reallocations recorded before completion was kept read 0 for both.
/// </summary>
public sealed record ArmTotals(long Visitors, long AcceptingVisitors, long RevenueMinor, double RevenueSquares, long Exposed = 0, long Completed = 0)
{
    public static ArmTotals Zero { get; } = new(0, 0, 0, 0);

    /// <summary>An arm's totals from its counters, with its checkout completion's where the moment counts it.</summary>
    public static ArmTotals Of(Counters counters, Counters? completion = null)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var done = completion?.AsCompletion() ?? default;
        return new(counters.Visitors, Math.Min(counters.AcceptingVisitors, counters.Visitors), counters.CappedRevenueMinor, counters.CappedRevenueSquares, done.Count, (long)done.Sum);
    }

    /// <summary>What was gathered since <paramref name="earlier"/>.</summary>
    public ArmTotals Since(ArmTotals earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Visitors - earlier.Visitors, AcceptingVisitors - earlier.AcceptingVisitors, RevenueMinor - earlier.RevenueMinor, RevenueSquares - earlier.RevenueSquares,
            Exposed - earlier.Exposed, Completed - earlier.Completed);
    }

    /// <summary>The sample on a metric; counts that went down (a shard read at a different instant) count as none.</summary>
    public Sample For(Metric metric) => Visitors <= 0
        ? new Sample(0, 0, 0)
        : metric == Metric.AcceptanceRate
            ? Sample.Binary(Visitors, Math.Clamp(AcceptingVisitors, 0, Visitors))
            : new Sample(Visitors, Math.Max(0, RevenueMinor), Math.Max(0, RevenueSquares));

    /// <summary>The checkout-completion sample, on the same terms.</summary>
    public Sample Completion => Exposed <= 0 ? new Sample(0, 0, 0) : Sample.Binary(Exposed, Math.Clamp(Completed, 0, Exposed));
}

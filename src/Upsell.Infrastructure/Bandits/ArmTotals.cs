using Upsell.Domain.Outcomes;
using Upsell.Domain.Statistics;

namespace Upsell.Infrastructure.Bandits;

/// <summary>What one arm had gathered in its phase at a moment: exposed visitors, accepting visitors and capped revenue with its squares.</summary>
public sealed record ArmTotals(long Visitors, long AcceptingVisitors, long RevenueMinor, double RevenueSquares)
{
    public static ArmTotals Zero { get; } = new(0, 0, 0, 0);

    public static ArmTotals Of(Counters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return new(counters.Visitors, Math.Min(counters.AcceptingVisitors, counters.Visitors), counters.CappedRevenueMinor, counters.CappedRevenueSquares);
    }

    /// <summary>What was gathered since <paramref name="earlier"/>.</summary>
    public ArmTotals Since(ArmTotals earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Visitors - earlier.Visitors, AcceptingVisitors - earlier.AcceptingVisitors, RevenueMinor - earlier.RevenueMinor, RevenueSquares - earlier.RevenueSquares);
    }

    /// <summary>The sample on a metric; counts that went down (a shard read at a different instant) count as none.</summary>
    public Sample For(Metric metric) => Visitors <= 0
        ? new Sample(0, 0, 0)
        : metric == Metric.AcceptanceRate
            ? Sample.Binary(Visitors, Math.Clamp(AcceptingVisitors, 0, Visitors))
            : new Sample(Visitors, Math.Max(0, RevenueMinor), Math.Max(0, RevenueSquares));
}

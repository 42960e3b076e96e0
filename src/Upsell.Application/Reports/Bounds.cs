using Upsell.Domain.Statistics;

namespace Upsell.Application.Reports;

/// <summary>An interval as reported; an unbounded side (too little data yet) is null.</summary>
public sealed record Bounds(double? Low, double? High)
{
    public static Bounds Of(Interval interval) => new(Finite(interval.Low), Finite(interval.High));

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

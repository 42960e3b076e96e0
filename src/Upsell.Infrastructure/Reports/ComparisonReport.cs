using Upsell.Domain;
using Upsell.Domain.Statistics;

namespace Upsell.Infrastructure.Reports;

/// <summary>One arm against its baseline on one metric, as the report shows it.</summary>
public sealed record ComparisonReport(
    string Variant,
    string Metric,
    double Control,
    double Treatment,
    double Difference,
    Bounds Interval,
    double RelativeLift,
    Bounds RelativeInterval,
    double PValue,
    double? AdjustedPValue,
    Bounds AlwaysValidInterval,
    double AlwaysValidPValue,
    double? AdjustedAlwaysValidPValue,
    double ChanceToBeatControl,
    long? SampleSizePerArm,
    long? SampleSizeRemaining)
{
    public static ComparisonReport Of(string variant, Metric metric, Comparison c, double? adjusted = null, double? adjustedAlwaysValid = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(
            variant, Wire.Name(metric), c.Control, c.Treatment, c.Difference, Bounds.Of(c.Interval), c.RelativeLift, Bounds.Of(c.RelativeInterval),
            c.PValue, adjusted, Bounds.Of(c.AlwaysValidInterval), c.AlwaysValidPValue, adjustedAlwaysValid, c.ChanceToBeatControl,
            c.SampleSizePerArm == long.MaxValue ? null : c.SampleSizePerArm,
            c.SampleSizeRemaining == long.MaxValue ? null : c.SampleSizeRemaining);
    }
}

using System.Text.Json.Serialization;
using Upsell.Domain;
using Upsell.Domain.Statistics;

namespace Upsell.Application.Reports;

/// <summary>
/// One arm against its baseline on one metric, as the report shows it. Against a baseline of zero the relative lift
/// and its interval are null, and <see cref="RelativeLiftNote"/> says why.
/// </summary>
public sealed record ComparisonReport(
    string Variant,
    string Metric,
    double Control,
    double Treatment,
    double Difference,
    Bounds Interval,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RelativeLift,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] Bounds? RelativeInterval,
    double PValue,
    double? AdjustedPValue,
    Bounds AlwaysValidInterval,
    double AlwaysValidPValue,
    double? AdjustedAlwaysValidPValue,
    double ChanceToBeatControl,
    long? SampleSizePerArm,
    long? SampleSizeRemaining)
{
    /// <summary>Revenue per visitor adjusted for the carts' value and earlier orders (CUPED), beside the raw figures; null where neither was known.</summary>
    public CupedReport? Cuped { get; init; }

    public const string NoBaseline = "no baseline yet: the baseline's mean is 0, so a relative lift is undefined; the difference is still reported";

    /// <summary>Why <see cref="RelativeLift"/> is null, when it is.</summary>
    public string? RelativeLiftNote => RelativeLift is null ? NoBaseline : null;

    /// <summary>An experiment's variant on one metric, with its sequential interval and p-values.</summary>
    public static ComparisonReport Of(string variant, MetricResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Of(variant, result.Metric, result.Comparison, new AlwaysValid(result.AlwaysValidInterval, result.AlwaysValidPValue), result.AdjustedPValue, result.AdjustedAlwaysValidPValue)
            with { Cuped = result.Cuped is { } cuped ? CupedReport.Of(cuped) : null };
    }

    /// <summary>A comparison with the always-valid figures that go with it.</summary>
    public static ComparisonReport Of(string variant, Metric metric, Comparison c, AlwaysValid alwaysValid, double? adjusted = null, double? adjustedAlwaysValid = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(alwaysValid);
        return new(
            variant, Wire.Name(metric), c.Control, c.Treatment, c.Difference, Bounds.Of(c.Interval), c.RelativeLift, c.RelativeInterval is { } relative ? Bounds.Of(relative) : null,
            c.PValue, adjusted, Bounds.Of(alwaysValid.Interval), alwaysValid.PValue, adjustedAlwaysValid, c.ChanceToBeatControl,
            c.SampleSizePerArm == long.MaxValue ? null : c.SampleSizePerArm,
            c.SampleSizeRemaining == long.MaxValue ? null : c.SampleSizeRemaining);
    }
}

/// <summary>
/// The CUPED-adjusted difference in revenue per visitor: the estimate, its interval, relative to control's raw mean,
/// the always-valid interval the verdict rests on, the slope θ on the cart's value, the share of the raw
/// difference's variance the adjustment removed, and the slope on the visitor's earlier orders (null where they
/// were left out: unknown for every visitor, or never varying).
/// </summary>
public sealed record CupedReport(
    double Difference,
    Bounds Interval,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? RelativeLift,
    Bounds AlwaysValidInterval,
    double Theta,
    double VarianceRemoved,
    double? EarlierOrdersTheta = null)
{
    public static CupedReport Of(CupedEstimate cuped)
    {
        ArgumentNullException.ThrowIfNull(cuped);
        return new(cuped.Today.Difference, Bounds.Of(cuped.Interval), cuped.RelativeLift, Bounds.Of(cuped.AlwaysValidInterval), cuped.Today.Theta, cuped.Today.VarianceRemoved, cuped.Today.EarlierOrdersTheta);
    }
}

namespace Upsell.Domain.Statistics;

/// <summary>
/// One variant against control on one metric: today's figures, the sequential test's running interval as of the
/// last completed day, and p-values Bonferroni adjusted across the report's variants (the sequential test splits
/// its alpha the same way). The repeated p-value costs a bisection over the design, so it is worked out when asked.
/// Revenue per visitor also carries its <see cref="Cuped"/> adjustment where the arms' carts were known; its
/// sequential test is then the one the verdict rests on.
/// </summary>
public sealed record MetricResult(Metric Metric, Comparison Comparison, double AdjustedPValue, Interval AlwaysValidInterval, IReadOnlyList<SequentialLook> Looks, int Variants, CupedEstimate? Cuped = null)
{
    private double? _alwaysValidPValue;

    /// <summary>The repeated p-value of the sequential test over the completed days (<see cref="SequentialTest.PValue"/>).</summary>
    public double AlwaysValidPValue => _alwaysValidPValue ??= SequentialTest.PValue(Looks);

    /// <summary><see cref="AlwaysValidPValue"/>, Bonferroni adjusted across the variants.</summary>
    public double AdjustedAlwaysValidPValue => Math.Min(1, AlwaysValidPValue * Variants);
}

/// <summary>
/// The CUPED-adjusted figures beside the raw ones: today's adjustment, its fixed-horizon interval, the adjusted
/// difference relative to control's raw mean (null against a zero baseline), and the adjusted sequential test's
/// running interval as of the last completed day.
/// </summary>
public sealed record CupedEstimate(CupedResult Today, Interval Interval, double? RelativeLift, Interval AlwaysValidInterval);

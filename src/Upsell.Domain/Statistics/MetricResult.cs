namespace Upsell.Domain.Statistics;

/// <summary>
/// One variant against control on one metric: today's figures, the sequential test's running interval as of the
/// last completed day, and p-values Bonferroni adjusted across the report's variants (the sequential test splits
/// its alpha the same way). The repeated p-value costs a bisection over the design, so it is worked out when asked.
/// </summary>
public sealed record MetricResult(Metric Metric, Comparison Comparison, double AdjustedPValue, Interval AlwaysValidInterval, IReadOnlyList<SequentialLook> Looks, int Variants)
{
    private double? _alwaysValidPValue;

    /// <summary>The repeated p-value of the sequential test over the completed days (<see cref="SequentialTest.PValue"/>).</summary>
    public double AlwaysValidPValue => _alwaysValidPValue ??= SequentialTest.PValue(Looks);

    /// <summary><see cref="AlwaysValidPValue"/>, Bonferroni adjusted across the variants.</summary>
    public double AdjustedAlwaysValidPValue => Math.Min(1, AlwaysValidPValue * Variants);
}

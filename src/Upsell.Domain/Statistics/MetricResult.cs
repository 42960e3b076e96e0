namespace Upsell.Domain.Statistics;

/// <summary>
/// One variant against control on one metric, with both p-values Benjamini-Hochberg adjusted across every variant
/// and metric of the report.
/// </summary>
public sealed record MetricResult(Metric Metric, Comparison Comparison, double AdjustedPValue, double AdjustedAlwaysValidPValue);

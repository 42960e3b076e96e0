namespace Upsell.Domain.Statistics;

/// <summary>A non-control arm of an experiment against control.</summary>
public sealed record VariantResult(string Key, IReadOnlyList<MetricResult> Metrics)
{
    /// <summary>The result on one metric.</summary>
    public MetricResult On(Metric metric) => Metrics.First(m => m.Metric == metric);
}

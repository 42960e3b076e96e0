namespace Upsell.Domain.Statistics;

/// <summary>One experiment arm's data: its configured weight and its two metrics as sums over exposed visitors.</summary>
public sealed record Arm(string Key, double Weight, Sample Acceptance, Sample Revenue)
{
    /// <summary>The arm's sample for a metric.</summary>
    public Sample For(Metric metric) => metric == Metric.AcceptanceRate ? Acceptance : Revenue;
}

namespace Upsell.Domain.Statistics;

/// <summary>What an experiment is judged on, per exposed visitor.</summary>
public enum Metric
{
    /// <summary>The share of exposed visitors who accepted.</summary>
    AcceptanceRate,

    /// <summary>Upsell revenue per exposed visitor, net of refunds and capped per visitor.</summary>
    RevenuePerVisitor,
}

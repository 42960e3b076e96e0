namespace Upsell.Domain.Statistics;

/// <summary>
/// One experiment arm's data: its configured weight and its two metrics as sums over exposed visitors, and its
/// checkout completion (exposed visitors who went on to order, each a 1) for the <see cref="CheckoutGuardrail"/>, and
/// what its visitors knew when first shown the offer (their carts' value and earlier orders), beside their revenue,
/// for <see cref="Cuped"/>.
/// </summary>
public sealed record Arm(string Key, double Weight, Sample Acceptance, Sample Revenue, Sample Completion = default, Known Known = default)
{
    /// <summary>The arm's sample for a metric.</summary>
    public Sample For(Metric metric) => metric == Metric.AcceptanceRate ? Acceptance : Revenue;
}

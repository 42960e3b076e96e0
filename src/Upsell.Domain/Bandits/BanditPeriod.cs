using Upsell.Domain.Statistics;

namespace Upsell.Domain.Bandits;

/// <summary>
/// The stretch of a bandit's phase between two reallocations (the last one ends now): the weights visitors were
/// split by and what each arm gathered on the primary metric meanwhile, in arm order.
/// </summary>
public sealed record BanditPeriod(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<double> Weights, IReadOnlyList<Sample> Samples)
{
    /// <summary>The visitors the period took in, over every arm.</summary>
    public long Visitors => Samples.Sum(s => s.Count);
}

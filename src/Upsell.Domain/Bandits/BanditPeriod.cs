using Upsell.Domain.Statistics;

namespace Upsell.Domain.Bandits;

/// <summary>
/// The stretch of a bandit's phase between two reallocations (the last one ends now): the weights visitors were
/// split by and what each arm gathered on the primary metric meanwhile, in arm order; at a moment before the order,
/// also each arm's checkout completion meanwhile (its visitors shown an offer, and how many of them ordered), which
/// the checkout guardrail judges (<see cref="CheckoutGuardrail"/>).
/// </summary>
public sealed record BanditPeriod(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<double> Weights, IReadOnlyList<Sample> Samples, IReadOnlyList<Sample>? Completion = null)
{
    /// <summary>The visitors the period took in, over every arm.</summary>
    public long Visitors => Samples.Sum(s => s.Count);

    /// <summary>The same stretch with its checkout completion as the samples, or null where it was not counted.</summary>
    public BanditPeriod? OnCompletion() => Completion is { } completion ? this with { Samples = completion, Completion = null } : null;
}

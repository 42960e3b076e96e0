namespace Upsell.Domain.Experiments;

/// <summary>How an experiment splits its visitors between arms.</summary>
public enum Allocation
{
    /// <summary>By the merchant's weights; changing them starts a new phase.</summary>
    Fixed,

    /// <summary>By weights a bandit moves towards the better arms on a schedule, within one phase.</summary>
    Bandit,
}

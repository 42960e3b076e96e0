using System.ComponentModel.DataAnnotations;

namespace Upsell.Domain.Bandits;

/// <summary>How bandit experiments move traffic and are called, bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class BanditOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Upsell:Bandits";

    /// <summary>When the bandit timer reallocates, as a six-field NCRONTAB expression (hourly by default).</summary>
    [Required, RegularExpression(@"^\S+( \S+){5}$")]
    public string Schedule { get; set; } = "0 0 * * * *";

    /// <summary>The exposed visitors every arm needs in the phase before the first reallocation; until then the weights stay as set.</summary>
    [Range(1, 1_000_000)]
    public int BurnInVisitors { get; set; } = 100;

    /// <summary>The least weight any arm keeps, so none starves and each can still prove itself (at most 1 / arms).</summary>
    [Range(0.0, 0.1)]
    public double FloorWeight { get; set; } = 0.01;

    /// <summary>
    /// At a moment before the order (cart, form entry, shipping, payment, exit intent), the least weight control keeps,
    /// so the checkout guardrail can tell what the other arms cost in orders: a bandit left to itself starves control
    /// to <see cref="FloorWeight"/>, and against so few visitors a real loss of orders goes unseen. 0 turns it off.
    /// </summary>
    [Range(0.0, 0.5)]
    public double GuardedControlWeight { get; set; } = 0.2;

    /// <summary>The posterior draws behind each reallocation and report (Thompson sampling by Monte Carlo).</summary>
    [Range(100, 1_000_000)]
    public int Draws { get; set; } = 10_000;
}

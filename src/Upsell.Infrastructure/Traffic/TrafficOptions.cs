using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Traffic;

/// <summary>
/// What the anonymous storefront routes let count, bound from configuration section <see cref="SectionName"/>: the
/// rules that make a scripted result hard to count and easy to see (docs/merchant.md, "Traffic quality").
/// </summary>
public sealed class TrafficOptions
{
    public const string SectionName = "Upsell:Traffic";

    /// <summary>
    /// An accept or click sooner than this after its decision was issued is not counted (no shopper reads an offer
    /// and decides that fast); it counts in traffic quality instead.
    /// </summary>
    [Range(0, 60_000)]
    public int MinAcceptMilliseconds { get; set; } = 1_000;

    /// <summary>
    /// Events one decision token may send to this instance; the rest are dropped at the door (answered 202 with the
    /// number dropped), as each token counts at most one event of each type anyway.
    /// </summary>
    [Range(1, 1_000)]
    public int EventsPerDecision { get; set; } = 12;

    /// <summary>
    /// Which address of <c>X-Forwarded-For</c> is the shopper's, counted from the right: 1 behind the Functions front
    /// end alone, 2 behind Azure Front Door as well. Only the address bucket of traffic quality reads it.
    /// </summary>
    [Range(1, 5)]
    public int ForwardedHops { get; set; } = 1;

    public TimeSpan MinAcceptDelay => TimeSpan.FromMilliseconds(MinAcceptMilliseconds);
}

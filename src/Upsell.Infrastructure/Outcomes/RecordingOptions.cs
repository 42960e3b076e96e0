using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>How events and orders are accepted and counted, bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class RecordingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Upsell:Recording";

    /// <summary>
    /// Partitions per stats group. More spread a busy variant's writes (a partition takes about 2,000 entities/s);
    /// fix it before the first event is recorded, because a visitor's shard depends on it.
    /// </summary>
    [Range(1, 64)]
    public int StatsShards { get; set; } = 16;

    /// <summary>
    /// Day-counter sub-rows per stats partition. Each instance writes one slot, picked at random when it starts, so
    /// instances recording into the same partition at once rarely touch the same row; reports read this many rows per
    /// day and shard. Raise it with the instance count; lowering it later keeps old slots readable.
    /// </summary>
    [Range(1, 64)]
    public int DaySlots { get; set; } = 8;

    /// <summary>How far in the future an event or order timestamp may lie before it is refused (clocks drift).</summary>
    [Range(0, 1440)]
    public int MaxClockSkewMinutes { get; set; } = 15;

    /// <summary>
    /// What one visitor's upsell revenue (net of refunds) adds at most to a group's revenue-per-visitor sums, in minor
    /// units, so one outlier cannot decide a test. It applies as revenue is counted; the uncapped sum is kept too.
    /// </summary>
    [Range(1, 100_000_000)]
    public long RevenueCapMinor { get; set; } = 50_000;

    /// <summary>The same cap for whole-order value per visitor in the holdout view.</summary>
    [Range(1, 1_000_000_000)]
    public long OrderValueCapMinor { get; set; } = 500_000;

    /// <summary><see cref="MaxClockSkewMinutes"/> as a span.</summary>
    public TimeSpan MaxClockSkew => TimeSpan.FromMinutes(MaxClockSkewMinutes);
}

using System.ComponentModel.DataAnnotations;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>How events and orders are accepted and counted, bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class RecordingOptions
{
    public const string SectionName = "Upsell:Recording";

    /// <summary>
    /// Partitions per stats group. More spread a busy variant's writes (a partition takes about 2,000 entities/s);
    /// fix it before the first event is recorded, because a visitor's shard depends on it.
    /// </summary>
    [Range(1, 64)]
    public int StatsShards { get; set; } = 16;

    /// <summary>How far in the future an event or order timestamp may lie before it is refused (clocks drift).</summary>
    [Range(0, 1440)]
    public int MaxClockSkewMinutes { get; set; } = 15;

    public TimeSpan MaxClockSkew => TimeSpan.FromMinutes(MaxClockSkewMinutes);
}

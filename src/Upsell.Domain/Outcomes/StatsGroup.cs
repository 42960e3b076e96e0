using System.Globalization;
using Upsell.Domain.Experiments;
using Upsell.Domain.Offers;
using Upsell.Domain.Tokens;

namespace Upsell.Domain.Outcomes;

/// <summary>
/// What counters are kept per: the moment, the experiment and its phase, the variant, and the offer shown.
/// Offers outside an experiment have no experiment, phase or variant.
/// </summary>
public sealed record StatsGroup(Moment Moment, string? ExperimentKey, int? ExperimentPhase, string? VariantKey, string OfferId)
{
    /// <summary>What a group name holds where the group has no experiment, phase or variant.</summary>
    public const string None = "-";

    /// <summary>The group a decision token counts in.</summary>
    public static StatsGroup Of(DecisionToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new StatsGroup(token.Moment, token.ExperimentKey, token.ExperimentPhase, token.VariantKey, token.OfferId);
    }

    /// <summary>
    /// The shard a visitor's outcomes go to: always the same one, so unique visitors stay exact, and spread by hash,
    /// so no single partition takes a whole group's traffic.
    /// </summary>
    public static int ShardOf(string visitorId, int shards)
    {
        ArgumentNullException.ThrowIfNull(visitorId);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        return (int)(GrowthBookHash.Fnv1a32(visitorId) % (uint)shards);
    }

    /// <summary>The group's name in storage; ids never contain '|'.</summary>
    public string Name => string.Join('|',
        ExperimentKey ?? None,
        ExperimentPhase?.ToString(CultureInfo.InvariantCulture) ?? None,
        VariantKey ?? None,
        Wire.Name(Moment),
        OfferId);

    /// <summary>The variant key in a group's <see cref="Name"/>; "-" outside an experiment.</summary>
    public static string VariantOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Split('|')[2];
    }

    /// <summary>The storage partition of one shard of this group.</summary>
    public string PartitionKey(int shard) => StatsKeys.Partition(Name, shard);
}

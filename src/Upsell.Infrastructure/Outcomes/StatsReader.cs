using Microsoft.Extensions.Options;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Reads a stats group's counters: one range read of day rows per shard, so a read costs the same however many
/// events the group has recorded.
/// </summary>
public sealed class StatsReader(UpsellTables tables, IOptions<RecordingOptions> options)
{
    /// <summary>The group's counters over all days.</summary>
    public Task<Counters> TotalAsync(StatsGroup group, CancellationToken cancellationToken) =>
        SumAsync(group, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken);

    /// <summary>The group's counters of one UTC day.</summary>
    public Task<Counters> DayAsync(StatsGroup group, DateOnly day, CancellationToken cancellationToken) =>
        SumAsync(group, day, day, cancellationToken);

    /// <summary>The group's counters from one UTC day to another, both included.</summary>
    public async Task<Counters> SumAsync(StatsGroup group, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        var (low, high) = (CounterEntity.DayRow(from), CounterEntity.DayRow(to));
        var shards = await Task.WhenAll(Enumerable.Range(0, options.Value.StatsShards).Select(async shard =>
        {
            var partition = group.PartitionKey(shard);
            var sum = Counters.Zero;
            await foreach (var row in table.QueryAsync<CounterEntity>(
                e => e.PartitionKey == partition && e.RowKey.CompareTo(low) >= 0 && e.RowKey.CompareTo(high) <= 0,
                cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                sum = sum.Plus(row.ToCounters());
            }

            return sum;
        })).ConfigureAwait(false);
        return shards.Aggregate(Counters.Zero, (sum, shard) => sum.Plus(shard));
    }
}

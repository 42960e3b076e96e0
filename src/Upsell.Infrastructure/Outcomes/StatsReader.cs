using Microsoft.Extensions.Options;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Reads counters exactly as counted: one range read of day rows (and their slot sub-rows) per shard of a counted
/// name. The rollup reads so; reports read the rollup (<see cref="RollupReader"/>), one read per name.
/// </summary>
public sealed class StatsReader(UpsellTables tables, StatsIndex index, IOptions<RecordingOptions> options) : ICounterSource
{
    /// <summary>The names the index lists in a scope.</summary>
    public Task<IReadOnlyList<string>> NamesAsync(string scope, CancellationToken cancellationToken) => index.NamesAsync(scope, cancellationToken);

    /// <summary>The group's counters over all days.</summary>
    public Task<Counters> TotalAsync(StatsGroup group, CancellationToken cancellationToken) =>
        SumAsync(group, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken);

    /// <summary>The group's counters of one UTC day.</summary>
    public Task<Counters> DayAsync(StatsGroup group, DateOnly day, CancellationToken cancellationToken) =>
        SumAsync(group, day, day, cancellationToken);

    /// <summary>The group's counters from one UTC day to another, both included.</summary>
    public Task<Counters> SumAsync(StatsGroup group, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        return ((ICounterSource)this).SumAsync(group.Name, first, last, cancellationToken);
    }

    /// <summary>A counted name's counters per UTC day that has any, from one day to another, both included.</summary>
    public async Task<IReadOnlyDictionary<DateOnly, Counters>> DailyAsync(string name, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        var (low, high) = (CounterEntity.DayRow(first), CounterEntity.LastRowOf(last));
        var shards = await Task.WhenAll(Enumerable.Range(0, options.Value.StatsShards).Select(async shard =>
        {
            var partition = StatsKeys.Partition(name, shard);
            var rows = new List<CounterEntity>();
            await foreach (var row in table.QueryAsync<CounterEntity>(
                e => e.PartitionKey == partition && e.RowKey.CompareTo(low) >= 0 && e.RowKey.CompareTo(high) <= 0,
                cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }

            return rows;
        })).ConfigureAwait(false);

        var days = new SortedDictionary<DateOnly, Counters>();
        foreach (var row in shards.SelectMany(s => s))
        {
            var day = CounterEntity.DayOf(row.RowKey);
            days[day] = days.TryGetValue(day, out var sum) ? sum.Plus(row.ToCounters()) : row.ToCounters();
        }

        return days;
    }
}

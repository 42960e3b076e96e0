using Azure;
using Azure.Data.Tables;
using Upsell.Domain.Outcomes;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>What one batch of a stats partition depends on: this writer's day sub-rows, the visitors and, when asked, the markers.</summary>
internal sealed class PartitionState
{
    // Azure allows 15 comparisons in one filter: the partition and 14 row keys.
    private const int RowKeysPerQuery = 14;

    private readonly int _slot;
    private readonly Dictionary<DateOnly, (Counters Counters, ETag? ETag)> _days;
    private readonly Dictionary<string, (VisitorStats Stats, ETag? ETag)> _visitors;

    private PartitionState(int slot, Dictionary<DateOnly, (Counters, ETag?)> days, Dictionary<string, (VisitorStats, ETag?)> visitors)
    {
        _slot = slot;
        _days = days;
        _visitors = visitors;
    }

    /// <summary>
    /// Reads the slot's day rows of the chunk and its visitors in parallel, each by its key; then, only where a visitor
    /// names another day (an earlier unique, a held outcome), those day rows too. Point reads, not a query of several
    /// row keys: a query that names row keys by "or" scans the whole partition, and a busy partition holds a row for
    /// every visitor and every outcome it ever counted.
    /// </summary>
    public static async Task<PartitionState> ReadAsync(TableClient table, string partitionKey, int slot, IReadOnlyList<StatsRecord> chunk, CancellationToken cancellationToken)
    {
        var chunkDays = chunk.Select(r => r.Outcome.Day).Distinct().ToList();
        var days = ReadDaysAsync(table, partitionKey, slot, chunkDays, cancellationToken);
        var ids = chunk.Select(r => r.Outcome.VisitorId).Distinct(StringComparer.Ordinal).ToList();
        var visitors = await Task.WhenAll(ids.Select(async id =>
        {
            var row = await table.GetEntityIfExistsAsync<VisitorEntity>(partitionKey, VisitorEntity.RowOf(id), cancellationToken: cancellationToken).ConfigureAwait(false);
            return (id, state: row.HasValue ? (row.Value!.ToStats(), (ETag?)row.Value.ETag) : (VisitorStats.None, (ETag?)null));
        })).ConfigureAwait(false);
        var read = await days.ConfigureAwait(false);
        var more = visitors.SelectMany(v => v.state.Item1.DaysReferenced()).Distinct().Where(d => !read.ContainsKey(d)).ToList();
        foreach (var (day, state) in more.Count == 0 ? [] : await ReadDaysAsync(table, partitionKey, slot, more, cancellationToken).ConfigureAwait(false))
        {
            read[day] = state;
        }

        return new PartitionState(slot, read, visitors.ToDictionary(v => v.id, v => v.state, StringComparer.Ordinal));
    }

    /// <summary>The row keys of those that exist, a few per query rather than one read each.</summary>
    public static async Task<HashSet<string>> ReadExistingAsync(TableClient table, string partitionKey, IEnumerable<string> rowKeys, CancellationToken cancellationToken) =>
        [.. (await QueryRowsAsync<TableEntity>(table, partitionKey, rowKeys, ["RowKey"], cancellationToken).ConfigureAwait(false)).Select(r => r.RowKey)];

    // The rows of those keys that exist, 14 keys to a query, the queries in parallel.
    private static async Task<List<T>> QueryRowsAsync<T>(TableClient table, string partitionKey, IEnumerable<string> rowKeys, IEnumerable<string>? select, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var found = await Task.WhenAll(rowKeys.Distinct(StringComparer.Ordinal).Chunk(RowKeysPerQuery).Select(async keys =>
        {
            var rows = new List<T>();
            await foreach (var row in table.QueryAsync<T>(Filter(partitionKey, keys), select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
            }

            return rows;
        })).ConfigureAwait(false);
        return [.. found.SelectMany(f => f)];
    }

    /// <summary>
    /// The batch that counts the chunk: each changed day sub-row and visitor written only if it is still as read
    /// (added if it was absent), and one new marker per outcome. A visitor the chunk leaves as it was, and a day it
    /// adds nothing to, are not written. The marker actions come last, in chunk order.
    /// </summary>
    public List<TableTransactionAction> Plan(string partitionKey, IReadOnlyList<StatsRecord> chunk)
    {
        var days = _days.ToDictionary(d => d.Key, d => d.Value.Counters);
        var visitors = _visitors.ToDictionary(v => v.Key, v => v.Value.Stats, StringComparer.Ordinal);
        var changedVisitors = new HashSet<string>(StringComparer.Ordinal);
        var markers = new List<TableTransactionAction>(chunk.Count);
        foreach (var record in chunk)
        {
            var outcome = record.Outcome;
            var before = visitors[outcome.VisitorId];
            var tallied = Tally.Count(outcome, before);
            foreach (var (day, delta) in tallied.Days)
            {
                days[day] = days.TryGetValue(day, out var counters) ? counters.Plus(delta)
                    : throw new InvalidOperationException($"Day {day} of partition {partitionKey} was not read.");
            }

            if (tallied.Visitor != before)
            {
                visitors[outcome.VisitorId] = tallied.Visitor;
                changedVisitors.Add(outcome.VisitorId);
            }

            markers.Add(new TableTransactionAction(TableTransactionActionType.Add, MarkerEntity.From(partitionKey, record)));
        }

        var actions = new List<TableTransactionAction>(days.Count + changedVisitors.Count + markers.Count);
        actions.AddRange(days.Where(day => day.Value != _days[day.Key].Counters)
            .Select(day => Conditional(CounterEntity.From(partitionKey, CounterEntity.DayRow(day.Key, _slot), day.Value), _days[day.Key].ETag)));
        actions.AddRange(changedVisitors.Select(id => Conditional(VisitorEntity.From(partitionKey, id, visitors[id]), _visitors[id].ETag)));
        actions.AddRange(markers);
        return actions;
    }

    private static string Filter(string partitionKey, IEnumerable<string> rowKeys) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + " and ("
        + string.Join(" or ", rowKeys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";

    private static async Task<Dictionary<DateOnly, (Counters, ETag?)>> ReadDaysAsync(TableClient table, string partitionKey, int slot, IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(days.Select(async day =>
        {
            var row = await table.GetEntityIfExistsAsync<CounterEntity>(partitionKey, CounterEntity.DayRow(day, slot), cancellationToken: cancellationToken).ConfigureAwait(false);
            return (day, state: row.HasValue ? (row.Value!.ToCounters(), (ETag?)row.Value.ETag) : (Counters.Zero, null));
        })).ConfigureAwait(false);
        return rows.ToDictionary(d => d.day, d => d.state);
    }

    private static TableTransactionAction Conditional(ITableEntity entity, ETag? etag) => etag is { } read
        ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, read)
        : new TableTransactionAction(TableTransactionActionType.Add, entity);
}

using Azure;
using Azure.Data.Tables;
using Upsell.Domain.Outcomes;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>What one batch of a stats partition depends on: its day rows, its visitors and, when asked, its markers.</summary>
internal sealed class PartitionState
{
    private readonly Dictionary<DateOnly, (Counters Counters, ETag? ETag)> _days;
    private readonly Dictionary<string, (VisitorStats Stats, ETag? ETag)> _visitors;

    private PartitionState(Dictionary<DateOnly, (Counters, ETag?)> days, Dictionary<string, (VisitorStats, ETag?)> visitors, HashSet<string> marked)
    {
        _days = days;
        _visitors = visitors;
        Marked = marked;
    }

    /// <summary>The marker row keys that already exist.</summary>
    public HashSet<string> Marked { get; }

    public static async Task<PartitionState> ReadAsync(TableClient table, string partitionKey, IReadOnlyList<StatsRecord> chunk, bool readMarkers, CancellationToken cancellationToken)
    {
        var days = chunk.Select(r => r.Outcome.Day).Distinct().Select(async day =>
        {
            var row = await table.GetEntityIfExistsAsync<CounterEntity>(partitionKey, CounterEntity.DayRow(day), cancellationToken: cancellationToken).ConfigureAwait(false);
            return (day, state: row.HasValue ? (row.Value!.ToCounters(), (ETag?)row.Value.ETag) : (Counters.Zero, null));
        }).ToList();
        var visitors = chunk.Select(r => r.Outcome.VisitorId).Distinct(StringComparer.Ordinal).Select(async id =>
        {
            var row = await table.GetEntityIfExistsAsync<VisitorEntity>(partitionKey, VisitorEntity.RowOf(id), cancellationToken: cancellationToken).ConfigureAwait(false);
            return (id, state: row.HasValue ? (row.Value!.ToStats(), (ETag?)row.Value.ETag) : (VisitorStats.None, null));
        }).ToList();
        var markers = readMarkers
            ? chunk.Select(r => MarkerEntity.RowOf(r.Outcome)).Select(async rowKey =>
            {
                var row = await table.GetEntityIfExistsAsync<MarkerEntity>(partitionKey, rowKey, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
                return row.HasValue ? rowKey : null;
            }).ToList()
            : [];

        return new PartitionState(
            (await Task.WhenAll(days).ConfigureAwait(false)).ToDictionary(d => d.day, d => d.state),
            (await Task.WhenAll(visitors).ConfigureAwait(false)).ToDictionary(v => v.id, v => v.state, StringComparer.Ordinal),
            [.. (await Task.WhenAll(markers).ConfigureAwait(false)).OfType<string>()]);
    }

    /// <summary>
    /// The batch that counts the chunk: each changed day row and visitor written only if it is still as read (added
    /// if it was absent), and one new marker per outcome. Outcomes that leave a visitor as it was depend only on
    /// flags that never go back, so that visitor is not written; a day the chunk adds nothing to (an order of a
    /// visitor not exposed in this holdout-view partition) is not written either.
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
            var (delta, after) = Tally.Count(outcome, before);
            days[outcome.Day] = days[outcome.Day].Plus(delta);
            if (after != before)
            {
                visitors[outcome.VisitorId] = after;
                changedVisitors.Add(outcome.VisitorId);
            }

            markers.Add(new TableTransactionAction(TableTransactionActionType.Add, MarkerEntity.From(partitionKey, record)));
        }

        var actions = new List<TableTransactionAction>(days.Count + changedVisitors.Count + markers.Count);
        actions.AddRange(days.Where(day => day.Value != _days[day.Key].Counters)
            .Select(day => Conditional(CounterEntity.From(partitionKey, CounterEntity.DayRow(day.Key), day.Value), _days[day.Key].ETag)));
        actions.AddRange(changedVisitors.Select(id => Conditional(VisitorEntity.From(partitionKey, id, visitors[id]), _visitors[id].ETag)));
        actions.AddRange(markers);
        return actions;
    }

    private static TableTransactionAction Conditional(ITableEntity entity, ETag? etag) => etag is { } read
        ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, read)
        : new TableTransactionAction(TableTransactionActionType.Add, entity);
}

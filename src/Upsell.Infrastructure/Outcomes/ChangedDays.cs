using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Which days of which counted names changed since the rollup last read them. A writer notes the days it counted into
/// after its batch commits, each (name, day) at most once per <see cref="NoteEvery"/> per instance, so noting costs
/// one write per busy name and day a minute, not one per event.
/// </summary>
public sealed class ChangedDays(UpsellTables tables, TimeProvider time)
{
    /// <summary>How often one instance notes the same day of the same name again while it keeps counting into it.</summary>
    public static readonly TimeSpan NoteEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Name, DateOnly Day), DateTimeOffset> _noted = new();

    /// <summary>Notes that the days of the name changed now.</summary>
    public async Task NoteAsync(string name, IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = days.Distinct().Where(day => !_noted.TryGetValue((name, day), out var at) || now - at >= NoteEvery).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(due.Select(day => table.UpsertEntityAsync(
            new ChangedDayEntity { PartitionKey = ChangedDayEntity.Partition, RowKey = ChangedDayEntity.RowOf(name, day), TouchedAt = now },
            TableUpdateMode.Merge, cancellationToken))).ConfigureAwait(false);
        foreach (var day in due)
        {
            _noted[(name, day)] = now;
        }

        if (_noted.Count > 50_000)
        {
            foreach (var old in _noted.Where(n => now - n.Value >= NoteEvery).ToList())
            {
                _noted.TryRemove(old);
            }
        }
    }

    /// <summary>Every noted day, folded or not.</summary>
    public async Task<List<ChangedDayEntity>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ChangedDayEntity>();
        await foreach (var row in table.QueryAsync<ChangedDayEntity>(e => e.PartitionKey == ChangedDayEntity.Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Stamps the day folded as read at <paramref name="at"/>, unless a writer noted it again meanwhile.</summary>
    public async Task FoldedAsync(ChangedDayEntity row, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { [nameof(ChangedDayEntity.FoldedAt)] = at }, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Noted again (or removed) since it was read: the next run folds it again.
        }
    }

    /// <summary>Removes a day nobody has counted into for long, unless a writer noted it again meanwhile.</summary>
    public async Task ForgetAsync(ChangedDayEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }
}

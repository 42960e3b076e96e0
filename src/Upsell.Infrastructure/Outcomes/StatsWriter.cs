using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Counts outcomes into one stats partition exactly once. Each batch transaction inserts the outcomes' markers and
/// rewrites this instance's day sub-rows and the visitors they change, each only if it is still as read: a duplicate
/// fails on its marker, a concurrent writer on a row it changed first, and either way nothing of the batch applies.
/// The writer then reads again and counts what is still new. Within one instance, callers writing to the same
/// partition at once are committed together (group commit): one writer per partition, more outcomes per batch.
/// The days a batch changed are noted for the rollup (<see cref="ChangedDays"/>) once it commits.
/// </summary>
public sealed partial class StatsWriter(UpsellTables tables, StatsIndex index, ChangedDays changes, IOptions<RecordingOptions> options, TimeProvider time, ILogger<StatsWriter> logger)
{
    private const int MaxConflicts = 30;

    private readonly GroupCommit<Request> _commits = new();

    /// <summary>This instance's day sub-row in every partition, picked at random so instances rarely share one.</summary>
    public int Slot { get; } = Random.Shared.Next(options.Value.DaySlots);

    /// <summary>
    /// Counts each record under its name, in the name's shard for the record's visitor, partitions in parallel; the
    /// names are listed in the index first, so a report never misses what is counted.
    /// </summary>
    public async Task CountAsync(IEnumerable<Counted> counted, bool checkFirst, CancellationToken cancellationToken)
    {
        var all = counted.ToList();
        await index.ListAsync(all.Where(c => c.Scope is not null).Select(c => (c.Scope!, c.Name)), cancellationToken).ConfigureAwait(false);
        var partitions = all.GroupBy(PartitionOf, StringComparer.Ordinal);
        await Task.WhenAll(partitions.Select(p => WriteAsync(p.Key, p.Select(c => c.Record), checkFirst, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>The partition a counted record is written to: its name's shard for its visitor.</summary>
    public string PartitionOf(Counted counted)
    {
        ArgumentNullException.ThrowIfNull(counted);
        return StatsKeys.Partition(counted.Name, StatsGroup.ShardOf(counted.Record.Outcome.VisitorId, options.Value.StatsShards));
    }

    /// <summary>
    /// Counts the records not counted before, together with whatever else this instance is writing to the partition
    /// at the moment. <paramref name="checkFirst"/> reads markers up front (a redelivery).
    /// </summary>
    public Task WriteAsync(string partitionKey, IEnumerable<StatsRecord> records, bool checkFirst, CancellationToken cancellationToken)
    {
        var request = new Request([.. records], checkFirst);
        if (request.Records.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _commits.EnqueueAsync(partitionKey, request, WriteRoundAsync, cancellationToken);
    }

    // One round of everything queued for the partition, written together; its callers share it, so no one
    // caller's cancellation ends it.
    private async Task WriteRoundAsync(string partitionKey, IReadOnlyList<Request> round)
    {
        var cancellationToken = CancellationToken.None;
        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        var pending = round.SelectMany(r => r.Records).DistinctBy(r => MarkerEntity.RowOf(r.Outcome)).ToList();
        var redelivered = round.Where(r => r.CheckFirst).SelectMany(r => r.Records).Select(r => MarkerEntity.RowOf(r.Outcome)).ToList();
        if (redelivered.Count > 0)
        {
            await DropRecordedAsync(table, partitionKey, pending, redelivered, cancellationToken).ConfigureAwait(false);
        }

        var conflicts = 0;
        while (pending.Count > 0)
        {
            var chunk = NextChunk(partitionKey, pending);
            var state = await PartitionState.ReadAsync(table, partitionKey, Slot, chunk, cancellationToken).ConfigureAwait(false);
            var actions = state.Plan(partitionKey, chunk);
            TableBatchLimits.Check(actions);
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                await changes.NoteAsync(StatsKeys.NameOf(partitionKey), actions.Select(a => a.Entity).OfType<CounterEntity>().Select(c => CounterEntity.DayOf(c.RowKey)), cancellationToken).ConfigureAwait(false);
                var written = chunk.ToHashSet();
                pending.RemoveAll(written.Contains);
                conflicts = 0;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                if (++conflicts >= MaxConflicts)
                {
                    LogGaveUp(partitionKey, conflicts);
                    throw;
                }

                // A 409 on a marker: that outcome was recorded before (a resent event, a redelivery whose first try
                // committed), and likely others of the chunk with it, so their markers are read, a few per query. A
                // 412, or a 409 on a row that was absent: another writer changed it since the read; read again.
                var duplicate = FailedMarker(e, actions);
                if (duplicate || e is not TableTransactionFailedException { FailedTransactionActionIndex: not null })
                {
                    await DropRecordedAsync(table, partitionKey, pending, chunk.Select(r => MarkerEntity.RowOf(r.Outcome)), cancellationToken).ConfigureAwait(false);
                }

                // A duplicate contends with nobody; another writer does: full jitter, so the two do not collide again in step.
                if (!duplicate)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(1_000, 10 << Math.Min(conflicts, 7)))), time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static bool FailedMarker(RequestFailedException e, List<TableTransactionAction> actions) =>
        e is TableTransactionFailedException { FailedTransactionActionIndex: { } failed } && failed < actions.Count && actions[failed].Entity is MarkerEntity;

    // Drops what is recorded already and notes its days: the try that recorded it (a first delivery, or this one
    // when storage committed a batch but its answer was lost) may have stopped before it noted them.
    private async Task DropRecordedAsync(TableClient table, string partitionKey, List<StatsRecord> pending, IEnumerable<string> markers, CancellationToken cancellationToken)
    {
        var recorded = await PartitionState.ReadExistingAsync(table, partitionKey, markers, cancellationToken).ConfigureAwait(false);
        var dropped = pending.Where(r => recorded.Contains(MarkerEntity.RowOf(r.Outcome))).ToList();
        await changes.NoteAsync(StatsKeys.NameOf(partitionKey), dropped.Select(r => r.Outcome.Day), cancellationToken).ConfigureAwait(false);
        pending.RemoveAll(r => recorded.Contains(MarkerEntity.RowOf(r.Outcome)));
    }

    // As many records as fit one batch: the day rows, the visitors and the markers they need, with room for the day
    // rows that visitors' earlier uniques and held outcomes may name.
    private static List<StatsRecord> NextChunk(string partitionKey, List<StatsRecord> pending)
    {
        var chunk = new List<StatsRecord>();
        var days = new HashSet<DateOnly>();
        var visitors = new HashSet<string>(StringComparer.Ordinal);
        var operations = 0;
        long bytes = 0;
        foreach (var record in pending)
        {
            var outcome = record.Outcome;
            var addsDay = !days.Contains(outcome.Day);
            var addsVisitor = !visitors.Contains(outcome.VisitorId);
            var moreOperations = 1 + (addsDay ? 1 : 0) + (addsVisitor ? 2 : 0);
            var moreBytes = TableBatchLimits.EstimateBytes(MarkerEntity.From(partitionKey, record))
                + (addsDay ? TableBatchLimits.EstimateBytes(new CounterEntity()) : 0)
                + (addsVisitor ? VisitorBytes + TableBatchLimits.EstimateBytes(new CounterEntity()) : 0);
            if (operations + moreOperations > TableBatchLimits.MaxOperations || bytes + moreBytes >= TableBatchLimits.MaxBytes)
            {
                break;
            }

            chunk.Add(record);
            days.Add(outcome.Day);
            visitors.Add(outcome.VisitorId);
            operations += moreOperations;
            bytes += moreBytes;
        }

        return chunk;
    }

    // A visitor row holding its most outcomes, each under 200 characters of JSON.
    private const long VisitorBytes = 6 * 200 * Tally.MaxHeld;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on stats partition {PartitionKey} after {Conflicts} conflicting writes; the message will be retried")]
    private partial void LogGaveUp(string partitionKey, int conflicts);

    private sealed record Request(List<StatsRecord> Records, bool CheckFirst);
}

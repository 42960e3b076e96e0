using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Outcomes;

/// <summary>
/// Counts outcomes into one stats partition exactly once. Each batch transaction inserts the outcomes' markers and
/// rewrites the day counters and visitors they change, each only if it is still as read: a duplicate fails on its
/// marker, a concurrent writer on a row it changed first, and either way nothing of the batch applies. The writer
/// then reads again and counts what is still new.
/// </summary>
public sealed partial class StatsWriter(UpsellTables tables, StatsIndex index, IOptions<RecordingOptions> options, ILogger<StatsWriter> logger)
{
    private const int MaxConflicts = 30;

    /// <summary>
    /// Counts each record under its name, in the name's shard for the record's visitor, partitions in parallel; the
    /// names are listed in the index first, so a report never misses what is counted.
    /// </summary>
    public async Task CountAsync(IEnumerable<Counted> counted, bool checkFirst, CancellationToken cancellationToken)
    {
        var all = counted.ToList();
        await index.ListAsync(all.Where(c => c.Scope is not null).Select(c => (c.Scope!, c.Name)), cancellationToken).ConfigureAwait(false);
        var shards = options.Value.StatsShards;
        var partitions = all.GroupBy(c => StatsKeys.Partition(c.Name, StatsGroup.ShardOf(c.Record.Outcome.VisitorId, shards)), StringComparer.Ordinal);
        await Parallel.ForEachAsync(partitions, cancellationToken, (partition, ct) =>
            new ValueTask(WriteAsync(partition.Key, partition.Select(c => c.Record), checkFirst, ct))).ConfigureAwait(false);
    }

    /// <summary>Counts the records not counted before. <paramref name="checkFirst"/> reads markers up front (a redelivery).</summary>
    public async Task WriteAsync(string partitionKey, IEnumerable<StatsRecord> records, bool checkFirst, CancellationToken cancellationToken)
    {
        var table = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        var pending = records.DistinctBy(r => MarkerEntity.RowOf(r.Outcome)).ToList();
        var checkMarkers = checkFirst;
        var conflicts = 0;
        while (pending.Count > 0)
        {
            var chunk = NextChunk(partitionKey, pending);
            var state = await PartitionState.ReadAsync(table, partitionKey, chunk, checkMarkers, cancellationToken).ConfigureAwait(false);
            if (checkMarkers)
            {
                var recorded = chunk.Where(r => state.Marked.Contains(MarkerEntity.RowOf(r.Outcome))).ToHashSet();
                pending.RemoveAll(recorded.Contains);
                chunk = [.. chunk.Where(r => !recorded.Contains(r))];
                if (chunk.Count == 0)
                {
                    continue;
                }
            }

            var actions = state.Plan(partitionKey, chunk);
            TableBatchLimits.Check(actions);
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                var written = chunk.ToHashSet();
                pending.RemoveAll(written.Contains);
                checkMarkers = false;
                conflicts = 0;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A 409 on a marker: the outcome was recorded before (a redelivery or a resent event). A 412, or a
                // 409 on a row that was absent: another worker changed it since the read. Nothing applied; read again.
                if (++conflicts >= MaxConflicts)
                {
                    LogGaveUp(partitionKey, conflicts);
                    throw;
                }

                checkMarkers = true;
                // Full jitter, so writers that collided do not collide again in step.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(1_000, 10 << Math.Min(conflicts, 7)))), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // As many records as fit one batch: the day rows, the visitors and the markers they need.
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
            var moreOperations = 1 + (addsDay ? 1 : 0) + (addsVisitor ? 1 : 0);
            var moreBytes = TableBatchLimits.EstimateBytes(MarkerEntity.From(partitionKey, record))
                + (addsDay ? TableBatchLimits.EstimateBytes(new CounterEntity()) : 0)
                + (addsVisitor ? TableBatchLimits.EstimateBytes(VisitorEntity.From(partitionKey, outcome.VisitorId, VisitorStats.None)) : 0);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on stats partition {PartitionKey} after {Conflicts} conflicting writes; the message will be retried")]
    private partial void LogGaveUp(string partitionKey, int conflicts);
}

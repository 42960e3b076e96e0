using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.Affinity;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Affinity;

/// <summary>
/// Counts an order's co-purchases exactly once, in its shard's partition (<see cref="AffinityKeys"/>): one for the
/// total, one for each of its first <c>MaxLinesPerOrder</c> distinct SKUs, one for each ordered pair of them. The
/// rows go in one batch transaction (a large order in parts of at most 100 operations, each with its own marker)
/// that inserts the marker and rewrites the counts only if they are still as read: a redelivery fails on its marker
/// (and is done), a concurrent writer on a count it changed first (and is read again), and either way nothing of
/// the batch applies. Within one instance, orders of the same shard counted at the same moment are committed
/// together (group commit), so they neither conflict nor wait for each other's round trips.
/// </summary>
public sealed partial class AffinityWriter(UpsellTables tables, IOptions<AffinityOptions> options, TimeProvider time, ILogger<AffinityWriter> logger)
{
    private const int MaxConflicts = 50;
    private const int MaxKeysPerQuery = 13;

    private readonly GroupCommit<Request> _commits = new(static r => r.Operations, TableBatchLimits.MaxOperations);

    /// <summary>The SKUs an order counts with: distinct, in line order, at most <c>MaxLinesPerOrder</c>.</summary>
    public IReadOnlyList<string> SkusOf(IEnumerable<string> lines) =>
        [.. lines.Distinct(StringComparer.Ordinal).Take(options.Value.MaxLinesPerOrder)];

    public async Task CountAsync(string orderId, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var skus = SkusOf(lines);
        if (skus.Count == 0)
        {
            return;
        }

        var partition = AffinityKeys.Partition(Domain.Outcomes.StatsGroup.ShardOf(orderId, options.Value.Shards));
        var rows = skus.Select(AffinityKeys.Orders)
            .Append(AffinityKeys.TotalRow)
            .Concat(skus.SelectMany(a => skus.Where(b => b != a).Select(b => AffinityKeys.Pair(a, b))));
        await Task.WhenAll(rows.Chunk(TableBatchLimits.MaxOperations - 1)
            .Select((part, i) => _commits.EnqueueAsync(partition, new Request(AffinityKeys.Marker(orderId, i), [.. part]), CommitAsync, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the order's markers, as its erasure asks; the counts it added stay, as they name nobody. Returns how
    /// many were deleted.
    /// </summary>
    public async Task<int> ForgetAsync(string orderId, CancellationToken cancellationToken)
    {
        var table = await tables.AffinityAsync(cancellationToken).ConfigureAwait(false);
        var partition = AffinityKeys.Partition(Domain.Outcomes.StatsGroup.ShardOf(orderId, options.Value.Shards));
        var (from, to) = (AffinityKeys.MarkerPrefix + orderId + "|", AffinityKeys.MarkerPrefix + orderId + "}");
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}"), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            deleted += await table.DeleteIfExistsAsync(partition, row.RowKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }

    // One round of a shard's orders, committed together.
    private async Task CommitAsync(string partition, IReadOnlyList<Request> batch)
    {
        var table = await tables.AffinityAsync(CancellationToken.None).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var markers = batch.Select(r => r.Marker).Distinct(StringComparer.Ordinal).ToList();
            var rows = batch.SelectMany(r => r.Rows).Distinct(StringComparer.Ordinal).ToList();
            var read = new Dictionary<string, AffinityEntity>(StringComparer.Ordinal);
            foreach (var found in await Task.WhenAll(rows.Concat(markers).Chunk(MaxKeysPerQuery).Select(keys => ReadAsync(table, partition, keys))).ConfigureAwait(false))
            {
                foreach (var row in found)
                {
                    read[row.RowKey] = row;
                }
            }

            // Each order counts once: not at all when its marker is stored, once however often it is in the batch.
            var counted = batch.Where(r => !read.ContainsKey(r.Marker)).DistinctBy(r => r.Marker, StringComparer.Ordinal).ToList();
            if (counted.Count == 0)
            {
                return;
            }

            var now = time.GetUtcNow();
            var actions = counted.Select(r => new TableTransactionAction(TableTransactionActionType.Add,
                new AffinityEntity { PartitionKey = partition, RowKey = r.Marker, CountedAt = now })).ToList();
            foreach (var (row, added) in counted.SelectMany(r => r.Rows).GroupBy(r => r, StringComparer.Ordinal).Select(g => (g.Key, g.LongCount())))
            {
                var entity = new AffinityEntity { PartitionKey = partition, RowKey = row, Count = (read.TryGetValue(row, out var existing) ? existing.Count : 0) + added, CountedAt = now };
                actions.Add(existing is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, existing.ETag));
            }

            try
            {
                await table.SubmitTransactionAsync(actions).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxConflicts)
            {
                // Counted meanwhile, by a redelivery or another instance: read again.
                LogConflict(partition);
                if (attempt >= 2)
                {
                    await Task.Delay(Random.Shared.Next(1, 2 + attempt)).ConfigureAwait(false);
                }
            }
        }
    }

    // Table Storage allows at most 15 comparisons in one filter: the partition's and 13 row keys.
    private static async Task<List<AffinityEntity>> ReadAsync(TableClient table, string partition, string[] keys)
    {
        var filter = $"PartitionKey eq '{Quote(partition)}' and ({string.Join(" or ", keys.Select(r => $"RowKey eq '{Quote(r)}'"))})";
        var rows = new List<AffinityEntity>(keys.Length);
        await foreach (var row in table.QueryAsync<AffinityEntity>(filter).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Co-purchase counts of {Partition} changed meanwhile; reading again")]
    private partial void LogConflict(string partition);

    private sealed record Request(string Marker, List<string> Rows)
    {
        // Its marker and its rows, the most a batch can add for it.
        public int Operations => Rows.Count + 1;
    }
}

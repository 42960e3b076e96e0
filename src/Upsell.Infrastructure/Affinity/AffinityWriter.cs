using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.Affinity;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Affinity;

/// <summary>
/// Counts an order's co-purchases exactly once. The order's first <c>MaxLinesPerOrder</c> distinct SKUs each add
/// one to their pair counts in their own partition of the order's shard, and the order adds one to the order counts
/// of its shard. Each partition is one batch transaction that inserts the order's marker and rewrites its counts
/// only if they are still as read: a redelivery fails on the marker (and is done), a concurrent order on a count
/// it changed first (and is read again), and either way nothing of the batch applies.
/// </summary>
public sealed partial class AffinityWriter(UpsellTables tables, IOptions<AffinityOptions> options, TimeProvider time, ILogger<AffinityWriter> logger)
{
    private const int MaxConflicts = 50;

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

        var shard = AffinityKeys.ShardOf(orderId, options.Value.Shards);
        var parts = skus.Select(a => (Partition: AffinityKeys.Pairs(a, shard), Rows: skus.Where(b => b != a).Select(AffinityKeys.Key).ToList()))
            .Where(p => p.Rows.Count > 0)
            .Append((Partition: AffinityKeys.Orders(shard), Rows: [.. skus.Select(AffinityKeys.Key).Append(AffinityKeys.TotalRow)]));
        var table = await tables.AffinityAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(parts.Select(p => CountOnceAsync(table, p.Partition, p.Rows, orderId, cancellationToken))).ConfigureAwait(false);
    }

    private async Task CountOnceAsync(TableClient table, string partition, List<string> rows, string orderId, CancellationToken cancellationToken)
    {
        var marker = AffinityKeys.Marker(orderId);
        for (var attempt = 0; ; attempt++)
        {
            var read = new Dictionary<string, AffinityEntity>(StringComparer.Ordinal);
            var filter = $"PartitionKey eq '{Quote(partition)}' and ({string.Join(" or ", rows.Append(marker).Select(r => $"RowKey eq '{Quote(r)}'"))})";
            await foreach (var row in table.QueryAsync<AffinityEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                read[row.RowKey] = row;
            }

            if (read.ContainsKey(marker))
            {
                return;
            }

            var now = time.GetUtcNow();
            var actions = new List<TableTransactionAction>(rows.Count + 1)
            {
                new(TableTransactionActionType.Add, new AffinityEntity { PartitionKey = partition, RowKey = marker, CountedAt = now }),
            };
            foreach (var row in rows)
            {
                var counted = new AffinityEntity { PartitionKey = partition, RowKey = row, Count = read.TryGetValue(row, out var existing) ? existing.Count + 1 : 1, CountedAt = now };
                actions.Add(existing is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, counted)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, counted, existing.ETag));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxConflicts)
            {
                // Counted meanwhile, by a redelivery or another order of this shard: read again.
                LogConflict(partition);
                if (attempt >= 2)
                {
                    await Task.Delay(Random.Shared.Next(1, 2 + attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Co-purchase counts of {Partition} changed meanwhile; reading again")]
    private partial void LogConflict(string partition);
}

using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.Affinity;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Affinity;

/// <summary>
/// The affinity timer's work: reads the order counts of every shard, and for each SKU counted in an order since the
/// last run sums its pair counts over the shards, scores each pair (<see cref="AffinityScore"/>) and stores its top
/// <c>NeighboursPerSku</c>; then the in-memory snapshot is reloaded. A SKU no new order held keeps its list, whose
/// scores drift only as fast as the shop's totals.
/// </summary>
public sealed partial class AffinityBuilder(
    UpsellTables tables,
    NeighbourStore store,
    AffinitySnapshotProvider snapshots,
    IOptions<AffinityOptions> options,
    TimeProvider time,
    ILogger<AffinityBuilder> logger)
{
    // A count written just before a run began may commit just after its read; the next run looks back this far.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>Rebuilds the lists of the SKUs ordered since the last run (every SKU on the first); returns how many.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var since = await store.WatermarkAsync(cancellationToken).ConfigureAwait(false);
        var table = await tables.AffinityAsync(cancellationToken).ConfigureAwait(false);
        var shards = options.Value.Shards;

        var orders = new Dictionary<string, long>(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var rows in await Task.WhenAll(Enumerable.Range(0, shards).Select(s => ReadAsync(table, AffinityKeys.Orders(s), cancellationToken))).ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                if (row.RowKey == AffinityKeys.TotalRow)
                {
                    total += row.Count;
                    continue;
                }

                orders[row.RowKey] = orders.GetValueOrDefault(row.RowKey) + row.Count;
                if (since is null || row.CountedAt >= since.Value - Overlap)
                {
                    changed.Add(row.RowKey);
                }
            }
        }

        await Parallel.ForEachAsync(changed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (key, ct) =>
        {
            var together = new Dictionary<string, long>(StringComparer.Ordinal);
            var sku = AffinityKeys.Sku(key);
            foreach (var rows in await Task.WhenAll(Enumerable.Range(0, shards).Select(s => ReadAsync(table, AffinityKeys.Pairs(sku, s), ct))).ConfigureAwait(false))
            {
                foreach (var row in rows)
                {
                    together[row.RowKey] = together.GetValueOrDefault(row.RowKey) + row.Count;
                }
            }

            var ordersOfA = orders.GetValueOrDefault(key);
            var neighbours = together
                .Select(p => (Key: p.Key, Together: p.Value, Orders: orders.GetValueOrDefault(p.Key), Score: AffinityScore.Of(p.Value, ordersOfA, orders.GetValueOrDefault(p.Key), total, options.Value)))
                .Where(n => n.Score is not null)
                .OrderByDescending(n => n.Score).ThenByDescending(n => n.Together).ThenBy(n => n.Key, StringComparer.Ordinal)
                .Take(options.Value.NeighboursPerSku)
                .Select(n => new Neighbour(AffinityKeys.Sku(n.Key), n.Score!.Value, n.Together, n.Orders))
                .ToList();
            await store.SaveAsync(new NeighbourList(sku, ordersOfA, total, started, neighbours), ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await store.SetWatermarkAsync(started, cancellationToken).ConfigureAwait(false);
        await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
        LogRefreshed(changed.Count, total);
        return changed.Count;
    }

    private static async Task<List<AffinityEntity>> ReadAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var rows = new List<AffinityEntity>();
        await foreach (var row in table.QueryAsync<AffinityEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!row.RowKey.StartsWith(AffinityKeys.MarkerPrefix, StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the neighbours of {Skus} SKUs from {Orders} orders")]
    private partial void LogRefreshed(int skus, long orders);
}

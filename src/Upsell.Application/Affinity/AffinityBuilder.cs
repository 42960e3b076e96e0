using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Upsell.Domain.Affinity;
using Upsell.Infrastructure.Affinity;
using Upsell.Infrastructure.Storage;

namespace Upsell.Application.Affinity;

/// <summary>
/// The affinity timer's work: reads the order counts of every shard, and for each SKU counted in an order since the
/// last run sums its pair range over the shards, scores each pair (<see cref="AffinityScore"/>) and stores its top
/// <c>NeighboursPerSku</c>; then the in-memory snapshot is reloaded. A SKU no new order held keeps its list, whose
/// scores drift as the shop's totals grow, so every <c>FullRebuildHours</c> a run rebuilds every SKU's list.
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

    /// <summary>Rebuilds the lists of the SKUs ordered since the last run (every SKU on the first run and when a full rebuild is due); returns how many.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var (since, fullRebuildAt) = await store.WatermarkAsync(cancellationToken).ConfigureAwait(false);
        var full = since is null || fullRebuildAt is null || started - fullRebuildAt.Value >= TimeSpan.FromHours(options.Value.FullRebuildHours);
        var table = await tables.AffinityAsync(cancellationToken).ConfigureAwait(false);
        var shards = options.Value.Shards;

        var orders = new Dictionary<string, long>(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        var end = AffinityKeys.OrdersPrefix[..^1] + "}";
        foreach (var rows in await Task.WhenAll(Enumerable.Range(0, shards).Select(s => ReadAsync(table, AffinityKeys.Partition(s), AffinityKeys.OrdersPrefix, end, cancellationToken))).ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                var key = row.RowKey[AffinityKeys.OrdersPrefix.Length..];
                orders[key] = orders.GetValueOrDefault(key) + row.Count;
                if (full || row.CountedAt >= since!.Value - Overlap)
                {
                    changed.Add(key);
                }
            }
        }

        foreach (var row in await Task.WhenAll(Enumerable.Range(0, shards).Select(s => table.GetEntityIfExistsAsync<AffinityEntity>(AffinityKeys.Partition(s), AffinityKeys.TotalRow, cancellationToken: cancellationToken))).ConfigureAwait(false))
        {
            total += row.HasValue ? row.Value!.Count : 0;
        }

        await Parallel.ForEachAsync(changed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (key, ct) =>
        {
            var together = new Dictionary<string, long>(StringComparer.Ordinal);
            var sku = AffinityKeys.Sku(key);
            foreach (var rows in await Task.WhenAll(Enumerable.Range(0, shards).Select(s => ReadAsync(table, AffinityKeys.Partition(s), AffinityKeys.PairsStart(sku), AffinityKeys.PairsEnd(sku), ct))).ConfigureAwait(false))
            {
                foreach (var row in rows)
                {
                    var other = row.RowKey[(row.RowKey.IndexOf('|', StringComparison.Ordinal) + 1)..];
                    together[other] = together.GetValueOrDefault(other) + row.Count;
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

        await store.SetWatermarkAsync(started, full ? started : fullRebuildAt, cancellationToken).ConfigureAwait(false);
        await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
        LogRefreshed(changed.Count, total);
        return changed.Count;
    }

    // The rows of one partition from one key up to, not including, another.
    private static async Task<List<AffinityEntity>> ReadAsync(TableClient table, string partition, string from, string to, CancellationToken cancellationToken)
    {
        var rows = new List<AffinityEntity>();
        await foreach (var row in table.QueryAsync<AffinityEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt the neighbours of {Skus} SKUs from {Orders} orders")]
    private partial void LogRefreshed(int skus, long orders);
}

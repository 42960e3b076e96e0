using Azure.Data.Tables;
using Upsell.Infrastructure.Affinity;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Application.Erasure;

/// <summary>
/// A platform's request to forget the whole shop (Shopify's <c>shop/redact</c>, 48 hours after the app is
/// uninstalled): every stored order, follow-up and address row is deleted, every visitor's state, and every marker
/// that names an order (stats and co-purchases). Counters hold no personal data and stay. It runs from the erasures
/// queue, so no webhook waits on it; run again, it finds less.
/// </summary>
public sealed class ShopEraser(UpsellTables tables)
{
    public async Task<ErasureResult> EraseAsync(CancellationToken cancellationToken)
    {
        var followUps = await DeleteAllAsync(await tables.FollowUpsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var orders = await DeleteAllAsync(await tables.OrdersAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var addresses = await DeleteAllAsync(await tables.AddressesAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var visitors = await DeleteAllAsync(await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        // The markers that name an order; one query over the table each, as this is a job that runs once.
        var stats = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var prefix in new[] { MarkerEntity.OrderPrefix, MarkerEntity.RefundPrefix })
        {
            await DeleteAllAsync(stats, cancellationToken, TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {Next(prefix)}")).ConfigureAwait(false);
        }

        await DeleteAllAsync(await tables.AffinityAsync(cancellationToken).ConfigureAwait(false), cancellationToken,
            TableClient.CreateQueryFilter($"RowKey ge {AffinityKeys.MarkerPrefix} and RowKey lt {Next(AffinityKeys.MarkerPrefix)}")).ConfigureAwait(false);
        return new ErasureResult(followUps, orders, addresses, visitors);
    }

    // The first key after every key that starts with the prefix.
    private static string Next(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static async Task<int> DeleteAllAsync(TableClient table, CancellationToken cancellationToken, string? filter = null)
    {
        var deleted = 0;
        var rows = table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (row, token) =>
        {
            if (await table.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref deleted);
            }
        }).ConfigureAwait(false);
        return deleted;
    }
}

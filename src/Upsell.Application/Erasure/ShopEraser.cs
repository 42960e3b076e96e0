using Azure.Data.Tables;
using Upsell.Infrastructure.Connectors;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Storage;

namespace Upsell.Application.Erasure;

/// <summary>
/// A platform's request to forget the whole shop (Shopify's <c>shop/redact</c>, 48 hours after the app is
/// uninstalled): every stored order, follow-up and address row is deleted, and every visitor's state. Counters hold
/// no personal data and stay. It runs from the erasures queue, so no webhook waits on it; run again, it finds less.
/// </summary>
public sealed class ShopEraser(UpsellTables tables)
{
    public async Task<ErasureResult> EraseAsync(CancellationToken cancellationToken)
    {
        var followUps = await DeleteAllAsync(await tables.FollowUpsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var orders = await DeleteAllAsync(await tables.OrdersAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var addresses = await DeleteAllAsync(await tables.AddressesAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var visitors = await DeleteAllAsync(await tables.SuppressionsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return new ErasureResult(followUps, orders, addresses, visitors);
    }

    private static async Task<int> DeleteAllAsync(TableClient table, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var rows = table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
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

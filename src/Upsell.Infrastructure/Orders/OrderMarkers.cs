using Azure;
using Azure.Data.Tables;
using Upsell.Infrastructure.Outcomes;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Orders;

/// <summary>
/// Where an order's markers are: every stats partition its order and refund outcomes were counted in, kept on the
/// order's row (<see cref="OrderEntity.Counted"/>) before the counting writes them, so that erasing the order can
/// delete each marker that names it by a point delete and a short range query, never a scan of the stats table.
/// </summary>
public sealed class OrderMarkers(UpsellTables tables)
{
    private const char Separator = '\n';

    /// <summary>Adds the partitions to those noted for the order; a no-op when all are noted already.</summary>
    public async Task NoteAsync(string orderId, IEnumerable<string> partitions, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var row = await table.GetEntityAsync<OrderEntity>(orderId, OrderEntity.Row, [nameof(OrderEntity.Counted)], cancellationToken).ConfigureAwait(false);
            var noted = Split(row.Value.Counted);
            var all = noted.Union(partitions, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (all.Count == noted.Count)
            {
                return;
            }

            try
            {
                await table.UpdateEntityAsync(new TableEntity(orderId, OrderEntity.Row) { [nameof(OrderEntity.Counted)] = string.Join(Separator, all) },
                    row.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 5)
            {
                // A refund of the same order noted its own at the same moment: read again and add to theirs.
            }
        }
    }

    /// <summary>Deletes the order's markers and its refunds' in every noted partition; returns how many.</summary>
    public async Task<int> EraseAsync(string orderId, string counted, CancellationToken cancellationToken)
    {
        var stats = await tables.StatsAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        await Parallel.ForEachAsync(Split(counted), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (partition, ct) =>
        {
            var rows = new List<string> { MarkerEntity.OrderPrefix + orderId };
            var (from, to) = (MarkerEntity.RefundPrefix + orderId + ":", MarkerEntity.RefundPrefix + orderId + ";");
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
            await foreach (var refund in stats.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct).ConfigureAwait(false))
            {
                rows.Add(refund.RowKey);
            }

            foreach (var row in rows)
            {
                if (await stats.DeleteIfExistsAsync(partition, row, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref deleted);
                }
            }
        }).ConfigureAwait(false);
        return deleted;
    }

    private static List<string> Split(string? counted) =>
        string.IsNullOrEmpty(counted) ? [] : [.. counted.Split(Separator, StringSplitOptions.RemoveEmptyEntries)];
}

using Azure;
using Azure.Data.Tables;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Orders;

/// <summary>
/// Orders the shop cancelled: a row <see cref="Row"/> in the order's own partition of the orders table, beside the
/// order and its refund notes (<see cref="RefundLedger"/>), erased with it. <see cref="AftermathAsync"/> reads both in
/// one query of that partition, for a follow-up to know what happened to its order.
/// </summary>
public sealed class OrderCancellations(UpsellTables tables)
{
    public const string Row = "cancelled";

    /// <summary>Notes the order as cancelled; the first time stands, and an order not recorded yet is noted all the same.</summary>
    public async Task CancelAsync(string orderId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(new TableEntity(orderId, Row) { ["At"] = at }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Cancelled before (Shopify and WooCommerce resend webhooks).
        }
    }

    /// <summary>What every refund took from each line (by index), and whether the order was cancelled.</summary>
    public async Task<(IReadOnlyDictionary<int, long> Refunded, bool Cancelled)> AftermathAsync(string orderId, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {orderId} and ((RowKey ge {RefundLedger.Prefix} and RowKey lt {"refund}"}) or RowKey eq {Row})");
        var (refunded, cancelled) = (new Dictionary<int, long>(), false);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == Row)
            {
                cancelled = true;
                continue;
            }

            RefundLedger.AddTo(refunded, row.GetString(nameof(RefundLedger.RefundEntity.Lines)) ?? string.Empty);
        }

        return (refunded, cancelled);
    }

    /// <summary>Deletes the order's cancellation; whether there was one.</summary>
    public async Task<bool> ForgetAsync(string orderId, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        return await table.DeleteIfExistsAsync(orderId, Row, cancellationToken).ConfigureAwait(false);
    }
}

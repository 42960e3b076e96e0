using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Upsell.Infrastructure.FollowUps;
using Upsell.Infrastructure.Orders;
using Upsell.Infrastructure.Queues;
using Upsell.Infrastructure.Shoppers;
using Upsell.Infrastructure.Storage;

namespace Upsell.Application.Erasure;

/// <summary>
/// Erases orders by id, as a platform's redaction asks (Shopify's <c>orders_to_redact</c>), whether or not the
/// order had an address: its follow-up and the address's link to it, everything kept about the visitor it names
/// (opt-out, declines, kept arms, sessions' prompts), its decision tokens' claims, the markers that name it in the
/// stats partitions (<see cref="OrderMarkers"/>) and the co-purchase table (the counters they added stay, as they name
/// nobody), and the stored order, last, so a retry finds what is left.
/// </summary>
public sealed class OrderEraser(UpsellTables tables, ShopperStateStore shoppers, RefundLedger refunds, OrderCancellations cancellations, TokenClaims claims, OrderMarkers markers, Infrastructure.Affinity.AffinityWriter affinity)
{
    // A follow-up falls due at most 720 hours (FollowUpOptions.DelayHours' cap) and a quiet night after its order, so its
    // partition (its due day) is one of these, whatever the delay was when it was made.
    private const int FollowUpDays = 32;

    public async Task<ErasureResult> EraseAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var orderTable = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        var followUpTable = await tables.FollowUpsAsync(cancellationToken).ConfigureAwait(false);
        var addressTable = await tables.AddressesAsync(cancellationToken).ConfigureAwait(false);
        int followUps = 0, orders = 0, records = 0, visitorRecords = 0;
        var visitors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var orderId in orderIds.Distinct(StringComparer.Ordinal))
        {
            var row = await orderTable.GetEntityIfExistsAsync<OrderEntity>(orderId, OrderEntity.Row, ["Document", "PlacedAt", nameof(OrderEntity.Counted)], cancellationToken).ConfigureAwait(false);
            // A cancellation can arrive before its order; it names nothing but the order id.
            await cancellations.ForgetAsync(orderId, cancellationToken).ConfigureAwait(false);
            if (!row.HasValue)
            {
                continue;
            }

            var order = JsonSerializer.Deserialize(row.Value!.Document, QueueJson.Default.OrderMessage);
            if (order?.Customer.VisitorId is { Length: > 0 } visitor && visitors.Add(visitor))
            {
                visitorRecords += await shoppers.ForgetAsync(visitor, cancellationToken).ConfigureAwait(false);
            }

            var (from, to) = (Day(row.Value.PlacedAt, 0), Day(row.Value.PlacedAt, FollowUpDays));
            var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey le {to} and RowKey eq {orderId}");
            await foreach (var followUp in followUpTable.QueryAsync<FollowUpEntity>(filter, select: ["PartitionKey", "RowKey", "AddressKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (followUp.AddressKey is { Length: > 0 } addressKey)
                {
                    records += await addressTable.DeleteIfExistsAsync(addressKey, AddressEntity.FollowUpPrefix + orderId, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }

                followUps += await followUpTable.DeleteIfExistsAsync(followUp.PartitionKey, orderId, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            foreach (var upsell in order?.Upsells ?? [])
            {
                await claims.ForgetAsync(upsell.Decision.CountKey, orderId, cancellationToken).ConfigureAwait(false);
            }

            await markers.EraseAsync(orderId, row.Value.Counted, cancellationToken).ConfigureAwait(false);
            await affinity.ForgetAsync(orderId, cancellationToken).ConfigureAwait(false);
            orders += await orderTable.DeleteIfExistsAsync(orderId, OrderEntity.Row, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            await refunds.ForgetAsync(orderId, cancellationToken).ConfigureAwait(false);
        }

        return new ErasureResult(followUps, orders, records, visitorRecords);
    }

    private static string Day(DateTimeOffset at, int plus) => at.UtcDateTime.AddDays(plus).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}

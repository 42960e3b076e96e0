using Azure;
using Azure.Data.Tables;
using Upsell.Domain.FollowUps;
using Upsell.Infrastructure.Shoppers;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.FollowUps;

/// <summary>Per-address records in Table Storage: which follow-ups an address has, unsubscribes, and erasure.</summary>
public sealed class AddressBook(UpsellTables tables, ShopperStateStore shoppers)
{
    /// <summary>Notes a follow-up under its address; written before the follow-up, so erasure always finds it.</summary>
    public async Task LinkFollowUpAsync(string addressKey, string orderId, string followUpPartition, string? visitorId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.AddressesAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new AddressEntity
        {
            PartitionKey = addressKey,
            RowKey = AddressEntity.FollowUpPrefix + orderId,
            At = at,
            FollowUpPartition = followUpPartition,
            VisitorId = visitorId,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why no email may go to the address (<c>unsubscribed</c>, or SendGrid's bounce, dropped or spamreport), or null.</summary>
    public async Task<string?> BarredAsync(string addressKey, CancellationToken cancellationToken)
    {
        var table = await tables.AddressesAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {addressKey} and (RowKey eq {AddressEntity.SuppressedRow} or RowKey eq {AddressEntity.UnsubscribedRow})");
        await foreach (var row in table.QueryAsync<AddressEntity>(filter, select: ["RowKey", "Reason"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // Rows come in RowKey order: suppressed before unsubscribed, so a bounce is named over an unsubscribe.
            return row.RowKey == AddressEntity.UnsubscribedRow ? "unsubscribed" : row.Reason ?? "suppressed";
        }

        return null;
    }

    /// <summary>
    /// Bars an address from every future email because SendGrid reported it (a bounce, a drop, a spam report), and
    /// lists it for operations. The first report stands; doing it again changes nothing. Unlike an unsubscribe it
    /// leaves the shopper's offers alone.
    /// </summary>
    public async Task SuppressAsync(string addressKey, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.AddressesAsync(cancellationToken).ConfigureAwait(false);
        // Suppressed before: the first reason stands.
        await AddOnceAsync(table, new AddressEntity { PartitionKey = addressKey, RowKey = AddressEntity.SuppressedRow, At = at, Reason = reason }, cancellationToken).ConfigureAwait(false);
        await AddOnceAsync(table, new AddressEntity { PartitionKey = AddressEntity.SuppressionsPartition, RowKey = addressKey, At = at, Reason = reason }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Addresses barred from email by reason (SendGrid's event, or <c>unsubscribed</c>), for operations.</summary>
    public async Task<IReadOnlyDictionary<string, int>> SuppressedAsync(CancellationToken cancellationToken)
    {
        var table = await tables.AddressesAsync(cancellationToken).ConfigureAwait(false);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<AddressEntity>(e => e.PartitionKey == AddressEntity.SuppressionsPartition, select: ["Reason"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var reason = row.Reason ?? "suppressed";
            counts[reason] = counts.GetValueOrDefault(reason) + 1;
        }

        return counts;
    }

    /// <summary>
    /// Unsubscribes an address from every email, and opts the visitors seen with it out of offers on every
    /// moment; operations lists it (unless SendGrid had barred it first). Doing it twice changes nothing.
    /// </summary>
    public async Task UnsubscribeAsync(string addressKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.AddressesAsync(cancellationToken).ConfigureAwait(false);
        // Unsubscribed before: the first time stands; the visitors below are opted out again, harmlessly.
        await AddOnceAsync(table, new AddressEntity { PartitionKey = addressKey, RowKey = AddressEntity.UnsubscribedRow, At = at }, cancellationToken).ConfigureAwait(false);
        await AddOnceAsync(table, new AddressEntity { PartitionKey = AddressEntity.SuppressionsPartition, RowKey = addressKey, At = at, Reason = AddressEntity.UnsubscribedRow }, cancellationToken).ConfigureAwait(false);

        var visitors = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in RowsAsync(table, addressKey, cancellationToken).ConfigureAwait(false))
        {
            if (row.VisitorId is { Length: > 0 } visitor && visitors.Add(visitor))
            {
                await shoppers.OptOutAsync(visitor, at, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The orders whose follow-ups the address was linked to, for their erasure (<c>CustomerEraser</c>).</summary>
    public async Task<List<string>> OrdersOfAsync(string email, CancellationToken cancellationToken)
    {
        var table = await tables.AddressesAsync(cancellationToken).ConfigureAwait(false);
        var orders = new List<string>();
        await foreach (var row in RowsAsync(table, EmailAddressKey.Of(email), cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.StartsWith(AddressEntity.FollowUpPrefix, StringComparison.Ordinal))
            {
                orders.Add(row.RowKey[AddressEntity.FollowUpPrefix.Length..]);
            }
        }

        return orders;
    }

    /// <summary>
    /// Deletes the address's own rows and the opt-out and declines of the visitors seen with it. Its orders, with
    /// their follow-ups, are erased first by the order eraser (<c>CustomerEraser</c> does both).
    /// </summary>
    public async Task<ErasureResult> EraseAsync(string email, CancellationToken cancellationToken)
    {
        var addressKey = EmailAddressKey.Of(email);
        var table = await tables.AddressesAsync(cancellationToken).ConfigureAwait(false);
        int records = 0, visitorRecords = 0;
        var visitors = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in RowsAsync(table, addressKey, cancellationToken).ConfigureAwait(false))
        {
            if (row.VisitorId is { Length: > 0 } visitor && visitors.Add(visitor))
            {
                visitorRecords += await shoppers.ForgetAsync(visitor, cancellationToken).ConfigureAwait(false);
            }

            records += await table.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        records += await table.DeleteIfExistsAsync(AddressEntity.SuppressionsPartition, addressKey, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        return new ErasureResult(0, 0, records, visitorRecords);
    }

    private static async Task AddOnceAsync(TableClient table, AddressEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // There already: the first one stands.
        }
    }

    private static AsyncPageable<AddressEntity> RowsAsync(TableClient table, string addressKey, CancellationToken cancellationToken) =>
        table.QueryAsync<AddressEntity>(e => e.PartitionKey == addressKey, cancellationToken: cancellationToken);
}

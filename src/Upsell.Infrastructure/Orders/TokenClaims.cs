using Azure;
using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Orders;

/// <summary>
/// Which order each decision token attributed revenue to, so one token counts in one order only: a row per token in
/// the orders table (PartitionKey "claim|{decision}:{offer}", which no order id can be, RowKey "claim"), added by
/// the first order that carries the token and read by every later one.
/// </summary>
public sealed class TokenClaims(UpsellTables tables)
{
    private const string Row = "claim";

    /// <summary>Whether the token is this order's: claimed now, or by an earlier delivery of the same order.</summary>
    public async Task<bool> TryClaimAsync(string countKey, string orderId, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        var claim = new ClaimEntity { PartitionKey = PartitionOf(countKey), RowKey = Row, OrderId = orderId };
        try
        {
            await table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var held = await table.GetEntityAsync<ClaimEntity>(claim.PartitionKey, Row, cancellationToken: cancellationToken).ConfigureAwait(false);
            return held.Value.OrderId == orderId;
        }
    }

    /// <summary>Deletes the token's claim when it is this order's (an erasure of the order).</summary>
    public async Task ForgetAsync(string countKey, string orderId, CancellationToken cancellationToken)
    {
        var table = await tables.OrdersAsync(cancellationToken).ConfigureAwait(false);
        var held = await table.GetEntityIfExistsAsync<ClaimEntity>(PartitionOf(countKey), Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (held.HasValue && held.Value!.OrderId == orderId)
        {
            await table.DeleteIfExistsAsync(held.Value.PartitionKey, Row, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string PartitionOf(string countKey) => "claim|" + countKey;

    /// <summary>A token's claim: the order it attributes to.</summary>
    public sealed class ClaimEntity : TableRow
    {
        public string OrderId { get; set; } = string.Empty;
    }
}

using Upsell.Infrastructure.Storage;

namespace Upsell.Infrastructure.Orders;

/// <summary>
/// One order as received: PartitionKey is the order id (a point write per order, spread over as many partitions as
/// orders; a second delivery finds it), RowKey the constant <see cref="Row"/>. The email address is not kept here.
/// </summary>
public sealed class OrderEntity : TableRow
{
    public const string Row = "order";

    /// <summary>The partition that lists test orders, one row each keyed by order id, for operations to count.</summary>
    public const string TestOrders = "~test";

    public OrderEntity() => RowKey = Row;

    public DateTimeOffset PlacedAt { get; set; }

    public string Currency { get; set; } = string.Empty;

    public long Total { get; set; }

    /// <summary>Revenue of the lines that came from accepted offers, in minor units.</summary>
    public long UpsellRevenue { get; set; }

    public bool MarketingConsent { get; set; }

    /// <summary>A platform's test order: kept, counted nowhere.</summary>
    public bool Test { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>SHA-256 of the order as first received; a resend with other content is refused.</summary>
    public string ContentHash { get; set; } = string.Empty;

    /// <summary>
    /// The stats partitions that hold this order's markers and its refunds' ("order|{id}", "refund|{id}:…"), noted
    /// before they are written, so an erasure finds every one (<see cref="OrderMarkers"/>).
    /// </summary>
    public string Counted { get; set; } = string.Empty;

    /// <summary>The order message as UTF-8 JSON, without the email address.</summary>
    public byte[] Document { get; set; } = [];
}

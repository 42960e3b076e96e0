namespace Upsell.Infrastructure.Orders;

/// <summary>
/// One accepted order on the orders queue; amounts net of tax. A <see cref="Test"/> order (a platform's test
/// checkout) is stored and counted in operations, nothing else. <see cref="TaxIncluded"/>: the shop's prices
/// included tax, so its refunds' amounts do too and the tax comes out of them.
/// </summary>
public sealed record OrderMessage(
    string OrderId,
    DateTimeOffset PlacedAt,
    string Currency,
    long Total,
    IReadOnlyList<OrderLineMessage> Lines,
    OrderCustomerMessage Customer,
    IReadOnlyList<UpsellMessage> Upsells,
    DateTimeOffset ReceivedAt,
    bool Test = false,
    bool TaxIncluded = false);

namespace Upsell.Infrastructure.Orders;

/// <summary>One accepted <c>POST /api/orders</c> request on the orders queue.</summary>
public sealed record OrderMessage(
    string OrderId,
    DateTimeOffset PlacedAt,
    string Currency,
    long Total,
    IReadOnlyList<OrderLineMessage> Lines,
    OrderCustomerMessage Customer,
    IReadOnlyList<UpsellMessage> Upsells,
    DateTimeOffset ReceivedAt);

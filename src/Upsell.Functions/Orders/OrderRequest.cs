namespace Upsell.Functions.Orders;

/// <summary>The body of <c>POST /api/orders</c>, signed by the commerce backend.</summary>
public sealed record OrderRequest(
    string? OrderId,
    DateTimeOffset? PlacedAt,
    string? Currency,
    long? Total,
    IReadOnlyList<OrderLineRequest>? Lines,
    OrderCustomerRequest? Customer);

namespace Upsell.Infrastructure.Orders;

/// <summary>One accepted <c>POST /api/orders/{id}/refunds</c> request on the refunds queue.</summary>
public sealed record RefundMessage(string OrderId, string RefundId, DateTimeOffset RefundedAt, IReadOnlyList<RefundLineMessage> Lines, DateTimeOffset ReceivedAt);

namespace Upsell.Application.Intake;

/// <summary>The body of <c>POST /api/orders/{id}/refunds</c>, signed by the commerce backend like an order.</summary>
public sealed record RefundRequest(string? RefundId, DateTimeOffset? RefundedAt, IReadOnlyList<RefundLineRequest>? Lines);

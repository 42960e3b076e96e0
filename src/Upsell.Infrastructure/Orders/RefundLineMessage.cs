namespace Upsell.Infrastructure.Orders;

/// <summary>An amount refunded on one line of the order (its position in the order's lines), in minor units.</summary>
public sealed record RefundLineMessage(int Line, long Amount);

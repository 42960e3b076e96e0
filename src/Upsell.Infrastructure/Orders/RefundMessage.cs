namespace Upsell.Infrastructure.Orders;

/// <summary>One accepted <c>POST /api/orders/{id}/refunds</c> request on the refunds queue.</summary>
public sealed record RefundMessage(string OrderId, string RefundId, DateTimeOffset RefundedAt, IReadOnlyList<RefundLineMessage> Lines, DateTimeOffset ReceivedAt)
{
    /// <summary>The whole refund, in minor units.</summary>
    public long Amount => Lines.Sum(l => l.Amount);

    /// <summary>What the refund takes out of each of the order's upsell lines: at most the revenue that line attributed.</summary>
    public IEnumerable<(UpsellMessage Upsell, long Amount)> UpsellRefunds(OrderMessage order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var refunded = Lines.GroupBy(l => l.Line).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));
        return order.Upsells.Where(u => refunded.ContainsKey(u.Line)).Select(u => (u, Math.Min(u.Revenue, refunded[u.Line])));
    }
}

namespace Upsell.Infrastructure.Orders;

/// <summary>
/// One order line on the orders queue; prices in minor units of the order's currency. <see cref="LineId"/> is the
/// shop platform's id of the line, by which its refunds name the line; <see cref="ProductId"/> the platform's id of the
/// product.
/// </summary>
public sealed record OrderLineMessage(string Sku, string Name, string? Category, long UnitPrice, int Quantity, string? LineId = null, string? ProductId = null)
{
    public long Total => UnitPrice * Quantity;
}

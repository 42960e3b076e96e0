namespace Upsell.Infrastructure.Orders;

/// <summary>One order line on the orders queue; prices in minor units of the order's currency.</summary>
public sealed record OrderLineMessage(string Sku, string Name, string? Category, long UnitPrice, int Quantity)
{
    public long Total => UnitPrice * Quantity;
}

namespace Upsell.Domain.Offers;

/// <summary>One line of the shopper's cart.</summary>
public sealed record CartLine(string Sku, string? Category, Money.Money UnitPrice, int Quantity)
{
    /// <summary>Unit price times quantity, in minor units.</summary>
    public long Total => UnitPrice.Minor * Quantity;
}

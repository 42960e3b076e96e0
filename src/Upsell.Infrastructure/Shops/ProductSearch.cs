namespace Upsell.Infrastructure.Shops;

/// <summary>What a product search found, on which platform; <see cref="Problem"/> says why the shop did not answer.</summary>
public sealed record ProductSearch(string? Platform, IReadOnlyList<ShopProduct> Products, string? Problem = null)
{
    /// <summary>No shop connected: offers are typed by hand.</summary>
    public static readonly ProductSearch NotConnected = new(null, []);
}

namespace Upsell.Infrastructure.Shops;

/// <summary>
/// A product (a Shopify variant, a WooCommerce product) as the console offers it for an offer: what the offer's SKU,
/// platform id, image and price become. <see cref="PriceMinor"/> is null when the shop's price could not be read.
/// </summary>
public sealed record ShopProduct(string? Sku, string PlatformId, string Title, string? ImageUrl, long? PriceMinor, string Currency);

/// <summary>What a product search found, on which platform; <see cref="Problem"/> says why the shop did not answer.</summary>
public sealed record ProductSearch(string? Platform, IReadOnlyList<ShopProduct> Products, string? Problem = null)
{
    /// <summary>No shop connected: offers are typed by hand.</summary>
    public static readonly ProductSearch NotConnected = new(null, []);
}

namespace Upsell.Infrastructure.Shops;

/// <summary>
/// A product (a Shopify variant, a WooCommerce product) as the console offers it for an offer: what the offer's SKU,
/// platform id, image and price become. <see cref="PriceMinor"/> is null when the shop's price could not be read.
/// </summary>
public sealed record ShopProduct(string? Sku, string PlatformId, string Title, string? ImageUrl, long? PriceMinor, string Currency);

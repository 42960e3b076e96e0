namespace Upsell.Functions.Offers;

/// <summary>A cart line as the storefront sends it; prices in minor units.</summary>
public sealed record CartLineRequest(string? Sku, string? Category, long? UnitPrice, int? Quantity, string? Currency);

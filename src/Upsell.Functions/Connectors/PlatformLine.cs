using Upsell.Domain.Catalog;
using Upsell.Functions.Orders;

namespace Upsell.Functions.Connectors;

/// <summary>One platform order line in our shape. Revenue is the line's total after its discounts, exactly.</summary>
public static class PlatformLine
{
    /// <summary>
    /// The line. A platform line without a SKU (a custom item, a gift card) is named by its variant or line id so
    /// the order still counts. When the discounted total does not divide by the quantity, the line is recorded as
    /// one unit of its total: revenue stays exact, which is what attribution and reports read.
    /// </summary>
    public static OrderLineRequest Of(string? sku, string? fallbackSku, string? name, string? category, long? total, int? quantity, string? token, string? lineId)
    {
        var units = quantity is > 0 ? quantity.Value : 1;
        var even = total is { } t && t % units == 0;
        return new OrderLineRequest(
            PlatformJson.Cut(sku ?? fallbackSku, Fields.MaxNameLength),
            PlatformJson.Cut(name ?? sku ?? fallbackSku, OrderRequestValidator.MaxLineNameLength),
            string.IsNullOrWhiteSpace(category) ? null : PlatformJson.Cut(category, Fields.MaxNameLength),
            total is null ? null : even ? total / units : total,
            quantity is null ? null : even ? units : 1,
            token,
            PlatformJson.Cut(lineId, Fields.MaxNameLength));
    }
}

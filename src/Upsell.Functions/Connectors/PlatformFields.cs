using System.Text.RegularExpressions;
using Upsell.Domain.Validation;

namespace Upsell.Functions.Connectors;

/// <summary>
/// Our field names in an error, given as the platform's own, so a merchant reading a refused delivery in the
/// platform's webhook log finds the field in the payload: each name in the path is renamed, indices are kept
/// ("lines[3].unitPrice" is Shopify's "line_items[3].price").
/// </summary>
public static partial class PlatformFields
{
    public static readonly IReadOnlyDictionary<string, string> ShopifyOrder = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["orderId"] = "id",
        ["placedAt"] = "created_at",
        ["total"] = "current_total_price",
        ["lines"] = "line_items",
        ["unitPrice"] = "price",
        ["lineId"] = "id",
        ["name"] = "title",
        ["upsellToken"] = "properties." + Connectors.ShopifyOrder.TokenProperty,
    };

    public static readonly IReadOnlyDictionary<string, string> ShopifyRefund = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["refundId"] = "id",
        ["refundedAt"] = "processed_at",
        ["lines"] = "refund_line_items",
        ["line"] = "line_item_id",
        ["amount"] = "subtotal",
    };

    public static readonly IReadOnlyDictionary<string, string> WooCommerceOrder = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["orderId"] = "id",
        ["placedAt"] = "date_created_gmt",
        ["lines"] = "line_items",
        ["unitPrice"] = "total",
        ["lineId"] = "id",
        ["upsellToken"] = "meta_data." + Connectors.WooCommerceOrder.TokenMeta,
        ["refundId"] = "id",
        ["refundedAt"] = "date_modified_gmt",
        ["amount"] = "total",
    };

    public static IReadOnlyList<FieldError> Named(IEnumerable<FieldError> errors, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return [.. errors.Select(e => e with { Field = Name().Replace(e.Field, m => names.GetValueOrDefault(m.Value, m.Value)) })];
    }

    [GeneratedRegex("[A-Za-z_]+", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}

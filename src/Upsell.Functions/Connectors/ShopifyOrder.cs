using System.Text.Json;
using Upsell.Domain.Catalog;
using Upsell.Functions.Orders;

namespace Upsell.Functions.Connectors;

/// <summary>
/// A Shopify order webhook (orders/create or orders/paid) as our order. Shopify's fields: id, created_at,
/// currency, current_total_price, line_items (id, variant_id, sku, title, price, quantity, discount_allocations,
/// properties with _upsell_token), email, customer_locale, note_attributes with _upsell_visitor, and consent from
/// customer.email_marketing_consent.state = "subscribed" or buyer_accepts_marketing. The rest is ignored.
/// </summary>
public static class ShopifyOrder
{
    public const string IdPrefix = "shopify:";
    public const string TokenProperty = "_upsell_token";
    public const string VisitorAttribute = "_upsell_visitor";

    /// <summary>Our order id for a Shopify order id.</summary>
    public static string? OrderId(string? shopifyId) => shopifyId is null ? null : IdPrefix + shopifyId;

    /// <summary>The order in our shape; a malformed amount adds an error naming Shopify's field.</summary>
    public static OrderRequest ToRequest(JsonElement order, List<FieldError> errors)
    {
        var currency = PlatformCustomer.Currency(order.Text("currency"));
        var lines = new List<OrderLineRequest>();
        var index = 0;
        foreach (var line in order.Items("line_items"))
        {
            var field = $"line_items[{index++}]";
            long? total = null;
            if (currency is not null && line.Amount("price", currency, $"{field}.price", errors) is { } price && line.Count("quantity") is { } quantity)
            {
                var discounts = line.Items("discount_allocations").Select((d, i) => d.Amount("amount", currency, $"{field}.discount_allocations[{i}].amount", errors) ?? 0).Sum();
                total = Math.Max(0, (price * quantity) - discounts);
            }

            lines.Add(PlatformLine.Of(
                line.Text("sku"),
                line.Text("variant_id") is { } variant ? $"variant-{variant}" : $"line-{line.Text("id")}",
                line.Text("name") ?? line.Text("title"),
                line.Text("product_type"),
                total,
                line.Count("quantity"),
                line.Entry("properties", TokenProperty),
                line.Text("id")));
        }

        var customer = order.Get("customer");
        var consent = customer?.Get("email_marketing_consent")?.Text("state") == "subscribed" || order.Flag("buyer_accepts_marketing");
        var email = order.Text("email") ?? order.Text("contact_email") ?? customer?.Text("email");
        return new OrderRequest(
            OrderId(order.Text("id")),
            order.Time("created_at"),
            currency ?? order.Text("currency"),
            currency is null ? null : (order.Get("current_total_price") is not null ? order.Amount("current_total_price", currency, "current_total_price", errors) : order.Amount("total_price", currency, "total_price", errors)),
            lines,
            PlatformCustomer.Of(email, consent, order.Text("customer_locale"), order.Entry("note_attributes", VisitorAttribute)));
    }
}

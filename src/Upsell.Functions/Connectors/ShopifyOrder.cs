using System.Text.Json;
using Upsell.Application.Intake;
using Upsell.Domain.Validation;

namespace Upsell.Functions.Connectors;

/// <summary>
/// A Shopify order webhook (orders/create or orders/paid) as our order. Shopify's fields: id, created_at,
/// currency, current_total_price less current_total_tax, line_items (id, variant_id, sku, title, price, quantity,
/// discount_allocations, tax_lines, properties with _upsell_token), email, customer_locale, note_attributes with
/// _upsell_visitor, consent from customer.email_marketing_consent.state = "subscribed" or buyer_accepts_marketing,
/// test, and taxes_included. Revenue is net of tax as on every platform: where the shop's prices include tax
/// (taxes_included), each line's tax_lines come out of its total. The rest is ignored.
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
        var taxIncluded = order.Flag("taxes_included");
        var lines = new List<OrderLineRequest>();
        var index = 0;
        foreach (var line in order.Items("line_items"))
        {
            var field = $"line_items[{index++}]";
            long? total = null;
            if (currency is not null && line.Amount("price", currency, $"{field}.price", errors) is { } price && line.Count("quantity") is { } quantity)
            {
                var discounts = line.Items("discount_allocations").Select((d, i) => d.Amount("amount", currency, $"{field}.discount_allocations[{i}].amount", errors) ?? 0).Sum();
                var tax = taxIncluded ? line.Items("tax_lines").Select((t, i) => t.Amount("price", currency, $"{field}.tax_lines[{i}].price", errors) ?? 0).Sum() : 0;
                total = Math.Max(0, (price * quantity) - discounts - tax);
            }

            lines.Add(PlatformLine.Of(
                line.Text("sku"),
                line.Text("variant_id") is { } variant ? $"variant-{variant}" : $"line-{line.Text("id")}",
                line.Text("name") ?? line.Text("title"),
                line.Text("product_type"),
                total,
                line.Count("quantity"),
                line.Entry("properties", TokenProperty),
                line.Text("id"),
                line.Text("variant_id")));
        }

        var customer = order.Get("customer");
        var consent = customer?.Get("email_marketing_consent")?.Text("state") == "subscribed" || order.Flag("buyer_accepts_marketing");
        var email = order.Text("email") ?? order.Text("contact_email") ?? customer?.Text("email");
        return new OrderRequest(
            OrderId(order.Text("id")),
            order.Time("created_at"),
            currency ?? order.Text("currency"),
            currency is null ? null : NetTotal(order, currency, errors),
            PlatformLine.Fit(lines),
            PlatformCustomer.Of(email, consent, order.Text("customer_locale"), order.Entry("note_attributes", VisitorAttribute)),
            order.Flag("test"),
            taxIncluded,
            FromPlatform: true);
    }

    // The order's value after edits and refunds (current_*), else as placed, less its tax.
    private static long? NetTotal(JsonElement order, string currency, List<FieldError> errors)
    {
        var (total, tax) = order.Get("current_total_price") is not null ? ("current_total_price", "current_total_tax") : ("total_price", "total_tax");
        var gross = order.Amount(total, currency, total, errors);
        var taxed = order.Get(tax) is not null ? order.Amount(tax, currency, tax, errors) ?? 0 : 0;
        return gross is { } g ? Math.Max(0, g - taxed) : null;
    }
}

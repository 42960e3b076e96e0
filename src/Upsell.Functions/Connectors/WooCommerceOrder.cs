using System.Text.Json;
using Upsell.Application.Intake;
using Upsell.Domain.Money;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.Orders;

namespace Upsell.Functions.Connectors;

/// <summary>
/// A WooCommerce order webhook (order.created, order.updated; the REST API v3 order) as our order: id,
/// date_created_gmt, currency, total less total_tax, line_items (id, sku, name, quantity, total after discounts and
/// before tax, meta_data with _upsell_token), billing.email, and the order's meta_data for consent (a configured key)
/// and _upsell_visitor.
/// WooCommerce's refunds list carries each refund's id and total, not its lines.
/// </summary>
public static class WooCommerceOrder
{
    public const string IdPrefix = "woo:";
    public const string TokenMeta = "_upsell_token";
    public const string VisitorMeta = "_upsell_visitor";

    private static readonly string[] Yes = ["yes", "1", "true", "on"];

    public static OrderRequest ToRequest(JsonElement order, string consentMetaKey, List<FieldError> errors)
    {
        var currency = PlatformCustomer.Currency(order.Text("currency"));
        var lines = new List<OrderLineRequest>();
        var index = 0;
        foreach (var line in order.Items("line_items"))
        {
            var field = $"line_items[{index++}]";
            lines.Add(PlatformLine.Of(
                line.Text("sku"),
                line.Text("variation_id") is { } variation && variation != "0" ? $"variation-{variation}" : $"product-{line.Text("product_id")}",
                line.Text("name"),
                null,
                currency is null ? null : line.Amount("total", currency, $"{field}.total", errors),
                line.Count("quantity"),
                line.Entry("meta_data", TokenMeta, "key"),
                line.Text("id"),
                line.Text("variation_id") is { } product && product != "0" ? product : line.Text("product_id")));
        }

        var consent = order.Entry("meta_data", consentMetaKey, "key") is { } value && Yes.Contains(value.Trim().ToLowerInvariant());
        return new OrderRequest(
            order.Text("id") is { } id ? IdPrefix + id : null,
            order.Time("date_created_gmt"),
            currency ?? order.Text("currency"),
            currency is null ? null : NetTotal(order, currency, errors),
            PlatformLine.Fit(lines),
            PlatformCustomer.Of(order.Get("billing")?.Text("email"), consent, null, order.Entry("meta_data", VisitorMeta, "key")),
            FromPlatform: true);
    }

    // WooCommerce's total includes tax; ours does not.
    private static long? NetTotal(JsonElement order, string currency, List<FieldError> errors)
    {
        var (gross, tax) = GrossAndTax(order, currency, errors);
        return gross is { } g ? Math.Max(0, g - tax) : null;
    }

    // The order's total with tax and its tax, as WooCommerce sends them (no total_tax: none).
    private static (long? Gross, long Tax) GrossAndTax(JsonElement order, string currency, List<FieldError> errors) =>
        (order.Amount("total", currency, "total", errors), order.Get("total_tax") is not null ? order.Amount("total_tax", currency, "total_tax", errors) ?? 0 : 0);

    /// <summary>
    /// The order's refunds as ours. WooCommerce does not say which lines a refund covers, so each refund is spread
    /// over the lines in proportion to their totals (largest remainder, so the parts add up to the refund exactly).
    /// Nor does it split a refund's tax: its total, which includes tax, is scaled by the order's share without tax.
    /// </summary>
    public static IReadOnlyList<RefundRequest> Refunds(JsonElement order, OrderMessage recorded, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var refunds = new List<RefundRequest>();
        var index = 0;
        foreach (var refund in order.Items("refunds"))
        {
            var field = $"refunds[{index++}]";
            var text = refund.Text("total");
            if (DecimalAmount.ToMinor(text?.TrimStart('-'), recorded.Currency) is not { Minor: { } amount } || amount <= 0)
            {
                errors.Add(new FieldError($"{field}.total", $"must be a refunded amount such as \"-5.00\", not \"{text}\""));
                continue;
            }

            refunds.Add(new RefundRequest(refund.Text("id"), order.Time("date_modified_gmt") ?? recorded.PlacedAt, Spread(WithoutTax(amount, order, recorded.Currency), recorded)));
        }

        return refunds;
    }

    private static long WithoutTax(long amount, JsonElement order, string currency)
    {
        var (gross, tax) = GrossAndTax(order, currency, []);
        return gross is > 0 && tax > 0 ? (long)Math.Round((decimal)amount * (gross.Value - tax) / gross.Value, MidpointRounding.AwayFromZero) : amount;
    }

    private static List<RefundLineRequest> Spread(long amount, OrderMessage order)
    {
        var total = order.Lines.Sum(l => l.Total);
        if (total == 0)
        {
            return [];
        }

        amount = Math.Min(amount, total);
        var parts = order.Lines.Select((l, i) => (Line: i, Whole: amount * l.Total / total, Remainder: amount * l.Total % total)).ToList();
        var left = amount - parts.Sum(p => p.Whole);
        foreach (var part in parts.OrderByDescending(p => p.Remainder).ThenBy(p => p.Line).Take((int)left).ToList())
        {
            parts[part.Line] = part with { Whole = part.Whole + 1 };
        }

        return [.. parts.Where(p => p.Whole > 0).Select(p => new RefundLineRequest(p.Line, p.Whole))];
    }
}

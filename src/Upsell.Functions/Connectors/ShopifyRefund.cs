using System.Text.Json;
using Upsell.Domain.Catalog;
using Upsell.Functions.Orders;
using Upsell.Infrastructure.Orders;

namespace Upsell.Functions.Connectors;

/// <summary>
/// A Shopify refunds/create webhook as our refund of a recorded order: each of refund_line_items names its order
/// line by line_item_id, and refunds its subtotal (subtotal_set.shop_money.amount, else subtotal) in the order's
/// currency, less its total_tax (total_tax_set) where the order's prices included tax, so refunds are net of tax like
/// the order. Lines refunded for nothing (a restock only) are left out; shipping and order adjustments are not line
/// revenue and change no upsell.
/// </summary>
public static class ShopifyRefund
{
    public static RefundRequest ToRequest(JsonElement refund, OrderMessage order, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(errors);
        var lines = new List<RefundLineRequest>();
        var index = 0;
        foreach (var item in refund.Items("refund_line_items"))
        {
            var field = $"refund_line_items[{index++}]";
            var lineId = item.Text("line_item_id") ?? item.Get("line_item")?.Text("id");
            var position = order.Lines.Select((l, i) => (l.LineId, i)).Where(l => l.LineId is not null && l.LineId == lineId).Select(l => (int?)l.i).FirstOrDefault();
            var amount = item.Get("subtotal_set")?.Get("shop_money") is { } money
                ? money.Amount("amount", order.Currency, $"{field}.subtotal_set.shop_money.amount", errors)
                : item.Amount("subtotal", order.Currency, $"{field}.subtotal", errors);
            if (order.TaxIncluded && amount is { } gross)
            {
                var tax = item.Get("total_tax_set")?.Get("shop_money") is { } taxMoney
                    ? taxMoney.Amount("amount", order.Currency, $"{field}.total_tax_set.shop_money.amount", errors)
                    : item.Get("total_tax") is not null ? item.Amount("total_tax", order.Currency, $"{field}.total_tax", errors) : 0;
                amount = Math.Max(0, gross - (tax ?? 0));
            }

            if (position is null)
            {
                errors.Add(new FieldError($"{field}.line_item_id", $"names no line of order {order.OrderId}"));
            }
            else if (amount > 0)
            {
                lines.Add(new RefundLineRequest(position, amount));
            }
        }

        return new RefundRequest(refund.Text("id"), refund.Time("processed_at") ?? refund.Time("created_at"), lines);
    }
}

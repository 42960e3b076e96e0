using System.Text.Json;
using Upsell.Application.Intake;
using Upsell.Domain.Validation;
using Upsell.Infrastructure.Orders;

namespace Upsell.Functions.Connectors;

/// <summary>
/// A Shopify refunds/create webhook as our refund of a recorded order: each of refund_line_items names its order
/// line by line_item_id, and refunds its subtotal (subtotal_set.shop_money.amount, else subtotal) in the order's
/// currency, less its total_tax (total_tax_set) where the order's prices included tax, so refunds are net of tax like
/// the order. Lines refunded for nothing (a restock only) are left out; shipping and order adjustments are not line
/// revenue and change no upsell. Shopify is never refused for what it computed: a line the recorded order does not
/// have (added by an order edit) is no upsell and is left out, and a line refunded above what is left of it (its
/// recorded total less what earlier refunds took, <c>refundedBefore</c>: a cent of rounding, a refund of
/// an edited line, a second refund of the same line) is cut to what is left; each is said in
/// <c>adjustments</c>.
/// </summary>
public static class ShopifyRefund
{
    public static RefundRequest ToRequest(JsonElement refund, OrderMessage order, IReadOnlyDictionary<int, long> refundedBefore, List<FieldError> errors, List<string> adjustments)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(adjustments);
        var lines = new List<RefundLineRequest>();
        ArgumentNullException.ThrowIfNull(refundedBefore);
        var refunded = new Dictionary<int, long>(refundedBefore);
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

            if (position is not { } line)
            {
                adjustments.Add($"{field}: line {lineId} is not a line of the recorded order, so no upsell");
            }
            else if (amount is > 0 and var asked)
            {
                var left = order.Lines[line].Total - refunded.GetValueOrDefault(line);
                var given = Math.Min(asked, left);
                if (given < asked)
                {
                    adjustments.Add($"{field}: {asked} asked, {given} left on the recorded line after earlier refunds");
                }

                if (given > 0)
                {
                    refunded[line] = refunded.GetValueOrDefault(line) + given;
                    lines.Add(new RefundLineRequest(line, given));
                }
            }
        }

        return new RefundRequest(refund.Text("id"), refund.Time("processed_at") ?? refund.Time("created_at"), lines);
    }
}
